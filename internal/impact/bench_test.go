package impact_test

import (
	"testing"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/post"
)

// BenchmarkCompute totals the donations and offsets of 10,000 generated
// posts, as the site does for its footer and impact page.
func BenchmarkCompute(b *testing.B) {
	gbp, _ := impact.ParseCurrency("GBP")
	const n = 10000
	var ds []impact.Donation
	var os []impact.Offset
	for i := range n {
		file, src := blogtest.Post(i, n, 1)
		p, problems := post.Parse(file, src, post.Options{Currency: gbp})
		if problems != nil {
			b.Fatal(problems)
		}
		ds = append(ds, p.Donations...)
		os = append(os, p.Offsets...)
	}
	dp, op := make([]*impact.Donation, len(ds)), make([]*impact.Offset, len(os))
	for i := range ds {
		dp[i] = &ds[i]
	}
	for i := range os {
		op[i] = &os[i]
	}
	b.ResetTimer()
	for b.Loop() {
		t, _ := impact.Compute(n, dp, op)
		if t.Donations.Count != len(ds) {
			b.Fatalf("have %d donations, want %d", t.Donations.Count, len(ds))
		}
	}
}
