package site

import (
	"net/url"
	"strings"

	"github.com/impactblog/impactblog/internal/report"
	"github.com/impactblog/impactblog/internal/theme"
)

// Each year's impact page.
//
// /impact/ is the overview of every year (impact.html, .Site.Report); each
// year an entry counts in has a page of its own, /impact/<year>/
// (impact-year.html), whose template gets the page's YearReport: that
// year's figures, charts, rates and entries with their evidence, each
// entry anchored by its stable id (impact.EntryID). The links to an entry
// from elsewhere (the overview's figures, a post's shares of each year, a
// post's JSON-LD) go to its year's page: yearURL.

// yearPages makes the page of each year an entry counts in (report.Years),
// oldest first.
func (s *Site) yearPages() []*Page {
	if s.Totals == nil {
		return nil
	}
	years := report.Years(s.Totals)
	each := make([]Page, len(years))
	pages := make([]*Page, len(years))
	for i, y := range years {
		each[i] = Page{Kind: KindImpactYear, URL: yearURL(y), Title: s.word("yearTitle", "Year", y), Template: impactYearKind.Template, Year: y}
		pages[i] = &each[i]
	}
	return pages
}

// remakeYearPages makes the year pages again from s.Totals, for a site
// whose totals are not those of its own posts: each site of a multilingual
// blog shows the totals of every language's originals (languages.go).
func (s *Site) remakeYearPages() {
	pages := make([]*Page, 0, len(s.pages))
	for _, p := range s.pages {
		if p.Kind != KindImpactYear {
			pages = append(pages, p)
		}
		if p.Kind == KindImpact {
			for _, y := range s.yearPages() {
				y.Site = s
				pages = append(pages, y)
			}
		}
	}
	s.pages = pages
}

// yearURL is the address of year y's impact page: "/impact/2020/".
func yearURL(y string) string { return strings.Replace(impactYearKind.URL, "<year>", y, 1) }

// YearReport is the report of the year of a year's impact page
// (report.Year), made the first time the page asks for it; nil on any
// other page.
func (p *Page) YearReport() *report.Year {
	if p.Year == "" || p.Site == nil {
		return nil
	}
	return p.Site.Report().Year(p.Year)
}

// href is the site path u under base_url's path, as the template function
// rel gives it: for a link the report writes itself.
func (s *Site) href(u string) string {
	abs := theme.Abs(s.Config.BaseURL, u)
	if p, err := url.Parse(abs); err == nil && p.Host != "" {
		return p.EscapedPath()
	}
	return u
}
