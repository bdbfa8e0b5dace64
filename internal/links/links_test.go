package links

import (
	"maps"
	"slices"
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

// TestAttachments: the files that front matter names are resolved and
// copied as relative links are, with or without a body to resolve; one
// that is not there, or would replace a page, is a problem at its key's
// line and column, for a post left out of the site too.
func TestAttachments(t *testing.T) {
	fsys := fstest.MapFS{
		"posts/a.md":                 {Data: []byte("a")},
		"posts/receipts/a.pdf":       {Data: []byte("pdf")},
		"posts/bundle/index.md":      {Data: []byte("c")},
		"posts/bundle/receipt.pdf":   {Data: []byte("pdf")},
		"posts/bundle/letters/l.pdf": {Data: []byte("pdf")},
		"posts/bundle/index.html":    {Data: []byte("html")},
		"posts/bad.md":               {Data: []byte("d")},
	}
	ev := func(p string, line, col int) Attachment {
		return Attachment{Key: "evidence", Path: p, Line: line, Col: col}
	}
	in := Input{
		FS: fsys, Dir: "posts", BaseURL: "https://impact.example/blog/",
		Posts: []Post{
			{File: "posts/a.md", URL: "/posts/a/", Attachments: []Attachment{ev("receipts/a.pdf", 7, 17), ev("gone.pdf", 9, 17)}},
			{File: "posts/bundle/index.md", URL: "/posts/c/", Bundle: true,
				Attachments: []Attachment{ev("receipt.pdf", 8, 17), ev("./letters/l.pdf", 10, 17), ev("index.html", 12, 17)}},
		},
		Bad: []Post{{File: "posts/bad.md", URL: "/posts/bad/", Attachments: []Attachment{ev("nope.pdf", 6, 19)}}},
	}
	res := Resolve(in)
	for i, want := range []map[string]string{
		{"receipts/a.pdf": "/blog/posts/a/receipts/a.pdf"},
		{"receipt.pdf": "/blog/posts/c/receipt.pdf", "./letters/l.pdf": "/blog/posts/c/letters/l.pdf"},
	} {
		if have := res.Posts[i].Attached; !maps.Equal(have, want) {
			t.Errorf("post %d: have %v, want %v", i, have, want)
		}
	}
	var assets []string
	for _, as := range res.Assets {
		assets = append(assets, as.Name+"←"+as.File)
	}
	if have, want := strings.Join(assets, " "), "posts/a/receipts/a.pdf←posts/receipts/a.pdf posts/c/letters/l.pdf←posts/bundle/letters/l.pdf posts/c/receipt.pdf←posts/bundle/receipt.pdf"; have != want {
		t.Errorf("assets\nhave: %s\nwant: %s", have, want)
	}
	res.Problems.Sort()
	var problems []string
	for _, p := range res.Problems {
		problems = append(problems, p.Error())
	}
	want := []string{
		"posts/a.md:9:17: evidence gone.pdf points to posts/gone.pdf, which is not there: check the name, or put the file beside the post",
		"posts/bad.md:6:19: evidence nope.pdf points to posts/nope.pdf, which is not there: check the name, or put the file beside the post",
		"posts/bundle/index.md:12:17: posts/bundle/index.html cannot be copied: it would replace the post's page; rename it",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems\nhave: %q\nwant: %q", problems, want)
	}
}

// TestZolaLinks: Zola's "@/path.md" links, from its content folder, are
// read from posts/, and one to no file is a problem.
func TestZolaLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"posts/2021/a.md":       {Data: []byte("a")},
		"posts/bundle/index.md": {Data: []byte("c")},
	}
	d, err := markdown.New(markdown.Options{}).Render([]byte("[a](@/2021/a.md#why) [c](@/bundle/index.md) [gone](@/2020/gone.md)"))
	if err != nil {
		t.Fatal(err)
	}
	res := Resolve(Input{FS: fsys, Dir: "posts", BaseURL: "https://impact.example/",
		Posts: []Post{
			{File: "posts/2021/a.md", URL: "/posts/a/", BodyLine: 4, Doc: d},
			{File: "posts/bundle/index.md", URL: "/posts/c/", Bundle: true},
		}})
	if have := res.Posts[0].Links; have["@/2021/a.md#why"] != "/posts/a/#why" || have["@/bundle/index.md"] != "/posts/c/" {
		t.Errorf("links: have %v", have)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Error(), "posts/2021/a.md:4:45: the link to @/2020/gone.md points to no post: there is no file posts/2020/gone.md") {
		t.Errorf("problems: have %v", res.Problems)
	}
}
