package tree

import (
	"fmt"
	"strings"
	"testing"
)

func text(s string) []byte { return []byte(strings.TrimPrefix(s, "\n")) }

// at returns the node at a path of keys and list indexes.
func at(t *testing.T, n *Node, path ...any) *Node {
	t.Helper()
	for _, p := range path {
		switch p := p.(type) {
		case string:
			n = n.Get(p)
		case int:
			if n == nil || p >= len(n.Items) {
				n = nil
			} else {
				n = n.Items[p]
			}
		}
		if n == nil {
			t.Fatalf("have: nothing at %v want: a value", path)
		}
	}
	return n
}

// The text locator of TOML finds the line and column of every value,
// whatever is around it.
func TestTOMLPositions(t *testing.T) {
	src := `
title = "x" # a comment with [[impact.donations]]
summary = """
[[impact.donations]]
amount = 1
"""
note = '''
[impact]
'''
path = 'C:\dir\#1'
"quoted key" = 1
impact.emissions = [ { source = "A", share = 60 },
                     { source = "B", share = 40 } ]

[[impact.donations]]
recipient = "A"   # [[impact.donations]]
amount = 1

[[impact.donations]]
# amount = 2
recipient = "B"
amount = 2

[[impact.offsets]]
provider = "P"
tonnes = 3
[impact.offsets.extra]
x = 1

[[impact.offsets]]
tonnes = 4
`
	root, err := DecodeTOML(text(src), 2)
	if err != nil {
		t.Fatal(err)
	}
	checkPositions(t, root, []position{
		{[]any{"title"}, 2, 9},
		{[]any{"summary"}, 3, 11},
		{[]any{"path"}, 10, 8},
		{[]any{"quoted key"}, 11, 16},
		{[]any{"impact", "emissions", 0, "share"}, 12, 46},
		{[]any{"impact", "emissions", 1, "source"}, 13, 33},
		{[]any{"impact", "donations", 0}, 15, 1},
		{[]any{"impact", "donations", 0, "recipient"}, 16, 13},
		{[]any{"impact", "donations", 0, "amount"}, 17, 10},
		{[]any{"impact", "donations", 1}, 19, 1},
		{[]any{"impact", "donations", 1, "recipient"}, 21, 13},
		{[]any{"impact", "donations", 1, "amount"}, 22, 10},
		{[]any{"impact", "offsets", 0, "tonnes"}, 26, 10},
		{[]any{"impact", "offsets", 0, "extra", "x"}, 28, 5},
		{[]any{"impact", "offsets", 1, "tonnes"}, 31, 10},
	})
	if have, want := strings.Join(root.Keys, " "), "title summary note path quoted key impact"; have != want {
		t.Errorf("keys in order have: %s want: %s", have, want)
	}
}

// A position is where the value at path was written.
type position struct {
	path      []any
	line, col int
}

// checkPositions checks the line and column of each value of root.
func checkPositions(t *testing.T, root *Node, want []position) {
	t.Helper()
	for _, tt := range want {
		n := at(t, root, tt.path...)
		if n.Line != tt.line || n.Col != tt.col {
			t.Errorf("%v have: %d:%d want: %d:%d", tt.path, n.Line, n.Col, tt.line, tt.col)
		}
	}
}

// JSON values keep their line and column, in characters.
func TestJSONPositions(t *testing.T) {
	src := `
{
  "title": "Café: 2 €",   "date": "2021-01-15",
  "impact": {"donations": [
    {"recipient": "Zoë", "amount": 5},
    {"amount": 6}
  ]}
}
`
	root, err := DecodeJSON(text(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	checkPositions(t, root, []position{
		{[]any{"date"}, 2, 35},
		{[]any{"impact", "donations", 0}, 4, 5},
		{[]any{"impact", "donations", 0, "amount"}, 4, 36},
		{[]any{"impact", "donations", 1, "amount"}, 5, 16},
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
