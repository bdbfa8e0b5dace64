package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestStandalonePages: pages/ makes pages at their paths, with their
// bundles' files; they are in the sitemap and in no feed, list, tag or
// count; they may quote the totals; links to and from them are checked.
func TestStandalonePages(t *testing.T) {
	blog := fstest.MapFS{
		"site.toml":             {Data: []byte("title = \"T\"\nbase_url = \"https://impact.example/\"\ncurrency = \"GBP\"\n")},
		"posts/2021-01-15-a.md": {Data: []byte("---\ntitle: A post\ntags: [giving]\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 45000\n---\nSee [about us](/about/), [the team](../pages/team/index.md) and [Zola's](@/2021-01-15-a.md).\n")},
		"pages/about.md":        {Data: []byte("---\ntitle: About us\naliases: [/who/]\n---\nWe gave {{< total donations >}} so far. Read [our post](../posts/2021-01-15-a.md).\n")},
		"pages/team/index.md":   {Data: []byte("---\ntitle: The team\n---\n![Us](us.png)\n")},
		"pages/team/us.png":     {Data: []byte("png")},
		"pages/draft.md":        {Data: []byte("---\ntitle: Not yet\ndraft: true\n---\nSoon.\n")},
	}
	out, err := build(t, blog, Options{})
	if err != nil {
		t.Fatal(err)
	}
	get := func(name string) string {
		b, ok := out.Get(name)
		if !ok {
			t.Fatalf("no %s; have %v", name, out.Names())
		}
		return string(b)
	}
	about := get("about/index.html")
	for _, want := range []string{"<h1>About us</h1>", "We gave £45,000 so far.", `href="/posts/a/"`} {
		if !strings.Contains(about, want) {
			t.Errorf("about/index.html lacks %q", want)
		}
	}
	if team := get("team/index.html"); !strings.Contains(team, `src="/team/us.png"`) {
		t.Errorf("team page: the image is not at /team/us.png:\n%s", team)
	}
	get("team/us.png")
	if who := get("who/index.html"); !strings.Contains(who, "https://impact.example/about/") {
		t.Errorf("the alias does not redirect to the page:\n%s", who)
	}
	if _, ok := out.Get("draft/index.html"); ok {
		t.Error("a draft page is published")
	}
	post := get("posts/a/index.html")
	for _, want := range []string{`href="/about/"`, `href="/team/"`, `href="/posts/a/"`} {
		if !strings.Contains(post, want) {
			t.Errorf("the post lacks the link %s", want)
		}
	}
	if sm := get("sitemap.xml"); !strings.Contains(sm, "https://impact.example/about/") || !strings.Contains(sm, "https://impact.example/team/") {
		t.Errorf("sitemap lacks the pages:\n%s", sm)
	}
	for _, f := range []string{"feed.xml", "rss.xml", "archive/index.html", "tags/index.html", "impact.json", "search/index.json", "index.html"} {
		if strings.Contains(get(f), "About us") || strings.Contains(get(f), "The team") {
			t.Errorf("%s lists a page", f)
		}
	}
	if !strings.Contains(get("impact.json"), `"posts": 1`) {
		t.Errorf("impact.json counts the pages:\n%s", get("impact.json"))
	}
}

// TestStandalonePageProblems: what a page may not be is a problem at its
// file.
func TestStandalonePageProblems(t *testing.T) {
	tests := []struct {
		name string
		blog fstest.MapFS
		want string
	}{
		{"figures", fstest.MapFS{"pages/about.md": {Data: []byte("---\ntitle: About\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 5\n---\nx\n")}},
			"pages/about.md:4:3: a page has no figures of its own"},
		{"a built-in address", fstest.MapFS{"pages/tags.md": {Data: []byte("---\ntitle: Tags\n---\nx\n")}},
			"pages/tags.md: this page's address /tags/ is one the site has already"},
		{"a link to no page", fstest.MapFS{"pages/about.md": {Data: []byte("---\ntitle: About\n---\n[gone](gone.md)\n")}},
			"pages/about.md:4:1: the link to gone.md points to no post: there is no file pages/gone.md"},
		{"a link to a draft page", fstest.MapFS{
			"pages/about.md": {Data: []byte("---\ntitle: About\n---\n[soon](soon.md)\n")},
			"pages/soon.md":  {Data: []byte("---\ntitle: Soon\ndraft: true\n---\nx\n")}},
			"pages/about.md:4:1: the link to soon.md points to a post this build leaves out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.blog["posts/2021-01-15-a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nx\n")}
			_, err := build(t, tt.blog, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("have %v\nwant %s", err, tt.want)
			}
		})
	}
}
