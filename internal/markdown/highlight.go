package markdown

import (
	"bytes"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/util"
)

// SyntaxStyle is the chroma style of highlighted code; SyntaxCSS is its
// stylesheet.
const SyntaxStyle = "github"

// highlighter highlights fenced code that names a language chroma knows,
// with CSS classes (class="chroma", "k", "s", …) and no inline styles, so
// that a theme can restyle it and a strict Content-Security-Policy holds.
// Code in an unknown language, or none, is a plain <pre><code>.
func highlighter() goldmark.Extender {
	return highlighting.NewHighlighting(
		highlighting.WithStyle(SyntaxStyle),
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		highlighting.WithWrapperRenderer(wrapCode),
	)
}

// wrapCode ends highlighted code with a newline, like every other block,
// and writes the <pre><code> of code that is not highlighted.
func wrapCode(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	switch {
	case c.Highlighted():
		if !entering {
			_ = w.WriteByte('\n')
		}
	case entering:
		_, _ = w.WriteString("<pre><code")
		if lang, ok := c.Language(); ok {
			_, _ = w.WriteString(` class="language-`)
			_, _ = w.Write(util.EscapeHTML(lang))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
	default:
		_, _ = w.WriteString("</code></pre>\n")
	}
}

// SyntaxCSS is the stylesheet for highlighted code: the classes of
// SyntaxStyle. The built-in theme carries it at the end of style.css.
func SyntaxCSS() []byte {
	var b bytes.Buffer
	_ = chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&b, styles.Get(SyntaxStyle))
	return b.Bytes()
}
