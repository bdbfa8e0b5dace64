package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/publish"
)

// TestMain gives the tests, and the programs they run, a cache folder of
// their own (build's default -cache is in the user's cache folder), but
// keeps the go command's own where it was (its default is in the same).
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "impactblog-test-cache-")
	if err == nil && os.Getenv("GOCACHE") == "" {
		var out []byte
		out, err = exec.Command("go", "env", "GOCACHE").Output()
		os.Setenv("GOCACHE", strings.TrimSpace(string(out)))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// A summary is what build -format json's last line says of the files.
type summary struct {
	Files struct {
		Total, Written, Unchanged int
		Removed                   *int
	} `json:"files"`
	Bytes        int64 `json:"bytes"`
	BytesWritten int64 `json:"bytes_written"`
}

// buildJSON builds the blog in dir with args added, and returns its
// summary.
func buildJSON(t *testing.T, dir string, args ...string) summary {
	t.Helper()
	code, stdout, stderr := runCmd(t, append([]string{"build", "-src", dir, "-format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("build %v: exit %d\n%s", args, code, stderr)
	}
	last := strings.TrimSuffix(stdout, "\n")
	last = last[strings.LastIndex(last, "\n")+1:]
	var s summary
	if err := json.Unmarshal([]byte(last), &s); err != nil || s.Files.Removed == nil {
		t.Fatalf("the summary %q: %v", last, err)
	}
	return s
}

// A fileStamp is what tells whether a build wrote a path: the file
// itself (its inode) and its modification time.
type fileStamp struct {
	info fs.FileInfo
}

func (a fileStamp) same(b fileStamp) bool {
	return os.SameFile(a.info, b.info) && a.info.ModTime().Equal(b.info.ModTime()) && a.info.Size() == b.info.Size()
}

func fileStamps(t *testing.T, dir string) map[string]fileStamp {
	t.Helper()
	m := map[string]fileStamp{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		m[p] = fileStamp{fi}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBuildWritesOnlyWhatChanged: a rebuild of an unchanged blog writes
// nothing, no file, no folder, no time, with the cache or without; one
// edited post writes only the files that show it; a post removed, its
// files are removed. Nothing of impactblog's is in the site.
func TestBuildWritesOnlyWhatChanged(t *testing.T) {
	for _, cache := range []string{"", "off"} {
		t.Run("cache="+cache, func(t *testing.T) {
			dir := copyBlog(t)
			out := filepath.Join(dir, "public")
			var args []string
			if cache != "" {
				args = []string{"-cache", cache}
			}
			s := buildJSON(t, dir, args...)
			if s.Files.Written != s.Files.Total || s.Files.Unchanged != 0 || *s.Files.Removed != 0 || s.BytesWritten != s.Bytes {
				t.Errorf("first build: have %+v want: every file written", s)
			}
			before := fileStamps(t, out)
			s = buildJSON(t, dir, args...)
			if s.Files.Written != 0 || s.Files.Unchanged != s.Files.Total || *s.Files.Removed != 0 || s.BytesWritten != 0 {
				t.Errorf("unchanged: have %+v want: nothing written", s)
			}
			after := fileStamps(t, out)
			for p, st := range before {
				if a, ok := after[p]; !ok || !a.same(st) {
					t.Errorf("unchanged: %s was written", p)
				}
			}
			if len(after) != len(before) {
				t.Errorf("unchanged: %d paths before, %d after", len(before), len(after))
			}

			post := filepath.Join(dir, "posts", "2021-01-15-our-small-victories-of-2020.md")
			src, err := os.ReadFile(post)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(post, append(src, "\nOne more sentence.\n"...), 0o644)
			s = buildJSON(t, dir, args...)
			if s.Files.Written == 0 || s.Files.Written > 12 || *s.Files.Removed != 0 {
				t.Errorf("one post edited: have %+v want: a few files written, none removed", s)
			}
			page, _ := os.ReadFile(filepath.Join(out, "posts", "our-small-victories-of-2020", "index.html"))
			if !bytes.Contains(page, []byte("One more sentence.")) {
				t.Error("the edited post's page was not written")
			}

			os.Remove(post)
			os.Remove(strings.TrimSuffix(post, ".md") + ".fr.md") // its translation, which would translate nothing
			s = buildJSON(t, dir, args...)
			if *s.Files.Removed == 0 {
				t.Errorf("one post removed: have %+v want: its files removed", s)
			}
			if _, err := os.Stat(filepath.Join(out, "posts", "our-small-victories-of-2020")); err == nil {
				t.Error("the removed post's folder is still there")
			}
			if _, err := os.Lstat(filepath.Join(out, publish.Marker)); err == nil {
				t.Errorf("%s is in the site", publish.Marker)
			}
		})
	}
}

// TestBuildCacheIsByteIdentical: the sample blog and a generated one
// build to the same bytes without the cache, with an empty cache, and
// with the cache the first build left; the cache holds what the posts
// rendered to, and the second build adds nothing to it.
func TestBuildCacheIsByteIdentical(t *testing.T) {
	generated := filepath.Join(t.TempDir(), "generated")
	if err := blogtest.Generate(generated, 120, 7); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{copyBlog(t), generated} {
		cache := filepath.Join(t.TempDir(), "cache")
		outs := map[string][]string{
			"no cache":   {"-cache", "off"},
			"cold cache": {"-cache", cache},
			"warm cache": {"-cache", cache},
		}
		var packs string
		for _, name := range []string{"no cache", "cold cache", "warm cache"} {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"build", "-src", dir, "-out", out}, outs[name]...)
			if code, _, stderr := runCmd(t, args...); code != 0 {
				t.Fatalf("%s: exit %d\n%s", name, code, stderr)
			}
			outs[name] = []string{out}
			have := cacheFiles(t, filepath.Join(cache, "posts"))
			switch name {
			case "cold cache":
				if !strings.Contains(have, ".pack ") {
					t.Errorf("%s: nothing in the cache: %s", name, have)
				}
				packs = have
			case "warm cache":
				if have != packs {
					t.Errorf("%s: the cache changed:\nhave %s\nwant: %s", name, have, packs)
				}
			}
		}
		want := readTree(t, outs["no cache"][0])
		for _, name := range []string{"cold cache", "warm cache"} {
			have := readTree(t, outs[name][0])
			for p, e := range want {
				if h, ok := have[p]; !ok || !bytes.Equal(h.data, e.data) {
					t.Errorf("%s: %s: %s differs from the build without the cache", filepath.Base(dir), name, p)
				}
			}
			if len(have) != len(want) {
				t.Errorf("%s: %s: %d files and folders, want %d", filepath.Base(dir), name, len(have), len(want))
			}
		}
	}
}

// cacheFiles lists the packs and indexes of the cache folder dir, with
// their sizes.
func cacheFiles(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && (strings.HasSuffix(e.Name(), ".pack") || strings.HasSuffix(e.Name(), ".idx")) {
			fmt.Fprintf(&b, "%s %d; ", e.Name(), fi.Size())
		}
	}
	return b.String()
}

// TestBuildCacheFlag: a cache in the output folder, or holding it, is bad
// usage; -cache off builds with none.
func TestBuildCacheFlag(t *testing.T) {
	dir := copyBlog(t)
	out := filepath.Join(dir, "public")
	for _, cache := range []string{filepath.Join(out, "cache"), out, dir} {
		if code, _, stderr := runCmd(t, "build", "-src", dir, "-cache", cache); code != 2 || !strings.Contains(stderr, "overlap") {
			t.Errorf("-cache %s: exit %d, want 2 and a message:\n%s", cache, code, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "build", "-src", dir, "-cache", "off"); code != 0 {
		t.Errorf("-cache off: exit %d\n%s", code, stderr)
	}
}

// TestBuildIntoASymlink: -out a symbolic link to a folder, built twice:
// the link stays, the site is in the folder it leads to.
func TestBuildIntoASymlink(t *testing.T) {
	dir := copyBlog(t)
	real := filepath.Join(t.TempDir(), "www")
	os.Mkdir(real, 0o755)
	link := filepath.Join(t.TempDir(), "public")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if code, _, stderr := runCmd(t, "build", "-src", dir, "-out", link); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("-out is no longer a link: %v", err)
	}
	if _, err := os.Stat(filepath.Join(real, "index.html")); err != nil {
		t.Error(err)
	}
}
