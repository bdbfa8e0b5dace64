package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A Prose is the text of one block of a post — a paragraph, a heading, a
// list item's text, a table cell — as a reader reads it, at its place in
// the source: what package claims checks.
//
// Text is the block's source from its first character of prose to its
// last, with every character that is not prose — code spans, link
// destinations and titles, autolinks, raw HTML, {{< … >}}, emphasis
// marks, blockquote markers, a list's indent — replaced by one space
// each, so that a character's line and column in Text, counted from
// Line and Col, are its line and column in the source. Line breaks are
// kept. Punctuation a reader sees is kept too, even where the typographer
// turns it into an entity (' " -- ...). Link text and image alt text are
// prose; code blocks and HTML blocks are not.
type Prose struct {
	Text      string
	Line, Col int // of Text's first character, in the source given to Render; Col in characters
}

// prose lists the prose of the blocks of doc, in order.
func prose(doc ast.Node, src []byte, pos *positioner) []Prose {
	var out []Prose
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if c := n.FirstChild(); c == nil || c.Type() != ast.TypeInline {
			return ast.WalkContinue, nil // a container of blocks, or a code or HTML block
		}
		var segs []text.Segment
		collect(n, &segs)
		if len(segs) == 0 {
			return ast.WalkSkipChildren, nil
		}
		start, stop := segs[0].Start, segs[len(segs)-1].Stop
		for _, s := range segs {
			start, stop = min(start, s.Start), max(stop, s.Stop)
		}
		b := make([]byte, 0, stop-start)
		at := start
		for _, s := range segs {
			if s.Start < at {
				continue // an overlap, as a footnote reference may make
			}
			b = blank(b, src[at:s.Start])
			b = append(b, src[s.Start:s.Stop]...)
			at = s.Stop
		}
		b = blank(b, src[at:stop])
		line, col := pos.at(start)
		out = append(out, Prose{Text: string(b), Line: line, Col: col})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// collect appends the segments of the prose text under n, in order.
func collect(n ast.Node, segs *[]text.Segment) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.Segment.Len() > 0 {
				*segs = append(*segs, c.Segment)
			}
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *FigureNode:
			// not prose: left blank
		default:
			collect(c, segs)
		}
	}
}

// blank appends gap, the source between two pieces of prose, as spaces,
// one a character, keeping its line breaks. A gap of punctuation alone
// (the typographer's quotes, apostrophes, dashes and ellipses, which a
// reader sees) is kept; one with a letter or digit (a code span, a link's
// destination) is not prose at all.
func blank(b, gap []byte) []byte {
	keep := !bytes.ContainsFunc(gap, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	for len(gap) > 0 {
		r, n := utf8.DecodeRune(gap)
		switch {
		case r == '\n' || keep && strings.ContainsRune(`'"-.!?,;:`, r):
			b = append(b, gap[:n]...)
		default:
			b = append(b, ' ')
		}
		gap = gap[n:]
	}
	return b
}
