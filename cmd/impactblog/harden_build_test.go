package main

import (
	"bytes"
	"github.com/impactblog/impactblog/internal/blogtest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Tests of issue 13 through the commands: build and check read the blog
// through os.Root, refuse a folder that is not a blog, never replace a
// folder they did not write, and report every problem in one run.

// writeTree writes files (slash-separated path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) { blogtest.WriteTree(t, dir, files) }

// TestNotABlog: build and check in a folder with neither posts/ nor
// site.toml refuse, and leave its public/ alone, however -src and -out
// name it; a blog's own public/ that impactblog did not write is not
// replaced either.
func TestNotABlog(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  func(dir string) []string
		want  string
	}{
		{"build, -src", map[string]string{"public/app.js": "app"}, func(dir string) []string { return []string{"build", "-src", dir} }, "no blog here: "},
		{"build, -out", map[string]string{"public/app.js": "app"}, func(dir string) []string {
			return []string{"build", "-src", dir, "-out", filepath.Join(dir, "public") + string(filepath.Separator)}
		}, "no blog here: "},
		{"check", map[string]string{"public/app.js": "app"}, func(dir string) []string { return []string{"check", "-src", dir} }, "no blog here: "},
		{"totals", map[string]string{"public/app.js": "app"}, func(dir string) []string { return []string{"totals", "-src", dir} }, "no blog here: "},
		{"serve", map[string]string{"public/app.js": "app"}, func(dir string) []string { return []string{"serve", "-src", dir, "-addr", "127.0.0.1:0"} }, "no blog here: "},
		{"a blog's public/ it did not write", map[string]string{"public/app.js": "app", "posts/a.md": "---\ntitle: A\ndate: 2021-01-01\n---\nHi.\n"},
			func(dir string) []string { return []string{"build", "-src", dir} }, "did not write"},
		{"the same, by another name", map[string]string{"public/app.js": "app", "site.toml": "title = \"T\"\n"},
			func(dir string) []string {
				return []string{"build", "-src", dir, "-out", filepath.Join(dir, ".", "public", ".")}
			}, "did not write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			code, _, stderr := runCmd(t, tt.args(dir)...)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want 1 and %q in:\n%s", code, tt.want, stderr)
			}
			if b, err := os.ReadFile(filepath.Join(dir, "public", "app.js")); string(b) != "app" {
				t.Errorf("public/app.js: have %q %v, want it untouched", b, err)
			}
		})
	}
	// From inside the folder, as `cd app && impactblog build` runs it.
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"public/app.js": "app"})
	t.Chdir(dir)
	if code, _, stderr := runCmd(t, "build"); code != 1 || !strings.Contains(stderr, "no blog here: ") {
		t.Errorf("build in the folder: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "public", "app.js")); string(b) != "app" {
		t.Error("public/app.js was removed")
	}
}

// TestBuildPublishesNothingFromOutside: symbolic links out of the blog are
// problems at their path, and the post linking through one at its line;
// build fails and writes nothing; check agrees.
func TestBuildPublishesNothingFromOutside(t *testing.T) {
	const secret = "SECRET-OUTSIDE-THE-BLOG"
	dir := t.TempDir()
	blog := filepath.Join(dir, "blog")
	writeTree(t, dir, map[string]string{
		"outside/dir/shadow":               secret,
		"outside/env":                      secret,
		"blog/site.toml":                   "title = \"T\"\n",
		"blog/posts/2021-01-01-x/index.md": "---\ntitle: X\ndate: 2021-01-01\n---\nSee [p](../etc/shadow).\n",
	})
	for link, target := range map[string]string{
		"blog/posts/2021-01-01-x/env.txt": filepath.Join(dir, "outside", "env"),
		"blog/posts/etc":                  filepath.Join("..", "..", "outside", "dir"),
		"blog/templates/static/env.txt":   "/proc/self/environ",
	} {
		full := filepath.Join(dir, filepath.FromSlash(link))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.Symlink(target, full); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	want := []string{
		"posts/2021-01-01-x/env.txt: is a symbolic link to ",
		"posts/2021-01-01-x/index.md:5:",
		"posts/etc: is a symbolic link to ../../outside/dir, outside the blog folder",
		"templates/static/env.txt: is a symbolic link to /proc/self/environ",
	}
	for _, cmd := range []string{"build", "check"} {
		code, _, stderr := runCmd(t, cmd, "-src", blog)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1\n%s", cmd, code, stderr)
		}
		lines := strings.Split(stderr, "\n")
		for i, w := range want {
			if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
				t.Errorf("%s: line %d: want %q…, in:\n%s", cmd, i+1, w, stderr)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(blog, "public")); err == nil {
		t.Error("build wrote public/")
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Type().IsRegular() && !strings.HasPrefix(p, filepath.Join(dir, "outside")) {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s has what is outside the blog", p)
			}
		}
		return nil
	})
}

// TestEveryProblemAndWarningInOneRun: a bad amount does not hide a broken
// link and two warnings of the same post, in build or in check.
func TestEveryProblemAndWarningInOneRun(t *testing.T) {
	dir := copyBlog(t)
	writeTree(t, dir, map[string]string{"posts/2024-01-01-bad.md": "---\ntitle: Bad\ndate: 2021-01-01\nimpact:\n  donations:\n    - recipient: WWF\n      amount: \"£112,000\"\n---\n" +
		"See [the gifts](gifts.md).\n\n{% include x.html %}\n\n{{< youtube abc >}}\n"})
	for _, args := range [][]string{{"build"}, {"check"}, {"build", "-strict"}, {"check", "-strict"}} {
		code, _, stderr := runCmd(t, append(args, "-src", dir)...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
		for _, want := range []string{
			"posts/2024-01-01-bad.md:7:15: amount",
			"posts/2024-01-01-bad.md:9:5: the link to gifts.md points to no post",
			"posts/2024-01-01-bad.md:11:1: ",
			"posts/2024-01-01-bad.md:13:1: ",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: want %q in:\n%s", args, want, stderr)
			}
		}
		if strict := len(args) > 1; strict == strings.Contains(stderr, "warning: ") {
			t.Errorf("%v: warnings printed as warnings: %v, want %v:\n%s", args, !strict, !strict, stderr)
		}
	}
}

// TestAliasOverTheMarker: an alias over the marker file is a problem at
// its line in check, as it is in build.
func TestAliasOverTheMarker(t *testing.T) {
	dir := copyBlog(t)
	writeTree(t, dir, map[string]string{"posts/2024-01-01-alias.md": "---\ntitle: Alias\ndate: 2021-01-01\naliases: [\"/.impactblog/\"]\n---\nHi.\n"})
	for _, cmd := range []string{"check", "build"} {
		code, _, stderr := runCmd(t, cmd, "-src", dir)
		if code != 1 || !strings.HasPrefix(stderr, "posts/2024-01-01-alias.md:4:") {
			t.Errorf("%s: exit %d, want 1 and posts/2024-01-01-alias.md:4:… in:\n%s", cmd, code, stderr)
		}
	}
}
