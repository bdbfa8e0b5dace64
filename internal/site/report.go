package site

import (
	"errors"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/report"
	"github.com/impactblog/impactblog/internal/source"
)

// rateProblems turns the missing rates of impact.Compute into problems
// at the entries that need them.
func rateProblems(err error) problem.List {
	if err == nil {
		return nil
	}
	var list problem.List
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var re *impact.RateError
		if errors.As(e, &re) {
			list.Add(re.Source.File, re.Source.Line, 0, "no rate for %s in %d in site.toml: add %s = \"…\" under [rates.%d]", re.Code, re.Year, re.Code, re.Year)
		} else {
			list.Add("", 0, 0, "%v", e)
		}
	}
	return list
}

// Report is the impact page's report (package report), and through
// Report.Year each year's page's, made the first time a page asks for it:
// a rebuild in serve does not pay for it until the page is shown. It is as
// of Options.SourceDate, as impact.json is, or else of the newest entry.
func (s *Site) Report() *report.Report {
	s.reportOnce.Do(func() {
		byURL := make(map[string]*Post, len(s.Posts))
		for _, p := range s.Posts {
			byURL[p.URL()] = p
		}
		var asOf time.Time
		if !s.sourceDate.IsZero() {
			y, m, d := s.sourceDate.UTC().Date()
			asOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
		yearHref := func(y string) string { return s.href(yearURL(y)) }
		s.report = report.New(s.Totals, report.Options{Rates: s.Config.Rates, Locale: s.locale, RegistryURLs: s.registryURLs(), AsOf: asOf, YearURL: yearHref, Words: s.word, Receipt: func(d *impact.Donation) string {
			if p := byURL[d.Source.Post]; p != nil {
				return p.EvidenceURL(d.Evidence)
			}
			return ""
		}, Post: func(url string) any {
			if p := byURL[url]; p != nil {
				return p
			}
			return nil
		}})
	})
	return s.report
}

// Report is what the post's page shows beside its figures, made the first
// time the page asks for it and kept with the post's totals (hold).
func (p *Post) Report() *report.PostReport {
	k := p.kept.Load()
	if k == nil {
		return p.newReport()
	}
	k.reportOnce.Do(func() { k.report = p.newReport() })
	return k.report
}

func (p *Post) newReport() *report.PostReport {
	r := report.ForPost(p.site.Totals, p.Totals(), p.Emissions, p.Slug, p.site.locale, p.site.word)
	for i := range r.Shares {
		r.Shares[i].Href = p.site.href(yearURL(r.Shares[i].Year))
	}
	return r
}

// renderFigures renders again the posts that quote figures ({{< total … >}}),
// now that the totals are known. It runs on every build, so a post quoting
// a total is always up to date with every other post's figures.
func (s *Site) renderFigures(md *markdown.Renderer, posts []*Post) {
	if len(posts) == 0 {
		return
	}
	q := report.Quotes{Site: report.SiteScope(s.Totals), Rates: s.Config.Rates, Currency: s.Config.Cur, Locale: s.locale}
	q.Site.Posts = len(s.Posts)
	for _, p := range posts {
		q.Post = report.Scope{Totals: p.Totals(), Posts: 1, Donations: pointers(p.Donations), Offsets: pointers(p.Offsets)}
		doc, err := md.RenderWith(p.Body, markdown.Env{Resolve: p.resolve, Image: imageOf(p.images), Figures: q})
		if err != nil {
			s.problems.Add(p.File, p.BodyLine, 0, "rendering Markdown: %v", err)
			continue
		}
		s.problems = append(s.problems, source.FigureProblems(p.Post, doc)...)
		p.setHTML(doc.HTML)
		p.summary = source.Mem(doc.Summary)
	}
}

// pointers points at each element of list.
func pointers[T any](list []T) []*T {
	out := make([]*T, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}
