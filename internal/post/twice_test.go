package post

import "testing"

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
