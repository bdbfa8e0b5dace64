package site

import (
	"sync"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/report"
)

// What a build keeps in memory, and what it does not (see the package
// comment): a post's HTML, summary and list item are each a
// source.Stored, in memory or in the build's source.Spill; what a post's
// page shows several times over is kept while the page renders (kept,
// hold).

// kept is what a post keeps of what its page shows several times over (its
// totals, its report, its summary): for good in a site built to be built
// again, and in a site built once only while the post's page or list item
// renders (hold).
type kept struct {
	totals     *impact.Totals
	reportOnce sync.Once
	report     *report.PostReport // Report, made the first time it is asked for

	summaryOnce sync.Once // Summary, read back from the spill once
	summary     string
	summaryErr  error
}

// hold keeps p's totals, and its report and summary once made, while f
// renders what shows them several times over.
func (p *Post) hold(f func()) {
	if p.kept.Load() != nil {
		f()
		return
	}
	k := &kept{totals: p.sumTotals()}
	if !p.kept.CompareAndSwap(nil, k) {
		f() // another page of the post holds them
		return
	}
	defer p.kept.CompareAndSwap(k, nil)
	f()
}
