package post

import (
	"fmt"
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

// TestYAMLErrorLineSearch: the line of a YAML mistake is the same whether
// every prefix is tried (small front matter) or a few are (large), and
// whether or not yaml.v3 gives a line.
func TestYAMLErrorLineSearch(t *testing.T) {
	lines := func(n, width int, mistake string, at int) []byte {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			if i == at {
				b.WriteString(mistake + "\n")
				continue
			}
			fmt.Fprintf(&b, "k%d: %s\n", i, strings.Repeat("x", width))
		}
		return []byte(b.String())
	}
	for _, tt := range []struct {
		name string
		data []byte
		hint int
		want int
	}{
		{"small, quote never closed", lines(30, 10, `s: "open`, 7), 0, 7},
		{"small, with yaml.v3's line", lines(30, 10, `s: "open`, 7), 7, 7},
		{"small, a wrong line from yaml.v3", lines(30, 10, " bad: indent", 12), 3, 12},
		{"large, quote never closed", lines(100, 2000, `s: "open`, 37), 0, 37},
		{"large, quote never closed on the first line", lines(100, 2000, `s: "open`, 1), 0, 1},
		{"large, bad indentation", lines(100, 2000, " bad: indent", 64), 0, 64},
		{"large, on the last line", lines(100, 2000, "a: b: c", 100), 0, 100},
		{"large, a wrong line from yaml.v3", lines(100, 2000, " bad: indent", 64), 10, 64},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if have := yamlErrorLine(tt.data, tt.hint); have != tt.want {
				t.Errorf("have: line %d want: %d", have, tt.want)
			}
		})
	}
}
