package review

import "github.com/impactblog/impactblog/internal/post"

// Saved is what Read found in the words of a post without problems, for a
// cache to keep (package source keeps it by the post's bytes and the
// site's settings): Restore makes the Post again from it and the post, as
// Read would, without reading the words.
type Saved struct {
	Lang     string
	Findings []Finding
	Figures  []Figure
}

// Save is what a cache keeps of r; false when r has problems, which are
// not kept: a post with problems is read again.
func (r *Post) Save() (Saved, bool) {
	if len(r.Problems) > 0 || len(r.unknown) > 0 {
		return Saved{}, false
	}
	return Saved{Lang: r.Lang, Findings: r.Findings, Figures: r.Figures}, true
}

// Restore is the Post that Read found in p, from what Save gave of it.
func Restore(p *post.Post, s Saved) *Post {
	return &Post{File: p.File, Lang: s.Lang, Findings: s.Findings, Figures: s.Figures,
		accepted: p.Accepted, shares: len(p.Emissions) > 0}
}
