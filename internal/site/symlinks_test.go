package site

import (
	"bytes"
	"context"
	"github.com/impactblog/impactblog/internal/blogtest"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	theme "github.com/impactblog/impactblog/templates"
)

// secret is what lies outside the blog in TestSymlinks: no build may
// publish it.
const secret = "SECRET-OUTSIDE-THE-BLOG"

// tree writes files (path → content) and symbolic links (path → target)
// under dir. A target starting with "ABS/" is made absolute under dir.
func tree(t *testing.T, dir string, files, links map[string]string) {
	t.Helper()
	blogtest.WriteTree(t, dir, files)
	for name, target := range links {
		if rest, ok := strings.CutPrefix(target, "ABS/"); ok {
			target = filepath.Join(dir, filepath.FromSlash(rest))
		}
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, full); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
}

// blogFSes are the two ways of reading a blog on disk: os.DirFS, which
// follows any link, and os.Root, which refuses those that leave it (as
// the commands read it).
func blogFSes(t *testing.T, dir string) map[string]fs.FS {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return map[string]fs.FS{"DirFS": os.DirFS(dir), "Root": root.FS()}
}

// TestSymlinks: a symbolic link under posts/, templates/ or site.toml
// that leads outside the blog is a problem at its path (and a post linking
// through it one at the link), never followed or copied; a link that
// stays inside is followed.
func TestSymlinks(t *testing.T) {
	const bundle = "---\ntitle: X\ndate: 2021-01-01\n---\nHello.\n"
	outside := map[string]string{
		"outside/secret.txt":  secret,
		"outside/dir/shadow":  secret,
		"outside/dir/leak.md": "---\ntitle: Leak\ndate: 2021-01-01\n---\n" + secret + "\n",
		"outside/post.md":     "---\ntitle: Leak\ndate: 2021-01-01\n---\n" + secret + "\n",
		"outside/post.html":   "{{define \"main\"}}" + secret + "{{end}}\n",
		"outside/site.toml":   "title = \"" + secret + "\"\n",
	}
	tests := []struct {
		name  string
		files map[string]string // under the blog
		links map[string]string // under the test's folder: blog/… → target
		want  []string          // problems, in order, by the start of their text
		has   map[string]string // when it builds: files of the site and a part of their content
	}{
		{
			name:  "a bundle file, by a relative path",
			files: map[string]string{"posts/x/index.md": bundle},
			links: map[string]string{"blog/posts/x/env.txt": "../../../outside/secret.txt"},
			want:  []string{"posts/x/env.txt: is a symbolic link to ../../../outside/secret.txt, outside the blog folder"},
		},
		{
			name:  "a bundle file, by an absolute path",
			files: map[string]string{"posts/x/index.md": bundle},
			links: map[string]string{"blog/posts/x/env.txt": "ABS/outside/secret.txt"},
			want:  []string{"posts/x/env.txt: is a symbolic link to /"},
		},
		{
			name:  "the build's environment",
			files: map[string]string{"posts/x/index.md": bundle},
			links: map[string]string{"blog/posts/x/env.txt": "/proc/self/environ"},
			want:  []string{"posts/x/env.txt: is a symbolic link to /proc/self/environ, an absolute path"},
		},
		{
			name:  "a file a post links to, through a folder",
			files: map[string]string{"posts/a.md": "---\ntitle: A\ndate: 2021-01-01\n---\nSee [p](etc/shadow).\n"},
			links: map[string]string{"blog/posts/etc": "../../outside/dir"},
			want: []string{
				"posts/a.md:5:", // etc/shadow is not published: posts/etc is a symbolic link…
				"posts/etc: is a symbolic link to ../../outside/dir, outside the blog folder",
			},
		},
		{
			name:  "a file a post links to, by an absolute path",
			files: map[string]string{"posts/a.md": "---\ntitle: A\ndate: 2021-01-01\n---\nSee [p](shadow.txt).\n"},
			links: map[string]string{"blog/posts/shadow.txt": "ABS/outside/dir/shadow"},
			want:  []string{"posts/a.md:5:", "posts/shadow.txt: is a symbolic link to /"},
		},
		{
			name:  "a post",
			files: map[string]string{"posts/a.md": bundle},
			links: map[string]string{"blog/posts/b.md": "../../outside/post.md"},
			want:  []string{"posts/b.md: is a symbolic link to ../../outside/post.md"},
		},
		{
			name:  "the posts folder",
			files: map[string]string{"site.toml": "title = \"T\"\n"},
			links: map[string]string{"blog/posts": "../outside/dir"},
			want:  []string{"posts: is a symbolic link to ../outside/dir"},
		},
		{
			name:  "a static file",
			files: map[string]string{"posts/a.md": bundle},
			links: map[string]string{"blog/templates/static/env.txt": "/proc/self/environ"},
			want:  []string{"templates/static/env.txt: is a symbolic link to /proc/self/environ"},
		},
		{
			name:  "the static folder",
			files: map[string]string{"posts/a.md": bundle},
			links: map[string]string{"blog/templates/static": "../../outside/dir"},
			want:  []string{"templates/static: is a symbolic link to ../../outside/dir"},
		},
		{
			name:  "a template",
			files: map[string]string{"posts/a.md": bundle},
			links: map[string]string{"blog/templates/post.html": "../../outside/post.html"},
			want:  []string{"templates/post.html: is a symbolic link to ../../outside/post.html"},
		},
		{
			name:  "site.toml",
			files: map[string]string{"posts/a.md": bundle},
			links: map[string]string{"blog/site.toml": "../outside/site.toml"},
			want:  []string{"site.toml: is a symbolic link to ../outside/site.toml"},
		},
		{
			name: "links that stay inside the blog",
			files: map[string]string{
				"posts/x/index.md":  "---\ntitle: X\ndate: 2021-01-01\n---\nSee [the file](../shared/linked.txt) and [this](other.txt).\n",
				"shared/photo.txt":  "PHOTO",
				"shared/linked.txt": "LINKED",
				"shared/style.txt":  "STYLE",
			},
			links: map[string]string{
				"blog/posts/x/photo.txt":          "../../shared/photo.txt",
				"blog/posts/x/other.txt":          "../../shared/linked.txt",
				"blog/posts/shared":               "../shared",
				"blog/templates/static/style.txt": "../../shared/style.txt",
			},
			has: map[string]string{
				"posts/x/photo.txt":       "PHOTO",
				"posts/x/other.txt":       "LINKED",
				"posts/shared/linked.txt": "LINKED",
				"style.txt":               "STYLE",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{}
			for k, v := range outside {
				files[k] = v
			}
			for k, v := range tt.files {
				files["blog/"+k] = v
			}
			tree(t, dir, files, tt.links)
			for kind, fsys := range blogFSes(t, filepath.Join(dir, "blog")) {
				t.Run(kind, func(t *testing.T) {
					out, err := build(t, fsys, Options{})
					if tt.want != nil {
						assertProblems(t, err, tt.want)
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					for _, name := range out.Names() {
						if data, _ := out.Get(name); bytes.Contains(data, []byte(secret)) {
							t.Errorf("%s publishes what is outside the blog", name)
						}
					}
					for name, want := range tt.has {
						if data, ok := out.Get(name); !ok || !strings.Contains(string(data), want) {
							t.Errorf("%s: have %q, want %q", name, data, want)
						}
					}
				})
			}
		})
	}
}

// TestSymlinksOnRebuild: a folder of posts linked in while serving is not
// listed through the link: its posts are not read, and the link is a
// problem until it goes.
func TestSymlinksOnRebuild(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"blog/posts/a.md":     goodPost,
		"outside/dir/leak.md": "---\ntitle: Leak\ndate: 2021-01-01\n---\n" + secret + "\n",
	}, nil)
	for kind, fsys := range blogFSes(t, filepath.Join(dir, "blog")) {
		t.Run(kind, func(t *testing.T) {
			b := NewBuilder(fsys, theme.FS, Options{Now: now})
			if _, err := b.Build(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, "blog", "posts", "etc")
			if err := os.Symlink(filepath.Join("..", "..", "outside", "dir"), link); err != nil {
				t.Skip(err)
			}
			defer os.Remove(link)
			_, err := b.Build(context.Background(), []string{"posts/etc"})
			assertProblems(t, err, []string{"posts/etc: is a symbolic link to ../../outside/dir"})
			// Still a problem after an edit elsewhere.
			_, err = b.Build(context.Background(), []string{"posts/a.md"})
			assertProblems(t, err, []string{"posts/etc: is a symbolic link"})
			os.Remove(link)
			s, err := b.Build(context.Background(), []string{"posts/etc"})
			if err != nil {
				t.Fatalf("the link is gone: %v", err)
			}
			if len(s.Posts) != 1 {
				t.Errorf("have %d posts, want 1", len(s.Posts))
			}
		})
	}
}
