package source

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/cache"
	"github.com/impactblog/impactblog/internal/claims"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/review"
)

// cachePosts are posts with what the generated blog lacks: contents,
// links, images, warnings, figures quoted, an accepted rule, a problem.
var cachePosts = map[string]string{
	"posts/2021-01-01-toc.md":     "---\ntitle: Contents\ndate: 2021-01-01\ntoc: true\n---\n## One\n\nSee [two](2021-01-02-links.md) and ![a photo](photo.jpg).\n\n## Two\n\n{% raw %}\n",
	"posts/2021-01-02-links.md":   "---\ntitle: Links\ndate: 2021-01-02\nsummary: Our green year.\n---\nSee [the site](/impact/) and {{< total donations >}}.\n",
	"posts/2021-01-03-accept.md":  "---\ntitle: Accepted\ndate: 2021-01-03\nclaims:\n  accept:\n    generic-claim: \"Reviewed by legal\"\n---\nOur eco-friendly boxes, £45k.\n",
	"posts/2021-01-04-bad.md":     "---\ntitle: Bad\ndate: 2021-01-04\nimpact:\n  donations:\n    - recipient: WWF\n      amount: \"£1\"\n---\nHi.\n",
	"posts/2021-01-05-unknown.md": "---\ntitle: Unknown rule\ndate: 2021-01-05\nclaims:\n  accept:\n    no-such-rule: \"x\"\n---\nHi.\n",
	"posts/2021-01-06-figure.md":  "---\ntitle: Figure\ndate: 2021-01-06\n---\n{{< total nonsense >}}\n",
	"posts/b/index.md":            "---\ntitle: Bundle\ndate: 2021-01-07\n---\n![x](x.png)\n",
}

func cacheFS() fstest.MapFS {
	fsys := blogtest.FS(60, 1)
	for name, src := range cachePosts {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func cacheParse(t *testing.T) Parse {
	t.Helper()
	gbp, err := impact.ParseCurrency("GBP")
	if err != nil {
		t.Fatal(err)
	}
	chk, err := claims.NewChecker(nil)
	if err != nil {
		t.Fatal(err)
	}
	return Parse{
		Post:     post.Options{Currency: gbp},
		Markdown: markdown.New(markdown.Options{Figures: true, Prose: true, SiteURL: "https://example.org/"}),
		Review:   &review.Options{Lang: "en-GB", Checker: chk},
		Settings: "test settings",
	}
}

// entryText is what an entry holds, as text, its stored HTML read back;
// its review as what it finds and warns of.
func entryText(t *testing.T, r *Reader, e *Entry) string {
	t.Helper()
	html, err := e.HTML.Load(r.Spill())
	if err != nil {
		t.Fatal(err)
	}
	summary, err := e.Summary.Load(r.Spill())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "words %d bundle %v unlinked %v body %v\nproblems %v\nhtml %q\nsummary %q\n",
		e.Words, e.Bundle, e.Unlinked, e.Post != nil && e.Post.Body != nil, e.Problems, html, summary)
	if d := e.Doc; d != nil {
		fmt.Fprintf(&b, "doc %q %q %q %q %d %v %v\n", d.HTML, d.Summary, d.TOC, d.Image, d.Figures, d.Prose, d.Problems)
		for _, ref := range d.Refs {
			fmt.Fprintf(&b, "ref %q %v %d:%d\n", ref.Dest, ref.Image, ref.Line, ref.Col)
		}
		for _, w := range d.Warnings {
			fmt.Fprintf(&b, "warning %d:%d %s\n", w.Line, w.Col, w.Msg)
		}
	}
	if rv := e.Review; rv != nil {
		fmt.Fprintf(&b, "review %s %s %+v %+v %v\n", rv.File, rv.Lang, rv.Findings, rv.Figures, rv.Problems)
		fmt.Fprintf(&b, "checked %+v\nwarnings %v\n", rv.Check(nil, nil), review.Warnings(rv, rv.Words()))
	}
	return b.String()
}

// firstDiff is the first line where have and want differ.
func firstDiff(have, want string) string {
	h, w := strings.Split(have, "\n"), strings.Split(want, "\n")
	for i := range min(len(h), len(w)) {
		if h[i] != w[i] {
			return fmt.Sprintf("line %d:\nhave %.300s\nwant: %.300s", i+1, h[i], w[i])
		}
	}
	return fmt.Sprintf("have %d lines want: %d", len(h), len(w))
}

// TestCacheReadsTheSame: posts read through the cache, empty then full,
// are the posts read without it, every field, in a Reader that reads once
// (whose HTML then waits in the cache rather than the spill) and in one
// that reads again; a second Reader on the same cache renders nothing of a
// good post, and what has problems is never kept.
func TestCacheReadsTheSame(t *testing.T) {
	ctx := context.Background()
	fsys := cacheFS()
	for _, once := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "cache") // cold, then warm
		opts := Options{Once: once}
		if once {
			opts.SpillDir = t.TempDir()
		}
		plain := New(fsys, opts)
		if err := plain.ReadAll(ctx, cacheParse(t)); err != nil {
			t.Fatal(err)
		}
		good := 0
		for _, e := range plain.Entries() {
			if e.Good() {
				good++
			}
		}
		for round := range 2 {
			c, err := cache.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			opts.Cache = c
			r := New(fsys, opts)
			if err := r.ReadAll(ctx, cacheParse(t)); err != nil {
				t.Fatal(err)
			}
			if round == 1 {
				// Every good post from the cache; the others read again.
				if c.Hits() != int64(good) {
					t.Errorf("once=%v round %d: have %d hits want: %d, the good posts", once, round, c.Hits(), good)
				}
			}
			want, have := plain.Entries(), r.Entries()
			if len(want) != len(have) {
				t.Fatalf("have %d entries want: %d", len(have), len(want))
			}
			for i := range want {
				if w, h := entryText(t, plain, want[i]), entryText(t, r, have[i]); w != h {
					t.Errorf("once=%v round %d: entry %d: %s", once, round, i, firstDiff(h, w))
				}
			}
		}
	}
}

// TestCacheKey: another program, other settings, another file or other
// bytes make another key; no settings, none.
func TestCacheKey(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := New(cacheFS(), Options{Cache: c})
	how := cacheParse(t)
	p := &post.Post{File: "posts/a.md"}
	base, ok := r.postKey(how, p, []byte("x"))
	if !ok {
		t.Fatal("no key")
	}
	keys := map[cache.Key]string{base: "base"}
	other := func(name string, how Parse, p *post.Post, src string) {
		k, ok := r.postKey(how, p, []byte(src))
		if !ok {
			t.Fatalf("%s: no key", name)
		}
		if was, dup := keys[k]; dup {
			t.Errorf("%s: the key of %s", name, was)
		}
		keys[k] = name
	}
	h := how
	h.Settings = "other settings"
	other("settings", h, p, "x")
	h = how
	h.Review = nil
	other("no review", h, p, "x")
	h = how
	h.Post.Page = true
	other("a page", h, p, "x")
	h = how
	h.Post.Currency.Code = "EUR"
	other("currency", h, p, "x")
	other("file", how, &post.Post{File: "posts/b.md"}, "x")
	other("bytes", how, p, "y")
	h = how
	h.Settings = ""
	if _, ok := r.postKey(h, p, []byte("x")); ok {
		t.Error("a key without settings")
	}
}
