package post

import (
	"strings"
	"testing"
)

// TestSizeLimits: a post file larger than MaxFileSize, and front matter
// larger than MaxFrontMatter, are problems, found before anything is
// decoded (issue 13, items 11 and 13).
func TestSizeLimits(t *testing.T) {
	big := strings.Repeat("A line of a very long post.\n", MaxFileSize/28+1)
	runProblems(t, []problemCase{
		{name: "file too large", src: "---\ntitle: x\n---\n" + big,
			want: []want{{f, "the file is 4.1 MiB, more than the 4 MiB a post may be: split it"}}},
		{name: "YAML front matter too large, after a blank line", src: "\n\n---\ntitle: x\nsummary: " + strings.Repeat("word ", MaxFrontMatter/5) + "\n---\n",
			want: []want{{f + ":2:1", "front matter is 257 KiB, more than the 256 KiB allowed: move long text into the post's body"}}},
		{name: "TOML front matter too large", src: "+++\ntitle = \"x\"\nsummary = \"" + strings.Repeat("word ", MaxFrontMatter/5) + "\"\n+++\n",
			want: []want{{f + ":1:1", "front matter is 257 KiB, more than the 256 KiB allowed"}}},
		{name: "JSON front matter too large", src: "{\n\"title\": \"x\",\n\"summary\": \"" + strings.Repeat("word ", MaxFrontMatter/5) + "\"\n}\n\n",
			want: []want{{f + ":1:1", "front matter is 257 KiB, more than the 256 KiB allowed"}}},
		{name: "front matter just under the limit", src: "---\ntitle: x\nsummary: " + strings.Repeat("word ", MaxFrontMatter/5-10) + "\nslug: a b\n---\n",
			want: []want{{f + ":4:7", "slug \"a b\" is not a plain name"}}},
	})
}
