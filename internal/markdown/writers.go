package markdown

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Ref is a link or an image that points into the site: a relative
// destination ("photo.jpg", "other-post.md#why"), a site path
// ("/posts/gifts/"), or an absolute URL on the site's own host.
type Ref struct {
	Dest      string // as written
	Image     bool
	Line, Col int // in the source given to Render; 1-based
	offset    int
}

// Relative reports whether the destination is relative to the post: no
// scheme, no leading "/", and not only a fragment or a query.
func (r Ref) Relative() bool { return isRelative(r.Dest) }

func isRelative(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "?") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme == ""
}

// A Warning is something in a post that is shown, but not as its writer
// meant: template syntax of another generator.
type Warning struct {
	Line, Col int // in the source given to Render; 1-based
	Msg       string
	offset    int
}

// state is what one Render collects; it travels in the parser's context,
// since the parser is shared by concurrent renders.
type state struct {
	resolve  func(string) string
	images   func(string) *Image // Env.Image (image.go)
	shown    int                 // images so far
	figures  []*ast.Image        // images to put in a figure (image.go)
	refs     []Ref
	image    string
	warnings []Warning
	headings []tocEntry
	problems []problemAt // tables too large (limits.go)

	tableCells    int  // in the tables kept so far
	tablesRefused bool // a table was left out
	tooLarge      bool // the post's HTML would pass MaxHTML (sizeLimit)
}

var stateKey = parser.NewContextKey()

func newContext(resolve func(string) string) parser.Context {
	pc := parser.NewContext()
	pc.Set(stateKey, &state{resolve: resolve})
	return pc
}

func stateOf(pc parser.Context) *state {
	s, _ := pc.Get(stateKey).(*state)
	if s == nil {
		s = &state{}
		pc.Set(stateKey, s)
	}
	return s
}

// finish copies what the render collected into d, with positions as lines
// and columns.
func finish(d *Document, pc parser.Context, src []byte) {
	s := stateOf(pc)
	pos := newPositioner(src)
	for _, r := range s.refs {
		r.Line, r.Col = pos.at(r.offset)
		d.Refs = append(d.Refs, r)
	}
	for _, w := range s.warnings {
		w.Line, w.Col = pos.at(w.offset)
		d.Warnings = append(d.Warnings, w)
	}
	for _, p := range s.problems {
		line, col := pos.at(p.offset)
		d.Problems = append(d.Problems, Problem{Line: line, Col: col, Err: p.err})
	}
	d.Image = s.image
	d.TOC = renderTOC(s.headings)
}

// A positioner turns byte offsets of src into 1-based lines and columns
// (in characters), reading on from the offset before: offsets in order
// cost one pass over src, however many there are.
type positioner struct {
	src            []byte
	off, line, col int
}

func newPositioner(src []byte) *positioner { return &positioner{src: src, line: 1, col: 1} }

func (p *positioner) at(offset int) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	offset = min(offset, len(p.src))
	if offset < p.off {
		*p = *newPositioner(p.src)
	}
	seg := p.src[p.off:offset]
	if nl := bytes.Count(seg, []byte("\n")); nl > 0 {
		p.line += nl
		p.col = 1 + utf8.RuneCount(seg[bytes.LastIndexByte(seg, '\n')+1:])
	} else {
		p.col += utf8.RuneCount(seg)
	}
	p.off = offset
	return p.line, p.col
}

// writers is the extension with everything writers expect beyond GFM:
// highlighting, heading anchors and contents, external links, references
// into the site, and warnings about other generators' template syntax.
type writers struct {
	opts Options
}

func (w *writers) Extend(m goldmark.Markdown) {
	host := ""
	if u, err := url.Parse(w.opts.SiteURL); err == nil {
		host = strings.ToLower(u.Host)
	}
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(templateParser{}, 500)),
		// After link reference definitions (100), before GFM's tables (200).
		parser.WithParagraphTransformers(util.Prioritized(tableLimit{}, 150)),
		parser.WithASTTransformers(
			util.Prioritized(sizeLimit{}, 850),
			util.Prioritized(&transformer{host: host}, 900),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(nodeRenderer{}, 500),
		util.Prioritized(imageFigureRenderer{}, 500),
		util.Prioritized(newHighlighter(), 100), // before goldmark's own code blocks
	))
}

// transformer adds heading anchors and collects the contents, marks
// external links and collects and resolves references into the site.
type transformer struct {
	host string // the site's host, lower case; "" if unknown
}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	s := stateOf(pc)
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			t.ref(s, n, &n.Destination, false, src)
		case *ast.Image:
			if s.image == "" {
				s.image = string(n.Destination)
			}
			dest := string(n.Destination)
			t.ref(s, n, &n.Destination, true, src)
			t.image(s, n, dest, imageOffset(n, src), src)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && t.external(string(n.URL(src))) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		}
		return ast.WalkContinue, nil
	})
	makeFigures(s)
	for _, h := range headings {
		id, ok := h.AttributeString("id")
		b, _ := id.([]byte)
		if !ok || len(b) == 0 {
			continue
		}
		s.headings = append(s.headings, tocEntry{level: h.Level, id: string(b), text: plainText(h, src)})
		h.AppendChild(h, &HeadingAnchor{ID: b})
	}
}

// ref handles one link or image destination.
func (t *transformer) ref(s *state, n ast.Node, dest *[]byte, image bool, src []byte) {
	d := string(*dest)
	offset := n.Pos()
	if offset > 0 && image && src[offset-1] == '!' {
		offset--
	}
	if strings.Contains(d, "{{") || strings.Contains(d, "{%") {
		s.warnings = append(s.warnings, Warning{offset: offset, Msg: "the destination " + clip(d) + " is written in another generator's template syntax, which impactblog does not run: write the path itself"})
		return
	}
	if !image && t.external(d) {
		n.SetAttributeString("rel", []byte("noopener"))
		return
	}
	if isRelative(d) || strings.HasPrefix(d, "/") && !strings.HasPrefix(d, "//") || t.ownHost(d) {
		s.refs = append(s.refs, Ref{Dest: d, Image: image, offset: offset})
		if s.resolve != nil {
			if r := s.resolve(d); r != "" {
				*dest = []byte(r)
			}
		}
	}
}

// external reports whether dest is a web address on another host.
func (t *transformer) external(dest string) bool {
	if strings.HasPrefix(dest, "www.") {
		return true // a GFM autolink without its scheme
	}
	u, err := url.Parse(dest)
	if err != nil {
		return false
	}
	if u.Scheme == "" && strings.HasPrefix(dest, "//") || u.Scheme == "http" || u.Scheme == "https" {
		return t.host == "" || !strings.EqualFold(u.Host, t.host)
	}
	return false
}

func (t *transformer) ownHost(dest string) bool {
	u, err := url.Parse(dest)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && t.host != "" && strings.EqualFold(u.Host, t.host)
}

// clip shortens a construct for a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:57]) + "…"
	}
	return s
}
