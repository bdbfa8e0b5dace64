package site

import (
	"io"

	"github.com/impactblog/impactblog/internal/search"
)

// searchIndex is the file the search page reads (package search).
const searchIndex = "search/index.json"

// writeSearchIndex writes the search index of the site's posts, newest
// first: what the search page finds them by (package search).
func (s *Site) writeSearchIndex(w io.Writer) error {
	docs := make([]search.Doc, len(s.Posts))
	for i, p := range s.Posts {
		summary, err := p.Summary()
		if err != nil {
			return err
		}
		d := &docs[i]
		d.URL, d.Title, d.Summary, d.Tags = p.URL(), p.Title, summary, p.Tags
		d.Date, d.Day = p.Date.Format("2006-01-02"), s.locale.Date(p.Date)
		for _, g := range p.Donations {
			d.Recipients = append(d.Recipients, g.Recipient)
		}
		for _, o := range p.Offsets {
			d.Providers = append(d.Providers, o.Provider)
		}
	}
	return search.Write(w, docs)
}
