package site

import (
	"cmp"
	"errors"
	"html/template"
	"io/fs"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/report"
	"github.com/impactblog/impactblog/internal/source"
)

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// A Site is a blog read, checked and totalled, ready to render.
type Site struct {
	Config     *config.Config
	Posts      []*Post // published, newest first
	Standalone []*Post // the pages of pages/, by address (standalone.go)
	Tags       []*Tag  // by name
	Years      []*Year // newest first
	Totals     *impact.Totals
	report     *report.Report // the impact page: Report() (report.go)
	reportOnce sync.Once

	// Warnings are what is shown, but not as its writer meant (template
	// syntax of other generators); -strict makes them fail a build.
	Warnings problem.List

	// LeftOut counts the drafts and the posts dated in the future that
	// the build left out (Options.Drafts, Options.Future).
	LeftOut struct{ Drafts, Future int }

	assets []publish.File // files copied with the posts (package links)

	locale   *locale.Locale
	tmpl     *templateSet
	partials sync.Map // name and variants → *cachedPartial (partialCached)
	pages    []*Page
	problems problem.List  // found while totalling: a missing rate
	spill    *source.Spill // where posts' HTML and list items wait, or nil

	version    string    // Options.Version
	sourceDate time.Time // Options.SourceDate

	// A multilingual blog (languages.go): the root site has the sites
	// of its other languages; each of those knows its language and root.
	langs []*Site
	lang  config.Language
	root  *Site
}

// A Post is a post as the site shows it.
type Post struct {
	*post.Post
	Scheduled    bool                 // dated after the build's now: shown only with Options.Future
	original     *Post                // of a translation (languages.go)
	translations []*Post              // of an original
	content      source.Stored        // the HTML of its body (Content)
	summary      source.Stored        // Summary, when the front matter has none
	TOC          template.HTML        // the contents, when the front matter has toc: true
	Image        string               // absolute URL of the image that represents the post, or ""
	kept         atomic.Pointer[kept] // its totals and report, when kept
	TagList      []*Tag
	site         *Site
	Prev         *Post // older
	Next         *Post // newer

	resolve func(dest string) string   // its links into the site, resolved (package links)
	images  map[string]*markdown.Image // its images' sizes and copies, by destination (images.go)
	entry   *source.Entry              // the post's file as last read
	// attached maps each file beside the post that its front matter
	// names to its address: EvidenceURL.
	attached map[string]string

	words int // of Body, counted once when the post is read; -1: not yet
	item  struct {
		once sync.Once
		html source.Stored
		err  error
	}
}

// Totals are the post's own sums; their Entries are nil (the site's Totals
// list them). A site built once (Options.Once) does not keep every post's
// totals, which would be a large blog's largest part after its HTML: they
// are computed when asked, and kept while the post's page or list item is
// rendered (hold).
func (p *Post) Totals() *impact.Totals {
	if k := p.kept.Load(); k != nil {
		return k.totals
	}
	return p.sumTotals()
}

func (p *Post) sumTotals() *impact.Totals {
	t, _ := impact.Compute(1, pointers(p.Donations), pointers(p.Offsets), impact.WithRates(p.site.Config.Rates), impact.SumsOnly) // a missing rate is reported by the site's Totals
	return t
}

// Content is the HTML of the post's body.
func (p *Post) Content() (template.HTML, error) {
	s, err := p.content.Load(p.site.spill)
	return template.HTML(s), err
}

// Summary is the post's summary in plain text: its front matter's, or else
// what comes before <!--more--> in its body, or else its first paragraph.
func (p *Post) Summary() (string, error) {
	if p.Post.Summary != "" {
		return p.Post.Summary, nil
	}
	if !p.summary.OnDisk() {
		return p.summary.Load(nil)
	}
	read := func() (string, error) { return p.summary.Load(p.site.spill) }
	k := p.kept.Load()
	if k == nil {
		return read()
	}
	// Read once for the page that holds the post: it shows the summary in
	// several places.
	k.summaryOnce.Do(func() { k.summary, k.summaryErr = read() })
	return k.summary, k.summaryErr
}

// setHTML replaces the HTML of the post's body.
func (p *Post) setHTML(html string) {
	p.content = source.Mem(html)
}

// listItem renders the template "post-summary" for p once: a post is on the
// index and on the pages of each of its tags, rendered the same on each.
func (p *Post) listItem(t *template.Template) (template.HTML, error) {
	p.item.once.Do(func() {
		var b strings.Builder
		if t == nil || t.Lookup("post-summary") == nil {
			p.item.err = errors.New(`no template "post-summary": define it, as templates/partials/post-list.html does`)
			return
		}
		p.hold(func() { p.item.err = t.ExecuteTemplate(&b, "post-summary", p) })
		if p.item.err != nil {
			return
		}
		// A post's item is on several pages, but a large blog's items
		// need not all be in memory until the last of them: they wait in
		// the spill, when the site has one, like the posts' HTML.
		p.item.html = p.site.spill.Store(b.String())
	})
	if p.item.err != nil {
		return "", p.item.err
	}
	s, err := p.item.html.Load(p.site.spill)
	return template.HTML(s), err
}

// ReadingTime is the minutes a reader needs, at 220 words a minute.
func (p *Post) ReadingTime() int {
	words := p.words
	if words < 0 {
		words = source.CountWords(p.Body)
	}
	return max(1, (words+110)/220)
}

// A Tag is a tag and its posts.
type Tag struct {
	Name   string
	Slug   string
	Posts  []*Post        // newest first
	Totals *impact.Totals // the sums of its posts' figures; Entries are nil
}

// URL is "/tags/<slug>/".
func (t *Tag) URL() string { return "/tags/" + t.Slug + "/" }

// A Year is the posts published in one year.
type Year struct {
	Year  int
	Posts []*Post
}

// newSite lays out the site: posts newest first, tags, years, totals and
// pages. prev, when not nil, is the last site built with the same config;
// figures whose inputs are unchanged are taken from it rather than computed
// again (see incremental.go).
//
// Once the posts are sorted, two passes over them run on a core each: one
// links each post to its neighbours and its year, sums its own totals and the
// site's, and makes the posts' pages; the other gathers the tags. They write
// different fields of the posts. Most of either pass is waiting for memory,
// a post at a time, which is most of a rebuild after a one-post edit.
func newSite(cfg *config.Config, loc *locale.Locale, posts, standalone []*Post, tmpl *templateSet, prev *Site, once bool) *Site {
	sortPosts(posts)
	s := &Site{Config: cfg, Posts: posts, Standalone: standalone, tmpl: tmpl, locale: loc}
	old := newReuse(prev)
	var (
		wg        sync.WaitGroup
		postPages []*Page
	)
	wg.Go(func() {
		years := map[int]*Year{}
		var keep []kept // what each post keeps, in one array
		if !once {
			keep = make([]kept, len(posts))
		}
		for i, p := range posts {
			p.Prev, p.Next, p.site = nil, nil, s
			if i+1 < len(posts) {
				p.Prev = posts[i+1]
			}
			if i > 0 {
				p.Next = posts[i-1]
			}
			if once {
				p.kept.Store(nil)
			} else {
				if keep[i].totals = old.postTotals(p); keep[i].totals == nil {
					keep[i].totals = p.sumTotals()
				}
				p.kept.Store(&keep[i])
			}
			y := years[p.Date.Year()]
			if y == nil {
				y = &Year{Year: p.Date.Year()}
				years[p.Date.Year()] = y
			}
			y.Posts = append(y.Posts, p)
		}
		for _, y := range years {
			s.Years = append(s.Years, y)
		}
		sort.Slice(s.Years, func(i, j int) bool { return s.Years[i].Year > s.Years[j].Year })
		if prev != nil && sameFigures(prev.Posts, posts) {
			s.Totals, s.problems = prev.Totals, prev.problems
		} else {
			var err error
			s.Totals, err = totalsOf(posts, impact.WithRates(cfg.Rates))
			s.problems = rateProblems(err)
		}
		postPages = s.postPages()
	})
	s.Tags = tagsOf(cfg, posts, old)
	wg.Wait()
	s.pages = s.makePages(postPages)
	return s
}

// tagsOf gathers the tags of posts, sorted by slug, with their totals, and
// gives each post its TagList.
func tagsOf(cfg *config.Config, posts []*Post, old *reuse) []*Tag {
	// The posts' tag lists share arrays: each post gets a window of its
	// own, capped so that appending to one never reaches the next.
	tagLists := make([]*Tag, 0, 3*len(posts))
	tags := map[string]*Tag{}
	for _, p := range posts {
		p.TagList = nil
		if len(p.Tags) > 0 {
			tagLists = slices.Grow(tagLists, len(p.Tags))
			p.TagList = tagLists[len(tagLists) : len(tagLists) : len(tagLists)+len(p.Tags)]
			tagLists = tagLists[:len(tagLists)+len(p.Tags)]
		}
		for k, name := range p.Tags {
			slug := p.TagSlug(k)
			t := tags[slug]
			if t == nil {
				t = &Tag{Name: name, Slug: slug}
				tags[slug] = t
			}
			t.Posts = append(t.Posts, p)
			p.TagList = append(p.TagList, t)
		}
	}
	var list, compute []*Tag // compute: the tags whose totals the last build cannot give
	for _, t := range tags {
		if t.Slug == "" {
			continue
		}
		if t.Totals = old.tagTotals(t); t.Totals == nil {
			compute = append(compute, t)
		}
		list = append(list, t)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Slug < list[j].Slug })
	// The tags' totals, on every core.
	var wg sync.WaitGroup
	next := make(chan *Tag)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for t := range next {
				t.Totals, _ = totalsOf(t.Posts, impact.WithRates(cfg.Rates), impact.SumsOnly)
			}
		})
	}
	for _, t := range compute {
		next <- t
	}
	close(next)
	wg.Wait()
	return list
}

// sortPosts sorts posts newest first, then by slug. The keys are copied
// out of the posts first: comparing them in place would chase two pointers
// per post and comparison, the larger part of a rebuild's sort.
func sortPosts(posts []*Post) {
	type key struct {
		sec  int64
		nsec int
		slug string
		p    *Post
	}
	keys := make([]key, len(posts))
	for i, p := range posts {
		keys[i] = key{p.Date.Unix(), p.Date.Nanosecond(), p.Slug, p}
	}
	// Slugs are unique among the posts of a site, so the order is total
	// and an unstable sort gives the one answer.
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.sec, a.sec); c != 0 {
			return c
		}
		if c := cmp.Compare(b.nsec, a.nsec); c != 0 {
			return c
		}
		return strings.Compare(a.slug, b.slug)
	})
	for i, k := range keys {
		posts[i] = k.p
	}
}
