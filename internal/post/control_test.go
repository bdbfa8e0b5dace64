package post

import "testing"

// TestControlCharacters: a control character in front-matter text, which
// a terminal running totals would obey and impact.csv would carry, is a
// problem naming it without printing it (issue 13, item 17).
func TestControlCharacters(t *testing.T) {
	donation := func(field string) string {
		return "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 5\n      " + field + "\n---\n"
	}
	runProblems(t, []problemCase{
		{name: "ESC in a recipient", src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: \"\\e[2JWWF\"\n      amount: 5\n---\n",
			want: []want{{f + ":5:18", "recipient holds a control character (U+001B ESC) at character 1: remove it"}}},
		{name: "NUL in a title", src: "---\ntitle: \"Our\\0 year\"\n---\n",
			want: []want{{f + ":2:8", "title holds a control character (U+0000 NUL) at character 4: remove it"}}},
		{name: "BEL in a tag", src: "---\ntitle: x\ntags: [a, \"b\\a\"]\n---\n",
			want: []want{{f + ":3:11", "tags holds a control character (U+0007 BEL) at character 2"}}},
		{name: "a carriage return alone in a summary", src: "---\ntitle: x\nsummary: \"a\\rb\"\n---\n",
			want: []want{{f + ":3:10", "summary holds a control character (U+000D CR) at character 2"}}},
		{name: "DEL in a project", src: donation(`project: "a\x7f"`),
			want: []want{{f + ":7:16", "project holds a control character (U+007F DEL) at character 2"}}},
		{name: "a C1 control in an author", src: "---\ntitle: x\nauthor: \"\\x9b2J\"\n---\n",
			want: []want{{f + ":3:9", "author holds a control character (U+009B) at character 1"}}},
		{name: "ESC in a provider, in TOML", src: "+++\ntitle = \"x\"\n[[impact.offsets]]\nprovider = \"\\u001B[2J\"\ntonnes = 3\n+++\n",
			want: []want{{f + ":4:12", "provider holds a control character (U+001B ESC) at character 1"}}},
		{name: "ESC in a source, in JSON", src: "{\n\"title\": \"x\",\n\"impact\": {\"emissions\": [{\"source\": \"\\u001b]0;x\\u0007\", \"share\": 5}]}\n}\n\n",
			want: []want{{f + ":3:37", "source holds a control character (U+001B ESC) at character 1"}}},
		{name: "ESC in a key", src: "---\ntitle: x\n\"a\\eb\": 1\n---\n",
			want: []want{{f + ":3:1", "a key holds a control character (U+001B ESC) at character 2: remove it"}}},
		{name: "a line ending that is a CR alone", src: "---\ntitle: x\rslug: y\n---\n",
			want: []want{{f + ":2:9", "front matter has a line ending that is a carriage return (CR) alone: save the file with LF or CRLF line endings"}}},
		{name: "tabs and line breaks in text", src: "---\ntitle: x\nsummary: \"a\\tb\\r\\nc\\nd\"\nslug: a b\n---\n",
			want: []want{{f + ":4:7", `slug "a b" is not a plain name`}}},
	})
}
