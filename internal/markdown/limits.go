package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// What one post may expand to, and what it may cost to read. A post is
// untrusted input (a pull request from anyone, in some blogs), and a few
// kilobytes of Markdown can declare far more HTML than they hold: GFM
// fills every short row of a table up to its header's width, so a header
// of 2,000 cells above 2,000 lines of "|" (12 KB) is four million cells;
// a link reference definition with a 4 KB destination, used a million
// times, is 4 GB of HTML. Tables are counted as they are parsed, before
// their cells are made; the HTML of the whole post is estimated from its
// syntax tree before any of it is rendered (each text as written, each
// link's destination and title, a byte per element: never more than the
// HTML, but for text full of character references), and the post is
// refused past MaxHTML; the HTML itself stops growing at MaxHTML.
//
// Some shapes cost goldmark's parser more than their size: each line is
// matched against every blockquote and list it is nested in, and each
// "](" reads ahead to the end of its link's destination. A linear scan of
// the lines refuses, before goldmark parses, a line nested more than
// MaxNesting deep or indented more than MaxIndent columns (one problem at
// the first such line), and a post whose links would have the parser read
// more than MaxLinkScan bytes (a problem at the line that costs most).
// Within these bounds, goldmark's work grows with the post's size
// (BenchmarkHostile).
const (
	// MaxTableCells is the most table cells a post may have, counting
	// the cells GFM adds to fill short rows: 10 columns of 10,000 rows.
	MaxTableCells = 100_000
	// MaxHTML is the most HTML a post's text may render to, in bytes:
	// twice the largest post file (post.MaxFileSize) of plain prose.
	MaxHTML = 8 << 20
	// MaxNesting is the most blockquotes and list items a line may be
	// nested in, counting the ">" and list markers at its start.
	MaxNesting = 100
	// MaxIndent is the widest a line's indentation may be, in columns,
	// counting its ">" and list markers: 200 levels of a list indented
	// by two spaces.
	MaxIndent = 400
	// MaxLinkScan is the most bytes goldmark may read looking for the
	// ends of a post's link destinations: four times the largest post
	// file. A post whose links are closed reads each destination once.
	MaxLinkScan = 16 << 20
)

// ErrTooLarge is the error of RenderWith when a post's HTML would be larger
// than MaxHTML.
var ErrTooLarge = errors.New("the post's text renders to more than 8 MiB of HTML: split it into several posts")

// tableLimit is a paragraph transformer that runs just before GFM's table
// transformer (priority 200): it counts the cells the table would have, and
// turns a table that would take the post past MaxTableCells into a
// problem, leaving it out, before any of its cells exist.
type tableLimit struct{}

func (tableLimit) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	// As goldmark's GFM does (extension/table.go): the first line that is
	// a delimiter row makes a table of the line before it (the header,
	// with no more cells than the delimiter row has columns: it too is
	// filled up) and every line after.
	for i := 1; i < lines.Len(); i++ {
		delim := lines.At(i)
		cols := delimiterColumns(delim.Value(src))
		if cols == 0 {
			continue
		}
		if headerCells(lines.At(i-1), src) > cols {
			return
		}
		rows := lines.Len() - i // the header and each line after the delimiter
		cells := cols * rows
		s := stateOf(pc)
		if s.tableCells+cells <= MaxTableCells {
			s.tableCells += cells
			return
		}
		at := lines.At(i - 1).Start
		switch {
		case cells > MaxTableCells:
			s.problems = append(s.problems, problemAt{offset: at, err: fmt.Errorf(
				"this table has %s columns and %s rows, %s cells once its short rows are filled in; a post may have at most %s table cells: split the table, or leave out its empty columns",
				thousands(cols), thousands(rows), thousands(cells), thousands(MaxTableCells))})
		case !s.tablesRefused:
			s.problems = append(s.problems, problemAt{offset: at, err: fmt.Errorf(
				"this table (%s cells) takes the post's tables to %s cells; a post may have at most %s table cells: split the post",
				thousands(cells), thousands(s.tableCells+cells), thousands(MaxTableCells))})
		}
		s.tablesRefused = true
		// Left out: GFM's transformer stops at a paragraph without a parent.
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}
}

var delimiterCell = regexp.MustCompile(`^\s*:?-+:?\s*$`)

// delimiterColumns is the number of columns of a GFM table's delimiter row
// ("| --- | :-: |"), or 0 if line is not one.
func delimiterColumns(line []byte) int {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return 0
	}
	onlyDashes := true
	for _, c := range line {
		if c != '-' {
			onlyDashes = false
		}
		if !util.IsSpace(c) && c != '-' && c != '|' && c != ':' {
			return 0
		}
	}
	if onlyDashes {
		return 0
	}
	cols := bytes.Split(line, []byte{'|'})
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	for _, c := range cols {
		if !delimiterCell.Match(c) {
			return 0
		}
	}
	return len(cols)
}

// headerCells counts the cells of a table row as GFM's parseRow does: an
// outer "|" at either end is dropped, and an unescaped "|" ends a cell.
func headerCells(seg text.Segment, src []byte) int {
	seg = seg.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	line := seg.Value(src)
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	n := 0
	for ; pos < limit; n++ {
		end := pos
		for ; end < limit; end++ {
			if line[end] == '|' && (end == 0 || line[end-1] != '\\') {
				break
			}
		}
		pos = end + 1
	}
	return n
}

// A problemAt is a problem at a byte offset of the source, made a Problem
// with a line and column by finish.
type problemAt struct {
	offset int
	err    error
}

// sizeLimit is an AST transformer that runs once the post's nodes are
// made, and before the transformer of writers.go (900), whose work for
// each link is what a hostile post multiplies. It estimates the HTML the
// post renders to and, past MaxHTML, empties the document and marks the
// post too large, so that nothing more is done with it.
type sizeLimit struct{}

func (sizeLimit) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if htmlAtLeast(doc, reader.Source(), MaxHTML) > MaxHTML {
		stateOf(pc).tooLarge = true
		doc.RemoveChildren(doc)
	}
}

// htmlAtLeast estimates the bytes of HTML n renders to, stopping once the
// estimate passes limit.
func htmlAtLeast(n ast.Node, src []byte, limit int) int {
	size := 0
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Document, *ast.TextBlock:
		case *ast.Text:
			size += n.Segment.Len()
		case *ast.String:
			size += len(n.Value)
		case *ast.Link:
			size += 1 + len(n.Destination) + len(n.Title)
		case *ast.Image:
			size += 1 + len(n.Destination) + len(n.Title)
		case *TemplateText:
			size += len(n.Value)
		default:
			size++
		}
		if size > limit {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return size
}

// cappedWriter is where a post's HTML is written: past max bytes, a write
// fails (and goldmark's bufio.Writer keeps failing), so the HTML of a post
// that expands without bound stops growing at max.
type cappedWriter struct {
	buf *bytes.Buffer
	max int
}

func (w *cappedWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.max {
		return 0, ErrTooLarge
	}
	return w.buf.Write(p)
}

// thousands writes n with commas between groups of three digits: 4,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var b []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b = append(b, ',')
		}
		b = append(b, s[i])
	}
	return string(b)
}
