package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestMenu: [[menu]] adds links, renames, reorders and removes built-in
// ones; the current page's link is marked; a link to no page is a problem
// at its line; [params] reaches templates.
func TestMenu(t *testing.T) {
	toml := `title = "T"
[[menu]]
name = "About us"
url = "/about/"
weight = 5
[[menu]]
url = "/tags/"
remove = true
[[menu]]
url = "/impact/"
name = "Our impact"
weight = 1
[[menu]]
name = "Mastodon"
url = "https://example.social/@impact"
weight = 99
[params]
motto = "Small victories"
`
	blog := fstest.MapFS{
		"site.toml":             {Data: []byte(toml)},
		"posts/2021-01-15-a.md": {Data: []byte("---\ntitle: A\n---\nx\n")},
		"pages/about.md":        {Data: []byte("---\ntitle: About\n---\nWho we are.\n")},
		"templates/404.html":    {Data: []byte(`{{define "main"}}<p>{{.Site.Params.motto}}</p>{{end}}`)},
	}
	out, err := build(t, blog, Options{})
	if err != nil {
		t.Fatal(err)
	}
	nav := func(name string) string {
		b, _ := out.Get(name)
		s := string(b)
		i, j := strings.Index(s, `<nav aria-label="Site">`), strings.Index(s, "</nav>")
		if i < 0 || j < i {
			t.Fatalf("%s has no site menu", name)
		}
		return strings.Join(strings.Fields(s[i:j]), " ")
	}
	want := `<nav aria-label="Site"> <a href="/impact/">Our impact</a> <a href="/about/" aria-current="page">About us</a> <a href="/">Posts</a> <a href="/archive/">Archive</a> <a href="/search/">Search</a> <a href="https://example.social/@impact">Mastodon</a>`
	if have := nav("about/index.html"); have != want {
		t.Errorf("menu on /about/:\nhave %s\nwant %s", have, want)
	}
	if have := nav("index.html"); !strings.Contains(have, `<a href="/" aria-current="page">Posts</a>`) || strings.Contains(have, `"/about/" aria-current`) {
		t.Errorf("menu on /: %s", have)
	}
	if b, _ := out.Get("404.html"); !strings.Contains(string(b), "<p>Small victories</p>") {
		t.Errorf("404.html lacks .Site.Params.motto")
	}

	blog["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\n[[menu]]\nname = \"Team\"\nurl = \"/team/\"\n")}
	if _, err := build(t, blog, Options{}); err == nil || !strings.Contains(err.Error(), "site.toml:4:7: the menu links to /team/, which is no page of the site") {
		t.Errorf("a menu link to no page: have %v", err)
	}
}
