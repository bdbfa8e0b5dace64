package site

import (
	"html/template"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
)

// Incremental builds.
//
// A Builder keeps the last Site it built. The next build lays out the new
// site exactly as newSite does, but reuses the figures the last one computed
// wherever their inputs are the same:
//
//   - a post's own totals, when the post was not read again;
//   - a tag's totals, when the tag has the same posts, in the same order, with
//     the same figures;
//   - the site's totals and the impact report, when every post keeps its place,
//     URL, date and figures (an edit of a post's text, summary or tags).
//
// impact.Compute is a function of the number of posts and of their donations
// and offsets, in order, so equal inputs give equal totals; nothing else is
// reused. TestIncrementalMatchesFull checks that an incremental build writes
// the same bytes as a full one after every kind of edit. Any change to
// newSite must be made to newSiteFrom too.

// incremental is what a Builder keeps for its next build.
type incremental struct {
	last *Site                                // the last site built
	html map[*markdown.Document]template.HTML // each post's HTML, as a string
}

// content is the HTML of a post's body, converted to a string once for as
// long as the post is not read again (a copy of every post's HTML on every
// build is the largest cost of a small rebuild).
func (b *Builder) content(e *entry) template.HTML {
	if h, ok := b.inc.html[e.doc]; ok {
		return h
	}
	if b.inc.html == nil || len(b.inc.html) > 2*len(b.posts)+16 {
		b.inc.html = make(map[*markdown.Document]template.HTML, len(b.posts))
	}
	h := template.HTML(e.doc.HTML)
	b.inc.html[e.doc] = h
	return h
}

// newSite lays out the site, from the last build when there is one with the
// same config.
func (b *Builder) newSite(cfg *config.Config, loc *locale.Locale, posts []*Post, tmpl *templates) *Site {
	var s *Site
	if b.inc.last == nil || b.inc.last.Config != cfg {
		s = newSite(cfg, loc, posts, tmpl)
	} else {
		s = newSiteFrom(b.inc.last, cfg, loc, posts, tmpl)
	}
	b.inc.last = s
	return s
}

// newSiteFrom is newSite, reusing the figures of prev where it can.
func newSiteFrom(prev *Site, cfg *config.Config, loc *locale.Locale, posts []*Post, tmpl *templates) *Site {
	// newSite's order: newest first, then by slug. Slugs are unique, so
	// the order is total and an unstable sort gives the same result.
	slices.SortFunc(posts, func(a, b *Post) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	oldTotals := make(map[*post.Post]*impact.Totals, len(prev.Posts))
	for _, p := range prev.Posts {
		oldTotals[p.Post] = p.Totals
	}
	s := &Site{Config: cfg, Posts: posts, tmpl: tmpl, locale: loc}
	tags := make(map[string]*Tag, len(prev.Tags))
	years := make(map[int]*Year, len(prev.Years))
	slugs := map[string]string{} // tag name → slug
	for i, p := range posts {
		p.Prev, p.Next, p.TagList = nil, nil, nil
		if i+1 < len(posts) {
			p.Prev = posts[i+1]
		}
		if i > 0 {
			p.Next = posts[i-1]
		}
		if t := oldTotals[p.Post]; t != nil {
			p.Totals = t
		} else {
			p.Totals = impact.Compute(1, p.Donations, p.Offsets)
		}
		for _, name := range p.Tags {
			slug, ok := slugs[name]
			if !ok {
				slug = post.Slugify(name)
				slugs[name] = slug
			}
			t := tags[slug]
			if t == nil {
				t = &Tag{Name: name, Slug: slug}
				tags[slug] = t
			}
			t.Posts = append(t.Posts, p)
			p.TagList = append(p.TagList, t)
		}
		y := years[p.Date.Year()]
		if y == nil {
			y = &Year{Year: p.Date.Year()}
			years[p.Date.Year()] = y
		}
		y.Posts = append(y.Posts, p)
	}
	oldTags := make(map[string]*Tag, len(prev.Tags))
	for _, t := range prev.Tags {
		oldTags[t.Slug] = t
	}
	for _, t := range tags {
		if t.Slug == "" {
			continue
		}
		if old := oldTags[t.Slug]; old != nil && sameFigures(old.Posts, t.Posts) {
			t.Totals = old.Totals
		} else {
			t.Totals = totalsOf(t.Posts)
		}
		s.Tags = append(s.Tags, t)
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].Slug < s.Tags[j].Slug })
	for _, y := range years {
		s.Years = append(s.Years, y)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year > s.Years[j].Year })
	if sameFigures(prev.Posts, posts) {
		s.Totals = prev.Totals
		s.Impact = remapReport(prev.Impact, prev.Posts, posts)
	} else {
		s.Totals = totalsOf(posts)
		s.Impact = newImpactReport(s.Totals, posts)
	}
	s.pages = s.makePages()
	return s
}

// sameFigures reports whether two lists of posts give the same totals and
// the same impact report: the same posts in the same order, each with the
// same URL, date, donations and offsets.
func sameFigures(a, b []*Post) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		p, q := a[i].Post, b[i].Post
		if p == q {
			continue
		}
		if p.URL() != q.URL() || !p.Date.Equal(q.Date) ||
			!reflect.DeepEqual(p.Donations, q.Donations) || !reflect.DeepEqual(p.Offsets, q.Offsets) {
			return false
		}
	}
	return true
}

// remapReport is the report r of the posts old with each post replaced by
// its counterpart in posts. It is used only when sameFigures(old, posts)
// holds: old[i] and posts[i] have the same URL, date and figures, so the
// groups and their order are unchanged.
func remapReport(r *ImpactReport, old, posts []*Post) *ImpactReport {
	next := make(map[*Post]*Post, len(posts))
	for i, p := range old {
		next[p] = posts[i]
	}
	remap := func(groups []ImpactGroup) []ImpactGroup {
		out := make([]ImpactGroup, len(groups))
		for i, g := range groups {
			out[i] = g
			out[i].Posts = make([]*Post, len(g.Posts))
			for j, p := range g.Posts {
				out[i].Posts[j] = next[p]
			}
		}
		return out
	}
	return &ImpactReport{Years: remap(r.Years), Recipients: remap(r.Recipients), Providers: remap(r.Providers)}
}
