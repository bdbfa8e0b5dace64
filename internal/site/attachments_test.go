package site

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/impactblog/impactblog/internal/publish"
	theme "github.com/impactblog/impactblog/templates"
)

// inKindPost is a page bundle's post whose in-kind gift names evidence.
func inKindPost(evidence string) string {
	return "---\ntitle: Devices\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: Break Poverty\n      kind: in-kind\n" +
		"      items: [{what: smartphone, count: 120}]\n      evidence: " + evidence + "\n---\nThank you.\n"
}

// TestEvidenceFiles: the file a donation's evidence names is published
// with its post, whether the post is a page bundle or not, has a body to
// resolve or not, and is built once or again; the post gives its address
// (Post.EvidenceURL). A missing one is a problem at the evidence.
func TestEvidenceFiles(t *testing.T) {
	blog := blogOf(
		"site.toml", "title = \"T\"\nbase_url = \"https://impact.example/blog/\"\ncurrency = \"EUR\"\n",
		"posts/devices/index.md", inKindPost("receipt.pdf"),
		"posts/devices/receipt.pdf", "%PDF-RECEIPT",
		"posts/2021-02-01-gift.md", "---\ntitle: Gift\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 10\n"+
			"      evidence: receipts/wwf.pdf\n    - recipient: WWF\n      amount: 5\n      evidence: https://example.org/r/2\n---\nNo links.\n",
		"posts/receipts/wwf.pdf", "%PDF-WWF",
	)
	for _, opts := range []Options{{}, {Once: true}} {
		opts.Now = now
		s, err := NewBuilder(blog, theme.FS, opts).Build(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		urls := map[string]string{}
		for _, p := range s.Posts {
			for _, d := range p.Donations {
				urls[d.Evidence] = p.EvidenceURL(d.Evidence)
			}
		}
		for ev, want := range map[string]string{
			"receipt.pdf":             "/blog/posts/devices/receipt.pdf",
			"receipts/wwf.pdf":        "/blog/posts/gift/receipts/wwf.pdf",
			"https://example.org/r/2": "https://example.org/r/2",
		} {
			if urls[ev] != want {
				t.Errorf("Once %v: EvidenceURL(%q): have %q, want %q", opts.Once, ev, urls[ev], want)
			}
		}
		out := publish.NewMemory()
		if _, err := s.Render(context.Background(), out); err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]string{"posts/devices/receipt.pdf": "%PDF-RECEIPT", "posts/gift/receipts/wwf.pdf": "%PDF-WWF"} {
			if data, ok := out.Get(name); !ok || string(data) != want {
				t.Errorf("Once %v: %s: have %q (%v), want %q", opts.Once, name, data, ok, want)
			}
		}
	}

	missing := fstest.MapFS{"posts/devices/index.md": {Data: []byte(inKindPost("recept.pdf"))}}
	_, err := build(t, missing, Options{})
	assertProblems(t, err, []string{"posts/devices/index.md:9:17: evidence recept.pdf points to posts/devices/recept.pdf, which is not there"})

	// Found again once the file is there, on a rebuild.
	b := NewBuilder(missing, theme.FS, Options{Now: now})
	if _, err := b.Build(context.Background(), nil); err == nil {
		t.Fatal("have no problem, want recept.pdf missing")
	}
	missing["posts/devices/recept.pdf"] = &fstest.MapFile{Data: []byte("%PDF")}
	if _, err := b.Build(context.Background(), []string{"posts/devices/recept.pdf"}); err != nil {
		t.Errorf("the file is there: %v", err)
	}
}

// TestEvidenceSymlinks: evidence that is a symbolic link out of the blog is
// a problem at the evidence, and never published.
func TestEvidenceSymlinks(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"outside/secret.txt":          secret,
		"blog/posts/devices/index.md": inKindPost("receipt.pdf"),
	}, map[string]string{"blog/posts/devices/receipt.pdf": "../../../outside/secret.txt"})
	for kind, fsys := range blogFSes(t, filepath.Join(dir, "blog")) {
		t.Run(kind, func(t *testing.T) {
			out, err := build(t, fsys, Options{})
			assertProblems(t, err, []string{
				"posts/devices/index.md:9:17: evidence receipt.pdf is not published: posts/devices/receipt.pdf is a symbolic link",
				"posts/devices/receipt.pdf: is a symbolic link to ../../../outside/secret.txt, outside the blog folder",
			})
			if out != nil {
				for _, name := range out.Names() {
					if data, _ := out.Get(name); bytes.Contains(data, []byte(secret)) {
						t.Errorf("%s publishes what is outside the blog", name)
					}
				}
			}
		})
	}
}
