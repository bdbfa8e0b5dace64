package blogtest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/templates"
)

// TestDeterministic: the same seed gives the same blog; another seed another.
func TestDeterministic(t *testing.T) {
	a, b, c := blogtest.Files(50, 1), blogtest.Files(50, 1), blogtest.Files(50, 2)
	if len(a) != 51 {
		t.Fatalf("have %d files, want 51", len(a))
	}
	same := 0
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if bytes.Equal(data, c[name]) {
			same++
		}
	}
	if same > 1 { // only site.toml
		t.Errorf("%d files are the same with another seed", same)
	}
}

// TestShape: posts are 1.5–6 KB and have what the issue asks for.
func TestShape(t *testing.T) {
	var tables, code, quotes int
	for name, data := range blogtest.Files(1000, 7) {
		if name == "site.toml" {
			continue
		}
		if n := len(data); n < 1500 || n > 6144 {
			t.Errorf("%s: %d bytes, want 1.5–6 KB", name, n)
		}
		if bytes.Contains(data, []byte("\n|:-----|")) {
			tables++
		}
		if bytes.Contains(data, []byte("\n```go\n")) {
			code++
		}
		if bytes.Contains(data, []byte("\n> ")) {
			quotes++
		}
	}
	if tables == 0 || code == 0 || quotes < 900 || tables == 1000 || code == 1000 {
		t.Errorf("tables %d, code blocks %d, quotes %d of 1000 posts", tables, code, quotes)
	}
}

// TestBuilds: a generated blog builds without a problem, with every post,
// donations and offsets in several currencies, and pages of 10 posts.
func TestBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := blogtest.Generate(dir, 300, 42); err != nil {
		t.Fatal(err)
	}
	b := site.NewBuilder(os.DirFS(dir), templates.FS, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if len(s.Posts) != 300 {
		t.Errorf("have %d posts, want 300", len(s.Posts))
	}
	if len(s.Tags) < 25 {
		t.Errorf("have %d tags, want about 30", len(s.Tags))
	}
	if n := len(s.Totals.Donations.Total); n != 4 {
		t.Errorf("donations in %d currencies, want 4: %v", n, s.Totals.Donations.Total)
	}
	if s.Totals.Offsets.Count == 0 {
		t.Error("no offsets")
	}
	if _, err := os.Stat(filepath.Join(dir, "posts")); err != nil {
		t.Error(err)
	}
	files := publish.NewMemory()
	if _, err := s.Render(context.Background(), files); err != nil {
		t.Fatalf("render: %v", err)
	}
	if _, ok := files.Get("page/30/index.html"); !ok {
		t.Error("no page/30/index.html: want 30 index pages of 10 posts")
	}
	if _, ok := files.Get("page/31/index.html"); ok {
		t.Error("page/31/index.html: want 30 index pages of 10 posts")
	}
}
