package links

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/impactblog/impactblog/internal/markdown"
)

// TestResolve: a blog of two posts and a bundle, resolved without a site.
func TestResolve(t *testing.T) {
	fsys := fstest.MapFS{
		"posts/a.md":             {Data: []byte("a")},
		"posts/b.md":             {Data: []byte("b")},
		"posts/photo.jpg":        {Data: []byte("jpg")},
		"posts/bundle/index.md":  {Data: []byte("c")},
		"posts/bundle/chart.svg": {Data: []byte("svg")},
	}
	md := markdown.New(markdown.Options{})
	doc := func(src string) *markdown.Document {
		t.Helper()
		d, err := md.Render([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	in := Input{
		FS: fsys, Dir: "posts", BaseURL: "https://impact.example/blog/",
		Posts: []Post{
			{File: "posts/a.md", URL: "/posts/a/", Tags: []string{"carbon"}, BodyLine: 5,
				Doc: doc("[b](b.md#why) ![p](photo.jpg) [t](/tags/carbon/) [x](/tags/nope/) [gone](missing.md)")},
			{File: "posts/b.md", URL: "/posts/b/", Aliases: []string{"/old/b/"}, Image: "/cover.png", BodyLine: 3,
				Doc: doc("[old](/old/b/)")},
			{File: "posts/bundle/index.md", URL: "/posts/c/", Bundle: true},
		},
	}
	res := Resolve(in)
	a := res.Posts[0]
	for dest, want := range map[string]string{
		"b.md#why":      "/blog/posts/b/#why",
		"photo.jpg":     "/blog/posts/a/photo.jpg",
		"/tags/carbon/": "/blog/tags/carbon/",
	} {
		if have := a.Links[dest]; have != want {
			t.Errorf("%s: have %q, want %q", dest, have, want)
		}
	}
	if want := "https://impact.example/blog/posts/a/photo.jpg"; a.Image != want {
		t.Errorf("image of a: have %q, want %q", a.Image, want)
	}
	if want := "https://impact.example/blog/cover.png"; res.Posts[1].Image != want {
		t.Errorf("image of b: have %q, want %q", res.Posts[1].Image, want)
	}
	var assets []string
	for _, as := range res.Assets {
		assets = append(assets, as.Name+"←"+as.File)
	}
	if have, want := strings.Join(assets, " "), "posts/a/photo.jpg←posts/photo.jpg posts/c/chart.svg←posts/bundle/chart.svg"; have != want {
		t.Errorf("assets: have %s, want %s", have, want)
	}
	var problems []string
	for _, p := range res.Problems {
		problems = append(problems, p.Error())
	}
	if len(problems) != 2 || !strings.Contains(problems[0]+problems[1], "no tag") || !strings.Contains(problems[0]+problems[1], "no file posts/missing.md") {
		t.Errorf("problems: have %q, want the tag nope and missing.md", problems)
	}
	for _, p := range res.Problems {
		if p.File != "posts/a.md" || p.Line != 5 {
			t.Errorf("problem at %s:%d, want posts/a.md:5", p.File, p.Line)
		}
	}
}
