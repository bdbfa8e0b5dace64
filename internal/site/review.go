package site

import (
	"cmp"
	"slices"

	"github.com/impactblog/impactblog/internal/claims"
	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/review"
)

// reviewOptions are how the posts' words are checked (package review),
// from the site's [claims]: made again when site.toml changes.
func reviewOptions(cfg *config.Config) (*review.Options, error) {
	opt := &review.Options{Lang: cfg.Language}
	var extra []claims.Rule
	if cfg.Claims != nil {
		opt.Off, extra = cfg.Claims.Off, cfg.Claims.Extra
	}
	var err error
	opt.Checker, err = claims.NewChecker(extra) // config has reported its error
	return opt, err
}

// review checks the figures typed in the prose of the posts against the
// data, now that the totals are known, and returns the warnings of every
// finding; Findings keeps them all, accepted ones too. Posts left out for
// their problems have their words checked, not their figures.
func (b *Builder) review(s *Site, posts, bad []*Post) problem.List {
	ix := review.Site(s.Totals)
	var ws problem.List
	var all []review.Finding
	for i, list := range [][]*Post{posts, bad} {
		for _, p := range list {
			r := p.entry.Review
			if r == nil {
				continue
			}
			var fs []review.Finding
			if i == 0 {
				fs = r.Check(review.Own(p.Post), ix)
			} else {
				fs = r.Words() // its figures did not read: the totals lack them
			}
			all = append(all, fs...)
			ws = append(ws, review.Warnings(r, fs)...)
		}
	}
	slices.SortStableFunc(all, func(a, b review.Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	b.findings = all
	return ws
}

// Findings are the claims findings of the last build, accepted ones too,
// sorted by file and position: for the claims report.
func (b *Builder) Findings() []review.Finding { return b.findings }
