package site

import (
	"bytes"
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/internal/imaging/imagingtest"
	"github.com/impactblog/impactblog/internal/publish"
	theme "github.com/impactblog/impactblog/templates"
)

// imageBlog is a blog with a phone's photo in a post's bundle (stored on
// its side, orientation 6, with GPS: shown 1200×100), a receipt scan with
// GPS that the post does not show, and a PNG banner of the theme's static
// files, shown by its site path.
func imageBlog(t testing.TB) fstest.MapFS {
	t.Helper()
	photo := imagingtest.WithEXIF(imagingtest.JPEG(t, imagingtest.Gradient(100, 1200)), 6, true)
	receipt := imagingtest.WithEXIF(imagingtest.JPEG(t, imagingtest.Gradient(60, 40)), 1, true)
	banner := imagingtest.WithPNGChunk(imagingtest.PNG(t, imagingtest.Gradient(700, 70)), "tEXt", []byte("Comment\x00made at home"))
	return fstest.MapFS{
		"site.toml": {Data: []byte("title = \"T\"\nbase_url = \"https://impact.example/blog/\"\ncurrency = \"GBP\"\n")},
		"posts/visit/index.md": {Data: []byte("---\ntitle: Visit\ndate: 2023-04-20\n---\n" +
			"![Banner](/banner.png)\n\n" +
			"![Saplings on a hill](photo.jpg \"Planting day\")\n\n" +
			"![](photo.jpg)\n\nWe gave {{< total donations >}} in all.\n")}, // rendered again with the totals
		"posts/visit/photo.jpg":         {Data: photo},
		"posts/visit/receipt.jpg":       {Data: receipt},
		"templates/static/banner.png":   {Data: banner},
		"templates/static/not-shown.md": {Data: []byte("x")},
	}
}

func buildImages(t *testing.T, blog fstest.MapFS, opts Options) (*Builder, *publish.Memory) {
	t.Helper()
	opts.Now = now
	b := NewBuilder(blog, theme.FS, opts)
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	out := publish.NewMemory()
	if _, err := s.Render(context.Background(), out); err != nil {
		t.Fatalf("render: %v", err)
	}
	return b, out
}

func TestImages(t *testing.T) {
	blog := imageBlog(t)
	cache := t.TempDir()
	b, out := buildImages(t, blog, Options{CacheDir: cache})
	get := func(name string) []byte {
		t.Helper()
		data, ok := out.Get(name)
		if !ok {
			t.Fatalf("no %s; the site has %v", name, out.Names())
		}
		return data
	}
	page := string(get("posts/visit/index.html"))
	for _, want := range []string{
		`<p><img src="/blog/banner.png" alt="Banner" width="700" height="70" srcset="/blog/banner.480w.png 480w, /blog/banner.png 700w" sizes="` + ImageSizes + `" decoding="async"></p>`,
		"<figure>\n" + `<img src="/blog/posts/visit/photo.jpg" alt="Saplings on a hill" width="1200" height="100" srcset="/blog/posts/visit/photo.480w.jpg 480w, /blog/posts/visit/photo.960w.jpg 960w, /blog/posts/visit/photo.jpg 1200w" sizes="` + ImageSizes + `" loading="lazy" decoding="async">` + "\n<figcaption>Planting day</figcaption>\n</figure>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the post's page lacks\n%s\nin\n%s", want, page)
		}
	}
	if !strings.Contains(page, "<p>We gave £0 in all.</p>") {
		t.Errorf("the post's figures are not filled in: the test of renderFigures's images is void\n%s", page)
	}
	// Each file as wide as its name says, upright, without metadata.
	for name, want := range map[string][2]int{
		"posts/visit/photo.jpg":      {1200, 100},
		"posts/visit/photo.480w.jpg": {480, 40},
		"posts/visit/photo.960w.jpg": {960, 80},
		"posts/visit/receipt.jpg":    {60, 40},
		"banner.png":                 {700, 70},
		"banner.480w.png":            {480, 48},
	} {
		data := get(name)
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != want[0] || cfg.Height != want[1] {
			t.Errorf("%s: have %d×%d (%v) want: %d×%d", name, cfg.Width, cfg.Height, err, want[0], want[1])
		}
		for _, meta := range []string{"Exif", "tEXt", "made at home"} {
			if bytes.Contains(data, []byte(meta)) {
				t.Errorf("%s is published with %q", name, meta)
			}
		}
	}
	if _, ok := out.Get("posts/visit/photo.1600w.jpg"); ok {
		t.Error("a copy 1600 wide of an image 1200 wide")
	}
	// The photo without alt text is a warning at its line and column.
	var warned bool
	for _, w := range b.Warnings() {
		if w.File == "posts/visit/index.md" && w.Line == 9 && w.Col == 1 && strings.Contains(w.Error(), "no alt text") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning at posts/visit/index.md:9:1 for the image without alt text: %v", b.Warnings())
	}
	if n := b.inc.images.cache.Encodes(); n != 4 {
		t.Errorf("first build: have %d encodes want: 4 (the photo turned, its two copies, the banner's copy)", n)
	}

	// The next build, a new Builder with the same cache folder, encodes
	// nothing and writes the same bytes; so does a build without a cache.
	again, second := buildImages(t, blog, Options{CacheDir: cache})
	if n := again.inc.images.cache.Encodes(); n != 0 {
		t.Errorf("second build: have %d encodes want: 0", n)
	}
	_, fresh := buildImages(t, blog, Options{})
	for _, name := range out.Names() {
		a, _ := out.Get(name)
		if b, _ := second.Get(name); !bytes.Equal(a, b) {
			t.Errorf("%s differs in the build from the cache", name)
		}
		if b, _ := fresh.Get(name); !bytes.Equal(a, b) {
			t.Errorf("%s differs in a build without a cache folder", name)
		}
	}
}

// TestImageTooLarge: an image whose header claims 100 megapixels is a
// problem at its path, found from its header.
func TestImageTooLarge(t *testing.T) {
	ihdr := []byte{0, 0, 0x27, 0x10, 0, 0, 0x27, 0x10, 8, 2, 0, 0, 0} // 10000×10000
	huge := append([]byte("\x89PNG\r\n\x1a\n"), imagingtest.PNGChunk("IHDR", ihdr)...)
	blog := fstest.MapFS{
		"posts/x/index.md": {Data: []byte("---\ntitle: X\ndate: 2023-01-01\n---\n![Huge](huge.png)\n")},
		"posts/x/huge.png": {Data: huge},
	}
	_, err := NewBuilder(blog, theme.FS, Options{Now: now}).Build(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "posts/x/huge.png: image too large: 10000×10000 pixels is more than the 50 megapixels") {
		t.Errorf("have %v", err)
	}
}

// BenchmarkRebuildWithImages: a rebuild of a blog whose post shows a
// photo reads the photo's header again only when it changed.
func BenchmarkRebuildWithImages(b *testing.B) {
	blog := imageBlog(b)
	builder := NewBuilder(blog, theme.FS, Options{Now: now})
	ctx := context.Background()
	if _, err := builder.Build(ctx, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := builder.Build(ctx, []string{"posts/visit/index.md"}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRebuildAfterAnImageChanges: serve's rebuild, told that a photo
// changed, shows its new size; one told nothing of it reads only its
// header's cache.
func TestRebuildAfterAnImageChanges(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("posts/x/index.md", []byte("---\ntitle: X\ndate: 2023-01-01\n---\n![A hill](hill.png)\n"))
	write("posts/x/hill.png", imagingtest.PNG(t, imagingtest.Gradient(600, 300)))
	b := NewBuilder(os.DirFS(dir), theme.FS, Options{Now: now})
	page := func(changed []string) string {
		t.Helper()
		s, err := b.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Pages() {
			if p.URL == "/posts/x/" {
				html, err := s.RenderPage(p)
				if err != nil {
					t.Fatal(err)
				}
				return string(html)
			}
		}
		t.Fatal("no /posts/x/")
		return ""
	}
	if html := page(nil); !strings.Contains(html, `width="600" height="300" srcset="/posts/x/hill.480w.png 480w, /posts/x/hill.png 600w"`) {
		t.Fatalf("first build:\n%s", html)
	}
	write("posts/x/hill.png", imagingtest.PNG(t, imagingtest.Gradient(400, 100)))
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "posts/x/hill.png"), later, later)
	if html := page([]string{"posts/x/hill.png"}); !strings.Contains(html, `<img src="/posts/x/hill.png" alt="A hill" width="400" height="100" decoding="async">`) {
		t.Errorf("after the photo changed:\n%s", html)
	}
}
