// Package markdown is the one configured goldmark instance of impactblog.
//
// Posts are CommonMark with GitHub's extensions (tables, strikethrough,
// autolinks, task lists), footnotes, typographer quotes and dashes, and an
// id on every heading. Raw HTML in a post is dropped unless the site allows
// it (unsafe_html in site.toml).
//
// For writers (see writers.go): fenced code is highlighted with CSS classes
// (SyntaxCSS is the stylesheet); every heading with an id carries a "#" link
// to itself, and Document.TOC lists the headings; links to other sites get
// rel="noopener"; links and images that point into the site are listed in
// Document.Refs, with their positions, for the site to check and resolve;
// template syntax from other generators (Liquid or Tera {% … %}, Hugo shortcodes
// {{< … >}} other than ours) is shown as plain text and listed in
// Document.Warnings.
//
// A post is untrusted input, and what it may expand to is bounded
// (limits.go): at most MaxTableCells table cells, counting the cells GFM
// adds to fill short rows (a larger table is left out and is one of
// Document.Problems), and at most MaxHTML bytes of HTML (past that,
// estimated before rendering, RenderWith fails with ErrTooLarge). What it
// may cost to parse is bounded too: a line nested in more than MaxNesting
// blockquotes and lists or indented more than MaxIndent columns, or links
// left open so that finding their ends reads more than MaxLinkScan bytes,
// are Document.Problems, found before the post is parsed.
package markdown

import (
	"bytes"
	stdhtml "html"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Options configure the renderer.
type Options struct {
	UnsafeHTML bool   // pass raw HTML through
	Figures    bool   // figures in prose: {{< total … >}} (figure.go)
	SiteURL    string // the site's base URL: links to other hosts are external
	Prose      bool   // list each block's prose in Document.Prose (prose.go)
}

// A Renderer turns a post's Markdown into HTML. It is safe for concurrent use.
type Renderer struct {
	md      goldmark.Markdown
	prose   bool
	buffers sync.Pool // of *bytes.Buffer: RenderWith's output, reused
}

// New returns the configured renderer.
func New(opts Options) *Renderer {
	rendererOpts := []goldmark.Option{}
	htmlOpts := []renderer.Option{}
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, extension.Typographer}
	if opts.Figures {
		exts = append(exts, figures{})
	}
	rendererOpts = append(rendererOpts,
		goldmark.WithExtensions(append(exts, &writers{opts: opts})...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(htmlOpts...),
	)
	return &Renderer{md: goldmark.New(rendererOpts...), prose: opts.Prose}
}

// A Document is a rendered post body.
type Document struct {
	HTML     string
	Summary  string    // plain text: before <!--more-->, or the first paragraph
	TOC      []byte    // the headings as nested <ol> lists of links; nil without headings
	Refs     []Ref     // links and images into the site, in order
	Image    string    // the first image's destination, as written; "" if none
	Warnings []Warning // template syntax of other generators, in order
	Figures  int       // how many {{< total … >}} the source has
	Prose    []Prose   // the prose of each block, with Options.Prose
	// Problems are the figures that cannot be written, the tables too
	// large to render (see MaxTableCells), and what makes a post too
	// costly to parse (MaxNesting, MaxIndent, MaxLinkScan: then the
	// Document holds nothing else), at their line and column in src.
	Problems []Problem
}

// MoreMarker ends a post's summary where the writer puts it.
const MoreMarker = "<!--more-->"

// Env is what a post's rendering may depend on beyond its own text.
type Env struct {
	// Resolve rewrites the destination of each link and image into the
	// site (each of Document.Refs) to Resolve(destination) when that is
	// not "".
	Resolve func(dest string) string
	// Image gives what the site knows of each image into the site, by
	// its destination as written (image.go); nil, or nil for an image,
	// when it knows nothing.
	Image func(dest string) *Image
	// Figures gives the value of each {{< total … >}}; nil leaves them empty.
	Figures FigureSource
}

// Render converts src with nothing resolved: see RenderWith.
func (r *Renderer) Render(src []byte) (*Document, error) { return r.RenderWith(src, Env{}) }

// RenderWith converts src in env.
func (r *Renderer) RenderWith(src []byte, env Env) (*Document, error) {
	if problems := prescan(src); len(problems) > 0 {
		// Too costly to parse: the problems, and nothing else.
		d := new(Document)
		pc := newContext(nil)
		stateOf(pc).problems = problems
		finish(d, pc, src)
		return d, nil
	}
	reader := text.NewReader(src)
	pc := newContext(env.Resolve)
	stateOf(pc).images = env.Image
	doc := r.md.Parser().Parse(reader, parser.WithContext(pc))
	if stateOf(pc).tooLarge {
		return nil, ErrTooLarge
	}
	count, problems := fillFigures(doc, src, env.Figures)
	buf, _ := r.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer r.buffers.Put(buf)
	buf.Reset()
	if err := r.md.Renderer().Render(&cappedWriter{buf: buf, max: MaxHTML}, src, doc); err != nil {
		return nil, err
	}
	// One copy of the exact size, kept for as long as the post is: the
	// buffer, grown for the largest post, goes back to the pool.
	d := &Document{HTML: buf.String(), Summary: summary(doc, src), Figures: count, Problems: problems}
	if r.prose {
		d.Prose = prose(doc, src, newPositioner(src))
	}
	finish(d, pc, src)
	return d, nil
}

// summary is the plain text before the more marker, or of the first paragraph.
func summary(doc ast.Node, src []byte) string {
	var more ast.Node
	for n := doc.FirstChild(); n != nil && more == nil; n = n.NextSibling() {
		if isMore(n, src) {
			more = n
		}
	}
	var b strings.Builder
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if more == nil && n.Kind() == ast.KindParagraph {
			return plainText(n, src)
		}
		if n == more {
			break
		}
		if more != nil {
			if t := plainText(n, src); t != "" {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t)
			}
		}
	}
	return b.String()
}

func isMore(n ast.Node, src []byte) bool {
	if n.Kind() != ast.KindHTMLBlock {
		return false
	}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if strings.TrimSpace(string(seg.Value(src))) == MoreMarker {
			return true
		}
	}
	return false
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// Typographer quotes and dashes are entities: "&rsquo;".
			b.WriteString(stdhtml.UnescapeString(string(t.Value)))
		case *FigureNode:
			b.WriteString(t.Value)
		case *ast.CodeSpan:
			// its Text children carry the content
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
