package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Tests of issue 13 through the commands: build and check refuse a folder
// that is not a blog, and never replace a folder they did not write.

// writeTree writes files (slash-separated path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

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
