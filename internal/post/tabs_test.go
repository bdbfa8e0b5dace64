package post

import "testing"

// TestYAMLTabs: a tab in the indentation of YAML front matter is named at
// its line and column, with the fix (issue 13, item 8); a tab YAML allows,
// inside a value, is no problem.
func TestYAMLTabs(t *testing.T) {
	const msg = "front matter is not valid YAML: this line is indented with a tab: indent with spaces, not tabs"
	runProblems(t, []problemCase{
		{name: "a list item indented with tabs", src: "---\ntitle: x\nimpact:\n  donations:\n\t- recipient: WWF\n\t  amount: 5\n---\n",
			want: []want{{f + ":5:1", msg}}},
		{name: "a tab after spaces", src: "---\ntitle: x\nimpact:\n  donations:\n  \t- recipient: WWF\n---\n",
			want: []want{{f + ":5:3", msg}}},
		{name: "a tab in the second key of an item", src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n    \t  amount: 5\n---\n",
			want: []want{{f + ":6:5", msg}}},
		{name: "a top-level key", src: "\n---\ntitle: x\n\tdate: 2021-01-15\n---\n",
			want: []want{{f + ":3:1", msg}}},
		{name: "tabs inside values", src: "---\ntitle: x\nsummary: |\n  a\n  \tb\ntags: [a,\n\tb]\nslug: a b\n---\n",
			want: []want{{f + ":8:7", `slug "a b" is not a plain name`}}},
	})
}
