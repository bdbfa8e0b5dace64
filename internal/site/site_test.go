package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	theme "github.com/impactblog/impactblog/templates"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txtar")

// now is the fixed clock of the tests.
var now = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// loadTxtar splits an archive into the blog (every file not under want/)
// and the expected output (the files under want/).
func loadTxtar(t *testing.T, file string) (*txtar.Archive, fstest.MapFS, map[string][]byte) {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	blog := fstest.MapFS{}
	want := map[string][]byte{}
	for _, f := range a.Files {
		if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
			want[name] = f.Data
		} else {
			blog[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return a, blog, want
}

// contentOf is the HTML of p's body.
func contentOf(t *testing.T, p *Post) string {
	t.Helper()
	c, err := p.Content()
	if err != nil {
		t.Fatal(err)
	}
	return string(c)
}

// build builds blog into memory.
func build(t *testing.T, blog fs.FS, opts Options) (*publish.Memory, error) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	s, err := NewBuilder(blog, theme.FS, opts).Build(context.Background(), nil)
	if err != nil {
		return nil, err
	}
	out := publish.NewMemory()
	_, err = s.Render(context.Background(), out)
	return out, err
}

// TestGolden builds each testdata/*.txtar blog and compares every output
// file with the archive's want/ files. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, blog, want := loadTxtar(t, file)
			out, err := build(t, blog, Options{})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			if *update {
				var kept []txtar.File
				for _, f := range a.Files {
					if !strings.HasPrefix(f.Name, "want/") {
						kept = append(kept, f)
					}
				}
				for _, name := range out.Names() {
					if name == "style.css" {
						continue // the theme's own file, tested by being served
					}
					data, _ := out.Get(name)
					kept = append(kept, txtar.File{Name: "want/" + name, Data: data})
				}
				a.Files = kept
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			var haveNames, wantNames []string
			for _, name := range out.Names() {
				if name != "style.css" {
					haveNames = append(haveNames, name)
				}
			}
			for name := range want {
				wantNames = append(wantNames, name)
			}
			sort.Strings(wantNames)
			if strings.Join(haveNames, "\n") != strings.Join(wantNames, "\n") {
				t.Errorf("files:\nhave %v\nwant %v", haveNames, wantNames)
			}
			for _, name := range wantNames {
				have, _ := out.Get(name)
				if !bytes.Equal(have, want[name]) {
					t.Errorf("%s differs (run go test ./internal/site -run TestGolden -update to accept):\n%s", name, firstDiff(have, want[name]))
				}
			}
			// A one-shot build, which lets each post's Markdown go once
			// rendered and keeps its HTML on disk until its page is
			// written, writes the same bytes.
			once, err := build(t, blog, Options{Once: true, SpillDir: t.TempDir()})
			if err != nil {
				t.Fatalf("build with Once: %v", err)
			}
			for _, name := range wantNames {
				if have, _ := once.Get(name); !bytes.Equal(have, want[name]) {
					t.Errorf("%s differs in a build with Once:\n%s", name, firstDiff(have, want[name]))
				}
			}
		})
	}
}

func firstDiff(have, want []byte) string {
	hl, wl := strings.Split(string(have), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(hl), len(wl)); i++ {
		var h, w string
		if i < len(hl) {
			h = hl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if h != w {
			return "line " + itoa(i+1) + ":\nhave: " + h + "\nwant: " + w
		}
	}
	return "(same lines)"
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// blogOf is a blog from name → content pairs.
func blogOf(files ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return m
}

const goodPost = `---
title: Black Friday
date: 2020-11-30
tags: [carbon]
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 31.4
      price_per_tonne: 20
---
We offset Black Friday.
`

const giftPost = `---
title: Gifts
date: 2021-01-15
impact:
  donations:
    - recipient: WWF
      amount: 45000
      date: 2020-12-01
    - recipient: Tokyo Bridge
      amount: 150000
      currency: JPY
---
Thank you.
`

func TestDraftsAndFuture(t *testing.T) {
	blog := blogOf(
		"posts/gift.md", giftPost,
		"posts/draft.md", "---\ntitle: Draft\ndate: 2021-02-01\ndraft: true\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 10\n---\n",
		"posts/future.md", "---\ntitle: Future\ndate: 2030-01-01\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 7\n---\n",
	)
	tests := []struct {
		name string
		opts Options
		want string // the GBP total
		has  []string
		not  []string
	}{
		{"default", Options{}, "45000.00", []string{"posts/gift/index.html"}, []string{"posts/draft/index.html", "posts/future/index.html"}},
		{"drafts", Options{Drafts: true}, "45010.00", []string{"posts/draft/index.html"}, []string{"posts/future/index.html"}},
		{"future", Options{Future: true}, "45007.00", []string{"posts/future/index.html"}, []string{"posts/draft/index.html"}},
		{"both", Options{Drafts: true, Future: true}, "45017.00", []string{"posts/draft/index.html", "posts/future/index.html"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Now = now
			s, err := NewBuilder(blog, theme.FS, tt.opts).Build(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			gbp, _ := s.Totals.Donations.Total.Get("GBP")
			if have := gbp.Fixed(); have != tt.want {
				t.Errorf("GBP total: have %s, want %s", have, tt.want)
			}
			jpy, _ := s.Totals.Donations.Total.Get("JPY")
			if have := jpy.Fixed(); have != "150000" {
				t.Errorf("JPY total: have %s, want 150000", have)
			}
			out := publish.NewMemory()
			if _, err := s.Render(context.Background(), out); err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.has {
				if _, ok := out.Get(f); !ok {
					t.Errorf("%s missing", f)
				}
			}
			for _, f := range tt.not {
				if _, ok := out.Get(f); ok {
					t.Errorf("%s written, want it left out", f)
				}
			}
			feed, _ := out.Get("feed.xml")
			for _, f := range tt.not {
				slug := strings.Split(f, "/")[1]
				if bytes.Contains(feed, []byte("/posts/"+slug+"/")) {
					t.Errorf("feed.xml has %s", slug)
				}
			}
		})
	}
}

func TestTotalsByYearOfEntry(t *testing.T) {
	s, err := NewBuilder(blogOf("posts/gift.md", giftPost, "posts/bf.md", goodPost), theme.FS, Options{Now: now}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	by := s.Totals.Donations.ByYear
	if have := by["2020"]; len(have) != 1 || have[0].Fixed() != "45000.00" {
		t.Errorf("2020 donations: have %v, want 45000.00 GBP", have)
	}
	if have := by["2021"]; len(have) != 1 || have[0].String() != "150000 JPY" {
		t.Errorf("2021 donations: have %v, want 150000 JPY", have)
	}
	if have := s.Totals.Offsets.Cost; len(have) != 1 || have[0].String() != "628.00 GBP" {
		t.Errorf("offset cost: have %v, want 628.00 GBP", have)
	}
	if have := s.Totals.Offsets.Tonnes.String(); have != "31.400" {
		t.Errorf("tonnes: have %s, want 31.400", have)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name string
		blog fstest.MapFS
		want []string // problems, in order
	}{
		{
			"same slug",
			blogOf("posts/a.md", "---\ntitle: A\ndate: 2020-01-01\nslug: same\n---\n", "posts/b.md", "---\ntitle: B\ndate: 2020-01-02\nslug: same\n---\n"),
			[]string{`posts/b.md:4:7: slug "same" is also the slug of posts/a.md`},
		},
		{
			"bad config",
			blogOf("site.toml", "title = \"T\"\ncurrency = \"XXY\"\n", "posts/a.md", goodPost),
			[]string{`site.toml:2:`}, // currency: unknown currency "XXY", with or without its column
		},
		{
			"unknown setting",
			blogOf("site.toml", "title = \"T\"\npost_per_page = 3\n"),
			[]string{`site.toml:2:`}, // unknown setting "post_per_page", with or without its column
		},
		{
			"template syntax",
			blogOf("templates/post.html", "{{define \"main\"}}\n<p>{{.Post.Title}</p>\n{{end}}\n", "posts/a.md", goodPost),
			[]string{"templates/post.html:2: "},
		},
		{
			"every post's problems",
			blogOf("posts/a.md", "---\ntitle: A\ndate: 2020-13-01\n---\n", "posts/b.md", "---\ntitle: B\ndate: 2020-01-01\nimpact:\n  donations:\n    - recipient: WWF\n      amount: \"£112,000\"\n---\n"),
			[]string{`posts/a.md:3:7: date "2020-13-01" is not a date`, `posts/b.md:7:15: amount "£112,000" is not a number`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(t, tt.blog, Options{})
			assertProblems(t, err, tt.want)
		})
	}
}

func TestTemplateExecutionError(t *testing.T) {
	blog := blogOf("templates/post.html", "{{define \"main\"}}\n\n<p>{{.Post.NoSuchField}}</p>\n{{end}}\n", "posts/a.md", goodPost)
	_, err := build(t, blog, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "templates/post.html:3:") {
		t.Errorf("have %v, want templates/post.html:3:…", err)
	}
}

// readTree reads every file under dir.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func buildInto(t *testing.T, blog fs.FS, out string) error {
	t.Helper()
	s, err := NewBuilder(blog, theme.FS, Options{Now: now}).Build(context.Background(), nil)
	if err != nil {
		return err
	}
	return publish.Publish(out, func(w publish.Writer) error {
		_, err := s.Render(context.Background(), w)
		return err
	})
}

func TestPublishIsAtomicAndDeterministic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	blog := blogOf("posts/gift.md", giftPost, "posts/bf.md", goodPost)
	if err := buildInto(t, blog, out); err != nil {
		t.Fatal(err)
	}
	first := readTree(t, out)
	if len(first) < 10 {
		t.Fatalf("only %d files written", len(first))
	}

	// The same input again: byte-identical.
	if err := buildInto(t, blog, out); err != nil {
		t.Fatal(err)
	}
	second := readTree(t, out)
	if len(first) != len(second) {
		t.Errorf("second build wrote %d files, first %d", len(second), len(first))
	}
	for name, data := range first {
		if second[name] != data {
			t.Errorf("%s differs between two builds of the same blog", name)
		}
	}

	// A broken post: the build fails and public/ is untouched.
	broken := blogOf("posts/gift.md", giftPost, "posts/bf.md", strings.Replace(goodPost, "tonnes: 31.4", "tonnes: lots", 1))
	if err := buildInto(t, broken, out); err == nil {
		t.Fatal("a broken post built")
	}
	// A template that fails while rendering, after some files were written.
	broken = blogOf("posts/gift.md", giftPost, "posts/bf.md", goodPost, "templates/tag.html", "{{define \"main\"}}{{.Nope}}{{end}}")
	if err := buildInto(t, broken, out); err == nil {
		t.Fatal("a broken template built")
	}
	after := readTree(t, out)
	if len(after) != len(first) {
		t.Errorf("after failed builds: %d files, want %d", len(after), len(first))
	}
	for name, data := range first {
		if after[name] != data {
			t.Errorf("%s changed by a failed build", name)
		}
	}
	// Nothing left beside it.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left beside public/: %v", names)
	}
}

func TestIncrementalBuildMatchesFullBuild(t *testing.T) {
	blog := blogOf("posts/gift.md", giftPost, "posts/bf.md", goodPost)
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	// Edit one post, add one, delete one.
	blog["posts/gift.md"] = &fstest.MapFile{Data: []byte(strings.Replace(giftPost, "amount: 45000", "amount: 46000", 1))}
	blog["posts/new.md"] = &fstest.MapFile{Data: []byte("---\ntitle: New\ndate: 2022-01-01\ntags: [carbon]\n---\nNew.\n")}
	delete(blog, "posts/bf.md")
	s, err := b.Build(context.Background(), []string{"posts/gift.md", "posts/new.md", "posts/bf.md"})
	if err != nil {
		t.Fatal(err)
	}
	inc := publish.NewMemory()
	if _, err := s.Render(context.Background(), inc); err != nil {
		t.Fatal(err)
	}
	full, err := build(t, blog, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := strings.Join(inc.Names(), ","), strings.Join(full.Names(), ","); a != b {
		t.Fatalf("files:\nincremental %s\nfull        %s", a, b)
	}
	for _, name := range full.Names() {
		x, _ := inc.Get(name)
		y, _ := full.Get(name)
		if !bytes.Equal(x, y) {
			t.Errorf("%s: incremental build differs from full build", name)
		}
	}
	if _, ok := inc.Get("posts/black-friday/index.html"); ok {
		t.Error("deleted post still built")
	}
}

func TestPublishRefusesAFolderItDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "www")
	os.MkdirAll(filepath.Join(out, ".well-known"), 0o755)
	os.WriteFile(filepath.Join(out, "CNAME"), []byte("keep"), 0o644)
	err := buildInto(t, blogOf("posts/gift.md", giftPost), out)
	if err == nil || !strings.Contains(err.Error(), "did not write") {
		t.Fatalf("have %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "CNAME")); string(b) != "keep" {
		t.Error("CNAME was touched")
	}
	// An empty folder, or one an earlier build wrote, is replaced.
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	for range 2 {
		if err := buildInto(t, blogOf("posts/gift.md", giftPost), empty); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Lstat(filepath.Join(empty, publish.Marker)); err == nil {
		t.Errorf("%s is in the site: nothing of publish's is published", publish.Marker)
	}
}

func TestAliasOverSitePage(t *testing.T) {
	for _, alias := range []string{"/index.html", "/impact/", "/tags/", "/feed.xml", "/page/2/"} {
		src := strings.Replace(goodPost, "tags: [carbon]", "tags: [carbon]\naliases: [\""+alias+"\"]", 1)
		blog := blogOf("site.toml", "title = \"T\"\nposts_per_page = 1\n", "posts/bf.md", src, "posts/gift.md", giftPost)
		_, err := build(t, blog, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "posts/bf.md:5:") || !strings.Contains(err.Error(), "of the site") {
			t.Errorf("alias %s: have %v, want posts/bf.md:5:…of the site", alias, err)
		}
	}
}

func TestRebuildKeepsReportingABrokenConfig(t *testing.T) {
	blog := blogOf("site.toml", "title = \"T\"\n", "posts/gift.md", giftPost)
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	blog["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\ntitle = \n")}
	if _, err := b.Build(context.Background(), []string{"site.toml"}); err == nil {
		t.Fatal("a broken site.toml built")
	}
	blog["posts/gift.md"] = &fstest.MapFile{Data: []byte(giftPost + "\nMore.\n")}
	if _, err := b.Build(context.Background(), []string{"posts/gift.md"}); err == nil || !strings.HasPrefix(err.Error(), "site.toml:2") {
		t.Fatalf("after a post edit: have %v, want the site.toml problem again", err)
	}
	blog["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\n")}
	if _, err := b.Build(context.Background(), []string{"site.toml"}); err != nil {
		t.Fatalf("fixed: %v", err)
	}
}

func TestRebuildKeepsResolvedLinksOfAPostWithFigures(t *testing.T) {
	quoting := "---\ntitle: Quoting\ndate: 2022-01-01\n---\nWe gave {{< total donations >}}; see [the gifts](gift.md).\n"
	blog := blogOf("posts/gift.md", giftPost, "posts/quoting.md", quoting, "posts/bf.md", goodPost)
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	for i, changed := range [][]string{nil, {"posts/bf.md"}} {
		if i > 0 {
			blog["posts/bf.md"] = &fstest.MapFile{Data: []byte(goodPost + "\nEdited.\n")}
		}
		s, err := b.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Posts {
			if c := contentOf(t, p); p.Slug == "quoting" && !strings.Contains(c, `href="/posts/gift/"`) {
				t.Errorf("build %d: the link is not resolved: %s", i, c)
			}
		}
	}
}

func TestMissingTemplateCallHasAPosition(t *testing.T) {
	blog := blogOf("templates/post.html", "{{define \"main\"}}\n\n<p>{{template \"nope\" .}}</p>\n{{end}}\n", "posts/a.md", goodPost)
	_, err := build(t, blog, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "templates/post.html:3:") {
		t.Errorf("have %v, want templates/post.html:3:…", err)
	}
}

// assertProblems checks that err is the problems want, in order, each
// given by the start of its text ("posts/b.md:4:7: slug …").
func assertProblems(t *testing.T, err error, want []string) {
	t.Helper()
	var list problem.List
	if !errors.As(err, &list) {
		t.Fatalf("have error %v, want problems", err)
	}
	if len(list) != len(want) {
		t.Fatalf("have %d problems:\n%v\nwant %d", len(list), list, len(want))
	}
	for i, p := range list {
		if !strings.HasPrefix(p.Error(), want[i]) {
			t.Errorf("problem %d:\nhave %s\nwant %s…", i, p.Error(), want[i])
		}
	}
}

// TestOnceLetsMarkdownGo: a build with Once drops the Markdown of a post
// that nothing renders again, and keeps it for a post whose figures or
// links are rendered once the site is known.
func TestOnceLetsMarkdownGo(t *testing.T) {
	blog := fstest.MapFS{
		"posts/plain.md":   {Data: []byte("---\ntitle: Plain\ndate: 2021-01-01\n---\nJust text, and [a link](https://example.org/).\n")},
		"posts/figure.md":  {Data: []byte("---\ntitle: Figure\ndate: 2021-01-02\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 10\n---\nWe gave {{< total donations >}}.\n")},
		"posts/linking.md": {Data: []byte("---\ntitle: Linking\ndate: 2021-01-03\n---\nSee [the plain post](plain.md).\n")},
	}
	for _, once := range []bool{false, true} {
		s, err := NewBuilder(blog, theme.FS, Options{Now: now, Once: once}).Build(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Posts {
			kept := p.Body != nil
			if want := !once || p.Title != "Plain"; kept != want {
				t.Errorf("Once %v: %s keeps its Markdown: %v, want %v", once, p.Title, kept, want)
			}
		}
	}
}

// TestSpill: a build with Once and SpillDir keeps the HTML of each post it
// will not render again in a temporary file, removed as soon as it is made,
// and reads it back for the post's page.
func TestSpill(t *testing.T) {
	blog := fstest.MapFS{
		"posts/plain.md":   {Data: []byte("---\ntitle: Plain\ndate: 2021-01-01\n---\nJust text, and [a link](https://example.org/).\n")},
		"posts/figure.md":  {Data: []byte("---\ntitle: Figure\ndate: 2021-01-02\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 10\n---\nWe gave {{< total donations >}}.\n")},
		"posts/linking.md": {Data: []byte("---\ntitle: Linking\ndate: 2021-01-03\n---\nSee [the plain post](plain.md).\n")},
	}
	want := map[string]string{"Plain": "Just text", "Figure": "We gave £10.", "Linking": `href="/posts/plain/"`}
	wantSummary := map[string]string{"Plain": "Just text, and a link.", "Figure": "We gave £10.", "Linking": "See the plain post."}
	for _, opts := range []Options{{Once: true}, {SpillDir: "x"}, {Once: true, SpillDir: "x"}} {
		dir := t.TempDir()
		if opts.SpillDir != "" {
			opts.SpillDir = dir
		}
		opts.Now = now
		s, err := NewBuilder(blog, theme.FS, opts).Build(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("%+v: %s left in the folder", opts, left[0].Name())
		}
		for _, p := range s.Posts {
			// Only a post rendered once, when the Markdown is read, waits
			// on disk: Figure and Linking are rendered again in memory.
			spilled := p.content.OnDisk()
			if want := opts.Once && opts.SpillDir != "" && p.Title == "Plain"; spilled != want {
				t.Errorf("%+v: %s's HTML is on disk: %v, want %v", opts, p.Title, spilled, want)
			}
			if c := contentOf(t, p); !strings.Contains(c, want[p.Title]) {
				t.Errorf("%+v: %s's content is %q, want it to hold %q", opts, p.Title, c, want[p.Title])
			}
			// So does its summary, unless the figures rendered it again.
			if spilled, want := p.summary.OnDisk(), opts.Once && opts.SpillDir != "" && p.Title != "Figure"; spilled != want {
				t.Errorf("%+v: %s's summary is on disk: %v, want %v", opts, p.Title, spilled, want)
			}
			if sum, err := p.Summary(); err != nil || sum != wantSummary[p.Title] {
				t.Errorf("%+v: %s's summary is %q (%v), want %q", opts, p.Title, sum, err, wantSummary[p.Title])
			}
		}
		// The list items of the index wait there too, once rendered.
		home, err := s.RenderPage(s.Pages()[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Posts {
			if !bytes.Contains(home, []byte(`">`+p.Title+`</a></h2>`)) {
				t.Errorf("%+v: the index has no item for %s:\n%s", opts, p.Title, home)
			}
			if spilled, want := p.item.html.OnDisk(), opts.Once && opts.SpillDir != ""; spilled != want {
				t.Errorf("%+v: %s's list item is on disk: %v, want %v", opts, p.Title, spilled, want)
			}
		}
	}
}

// TestOnceKeepsNoPostTotals: a site built once keeps no post's totals, not
// even after rendering its page, and gives the same totals when asked as a
// site that keeps them.
func TestOnceKeepsNoPostTotals(t *testing.T) {
	blog := blogOf("posts/gift.md", giftPost, "posts/bf.md", goodPost)
	kept, err := NewBuilder(blog, theme.FS, Options{Now: now}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	once, err := NewBuilder(blog, theme.FS, Options{Now: now, Once: true}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := once.Render(context.Background(), publish.NewMemory()); err != nil {
		t.Fatal(err)
	}
	for i, p := range once.Posts {
		if p.kept.Load() != nil {
			t.Errorf("%s: a site built once keeps the post's totals", p.File)
		}
		q := kept.Posts[i]
		if q.kept.Load() == nil {
			t.Errorf("%s: a site built to be built again does not keep the post's totals", q.File)
		}
		have, _ := json.Marshal(p.Totals())
		want, _ := json.Marshal(q.Totals())
		if p.Totals().Empty() || !bytes.Equal(have, want) {
			t.Errorf("%s: totals %s, want %s (and not empty)", p.File, have, want)
		}
	}
}

// TestPartialCached: partialCached renders a template once per build and
// set of variants: without a variant every page gets what the first one
// rendered; with one, each variant its own; a new build renders afresh.
func TestPartialCached(t *testing.T) {
	post := func(title string) string { return "---\ntitle: " + title + "\ndate: 2021-01-01\n---\nText.\n" }
	blog := blogOf(
		"templates/post.html", `{{define "main"}}[{{partialCached "t" .}}][{{partialCached "t" . .Post.Slug}}]{{end}}`,
		"templates/partials/t.html", `{{define "t"}}{{.Title}}{{end}}`,
		"posts/a.md", post("A"), "posts/b.md", post("B"))
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	render := func(s *Site, slug string) string {
		t.Helper()
		for _, p := range s.Pages() {
			if p.Kind == "post" && p.Post.Slug == slug {
				html, err := s.RenderPage(p)
				if err != nil {
					t.Fatal(err)
				}
				_, rest, _ := strings.Cut(string(html), `<main id="main">`)
				main, _, _ := strings.Cut(rest, "</main>")
				return strings.TrimSpace(main)
			}
		}
		t.Fatalf("no page for %s", slug)
		return ""
	}
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		s          *Site
		slug, want string
	}{{s, "a", "[A][A]"}, {s, "b", "[A][B]"}} {
		if have := render(step.s, step.slug); have != step.want {
			t.Errorf("post %s: have %s, want %s", step.slug, have, step.want)
		}
	}
	again, err := b.Build(context.Background(), []string{})
	if err != nil {
		t.Fatal(err)
	}
	if have := render(again, "b"); have != "[B][B]" {
		t.Errorf("post b, first of a new build: have %s, want [B][B]", have)
	}

	bad := blogOf("templates/post.html", `{{define "main"}}{{partialCached "t" 3}}{{end}}`,
		"templates/partials/t.html", `{{define "t"}}x{{end}}`, "posts/a.md", post("A"))
	if _, err := build(t, bad, Options{}); err == nil || !strings.Contains(err.Error(), `partialCached "t": give it the page, .Site or a post, not int`) {
		t.Errorf("partialCached of a number: %v", err)
	}
}
