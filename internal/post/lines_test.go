package post

import (
	"strings"
	"testing"
)

// TestOneLineText: text that is one line (a title, a name, a tag, any
// entry's field) may not hold a line break, which would split a line of
// impact.csv or of totals; only text whose row lets it (summary) may. And
// no text or key may hold a bidirectional override or isolate, which can
// make a name or a figure read otherwise than it is (issue 13, item 17,
// as reviewed).
func TestOneLineText(t *testing.T) {
	donation := func(field string) string {
		return "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 5\n      " + field + "\n---\n"
	}
	runProblems(t, []problemCase{
		{name: "CRLF in a recipient, in JSON", src: "{\n\"title\": \"x\",\n\"impact\": {\"donations\": [{\"recipient\": \"R\\r\\n=cmd\", \"amount\": 5}]}\n}\n\n",
			want: []want{{f + ":3:40", "recipient is on more than one line: write it on one line"}}},
		{name: "LF in a title", src: "---\ntitle: \"Our\\nyear\"\n---\n",
			want: []want{{f + ":2:8", "title is on more than one line: write it on one line"}}},
		{name: "a title as a YAML block", src: "---\ntitle: >\n  Our year\n---\n",
			want: []want{{f + ":2:8", "title ends with a line break: write it on one line, without one (>- or |- rather than > or |)"}}},
		{name: "LF in a tag", src: "---\ntitle: x\ntags: [a, \"b\\nc\"]\n---\n",
			want: []want{{f + ":3:11", "tags is on more than one line"}}},
		{name: "LF in categories as words", src: "---\ntitle: x\ncategories: \"news\\ngiving\"\n---\n",
			want: []want{{f + ":3:13", "categories is on more than one line"}}},
		{name: "LF in an author", src: "---\ntitle: x\nauthors: [\"A\\nB\"]\n---\n",
			want: []want{{f + ":3:11", "authors is on more than one line"}}},
		{name: "LF in a slug", src: "---\ntitle: x\nslug: \"a\\nb\"\n---\n",
			want: []want{{f + ":3:7", "slug is on more than one line"}, {f + ":3:7", `slug "a\nb" is not a plain name`}}},
		{name: "LF in a project", src: donation(`project: "a\nb"`),
			want: []want{{f + ":7:16", "project is on more than one line"}}},
		{name: "LF in a currency", src: donation(`currency: "GBP\n"`),
			want: []want{{f + ":7:17", `unknown currency "GBP\n": write it as GBP`}}},
		{name: "LF in a url", src: donation(`url: "https://a.org/\nx"`),
			want: []want{{f + ":7:12", "url is on more than one line"}}},
		{name: "a line separator in a provider, in TOML", src: "+++\ntitle = \"x\"\n[[impact.offsets]]\nprovider = \"P\u2028Q\"\ntonnes = 3\n+++\n",
			want: []want{{f + ":4:12", "provider is on more than one line"}}},
		{name: "LF in an emission's source", src: "---\ntitle: x\nimpact:\n  emissions:\n    - source: |\n        Deliveries\n        by van\n      share: 5\n---\n",
			want: []want{{f + ":5:15", "source is on more than one line"}}},
		{name: "U+202E in a recipient", src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: \"WWF\u202e0001\"\n      amount: 5\n---\n",
			want: []want{{f + ":5:18", "recipient holds U+202E RIGHT-TO-LEFT OVERRIDE at character 4: remove it"}}},
		{name: "U+2066 in a summary", src: "---\ntitle: x\nsummary: \"a\u2066b\"\n---\n",
			want: []want{{f + ":3:10", "summary holds U+2066 LEFT-TO-RIGHT ISOLATE at character 2: remove it"}}},
		{name: "U+202A in a title", src: "---\ntitle: \"\u202aOur year\"\n---\n",
			want: []want{{f + ":2:8", "title holds U+202A LEFT-TO-RIGHT EMBEDDING at character 1"}}},
		{name: "U+2069 in a key", src: "---\ntitle: x\n\"a\u2069\": 1\n---\n",
			want: []want{{f + ":3:1", "a key holds U+2069 POP DIRECTIONAL ISOLATE at character 2: remove it"}}},
		{name: "line breaks in a summary, a description and a YAML block", src: "---\ntitle: x\nsummary: \"a\\r\\nb\\nc\"\ndescription: |\n  d\n  e\nslug: a b\n---\n",
			want: []want{{f + ":7:7", `slug "a b" is not a plain name`}}},
		{name: "tabs in one-line text", src: "---\ntitle: \"a\\tb\"\nslug: a b\n---\n",
			want: []want{{f + ":3:7", `slug "a b" is not a plain name`}}},
	})
}

// TestLinesColumn: the rows that let their text hold line breaks are the
// summary's, and no entry's field: a name, a project or a source that a
// total or impact.csv shows is one line.
func TestLinesColumn(t *testing.T) {
	var multi []string
	for _, pk := range postKeys {
		if pk.lines {
			multi = append(multi, pk.name)
		}
	}
	if have := strings.Join(multi, ","); have != "summary" {
		t.Errorf("have: %s want: summary", have)
	}
}
