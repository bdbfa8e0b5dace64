package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	theme "github.com/impactblog/impactblog/templates"
)

// TestImported builds the posts written for Jekyll, Hugo and Zola (their
// pages are golden, in testdata/imported.txtar) and checks the warnings
// they give and what reaches the templates.
func TestImported(t *testing.T) {
	_, blog, _ := loadTxtar(t, "testdata/imported.txtar")
	s, err := NewBuilder(blog, theme.FS, Options{Now: now}).Build(context.Background(), nil)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	want := []string{
		`posts/2016-06-03-welcome-to-our-giving-blog.markdown:16:1: template tag {% highlight ruby %} is Liquid (Jekyll) or Tera (Zola) syntax, which impactblog does not run: it is shown as plain text; write a fenced code block`,
		`posts/2016-06-03-welcome-to-our-giving-blog.markdown:20:1: template tag {% endhighlight %} is`,
		`posts/offsetting-our-travel.md:19:1: Zola shortcode {{ youtube(id="dQw4w9WgXcQ") }} is not defined in impactblog`,
		`posts/repair-week/index.md:18:1: Hugo shortcode {{< figure src="workshop.jpg" title="The workshop" >}} is not defined in impactblog: it is shown as plain text; write a Markdown image instead`,
		`posts/repair-week/index.md:22:25: Hugo shortcode {{< ref "2016-06-03-welcome-to-our-giving-blog.markdown" >}} is not defined`,
	}
	if len(s.Warnings) != len(want) {
		t.Fatalf("have %d warnings:\n%v\nwant %d", len(s.Warnings), s.Warnings, len(want))
	}
	for i, w := range s.Warnings {
		if !strings.HasPrefix(w.Error(), want[i]) {
			t.Errorf("warning %d:\nhave %s\nwant %s…", i, w, want[i])
		}
	}
	bySlug := map[string]*Post{}
	for _, p := range s.Posts {
		bySlug[p.Slug] = p
	}
	if len(s.Posts) != 3 || bySlug["a-draft-in-jekyll"] != nil {
		t.Errorf("have %d posts, want 3 (published: false and _index.md left out)", len(s.Posts))
	}
	hugo := bySlug["repair-week"]
	if params, _ := hugo.Params["params"].(map[string]any); params["subtitle"] != "Fixing things" {
		t.Errorf("Hugo [params] not in Params: %v", hugo.Params)
	}
	if want := "https://imported.example/posts/repair-week/workshop.jpg"; hugo.Image != want {
		t.Errorf("Hugo image: have %q, want %q", hugo.Image, want)
	}
	zola := bySlug["offsetting-our-travel"]
	if extra, _ := zola.Params["extra"].(map[string]any); extra["image"] != "https://cdn.imported.example/travel.jpg" || zola.TOC == "" {
		t.Errorf("Zola [extra]: params %v, toc %q", zola.Params, zola.TOC)
	}
	if summary, err := zola.Summary(); strings.Join(zola.Tags, ",") != "carbon,travel" || summary != "How we offset our travel in 2022." || err != nil {
		t.Errorf("Zola tags %q, summary %q (%v)", zola.Tags, summary, err)
	}
	jekyll := bySlug["welcome-to-our-giving-blog"]
	if strings.Join(jekyll.Tags, ",") != "news,giving" || strings.Join(jekyll.Aliases, ",") != "/news/2016/06/03/welcome.html,/2016/06/welcome/" {
		t.Errorf("Jekyll tags %q, aliases %q", jekyll.Tags, jekyll.Aliases)
	}
}

// linkBlog is a blog in which posts/a.md links to what body says.
func linkBlog(body string) fstest.MapFS {
	return blogOf(
		"posts/a.md", "---\ntitle: A\ndate: 2021-01-01\ntags: [carbon]\n---\nIntro.\n\n"+body,
		"posts/bundle/index.md", "+++\ntitle = \"B\"\ndate = 2021-01-02\nslug = \"b\"\n+++\nB.\n",
		"posts/bundle/photo.jpg", "JPEG",
		"posts/images/chart.png", "PNG",
		"posts/2020/2020-05-01-old.md", "---\ntitle: Old\n---\nSee [a](../a.md) and ![chart](../images/chart.png).\n",
		"posts/draft.md", "---\ntitle: D\ndate: 2021-01-03\ndraft: true\n---\n",
		"notes.txt", "outside posts/",
	)
}

func TestLinks(t *testing.T) {
	tests := []struct {
		name string
		body string // from line 8 of posts/a.md
		want []string
	}{
		{"good", "[b](/posts/b/) [b](/posts/b) [b](/posts/b/index.html#x) [photo](/posts/b/photo.jpg)\n" +
			"[t](/tags/carbon/) [t](/tags/carbon/page/2/) [tags](/tags/) [old](2020/2020-05-01-old.md#top) [b](bundle/)\n" +
			"![chart](images/chart.png) [home](/) [about](/about/) [ext](https://go.dev/posts/nope/)\n", nil},
		{"no such post", "Text [x](/posts/nope/) and\n[y](https://blog.example/posts/gone/).\n", []string{
			"posts/a.md:8:6: the link to /posts/nope/ points to no post of this build: no post has the slug nope",
			"posts/a.md:9:1: the link to https://blog.example/posts/gone/ points to no post of this build",
		}},
		{"no such file of a post", "![p](/posts/b/nope.jpg)\n", []string{
			"posts/a.md:8:1: the link to /posts/b/nope.jpg points to no post of this build: the post has no file nope.jpg",
		}},
		{"a draft", "- [d](/posts/draft/)\n- [d](draft.md)\n", []string{
			"posts/a.md:8:3: the link to /posts/draft/ points to no post of this build: no post has the slug draft (or it is a draft or dated in the future)",
			"posts/a.md:9:3: the link to draft.md points to a post this build leaves out",
		}},
		{"no such tag", "## See [more](/tags/nothing/)\n", []string{
			"posts/a.md:8:8: the link to /tags/nothing/ points to no tag: no post of this build has the tag nothing",
		}},
		{"no such post file", "Read [this](2019-01-01-missing.md#why).\n", []string{
			"posts/a.md:8:6: the link to 2019-01-01-missing.md#why points to no post: there is no file posts/2019-01-01-missing.md",
		}},
		{"no such image", "> quoted\n> ![Ünïcode](images/missing.png)\n", []string{
			"posts/a.md:9:3: images/missing.png points to posts/images/missing.png, which is not there",
		}},
		{"outside posts", "[n](../notes.txt)\n", []string{
			"posts/a.md:8:1: ../notes.txt points outside posts/, to notes.txt",
		}},
		{"footnote and reference", "Text.[^1]\n\n[^1]: See [x][r].\n\n[r]: /posts/nope/\n", []string{
			"posts/a.md:10:11: the link to /posts/nope/ points to no post",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blog := linkBlog(tt.body)
			blog["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\nbase_url = \"https://blog.example/\"\n")}
			out, err := build(t, blog, Options{})
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("have %v, want no problems", err)
				}
				for _, f := range []string{"posts/b/photo.jpg", "posts/a/images/chart.png", "posts/images/chart.png"} {
					if _, ok := out.Get(f); !ok {
						t.Errorf("%s not copied; have %v", f, out.Names())
					}
				}
				page, _ := out.Get("posts/a/index.html")
				for _, s := range []string{`<a href="/posts/old/#top">old</a>`, `<a href="/posts/b/">b</a>`, `<img src="/posts/a/images/chart.png" alt="chart" decoding="async">`} {
					if !strings.Contains(string(page), s) {
						t.Errorf("posts/a/index.html lacks %s", s)
					}
				}
				return
			}
			assertProblems(t, err, tt.want)
		})
	}
}

// TestLinksFollowChanges checks that a link to a post's file follows the
// post when it changes, and breaks when it goes, in incremental builds.
func TestLinksFollowChanges(t *testing.T) {
	blog := blogOf(
		"posts/a.md", "---\ntitle: A\ndate: 2021-01-01\n---\nSee [b](b.md).\n",
		"posts/b.md", "---\ntitle: B\ndate: 2021-01-02\n---\nB.\n",
	)
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	content := func(s *Site) string {
		for _, p := range s.Posts {
			if p.Slug == "a" {
				return contentOf(t, p)
			}
		}
		return ""
	}
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if have := content(s); !strings.Contains(have, `href="/posts/b/"`) {
		t.Errorf("first build: %s", have)
	}
	blog["posts/b.md"].Data = []byte("---\ntitle: B\ndate: 2021-01-02\nslug: bee\n---\nB.\n")
	if s, err = b.Build(context.Background(), []string{"posts/b.md"}); err != nil {
		t.Fatal(err)
	}
	if have := content(s); !strings.Contains(have, `href="/posts/bee/"`) {
		t.Errorf("after the slug changed: %s", have)
	}
	delete(blog, "posts/b.md")
	_, err = b.Build(context.Background(), []string{"posts/b.md"})
	if err == nil || !strings.HasPrefix(err.Error(), "posts/a.md:5:5: the link to b.md points to no post") {
		t.Errorf("after b.md went: have %v", err)
	}
}
