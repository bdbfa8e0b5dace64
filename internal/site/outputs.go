package site

import (
	"io"

	"github.com/impactblog/impactblog/internal/publish"
)

// An Output is one file of the site, not yet rendered, and the page it
// holds: nil for the other files (Files).
type Output struct {
	publish.File
	Page *Page
}

// Outputs lists every file Render writes, without rendering any: the pages,
// then Files. A development server renders each when it is asked for.
func (s *Site) Outputs() []Output {
	files := s.Files()
	out := make([]Output, 0, len(s.pages)+len(files))
	for _, p := range s.pages {
		out = append(out, Output{File: s.pageFile(p), Page: p})
	}
	for _, f := range files {
		out = append(out, Output{File: f})
	}
	for _, f := range s.langFiles() {
		out = append(out, Output{File: f})
	}
	return out
}

// pageFile is the file of the page p.
func (s *Site) pageFile(p *Page) publish.File {
	return publish.File{Name: outputPath(p.URL), Write: func(w io.Writer) error { return s.renderPage(w, p) }}
}
