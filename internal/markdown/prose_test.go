package markdown

import (
	"strings"
	"testing"
)

// TestProse: each block's prose keeps its place in the source, so a word's
// line and column in Prose.Text are its line and column in the post, and
// what is not prose is blank.
func TestProse(t *testing.T) {
	src := "# Our *green* year\n\n" +
		"We gave **£112,000** to [PUR Projet](https://example.org/green \"green title\").\n" +
		"Our `green` code, <span>green</span> and https://green.example.org stay blank.\n\n" +
		"- a list item, eco-friendly\n" +
		"  on two lines\n\n" +
		"> quoted: carbon neutral\n\n" +
		"```\ngreen code block\n```\n\n" +
		"| a | b |\n|---|---|\n| green cell | ![green alt](x.png) |\n\n" +
		"It's {{< total year=2020 >}} -- that's all...\n"
	r := New(Options{Figures: true, Prose: true})
	d, err := r.Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Prose{
		{"Our  green  year", 1, 3},
		{"We gave   £112,000   to  PUR Projet" + strings.Repeat(" ", 42) + ".\n" +
			"Our         code,       green        and" + strings.Repeat(" ", 27) + "stay blank.", 3, 1},
		{"a list item, eco-friendly\n  on two lines", 6, 3},
		{"quoted: carbon neutral", 9, 3},
		{"a", 15, 3}, {"b", 15, 7},
		{"green cell", 17, 3}, {"green alt", 17, 18},
		{"It's" + strings.Repeat(" ", 25) + "-- that's all", 19, 1},
	}
	if len(d.Prose) != len(want) {
		t.Fatalf("have %d blocks, want %d:\n%+v", len(d.Prose), len(want), d.Prose)
	}
	for i, w := range want {
		if d.Prose[i] != w {
			t.Errorf("block %d:\nhave %q %d:%d\nwant %q %d:%d", i, d.Prose[i].Text, d.Prose[i].Line, d.Prose[i].Col, w.Text, w.Line, w.Col)
		}
	}
	// Every word of prose is where the source has it.
	lines := strings.Split(src, "\n")
	for _, p := range d.Prose {
		for i, l := range strings.Split(p.Text, "\n") {
			col := 1
			if i == 0 {
				col = p.Col
			}
			for j, w := range strings.Fields(l) {
				_ = j
				src := []rune(lines[p.Line-1+i])
				idx := strings.Index(l, w)
				c := col - 1 + len([]rune(l[:idx]))
				if c+len([]rune(w)) > len(src) || string(src[c:c+len([]rune(w))]) != w && !strings.ContainsAny(w, "'-.") {
					t.Errorf("%q at %d:%d is not in the source line %q", w, p.Line+i, c+1, lines[p.Line-1+i])
				}
			}
		}
	}
	if d2, _ := New(Options{}).Render([]byte(src)); d2.Prose != nil {
		t.Error("Prose without Options.Prose")
	}
}
