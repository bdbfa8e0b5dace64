package site

// An Output is one file of the site, not yet rendered: what Render would
// write under Name.
type Output struct {
	Name   string // slash-separated, relative to the site's root: "posts/x/index.html"
	Page   *Page  // the page, for an HTML page; nil for the other files
	Render func() ([]byte, error)
}

// Outputs lists every file Render writes, without rendering any: the pages,
// then Files. A development server renders each when it is asked for.
func (s *Site) Outputs() []Output {
	out := make([]Output, 0, len(s.pages)+16)
	for _, p := range s.pages {
		out = append(out, Output{Name: outputPath(p.URL), Page: p, Render: func() ([]byte, error) { return s.RenderPage(p) }})
	}
	for _, f := range s.Files() {
		out = append(out, Output{Name: f.Name, Render: f.Render})
	}
	return out
}
