package site

import (
	"path"
	"slices"
	"strconv"
	"strings"
)

// A Kind is a kind of page. Templates see it as a string: {{if eq .Kind
// "home"}}, class="kind-{{.Kind}}".
type Kind string

// The kinds of page, in the order the site lists them (kinds).
const (
	KindHome       Kind = "home"
	KindPost       Kind = "post"
	KindAlias      Kind = "alias"
	KindPage       Kind = "page"
	KindTags       Kind = "tags"
	KindTag        Kind = "tag"
	KindArchive    Kind = "archive"
	KindImpact     Kind = "impact"
	KindImpactYear Kind = "impact-year"
	KindSearch     Kind = "search"
	KindNotFound   Kind = "404"
)

// A pageKind is a row of the page table.
type pageKind struct {
	Kind     Kind
	URL      string // its address; <…> is filled in for each post, alias, tag or year
	Template string // its file under templates/; "" for a redirect, which has none
	Title    string // its title, for a page of which there is one: the id of an interface string (package i18n)
	Sitemap  bool   // listed in sitemap.xml
	// Every says the page is made from every post (the tag index, the
	// archive, the impact page): Render starts it first, as it takes as
	// long as hundreds of post pages, and an edit of any post shows on it
	// (PagesShowing).
	Every bool
}

// kinds is the page table: every kind of page, in the order of
// Site.Pages (the index's pages; each post's page and its aliases; each
// standalone page and its aliases; the tag index; each tag's pages; the
// archive, the impact page, each year's impact page, the search page and
// the 404). The package comment lists the same pages, with what
// each shows.
var kinds = []pageKind{
	{Kind: KindHome, URL: "/", Template: "index.html", Sitemap: true},
	{Kind: KindPost, URL: "/posts/<slug>/", Template: "post.html", Sitemap: true},
	{Kind: KindAlias, URL: "<alias>/"},
	{Kind: KindPage, URL: "/<path>/", Template: "page.html", Sitemap: true}, // pages/<path>.md (standalone.go)
	{Kind: KindTags, URL: "/tags/", Template: "tags.html", Title: "tags", Sitemap: true, Every: true},
	{Kind: KindTag, URL: "/tags/<tag>/", Template: "tag.html", Sitemap: true},
	{Kind: KindArchive, URL: "/archive/", Template: "archive.html", Title: "archive", Sitemap: true, Every: true},
	{Kind: KindImpact, URL: "/impact/", Template: "impact.html", Title: "ourImpact", Sitemap: true, Every: true},
	// A year's page (yearreport.go) shows that year's entries, but an
	// edit of any post may move an entry into or out of it: Every.
	{Kind: KindImpactYear, URL: "/impact/<year>/", Template: "impact-year.html", Sitemap: true, Every: true},
	{Kind: KindSearch, URL: "/search/", Template: "search.html", Title: "search"}, // reads /search/index.json (search.go)
	{Kind: KindNotFound, URL: "/404.html", Template: "404.html", Title: "pageNotFound"},
}

// spec is k's row of the page table.
func (k Kind) spec() *pageKind {
	for i := range kinds {
		if kinds[i].Kind == k {
			return &kinds[i]
		}
	}
	panic("site: no kind of page " + strconv.Quote(string(k)))
}

// The rows of the page table, looked up once.
var (
	homeKind, postKind, aliasKind = KindHome.spec(), KindPost.spec(), KindAlias.spec()
	tagsKind, tagKind             = KindTags.spec(), KindTag.spec()
	impactYearKind                = KindImpactYear.spec()
)

// pageTemplates are the templates every theme has, one per kind of page
// that has one, in the order of the page table.
var pageTemplates = func() []string {
	var list []string
	for _, k := range kinds {
		if k.Template != "" {
			list = append(list, k.Template)
		}
	}
	return list
}()

// A Page is one HTML page of the site and what its template gets.
type Page struct {
	Kind     Kind
	URL      string
	Title    string
	Template string // "post.html"
	Site     *Site
	Post     *Post   // on a post page
	Posts    []*Post // on listings: this page's posts
	Tag      *Tag    // on a tag page
	Pager    *Pager  // on paginated listings
	Target   string  // on an alias page: where it redirects
	Year     string  // on a year's impact page: "2020" (its report: YearReport)
}

// A Pager places a page in a paginated listing.
type Pager struct {
	Number int // 1-based
	Total  int
	Prev   string // URL, or ""
	Next   string
}

// postPages makes the index's pages, and each post's page and the redirect
// pages of its aliases, in the order of the posts.
func (s *Site) postPages() []*Page {
	// One array for the post pages rather than an allocation each.
	posts := make([]Page, len(s.Posts))
	pages := make([]*Page, 0, len(s.Posts)+len(s.Posts)/s.Config.PostsPerPage+16)
	pages = append(pages, s.paginate(homeKind, homeKind.URL, s.Config.Title, nil, s.Posts)...)
	for i, p := range s.Posts {
		posts[i] = Page{Kind: KindPost, URL: p.URL(), Title: p.Title, Template: postKind.Template, Post: p}
		pages = append(pages, &posts[i])
		for _, a := range p.Aliases {
			pages = append(pages, &Page{Kind: KindAlias, URL: aliasURL(a), Title: p.Title, Template: aliasKind.Template, Post: p, Target: p.URL()})
		}
	}
	return pages
}

// makePages lists every page of the site: the index's and the posts'
// (postPages), then the tags', the archive, the impact page, each year's
// impact page, the search page and the 404.
func (s *Site) makePages(postPages []*Page) []*Page {
	pages := slices.Grow(postPages, len(s.Posts)/s.Config.PostsPerPage*2+len(s.Tags)+len(s.Standalone)+8)
	pages = append(pages, s.standalonePages()...)
	pages = append(pages, s.onePage(tagsKind))
	for _, t := range s.Tags {
		pages = append(pages, s.paginate(tagKind, t.URL(), s.word("postsTagged", "Tag", t.Name), t, t.Posts)...)
	}
	for _, k := range kinds[slices.Index(kinds, *tagKind)+1:] {
		if k.Kind == KindImpactYear {
			pages = append(pages, s.yearPages()...)
			continue
		}
		pages = append(pages, s.onePage(&k))
	}
	for _, p := range pages {
		p.Site = s
	}
	return pages
}

// onePage is the one page of a kind of which there is one.
func (s *Site) onePage(k *pageKind) *Page {
	return &Page{Kind: k.Kind, URL: k.URL, Title: s.word(k.Title), Template: k.Template}
}

// paginate makes the pages of a listing of kind k at url.
func (s *Site) paginate(k *pageKind, url, title string, tag *Tag, posts []*Post) []*Page {
	per := s.Config.PostsPerPage
	total := max(1, (len(posts)+per-1)/per)
	pageURL := func(n int) string {
		if n == 1 {
			return url
		}
		return url + "page/" + strconv.Itoa(n) + "/"
	}
	pages := make([]*Page, 0, total)
	for n := 1; n <= total; n++ {
		pg := &Pager{Number: n, Total: total}
		if n > 1 {
			pg.Prev = pageURL(n - 1)
		}
		if n < total {
			pg.Next = pageURL(n + 1)
		}
		lo, hi := (n-1)*per, min(n*per, len(posts))
		t := title
		if n > 1 {
			t += " – " + s.word("pageNumber", "Number", n)
		}
		pages = append(pages, &Page{Kind: k.Kind, URL: pageURL(n), Title: t, Template: k.Template, Tag: tag, Posts: posts[lo:hi], Pager: pg})
	}
	return pages
}

// Pages lists every HTML page of the site.
func (s *Site) Pages() []*Page { return s.pages }

// outputPath turns a page URL into the file that holds it: "/posts/x/" →
// "posts/x/index.html", "/feed.xml" → "feed.xml".
func outputPath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	if path.Ext(p) == "" {
		return p + "/index.html"
	}
	return p
}
