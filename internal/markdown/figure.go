package markdown

// # Figures in prose
//
// A post may quote a computed figure in its text:
//
//	So far we have given {{< total donations year=2020 >}} in 2020,
//	and offset {{< total offsets.tonnes >}} tonnes of CO₂e.
//
// The syntax is {{< total FIGURE [key=value …] >}} on one line, where FIGURE
// is one of
//
//	donations          money given
//	donations.count    how many donations
//	offsets.tonnes     tonnes of CO₂e offset
//	offsets.cost       the known cost of offsets
//	offsets.count      how many offsets
//	posts              how many posts (site-wide only)
//
// for the whole site, or prefixed with post. (post.donations,
// post.offsets.tonnes, …) for the figures of the post itself. The keys are
//
//	year=2020          only the entries counted in that year
//	recipient="WWF"    only donations to that recipient
//	provider="…"       only offsets through that provider
//	currency=EUR       money only: the amounts given in that currency, as given
//
// Without currency, money is the total in the site's reporting currency when
// site.toml declares one, or else the amounts as given, one per currency.
// Figures are written like every figure of the site (package locale).
//
// An unknown figure, key or value is a problem at the file's line and
// column. Any other {{< name … >}} is left as it is written (other tools
// report shortcodes we do not define). The renderer asks a FigureSource for
// each value: the site knows the totals only once every post is read.

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"regexp"
	"sort"
	"strings"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// FigureNames are the figures a post may quote, site-wide; each also exists
// prefixed with "post.", except posts.
var FigureNames = []string{"donations", "donations.count", "offsets.tonnes", "offsets.cost", "offsets.count", "posts"}

// FigureKeys are the keys a figure may take.
var FigureKeys = []string{"year", "recipient", "provider", "currency"}

// A Figure is one {{< total … >}} of a post.
type Figure struct {
	Name string            // "donations", "post.offsets.tonnes"
	Args map[string]string // year, recipient, provider, currency
}

// Own reports whether the figure is the post's own (post.…), and its name without the prefix.
func (f *Figure) Own() (bool, string) {
	name, ok := strings.CutPrefix(f.Name, "post.")
	return ok, name
}

// A FigureSource gives the value of a figure, written for people.
type FigureSource interface {
	Figure(f *Figure) (string, error)
}

// A Problem is something in a post's text that cannot be rendered (a
// figure that cannot be written, a table too large), at a line and column of
// the Markdown source (1-based; the column counts characters).
type Problem struct {
	Line, Col int
	Err       error
}

var (
	argRE  = regexp.MustCompile(`^([A-Za-z_]+)=("(?:[^"\\]|\\.)*"|[^\s"]+)`)
	yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)
)

// ParseFigure reads the inside of {{< … >}}: "total donations year=2020".
// On error it also returns the byte offset in s of what is wrong.
func ParseFigure(s string) (*Figure, int, error) {
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	word := func() string {
		j := i
		for i < len(s) && s[i] != ' ' && s[i] != '\t' {
			i++
		}
		return s[j:i]
	}
	skip()
	if w := word(); w != "total" {
		return nil, 0, fmt.Errorf("{{< %s >}} is not a figure: write {{< total donations >}}", w)
	}
	skip()
	at := i
	name := word()
	f := &Figure{Name: name, Args: map[string]string{}}
	own, base := f.Own()
	if name == "" {
		return nil, at, fmt.Errorf("which total? write {{< total donations >}}; the figures are %s", strings.Join(FigureNames, ", "))
	}
	if !contains(FigureNames, base) || own && base == "posts" {
		msg := fmt.Sprintf("unknown figure %q", name)
		if s := suggest.Closest(base, FigureNames); s != "" {
			if own {
				s = "post." + s
			}
			msg += fmt.Sprintf(": did you mean %s?", s)
		}
		return nil, at, fmt.Errorf("%s; the figures are %s, and post.… for the post's own", msg, strings.Join(FigureNames, ", "))
	}
	for {
		skip()
		if i >= len(s) {
			break
		}
		at = i
		m := argRE.FindStringSubmatch(s[i:])
		if m == nil {
			return nil, at, fmt.Errorf("%q is not a key=value argument, such as year=2020 or recipient=\"WWF\"", word())
		}
		i += len(m[0])
		key, val := m[1], m[2]
		if strings.HasPrefix(val, `"`) {
			val = strings.ReplaceAll(strings.ReplaceAll(val[1:len(val)-1], `\"`, `"`), `\\`, `\`)
		}
		if !contains(FigureKeys, key) {
			msg := fmt.Sprintf("unknown argument %q", key)
			if s := suggest.Closest(key, FigureKeys); s != "" {
				msg += fmt.Sprintf(": did you mean %s?", s)
			}
			return nil, at, fmt.Errorf("%s; the arguments are %s", msg, strings.Join(FigureKeys, ", "))
		}
		if _, dup := f.Args[key]; dup {
			return nil, at, fmt.Errorf("%s is given twice: keep one", key)
		}
		switch {
		case key == "year" && !yearRE.MatchString(val):
			return nil, at, fmt.Errorf("year %q is not a year, such as year=2020", val)
		case base == "posts":
			return nil, at, fmt.Errorf("posts takes no arguments: it is how many posts the site has")
		case key == "recipient" && !strings.HasPrefix(base, "donations"):
			return nil, at, fmt.Errorf("recipient goes with donations, not %s", name)
		case key == "provider" && !strings.HasPrefix(base, "offsets"):
			return nil, at, fmt.Errorf("provider goes with offsets, not %s", name)
		case key == "currency" && base != "donations" && base != "offsets.cost":
			return nil, at, fmt.Errorf("currency goes with donations or offsets.cost, not %s", name)
		case key == "currency":
			if _, err := impact.ParseCurrency(val); err != nil {
				return nil, at, fmt.Errorf("%v", err)
			}
		case val == "":
			return nil, at, fmt.Errorf("%s is empty", key)
		}
		f.Args[key] = val
	}
	return f, 0, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// KindFigure is the node kind of a figure.
var KindFigure = ast.NewNodeKind("Figure")

// A FigureNode is a {{< total … >}} in the AST.
type FigureNode struct {
	ast.BaseInline
	Figure *Figure // nil when Err is set
	Offset int     // byte offset of "{{<" in the source
	Err    error   // a syntax error
	ErrAt  int     // byte offset of the error in the source
	Value  string  // the value, once known
}

// Kind implements ast.Node.
func (n *FigureNode) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *FigureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": n.Value}, nil)
}

type figureParser struct{}

func (figureParser) Trigger() []byte { return []byte{'{'} }

var open, closing = []byte("{{<"), []byte(">}}")

func (figureParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, open) {
		return nil
	}
	end := bytes.Index(line, closing)
	if end < 0 {
		return nil
	}
	inner := string(line[len(open):end])
	if fields := strings.Fields(inner); len(fields) == 0 || fields[0] != "total" {
		return nil // another shortcode: not ours
	}
	f, at, err := ParseFigure(inner)
	n := &FigureNode{Figure: f, Offset: seg.Start, Err: err, ErrAt: seg.Start + len(open) + at}
	block.Advance(end + len(closing))
	return n
}

type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(stdhtml.EscapeString(n.(*FigureNode).Value))
		}
		return ast.WalkSkipChildren, nil
	})
}

// figures is the goldmark extension of figures in prose.
type figures struct{}

func (figures) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(figureParser{}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 500)))
}

// fillFigures asks figs for the value of each figure of doc, and returns
// the figures' problems, by position. With figs nil the values stay empty.
func fillFigures(doc ast.Node, src []byte, figs FigureSource) (int, []Problem) {
	count := 0
	var problems []Problem
	pos := newPositioner(src)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fn, ok := n.(*FigureNode)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		count++
		if fn.Err != nil {
			line, col := pos.at(fn.ErrAt)
			problems = append(problems, Problem{Line: line, Col: col, Err: fn.Err})
			return ast.WalkContinue, nil
		}
		if figs == nil {
			return ast.WalkContinue, nil
		}
		v, err := figs.Figure(fn.Figure)
		if err != nil {
			line, col := pos.at(fn.Offset)
			problems = append(problems, Problem{Line: line, Col: col, Err: err})
		}
		fn.Value = v
		return ast.WalkContinue, nil
	})
	sort.SliceStable(problems, func(i, j int) bool {
		return problems[i].Line < problems[j].Line || problems[i].Line == problems[j].Line && problems[i].Col < problems[j].Col
	})
	return count, problems
}
