package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReproducibleBuild: with SOURCE_DATE_EPOCH set, two builds of the
// sample blog, from two copies in different folders, by processes in
// different time zones and locales, give identical trees: the same names,
// bytes, modes and modification times, every time SOURCE_DATE_EPOCH's.
// The epoch is also the build's "now": a post dated after it is in the
// future, and left out.
func TestReproducibleBuild(t *testing.T) {
	bin := buildBinary(t, t.TempDir())
	const epoch = "1735689600" // 2025-01-01 00:00:00 UTC
	envs := [][]string{
		{"TZ=UTC", "LANG=C", "LC_ALL=C"},
		{"TZ=Pacific/Kiritimati", "LANG=de_DE.UTF-8", "LC_ALL=fr_FR.UTF-8", "LC_TIME=ja_JP.UTF-8"},
		{"TZ=America/Los_Angeles", "LANG=en_US.UTF-8"},
	}
	var trees []string
	for _, env := range envs {
		dir := copyBlog(t)
		build(t, bin, dir, append(env, "SOURCE_DATE_EPOCH="+epoch)...)
		trees = append(trees, filepath.Join(dir, "public"))
	}
	want := time.Unix(1735689600, 0)
	a := readTree(t, trees[0])
	for path, e := range a {
		if !e.mtime.Equal(want) {
			t.Errorf("%s: have mtime %v want: SOURCE_DATE_EPOCH's, %v", path, e.mtime.UTC(), want.UTC())
		}
	}
	if len(a) < 20 {
		t.Fatalf("have %d files and folders want: a whole site", len(a))
	}
	for i, tree := range trees[1:] {
		b := readTree(t, tree)
		for path, ea := range a {
			eb, ok := b[path]
			switch {
			case !ok:
				t.Errorf("%v: no %s", envs[i+1], path)
			case ea.mode != eb.mode:
				t.Errorf("%v: %s: have mode %v want: %v", envs[i+1], path, eb.mode, ea.mode)
			case !ea.mtime.Equal(eb.mtime):
				t.Errorf("%v: %s: have mtime %v want: %v", envs[i+1], path, eb.mtime, ea.mtime)
			case !bytes.Equal(ea.data, eb.data):
				t.Errorf("%v: %s differs", envs[i+1], path)
			}
		}
		for path := range b {
			if _, ok := a[path]; !ok {
				t.Errorf("%v: %s is not in %v's build", envs[i+1], path, envs[0])
			}
		}
	}
	if js := string(a["impact.json"].data); !strings.Contains(js, `"as_of": "2025-01-01"`) {
		t.Errorf("impact.json is not as of SOURCE_DATE_EPOCH, 2025-01-01:\n%.400s", js)
	}

	// SOURCE_DATE_EPOCH is "now": on 2022-01-01, the post of 2022-03-02
	// is in the future.
	dir := copyBlog(t)
	build(t, bin, dir, "SOURCE_DATE_EPOCH=1641038400") // 2022-01-01 12:00 UTC
	const later = "posts/giving-back-in-japan-and-the-us/index.html"
	if _, ok := a[later]; !ok {
		t.Fatalf("the sample blog has no %s", later)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", filepath.FromSlash(later))); err == nil {
		t.Errorf("SOURCE_DATE_EPOCH=2022-01-01: %s, a post of 2022-03-02, was built", later)
	}
}

// build runs bin build on the blog in dir, with env added to the test's
// environ.
func build(t *testing.T, bin, dir string, env ...string) {
	t.Helper()
	cmd := exec.Command(bin, "build", "-src", dir)
	cmd.Env = environ(env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v build: %v\n%s", env, err, out)
	}
}

// A treeEntry is a file or folder as readTree saw it.
type treeEntry struct {
	mode  fs.FileMode
	mtime time.Time
	data  []byte // a file's
}

// readTree reads every file and folder under dir, by slash-separated path
// relative to it ("." for dir itself).
func readTree(t *testing.T, dir string) map[string]treeEntry {
	t.Helper()
	tree := map[string]treeEntry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		e := treeEntry{mode: fi.Mode(), mtime: fi.ModTime()}
		if fi.Mode().IsRegular() {
			if e.data, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		tree[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}
