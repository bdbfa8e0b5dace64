package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Images.
//
// Every image of a post is an <img> with decoding="async", and with
// loading="lazy" except the first: a post's first image is most often its
// lead photo, near the top of the page and the largest thing on it, and a
// browser fetches a lazy image only once it has laid the page out, which
// would show it later. When Env.Image knows the image (the site does for
// the files it publishes), the <img> has its width and height, so the page
// does not move as it loads, and a srcset of its narrower copies with
// their sizes.
//
// An image alone in its paragraph with a title, ![alt](x.jpg "caption"),
// is a <figure> with the title as its <figcaption>. An image without alt
// text is a Document.Warning at its line and column.

// An Image is what the site knows of an image a post shows (Env.Image).
type Image struct {
	Width, Height int // its size as published, in pixels
	// Srcset lists the files a browser may choose from, narrowest first;
	// nil when there is no other than the image's own.
	Srcset []Source
	Sizes  string // the sizes attribute that goes with Srcset
}

// A Source is one file of a srcset.
type Source struct {
	URL   string // its address, as the src is
	Width int    // in pixels
}

// KindImageFigure is the kind of an ImageFigure.
var KindImageFigure = ast.NewNodeKind("ImageFigure")

// An ImageFigure is an image alone in its paragraph, with its title as
// the caption: it replaces the paragraph, and holds the image.
type ImageFigure struct {
	ast.BaseBlock
	Caption []byte // the image's title, as written
}

func (n *ImageFigure) Kind() ast.NodeKind { return KindImageFigure }

func (n *ImageFigure) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Caption": string(n.Caption)}, nil)
}

// image gives the image n, whose destination was dest before it was
// resolved, its attributes, and notes whether it is a figure. offset is
// where it is written in src.
func (t *transformer) image(s *state, n *ast.Image, dest string, offset int, src []byte) {
	if strings.TrimSpace(plainText(n, src)) == "" {
		s.warnings = append(s.warnings, Warning{offset: offset, Msg: "the image " + clip(dest) +
			" has no alt text: say what it shows between the brackets, ![a volunteer planting a tree](" + clip(dest) + "), for readers who cannot see it"})
	}
	if s.images != nil {
		if im := s.images(dest); im != nil {
			if im.Width > 0 && im.Height > 0 {
				n.SetAttributeString("width", []byte(strconv.Itoa(im.Width)))
				n.SetAttributeString("height", []byte(strconv.Itoa(im.Height)))
			}
			if len(im.Srcset) > 0 {
				var b []byte
				for i, c := range im.Srcset {
					if i > 0 {
						b = append(b, ", "...)
					}
					b = append(b, util.URLEscape([]byte(c.URL), true)...)
					b = append(b, ' ')
					b = strconv.AppendInt(b, int64(c.Width), 10)
					b = append(b, 'w')
				}
				n.SetAttributeString("srcset", b)
				if im.Sizes != "" {
					n.SetAttributeString("sizes", []byte(im.Sizes))
				}
			}
		}
	}
	if s.shown > 0 {
		n.SetAttributeString("loading", []byte("lazy"))
	}
	n.SetAttributeString("decoding", []byte("async"))
	s.shown++
	if p, ok := n.Parent().(*ast.Paragraph); ok && len(n.Title) > 0 && p.ChildCount() == 1 {
		s.figures = append(s.figures, n)
	}
}

// makeFigures replaces the paragraph of each image of s.figures with an
// ImageFigure.
func makeFigures(s *state) {
	for _, img := range s.figures {
		p := img.Parent()
		fig := &ImageFigure{Caption: img.Title}
		img.Title = nil
		p.RemoveChild(p, img)
		fig.AppendChild(fig, img)
		p.Parent().ReplaceChild(p.Parent(), p, fig)
	}
	s.figures = nil
}

// imageFigureRenderer renders ImageFigures.
type imageFigureRenderer struct{}

func (imageFigureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindImageFigure, renderImageFigure)
}

func renderImageFigure(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<figure>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("\n<figcaption>")
	html.DefaultWriter.Write(w, n.(*ImageFigure).Caption)
	_, _ = w.WriteString("</figcaption>\n</figure>\n")
	return ast.WalkContinue, nil
}

// imageOffset is where image n is written in src: at its "!".
func imageOffset(n *ast.Image, src []byte) int {
	offset := n.Pos()
	if offset > 0 && src[offset-1] == '!' {
		offset--
	}
	return offset
}
