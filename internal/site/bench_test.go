package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/publish"
	theme "github.com/impactblog/impactblog/templates"
)

// The benchmarks build blogs made by package blogtest, written to a
// temporary folder once per size and read through os.DirFS, as the
// command does.

var blogs sync.Map // n → dir

func generatedBlog(b testing.TB, n int) string {
	b.Helper()
	if dir, ok := blogs.Load(n); ok {
		return dir.(string)
	}
	dir, err := os.MkdirTemp("", "impactblog-bench-")
	if err != nil {
		b.Fatal(err)
	}
	if err := blogtest.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	blogs.Store(n, dir)
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	blogs.Range(func(_, dir any) bool { os.RemoveAll(dir.(string)); return true })
	os.Exit(code)
}

// TestGeneratedBlogOutput builds a generated blog and compares a digest of
// every file written with testdata/generated.sha256: optimisations must not
// change a byte. Run with -update to rewrite it (only when the output is
// meant to change; the golden .txtar files show how).
func TestGeneratedBlogOutput(t *testing.T) {
	blog := blogtest.FS(400, 3)
	for _, once := range []bool{false, true} {
		out, err := build(t, blog, Options{Once: once})
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		checkDigest(t, out, once)
	}
	// Published into a folder, each file written as it is rendered
	// (publish.DirWriter is a publish.StreamWriter): the same bytes.
	dir := filepath.Join(t.TempDir(), "public")
	s, err := NewBuilder(blog, theme.FS, Options{Now: now, Once: true, SpillDir: t.TempDir()}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var stats publish.Stats
	if err := publish.Publish(dir, func(w publish.Writer) error {
		if _, ok := w.(publish.StreamWriter); !ok {
			t.Errorf("Publish gave a %T, not a StreamWriter", w)
		}
		stats, err = s.Render(context.Background(), w)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dir)
	delete(tree, publish.Marker)
	out := publish.NewMemory()
	var size int64
	for name, data := range tree {
		out.WriteFile(name, []byte(data))
		size += int64(len(data))
	}
	if stats.Files != len(tree) || stats.Bytes != size {
		t.Errorf("Render counted %d files of %d bytes; the folder has %d of %d", stats.Files, stats.Bytes, len(tree), size)
	}
	checkDigest(t, out, true)
}

func checkDigest(t *testing.T, out *publish.Memory, once bool) {
	t.Helper()
	h := sha256.New()
	names := out.Names()
	for _, n := range names {
		data, _ := out.Get(n)
		h.Write([]byte(n + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
	}
	have := hex.EncodeToString(h.Sum(nil)) + "\n"
	golden := filepath.Join("testdata", "generated.sha256")
	if *update && !once {
		if err := os.WriteFile(golden, []byte(have), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if have != string(want) {
		t.Errorf("the output of a generated blog of 400 posts (%d files, Once %v) changed:\nhave %swant %s", len(names), once, have, want)
	}
}

// BenchmarkBuild is a full build of a generated blog: read every post,
// render every page and file, discarding the output.
func BenchmarkBuild(b *testing.B) { benchBuild(b, true) }

// BenchmarkRead is BenchmarkBuild without the render: every post read,
// checked and rendered from Markdown, and the totals computed, on both
// cores. No build of the blog can take less, and it is the part of a build
// the required libraries (goldmark, adrg/frontmatter) and the highlighter
// (chroma) spend most of.
func BenchmarkRead(b *testing.B) { benchBuild(b, false) }

func benchBuild(b *testing.B, render bool) {
	for _, n := range []int{1000, 10000} {
		b.Run(itoa(n)+"posts", func(b *testing.B) {
			dir := generatedBlog(b, n)
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				s, err := NewBuilder(os.DirFS(dir), theme.FS, Options{Now: now.AddDate(10, 0, 0)}).Build(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}
				if len(s.Posts) != n {
					b.Fatalf("%d posts read, want %d", len(s.Posts), n)
				}
				if !render {
					continue
				}
				if _, err := s.Render(ctx, publish.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderPage renders one page of each kind of a 1,000-post blog.
func BenchmarkRenderPage(b *testing.B) {
	dir := generatedBlog(b, 1000)
	s, err := NewBuilder(os.DirFS(dir), theme.FS, Options{Now: now.AddDate(10, 0, 0)}).Build(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range []Kind{KindPost, KindHome, KindTag, KindTags, KindArchive, KindImpact} {
		i := slices.IndexFunc(s.Pages(), func(p *Page) bool { return p.Kind == kind })
		p := s.Pages()[i]
		b.Run(string(kind), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.RenderPage(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildOnePost is the rebuild after a writer edits one post of
// a 10,000-post blog. build is Build with the changed file alone: the part
// of a preview's rebuild that grows with the blog. pages is Build, then
// rendering the pages that show that post (its page, its neighbours, the
// listings it is on, the tag index, archive, impact page, feeds and
// sitemap). The choice of pages is this benchmark's own; the preview server
// renders the pages open in a browser, and the others when asked.
func BenchmarkRebuildOnePost(b *testing.B) {
	const n = 10000
	dir := generatedBlog(b, n)
	ctx := context.Background()
	bl := NewBuilder(os.DirFS(dir), theme.FS, Options{Now: now.AddDate(10, 0, 0)})
	if _, err := bl.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	const i = n / 2
	name, orig := blogtest.Post(i, n, 1)
	defer os.WriteFile(filepath.Join(dir, name), orig, 0o644)
	edit := 0
	rebuild := func(b *testing.B) *Site {
		edit++
		_, src := blogtest.Edit(i, n, 1, edit)
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			b.Fatal(err)
		}
		s, err := bl.Build(ctx, []string{name})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rebuild(b)
		}
	})
	b.Run("pages", func(b *testing.B) {
		var pages int
		for b.Loop() {
			s := rebuild(b)
			pages = 0
			for _, p := range s.PagesShowing(name) {
				if _, err := s.RenderPage(p); err != nil {
					b.Fatal(err)
				}
				pages++
			}
			for _, f := range s.Files() {
				if f.Name == "feed.xml" || f.Name == "rss.xml" || f.Name == "sitemap.xml" {
					if _, err := f.Bytes(); err != nil {
						b.Fatal(err)
					}
					pages++
				}
			}
		}
		b.ReportMetric(float64(pages), "pages/op")
	})
}
