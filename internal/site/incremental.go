package site

import (
	"reflect"
	"slices"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/post"
)

// Incremental builds.
//
// A Builder keeps the last Site it built. The next build lays out the new
// site with the same newSite, which reuses the figures the last one computed
// wherever their inputs are the same:
//
//   - a post's own totals, when the post was not read again;
//   - a tag's totals, when the tag has the same posts, in the same order, with
//     the same figures;
//   - the site's totals, when every post keeps its place,
//     URL, date and figures (an edit of a post's text, summary or tags).
//
// impact.Compute is a function of the number of posts and of their donations
// and offsets, in order, so equal inputs give equal totals; nothing else is
// reused. TestIncrementalMatchesFull checks that an incremental build writes
// the same bytes as a full one after every kind of edit.

// incremental is what a Builder keeps for its next build.
type incremental struct {
	last   *Site       // the last site built
	images *imageState // the images' headers and encoded copies (images.go)
}

// lastSite is the last site built, when it had the same config: the site
// the next newSite may take figures from.
func (b *Builder) lastSite() *Site {
	if prev := b.inc.last; prev != nil && prev.Config == b.config {
		return prev
	}
	return nil
}

// reuse finds the figures of the last site that still hold.
type reuse struct {
	prev  *Site
	posts map[*post.Post]*impact.Totals // a post's own totals, by the post as read; made by postTotals
	tags  map[string]*Tag               // by slug
}

func newReuse(prev *Site) *reuse {
	if prev == nil {
		return nil
	}
	r := &reuse{prev: prev, tags: make(map[string]*Tag, len(prev.Tags))}
	for _, t := range prev.Tags {
		r.tags[t.Slug] = t
	}
	return r
}

// postTotals is the last totals of p, when p was not read again; else nil.
// Only one goroutine may call it.
func (r *reuse) postTotals(p *Post) *impact.Totals {
	if r == nil {
		return nil
	}
	if r.posts == nil {
		r.posts = make(map[*post.Post]*impact.Totals, len(r.prev.Posts))
		for _, q := range r.prev.Posts {
			if k := q.kept.Load(); k != nil {
				r.posts[q.Post] = k.totals
			}
		}
	}
	return r.posts[p.Post]
}

// tagTotals is the last totals of t, when it has the same posts with the
// same figures; else nil.
func (r *reuse) tagTotals(t *Tag) *impact.Totals {
	if r == nil {
		return nil
	}
	if old := r.tags[t.Slug]; old != nil && sameFigures(old.Posts, t.Posts) {
		return old.Totals
	}
	return nil
}

// sameFigures reports whether two lists of posts give the same totals: the
// same posts in the same order, each with the same URL, file, title, date,
// donations, offsets and emissions.
func sameFigures(a, b []*Post) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		p, q := a[i].Post, b[i].Post
		if p == q {
			continue
		}
		if p.URL() != q.URL() || p.File != q.File || !p.Date.Equal(q.Date) || p.Title != q.Title ||
			!reflect.DeepEqual(p.Donations, q.Donations) || !reflect.DeepEqual(p.Offsets, q.Offsets) ||
			!reflect.DeepEqual(p.Emissions, q.Emissions) {
			return false
		}
	}
	return true
}

// PagesShowing lists the pages that show the post of file: its page, its
// neighbours' pages (their links name it), the listings it is on, and the
// tag index, archive and impact pages. The rebuild benchmarks render these
// after a one-post edit.
func (s *Site) PagesShowing(file string) []*Page {
	var out []*Page
	for _, p := range s.pages {
		switch {
		case p.Kind.spec().Every:
		case p.Post != nil && (p.Post.File == file ||
			p.Post.Prev != nil && p.Post.Prev.File == file ||
			p.Post.Next != nil && p.Post.Next.File == file):
		case slices.ContainsFunc(p.Posts, func(q *Post) bool { return q.File == file }):
		default:
			continue
		}
		out = append(out, p)
	}
	return out
}
