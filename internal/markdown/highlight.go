package markdown

import (
	"bytes"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// SyntaxStyle is the chroma style of highlighted code; SyntaxCSS is its
// stylesheet.
const SyntaxStyle = "github"

// A highlighter renders fenced code that names a language chroma knows
// with chroma, using CSS classes (class="chroma", "k", "s", …) and no
// inline styles, so that a theme can restyle it and a strict
// Content-Security-Policy holds. Code in an unknown language, or none, is
// a plain <pre><code class="language-…">.
//
// It does what goldmark-highlighting does, with one formatter for every
// block (goldmark-highlighting makes one per block, which compiles the
// style each time) and a cache of lexers by name (chroma's lookup of a name
// it does not know tries every lexer's file patterns: milliseconds each
// time). It is safe for concurrent use.
type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	lexers    sync.Map // language name → chroma.Lexer, or nil when unknown
}

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true)),
		style:     styles.Get(SyntaxStyle),
	}
}

func (h *highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
}

func (h *highlighter) lexer(name string) chroma.Lexer {
	if l, ok := h.lexers.Load(name); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lexer := lexers.Get(name)
	if lexer != nil {
		lexer = chroma.Coalesce(lexer)
	}
	h.lexers.Store(name, lexer)
	return lexer
}

func (h *highlighter) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lang := n.Language(src)
	if len(lang) > 0 {
		if lexer := h.lexer(string(lang)); lexer != nil {
			if it, err := lexer.Tokenise(nil, code.String()); err == nil {
				if err := h.formatter.Format(w, h.style, it); err != nil {
					return ast.WalkStop, err
				}
				return ast.WalkSkipChildren, w.WriteByte('\n')
			}
		}
	}
	_, _ = w.WriteString("<pre><code")
	if len(lang) > 0 {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML([]byte(code.String())))
	_, err := w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, err
}

// SyntaxCSS is the stylesheet for highlighted code: the classes of
// SyntaxStyle. The built-in theme carries it at the end of style.css.
func SyntaxCSS() []byte {
	var b bytes.Buffer
	_ = chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&b, styles.Get(SyntaxStyle))
	return b.Bytes()
}
