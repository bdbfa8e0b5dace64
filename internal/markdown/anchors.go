package markdown

import (
	"bytes"
	stdhtml "html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A HeadingAnchor is the "#" link a heading carries to itself, so that a
// reader can copy the address of a section.
type HeadingAnchor struct {
	ast.BaseInline
	ID []byte
}

// KindHeadingAnchor is the kind of HeadingAnchor nodes.
var KindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")

func (n *HeadingAnchor) Kind() ast.NodeKind { return KindHeadingAnchor }

func (n *HeadingAnchor) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": string(n.ID)}, nil)
}

// A TemplateText is a piece of another generator's template syntax, shown
// as the writer typed it.
type TemplateText struct {
	ast.BaseInline
	Value []byte
}

// KindTemplateText is the kind of TemplateText nodes.
var KindTemplateText = ast.NewNodeKind("TemplateText")

func (n *TemplateText) Kind() ast.NodeKind { return KindTemplateText }

func (n *TemplateText) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Value": string(n.Value)}, nil)
}

// nodeRenderer renders the nodes of this package.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHeadingAnchor, renderHeadingAnchor)
	reg.Register(KindTemplateText, renderTemplateText)
}

func renderHeadingAnchor(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		a := n.(*HeadingAnchor)
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(a.ID, false)))
		_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
	}
	return ast.WalkSkipChildren, nil
}

func renderTemplateText(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(util.EscapeHTML(n.(*TemplateText).Value))
	}
	return ast.WalkSkipChildren, nil
}

// A tocEntry is one heading of the contents.
type tocEntry struct {
	level int
	id    string
	text  string
}

// tocDepth is how many levels of headings the contents show, from the
// highest level the post uses.
const tocDepth = 3

// renderTOC writes the headings as nested ordered lists of links.
func renderTOC(hs []tocEntry) []byte {
	if len(hs) == 0 {
		return nil
	}
	top := hs[0].level
	for _, h := range hs {
		top = min(top, h.level)
	}
	var b bytes.Buffer
	depth, open := 0, false // open: an <li> is open at the current depth
	for _, h := range hs {
		lvl := h.level - top + 1
		if lvl > tocDepth {
			continue
		}
		for depth < lvl {
			if depth > 0 && !open {
				b.WriteString("<li>")
			}
			b.WriteString("<ol>")
			depth++
			open = false
		}
		for depth > lvl {
			if open {
				b.WriteString("</li>")
			}
			b.WriteString("</ol>")
			depth--
			open = true
		}
		if open {
			b.WriteString("</li>")
		}
		b.WriteString(`<li><a href="#`)
		b.WriteString(stdhtml.EscapeString(string(util.URLEscape([]byte(h.id), false))))
		b.WriteString(`">`)
		b.WriteString(stdhtml.EscapeString(h.text))
		b.WriteString("</a>")
		open = true
	}
	for ; depth > 0; depth-- {
		if open {
			b.WriteString("</li>")
		}
		b.WriteString("</ol>")
		open = true
	}
	return b.Bytes()
}
