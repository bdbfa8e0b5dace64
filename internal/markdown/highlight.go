package markdown

import (
	"bytes"
	"slices"
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
			if toks, ok := tokenise(lexer, code.String()); ok {
				if err := h.formatter.Format(w, h.style, chroma.Literator(toks...)); err != nil {
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

// tokenise splits code into chroma's tokens. chroma gives each of its
// regular expressions 250 ms to match, and marks as an error what did
// not match in time: on a machine busy enough, the same code would be
// highlighted otherwise from one build to the next. Code whose tokens
// hold an error is tokenised again, up to three times in all, so that
// only the code's own errors, the same every time, are kept.
func tokenise(lexer chroma.Lexer, code string) ([]chroma.Token, bool) {
	var toks []chroma.Token
	for range 3 {
		it, err := lexer.Tokenise(nil, code)
		if err != nil {
			return nil, false
		}
		toks = it.Tokens()
		if !slices.ContainsFunc(toks, func(t chroma.Token) bool { return t.Type == chroma.Error }) {
			break
		}
	}
	return toks, true
}

// SyntaxCSS is the stylesheet for highlighted code: the classes of
// SyntaxStyle. The built-in theme carries it at the end of style.css.
func SyntaxCSS() []byte {
	var b bytes.Buffer
	_ = chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&b, styles.Get(SyntaxStyle))
	return b.Bytes()
}
