package markdown

import (
	"errors"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// wideTable is a post whose table has cols columns and 1+rows rows: a
// header of cols cells, a delimiter, and rows lines of a lone "|", each of
// which GFM fills up to cols cells.
func wideTable(cols, rows int) string {
	return "Intro.\n\n" + strings.Repeat("|a", cols) + "\n" + strings.Repeat("|-", cols) + "\n" + strings.Repeat("|\n", rows)
}

// TestTableLimit: issue 13, item 12. A few kilobytes of Markdown may not
// declare a table of millions of cells; the table is refused as a problem
// at its header's line before its cells are made.
func TestTableLimit(t *testing.T) {
	r := New(Options{})
	tests := []struct {
		name, src string
		want      []string // problems, as "line:col: message…"
	}{
		{"under the limit", wideTable(100, 999), nil},
		{"at the limit", wideTable(100, 499) + "\n" + wideTable(100, 499), nil},
		{"2,000 × 2,000 in 12 KB", wideTable(2000, 2000), []string{
			"3:1: this table has 2,000 columns and 2,001 rows, 4,002,000 cells once its short rows are filled in; a post may have at most 100,000 table cells: split the table",
		}},
		{"400 × 300", wideTable(400, 299), []string{"3:1: this table has 400 columns and 300 rows, 120,000 cells"}},
		{"many tables under the limit, too many together", strings.Repeat(wideTable(100, 399)+"\n", 4), []string{
			"811:1: this table (40,000 cells) takes the post's tables to 120,000 cells; a post may have at most 100,000 table cells: split the post",
		}},
		{"each table too large is named", wideTable(400, 299) + "\n" + wideTable(400, 299), []string{
			"3:1: this table has 400 columns",
			"307:1: this table has 400 columns",
		}},
		{"in a list", "- item\n\n  " + strings.Repeat("|a", 400) + "\n  " + strings.Repeat("|-", 400) + "\n" + strings.Repeat("  |\n", 299), []string{
			"3:3: this table has 400 columns",
		}},
		{"a header of one cell is filled up too", "a\n" + strings.Repeat("|-", 2000) + "\n" + strings.Repeat("|\n", 2000), []string{
			"1:1: this table has 2,000 columns and 2,001 rows",
		}},
		{"not a table: the header has more cells", strings.Repeat("|a", 3) + "\n|-|-\n" + strings.Repeat("|\n", 2000), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Problems) != len(tt.want) {
				t.Fatalf("have %d problems %v, want %d", len(d.Problems), d.Problems, len(tt.want))
			}
			for i, p := range d.Problems {
				have := itoa(p.Line) + ":" + itoa(p.Col) + ": " + p.Err.Error()
				if !strings.HasPrefix(have, tt.want[i]) {
					t.Errorf("have %s\nwant %s…", have, tt.want[i])
				}
			}
			if len(d.HTML) > 2<<20 {
				t.Errorf("have %d bytes of HTML", len(d.HTML))
			}
		})
	}
}

func itoa(n int) string { return thousands(n) }

// TestTableCellsAsGFM: the cells tableLimit counts are the cells GFM makes,
// for tables under the limit.
func TestTableCellsAsGFM(t *testing.T) {
	for _, src := range tableSamples {
		if have, want := countedCells(src), madeCells(src); have != want {
			t.Errorf("%q: counted %d cells, GFM made %d", src, have, want)
		}
	}
}

var tableSamples = []string{
	"|a|b|\n|-|-|\n|1|2|\n|3|\n",
	"a | b\n--- | ---\n1 | 2 | 3\n",
	"| a \\| b | c |\n| :-: | --: |\n|x|\n",
	"| a | b |\n|---|\n|x|\n",
	"text\n|a|b|\n|-|-|\n|1|\n",
	"|a|b|\n|-|-|\n\n|c|\n|-|\n|1|\n|2|\n",
	"> |a|b|\n> |-|-|\n> |1|\n",
	"[r]: /x\n|a|\n|-|\n|1|\n",
	"|a|\n    |-|\n|1|\n",
	"|a|\n---\n|1|\n",
	"||\n|-|\n",
	"a\n|-|-|-|\n|1|\n",
	"| `a|b` | c |\n|-|-|\n",
	"- |a|b|\n  |-|-|\n  |1|\n",
}

// countedCells is what tableLimit counts in src.
func countedCells(src string) int {
	r := New(Options{})
	pc := newContext(nil)
	r.md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	return stateOf(pc).tableCells
}

// madeCells is the number of table cells goldmark makes of src.
func madeCells(src string) int {
	r := New(Options{})
	doc := r.md.Parser().Parse(text.NewReader([]byte(src)))
	n := 0
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Kind() == extast.KindTableCell {
			n++
		}
		return ast.WalkContinue, nil
	})
	return n
}

// FuzzTableCells: whatever the text, tableLimit counts the cells GFM
// makes. go test -fuzz FuzzTableCells ./internal/markdown/
func FuzzTableCells(f *testing.F) {
	for _, s := range tableSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		if have, want := countedCells(src), madeCells(src); have != want && have <= MaxTableCells {
			t.Errorf("%q: counted %d cells, GFM made %d", src, have, want)
		}
	})
}

// TestHTMLLimit: whatever else amplifies (here a reference link 2 KB long,
// used 5,000 times in 20 KB), a post's HTML stops at MaxHTML.
func TestHTMLLimit(t *testing.T) {
	src := "[a]: https://example.org/" + strings.Repeat("x", 2000) + "\n\n" + strings.Repeat("[a] ", 5000) + "\n"
	_, err := New(Options{}).Render([]byte(src))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("have %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "more than 8 MiB of HTML: split it") {
		t.Errorf("have %v", err)
	}
}

// BenchmarkRenderHugeTable renders the post of issue 13 (item 12): 12 KB
// of Markdown declaring a table of 2,000 × 2,000 cells.
// go test -run XXX -bench HugeTable -benchmem ./internal/markdown/
func BenchmarkRenderHugeTable(b *testing.B) {
	src := []byte(wideTable(2000, 2000))
	b.SetBytes(int64(len(src)))
	r := New(Options{})
	for b.Loop() {
		d, err := r.Render(src)
		if err == nil && len(d.Problems) == 0 {
			b.Fatal("rendered in full, and no problem")
		}
	}
}
