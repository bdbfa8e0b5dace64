package site

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/search"
	theme "github.com/impactblog/impactblog/templates"
)

// maxSearchIndex is the most bytes, before compression, the search index
// of 1,000 generated posts may weigh (issue 17).
const maxSearchIndex = 500_000

// TestIndexSizeOfAGeneratedBlog builds a generated blog of 1,000 posts and
// checks its search index: every post in it, under maxSearchIndex bytes.
func TestIndexSizeOfAGeneratedBlog(t *testing.T) {
	const n = 1000
	s, err := NewBuilder(blogtest.FS(n, 1), theme.FS, Options{Now: now.AddDate(10, 0, 0), Once: true}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Posts) != n {
		t.Fatalf("have %d posts want: %d", len(s.Posts), n)
	}
	var b bytes.Buffer
	if err := s.writeSearchIndex(&b); err != nil {
		t.Fatal(err)
	}
	t.Logf("the search index of %d generated posts: %d bytes (%d a post)", n, b.Len(), b.Len()/n)
	if b.Len() > maxSearchIndex {
		t.Errorf("the search index of %d generated posts: have %d bytes want: at most %d", n, b.Len(), maxSearchIndex)
	}
	docs, err := search.Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != n {
		t.Errorf("have %d posts in the index want: %d", len(docs), n)
	}
}

// TestSearchPage: the search page and its index are written, with the
// base URL's path on every link the script follows, and the navigation
// links to the page.
func TestSearchPage(t *testing.T) {
	blog := blogOf(
		"site.toml", "title = \"T\"\nbase_url = \"https://example.org/blog/\"\n",
		"posts/black-friday.md", goodPost,
		"posts/gifts.md", giftPost,
	)
	out, err := build(t, blog, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := out.Get("search/index.html")
	for _, want := range []string{
		`<label for="search-q">`, `role="status" aria-live="polite"`, "<noscript>",
		`data-index="/blog/search/index.json"`, `data-base="/blog/"`, `src="/blog/search.js"`,
		`<a href="/blog/search/" aria-current="page">Search</a>`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("search/index.html: no %s", want)
		}
	}
	home, _ := out.Get("index.html")
	if !bytes.Contains(home, []byte(`<a href="/blog/search/">Search</a>`)) {
		t.Errorf("index.html: no link to the search page")
	}
	if _, ok := out.Get("search.js"); !ok {
		t.Errorf("no search.js")
	}
	idx, ok := out.Get(searchIndex)
	if !ok {
		t.Fatalf("no %s; have %s", searchIndex, strings.Join(out.Names(), " "))
	}
	docs, err := search.Read(bytes.NewReader(idx))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, d := range docs {
		titles = append(titles, d.URL+" "+d.Title+" "+strings.Join(d.Recipients, ",")+strings.Join(d.Providers, ","))
	}
	if have, want := strings.Join(titles, "\n"), "/posts/gifts/ Gifts WWF,Tokyo Bridge\n/posts/black-friday/ Black Friday GoodPlanet Foundation"; have != want {
		t.Errorf("the index:\nhave %s\nwant: %s", have, want)
	}
	sitemap, _ := out.Get("sitemap.xml")
	if bytes.Contains(sitemap, []byte("/search/")) {
		t.Errorf("sitemap.xml lists the search page, which has nothing of its own to index")
	}
}

// TestSearchTemplateOfTheBlog: a blog's own templates/search.html replaces
// the theme's, in the blog's layout.
func TestSearchTemplateOfTheBlog(t *testing.T) {
	blog := blogOf(
		"posts/gifts.md", giftPost,
		"templates/search.html", `{{define "main"}}<h1>Find a post</h1><div id="finder"></div>{{end}}`,
	)
	out, err := build(t, blog, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := out.Get("search/index.html")
	if !bytes.Contains(page, []byte(`<h1>Find a post</h1><div id="finder"></div>`)) || !bytes.Contains(page, []byte(`<header class="site-header">`)) {
		t.Errorf("search/index.html is not the blog's template in the layout:\n%s", page)
	}
	if _, ok := out.Get(searchIndex); !ok {
		t.Errorf("no %s", searchIndex)
	}
}
