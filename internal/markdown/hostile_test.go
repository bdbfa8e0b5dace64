package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// repeatTo repeats unit up to about size bytes.
func repeatTo(unit string, size int) string {
	return strings.Repeat(unit, max(1, size/len(unit)))
}

// hostile are the shapes of Markdown that cost a parser most per byte,
// each as a post of about size bytes.
var hostile = []struct {
	name string
	make func(size int) string
}{
	{"quotes", func(size int) string { return repeatTo(strings.Repeat(">", 100)+" x\n", size) }},
	{"lists", func(size int) string {
		var b strings.Builder
		for b.Len() < size {
			for k := range 200 {
				b.WriteString(strings.Repeat("  ", k) + "- x\n")
			}
		}
		return b.String()
	}},
	{"emphasis", func(size int) string { return strings.Repeat("*", size/2) + "x" + strings.Repeat("*", size/2) }},
	{"emphasis-open", func(size int) string { return repeatTo("*a ", size) }},
	{"brackets", func(size int) string { return strings.Repeat("[", size) }},
	{"brackets-link", func(size int) string { return repeatTo("[a](", size) }},
	{"backticks", func(size int) string {
		var b strings.Builder
		for i := 1; b.Len() < size; i++ {
			b.WriteString(strings.Repeat("`", i) + " ")
		}
		return b.String()
	}},
	{"comments", func(size int) string { return repeatTo("<!-- ", size) }},
	{"pipes", func(size int) string { return repeatTo(strings.Repeat("|", 10_000)+"\n", size) }},
	{"links-glued", func(size int) string { return repeatTo("[a](b)", size) }},
	{"refs", func(size int) string {
		return "[a]: http://x.example/\n\n" + repeatTo("[a] ", size)
	}},
}

// BenchmarkHostile renders each hostile shape at 1 MB and 4 MB (the
// largest post file): ns/op and B/op should grow about fourfold.
// go test -run XXX -bench Hostile -benchmem -benchtime 1x ./internal/markdown/
func BenchmarkHostile(b *testing.B) {
	r := New(Options{})
	for _, h := range hostile {
		for _, size := range []int{1 << 20, 4 << 20} {
			src := []byte(h.make(size))
			b.Run(fmt.Sprintf("%s/%dMB", h.name, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					r.Render(src)
				}
			})
		}
	}
}

// countLinks is a node renderer that counts the links it is asked to render.
type countLinks struct{ n *int }

func (c countLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		*c.n++
		return ast.WalkContinue, nil
	})
}

// TestHTMLEstimate: issue 13, items 12 and "hostile or huge input stays
// cheap". A link reference with a long destination, used many times,
// is refused before any link is resolved or rendered: the work stops, not
// only the HTML.
func TestHTMLEstimate(t *testing.T) {
	refs := func(dest, uses int) string {
		return "[a]: x/" + strings.Repeat("a", dest) + "\n\n" + strings.Repeat("[a] ", uses) + "\n"
	}
	tests := []struct {
		name     string
		src      string
		tooLarge bool
	}{
		{"4 KB destination used 3,000 times", refs(4000, 3000), true},
		{"4 KB destination used 2,000 times", refs(4000, 2000), false},
		{"long title", "[a]: x \"" + strings.Repeat("t", 4000) + "\"\n\n" + strings.Repeat("[a] ", 3000), true},
		{"image", "[a]: x/" + strings.Repeat("a", 4000) + "\n\n" + strings.Repeat("![a] ", 3000), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Options{})
			rendered, resolved := 0, 0
			r.md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(countLinks{&rendered}, 0)))
			_, err := r.RenderWith([]byte(tt.src), Env{Resolve: func(string) string { resolved++; return "" }})
			if have := errors.Is(err, ErrTooLarge); have != tt.tooLarge {
				t.Fatalf("have %v, want too large: %v", err, tt.tooLarge)
			}
			if tt.tooLarge && (rendered > 0 || resolved > 0) {
				t.Errorf("have %d links rendered and %d resolved, want none", rendered, resolved)
			}
		})
	}
}

// TestHTMLEstimateAtMost: the estimate is never more than the HTML, for
// posts as writers write them.
func TestHTMLEstimateAtMost(t *testing.T) {
	srcs := append([]string{}, tableSamples...)
	for i := range 40 {
		_, src := blogtest.Post(i, 40, 1)
		srcs = append(srcs, string(src))
	}
	srcs = append(srcs,
		"# Title\n\nSome *emphasis*, **strong**, `code`, [a link](x.md \"title\"), ![image](p.jpg), <https://example.org>.\n\n> quote\n\n- a\n- [ ] b\n\n1. c\n\n---\n\n```go\nfunc f() {}\n```\n\n    indented\n\n<div>raw</div>\n\nText with a footnote[^1] and \"quotes\" -- dashes...\n\n[^1]: The note.\n",
		"[r]: /x 'title'\n\n[r] [r][] [text][r] ~~gone~~ www.example.org {% raw %} {{< total >}}\n",
	)
	for _, unsafe := range []bool{false, true} {
		r := New(Options{UnsafeHTML: unsafe})
		for _, src := range srcs {
			pc := newContext(nil)
			doc := r.md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
			d, err := r.Render([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if est := htmlAtLeast(doc, []byte(src), MaxHTML); est > len(d.HTML) {
				t.Errorf("%.60q: estimated %d bytes, rendered %d", src, est, len(d.HTML))
			}
		}
	}
}

// TestParseCost: issue 13, "hostile or huge input stays cheap". Nesting
// and open links that would cost goldmark more than their size are
// problems at their line, found before the post is parsed.
func TestParseCost(t *testing.T) {
	nestedList := func(levels int) string {
		var b strings.Builder
		for k := range levels {
			b.WriteString(strings.Repeat("  ", k) + "- x\n")
		}
		return b.String()
	}
	tests := []struct {
		name, src string
		want      []string // problems, as "line:col: message…"
	}{
		{"blockquotes 100,000 deep", "Intro.\n\n" + strings.Repeat("> ", 100_000) + "x", []string{
			"3:1: this line is nested 100,000 levels deep (blockquotes): a post may nest at most 100: flatten it",
		}},
		{"blockquotes 100 deep", strings.Repeat(">", 100) + " x\n", nil},
		{"blockquotes 101 deep", "a\n" + strings.Repeat("> ", 101) + "x\n", []string{"2:1: this line is nested 101 levels deep (blockquotes)"}},
		{"lists on one line", strings.Repeat("- ", 150) + "x\n", []string{"1:1: this line is nested 150 levels deep (lists)"}},
		{"quotes and lists", strings.Repeat("> 1. ", 60) + "x\n", []string{"1:1: this line is nested 120 levels deep (blockquotes and lists)"}},
		{"lists 1,500 levels", nestedList(1500), []string{
			"201:1: this line is indented 402 columns (nested lists, or code): a post may indent a line at most 400 columns: flatten it",
		}},
		{"lists 200 levels", nestedList(200), nil},
		{"tabs", strings.Repeat("\t", 101) + "x\n", []string{"1:1: this line is indented 404 columns"}},
		{"a thematic break is not a list", strings.Repeat("- ", 150) + "\n\n" + strings.Repeat("* ", 150) + "\n", nil},
		{"links left open", "Intro.\n\n" + strings.Repeat("[a](", 5000) + "\n", []string{
			"3:1: the links on this line are not closed: finding where their destinations end means reading 49,990,000 bytes (49,990,000 in the post), and a post may need at most 16,777,216",
		}},
		{"links left open in <>", strings.Repeat("[a]( <", 5000) + "\n", []string{"1:1: the links on this line are not closed"}},
		{"links closed without spaces", strings.Repeat("[a](b(c)d)", 50_000) + "\n", nil},
		{"links open, with spaces", strings.Repeat("[a](b ", 50_000) + "\n", nil},
		{"escaped", strings.Repeat("[a](\\)", 10_000) + "\n", []string{"1:1: the links on this line are not closed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(Options{}).Render([]byte(tt.src))
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
			if len(tt.want) > 0 && d.HTML != "" {
				t.Errorf("have %d bytes of HTML, want none: the post is not parsed", len(d.HTML))
			}
		})
	}
}

// FuzzDestinationScan: destinationScan is never less than what goldmark
// reads. go test -fuzz FuzzDestinationScan ./internal/markdown/
func FuzzDestinationScan(f *testing.F) {
	for _, s := range []string{"[a](b)", "[a](<b>)", "[a](b(c)d) [e](f", "[a](\\)x)", "[a](  <x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n\r") {
			return
		}
		if have, want := destinationScan([]byte(line)), goldmarkScan(line); have < want {
			t.Errorf("%q: have %d, goldmark reads %d", line, have, want)
		}
	})
}

// goldmarkScan is what goldmark's parseLinkDestination reads of line,
// run from each "](" as goldmark would (and more: from every one).
func goldmarkScan(line string) int {
	n := 0
	for i := 0; i+1 < len(line); i++ {
		if line[i] == '\\' && util.IsPunct(line[i+1]) {
			i++
			continue
		}
		if line[i] != ']' || line[i+1] != '(' {
			continue
		}
		q := i + 2
		for q < len(line) && (line[q] == ' ' || line[q] == '\t') {
			q++
		}
		if q < len(line) && line[q] == '<' {
			end := strings.IndexByte(line[q:], '>')
			if end < 0 {
				end = len(line) - q
			}
			n += end
			continue
		}
		opened, j := 0, q
		for j < len(line) {
			c := line[j]
			if c == '\\' && j < len(line)-1 && util.IsPunct(line[j+1]) {
				j += 2
				continue
			} else if c == '(' {
				opened++
			} else if c == ')' {
				opened--
				if opened < 0 {
					break
				}
			} else if util.IsSpace(c) {
				break
			}
			j++
		}
		n += min(j, len(line)) - q
	}
	return n
}

// TestPositioner: offsets in any order get the line and column counted
// from the start.
func TestPositioner(t *testing.T) {
	src := []byte("ab\nçd\n\nxyz")
	naive := func(offset int) (int, int) {
		before := src[:offset]
		start := strings.LastIndexByte(string(before), '\n') + 1
		return 1 + strings.Count(string(before), "\n"), 1 + len([]rune(string(before[start:])))
	}
	pos := newPositioner(src)
	for _, off := range []int{0, 1, 3, 5, 6, 7, 8, 11, 2, 4, 4, 10, 9} {
		line, col := pos.at(off)
		if wl, wc := naive(off); line != wl || col != wc {
			t.Errorf("offset %d: have %d:%d, want %d:%d", off, line, col, wl, wc)
		}
	}
}
