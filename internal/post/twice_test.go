package post

import (
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/field"
	"github.com/impactblog/impactblog/internal/tree"
)

// TestGivenTwiceNamesTheKeysLine: "given twice (also at line N)" names the
// line of the first KEY, not of its value, which a block starts on the
// line after (issue 13, item 4, as reviewed).
func TestGivenTwiceNamesTheKeysLine(t *testing.T) {
	const entry = "\n  donations:\n    - recipient: WWF\n      amount: 5\n"
	runProblems(t, []problemCase{
		{name: "impact twice", src: "---\ntitle: x\nimpact:" + entry + "impact:" + entry + "---\n",
			want: []want{{f + ":7:1", `"impact" is given twice (also at line 3): keep one`}}},
		{name: "impact twice, in another case", src: "---\ntitle: x\nImpact:" + entry + "impact:" + entry + "---\n",
			want: []want{{f + ":7:1", `"impact" is given twice (also at line 3): keep one`}}},
		{name: "title twice, the first on the next line", src: "---\ntitle:\n  One\ntitle: Two\n---\n",
			want: []want{{f + ":4:1", `"title" is given twice (also at line 2): keep one`}}},
		{name: "impact twice, in JSON", src: "{\n\"title\": \"x\",\n\"impact\":\n  {},\n\"impact\": {}\n}\n\n",
			want: []want{{f + ":5:1", `"impact" is given twice (also at line 3): keep one`}}},
		{name: "donations twice in impact", src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 5\n  donations:\n    - recipient: WWF\n      amount: 5\n---\n",
			want: []want{{f + ":7:3", `"donations" is given twice in impact (also at line 4): keep one`}}},
	})
}

// TestAliasGivenTwiceNamesTheKeysLine: a field given under its name and
// an alias names the line of the first key.
func TestAliasGivenTwiceNamesTheKeysLine(t *testing.T) {
	type entry struct{ Evidence string }
	s := newSchema(schema[entry]{
		list: "things", entry: "thing", an: "a thing", doc: "a list; each:",
		fields: []row[entry]{
			{name: "evidence", aliases: []string{"proof"}, need: "https://example.org",
				value: asText(func(x *entry, s string) { x.Evidence = s })},
		},
	})
	m, err := tree.DecodeYAML([]byte("evidence:\n  a\nproof: b\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	r := &reader{Reader: field.Reader{File: "f"}}
	s.entryInto(r, m, new(entry))
	const want = `f:3:1: "proof" is evidence, given already as "evidence" (at line 1) in a thing: keep one`
	if have := r.Problems.Error(); !strings.Contains(have, want) {
		t.Errorf("have: %s\nwant: %s", have, want)
	}
}
