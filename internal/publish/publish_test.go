package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A site is the files of a site, by slash-separated name.
type site map[string]string

// writeSite is a write func that writes s, each file in pieces of n bytes
// (all of it at once when n is 0).
func writeSite(s site, n int) func(Writer) error {
	return func(w Writer) error {
		sw := Stream(w)
		for _, name := range slices.Sorted(maps.Keys(s)) {
			f, err := sw.Create(name)
			if err != nil {
				return err
			}
			data := []byte(s[name])
			for len(data) > 0 {
				k := len(data)
				if n > 0 {
					k = min(k, n)
				}
				if _, err := f.Write(data[:k]); err != nil {
					return err
				}
				data = data[k:]
			}
			if err := f.Close(); err != nil {
				return err
			}
		}
		return nil
	}
}

// into publishes s into out, failing the test on an error.
func into(t *testing.T, out string, opts Options, s site) Result {
	t.Helper()
	res, err := Into(out, opts, writeSite(s, 1000))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// readSite reads the files under dir, failing on anything but files and
// folders.
func readSite(t *testing.T, dir string) site {
	t.Helper()
	s := site{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is a %v", p, d.Type())
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		s[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func checkSite(t *testing.T, dir string, want site) {
	t.Helper()
	have := readSite(t, dir)
	for name, data := range want {
		if have[name] != data {
			t.Errorf("%s: have %.40q want: %.40q", name, have[name], data)
		}
	}
	for name := range have {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: in the folder, not in the site", name)
		}
	}
}

// A stamp is what changes when anything writes to a path: its inode, its
// modification time and its change time.
type stamp struct {
	ino          uint64
	mtime, ctime int64
}

// stamps takes the stamp of dir and of everything in it.
func stamps(t *testing.T, dir string) map[string]stamp {
	t.Helper()
	m := map[string]stamp{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		id := idOf(fi)
		m[p] = stamp{id.Ino, id.Mtime, id.Ctime}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// big is n bytes of text, the same for the same n and seed.
func big(n int, seed byte) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte((i*7+int(seed))%26)
	}
	return string(b)
}

// signature is an impact.json by impactblog: Publish takes a folder that
// holds one for impactblog's (Signed).
const signature = "{\n  \"generator\": {\n    \"name\": \"impactblog\",\n    \"version\": \"devel\"\n  },\n  \"posts\": 2\n}\n"

var first = site{
	"impact.json":              signature,
	"index.html":               "<p>A site.</p>\n",
	"posts/a/index.html":       "<p>A.</p>\n",
	"posts/b/index.html":       "<p>B.</p>\n",
	"posts/b/receipt.pdf":      big(3*chunkSize+17, 1),
	"impact/index.html":        big(2*chunkSize, 2),
	"feed.xml":                 "<feed/>\n",
	"empty.txt":                "",
	"old/index.html":           "<p>Moved.</p>\n",
	"tags/x/index.html":        "<p>X.</p>\n",
	"tags/x/page/2/index.html": "<p>X, 2.</p>\n",
}

// TestIntoWritesOnlyWhatChanged: publishing the same site again writes
// nothing, not a time (with and without a manifest, the change times of
// every path say so); publishing another writes its new and changed files
// only, and the folder holds exactly the new site after.
func TestIntoWritesOnlyWhatChanged(t *testing.T) {
	for _, withState := range []bool{true, false} {
		t.Run(fmt.Sprintf("manifest=%v", withState), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			var opts Options
			if withState {
				opts.State = filepath.Join(dir, "state")
			}
			if res := into(t, out, opts, first); res.Written != len(first) || res.Unchanged != 0 || res.Removed != 0 {
				t.Errorf("first: have %+v want: all %d written", res, len(first))
			}
			checkSite(t, out, first)
			before := stamps(t, out)
			// A file's times tick coarsely: a write now would keep them.
			time.Sleep(20 * time.Millisecond)
			if res := into(t, out, opts, first); res != (Result{Unchanged: len(first)}) {
				t.Errorf("again: have %+v want: %d unchanged, nothing written", res, len(first))
			}
			if after := stamps(t, out); !maps.Equal(before, after) {
				for p, s := range after {
					if before[p] != s {
						t.Errorf("again: %s was written", p)
					}
				}
			}

			second := maps.Clone(first)
			second["index.html"] = "<p>A site, changed.</p>\n"                               // one chunk
			second["posts/b/receipt.pdf"] = first["posts/b/receipt.pdf"][:3*chunkSize] + "!" // the last chunk
			second["impact/index.html"] = first["impact/index.html"][:chunkSize+5]           // shorter
			second["feed.xml"] = first["feed.xml"] + big(chunkSize, 3)                       // longer
			second["empty.txt"] = "not empty"
			delete(second, "posts/a/index.html")        // its folder goes
			delete(second, "old/index.html")            // a folder becomes a file
			second["old"] = "<p>Moved again.</p>\n"     //
			delete(second, "tags/x/page/2/index.html")  // a folder in a folder that stays
			second["tags/y/index.html"] = "<p>Y.</p>\n" // a new folder
			second["posts/b/index.html/x"] = "a file to a folder"
			delete(second, "posts/b/index.html")
			keep := stamps(t, out)[filepath.Join(out, "tags", "x", "index.html")]
			res := into(t, out, opts, second)
			want := Result{Written: 8, Unchanged: 2, Removed: 4}
			res.BytesWritten = 0
			if res != want {
				t.Errorf("second: have %+v want: %+v", res, want)
			}
			checkSite(t, out, second)
			if s := stamps(t, out)[filepath.Join(out, "tags", "x", "index.html")]; s != keep {
				t.Error("second: an unchanged file was written")
			}
			into(t, out, opts, first)
			checkSite(t, out, first)
		})
	}
}

// TestIntoNotices a file changed by hand since the last build, its size
// and time put back: the manifest's hashes are not trusted for it, and it
// is written again.
func TestIntoNoticesAChangedFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	opts := Options{State: filepath.Join(dir, "state")}
	into(t, out, opts, first)
	p := filepath.Join(out, "index.html")
	fi, _ := os.Stat(p)
	os.WriteFile(p, []byte(strings.ToUpper(first["index.html"])), 0o644)
	os.Chtimes(p, fi.ModTime(), fi.ModTime())
	if res := into(t, out, opts, first); res.Written != 1 {
		t.Errorf("have %+v want: the file changed by hand written", res)
	}
	checkSite(t, out, first)
}

// TestIntoRemovesWhatTheSiteDoesNotHave: files, folders and links put in
// the folder by hand are removed; a link is removed, not followed.
func TestIntoRemovesWhatTheSiteDoesNotHave(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	elsewhere := filepath.Join(dir, "elsewhere")
	os.MkdirAll(elsewhere, 0o755)
	os.WriteFile(filepath.Join(elsewhere, "keep"), []byte("keep"), 0o644)
	into(t, out, Options{}, first)
	os.WriteFile(filepath.Join(out, "CNAME"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(out, "stray", "deep"), 0o755)
	os.WriteFile(filepath.Join(out, "stray", "deep", "x"), []byte("x"), 0o644)
	if err := os.Symlink(elsewhere, filepath.Join(out, "link")); err != nil {
		t.Fatal(err)
	}
	// A link where a folder of the site goes: the folder is made, the link
	// never followed.
	os.RemoveAll(filepath.Join(out, "tags"))
	if err := os.Symlink(elsewhere, filepath.Join(out, "tags")); err != nil {
		t.Fatal(err)
	}
	into(t, out, Options{}, first)
	checkSite(t, out, first)
	if b, err := os.ReadFile(filepath.Join(elsewhere, "keep")); string(b) != "keep" {
		t.Errorf("the folder a link led to was touched: %q %v", b, err)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 1 {
		t.Errorf("%d files where a link led, want 1", len(entries))
	}
}

// TestIntoRefusesAFolderItDidNotWrite: a folder with files and nothing of
// impactblog's is refused and left as it is; an empty one is written, and
// so is one an earlier build wrote, known by its manifest, its impact.json
// or the marker file of older versions, which goes.
func TestIntoRefusesAFolderItDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "www")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "CNAME"), []byte("keep"), 0o644)
	for _, opts := range []Options{{}, {State: filepath.Join(dir, "state")}} {
		if _, err := Into(out, opts, writeSite(first, 0)); err == nil || !strings.Contains(err.Error(), "did not write") {
			t.Fatalf("a folder that impactblog did not write was written: %v", err)
		}
	}
	checkSite(t, out, site{"CNAME": "keep"})

	t.Run("manifest", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "empty")
		os.Mkdir(out, 0o755)
		opts := Options{State: filepath.Join(dir, "state")}
		unsigned := maps.Clone(first)
		delete(unsigned, "impact.json")
		into(t, out, opts, unsigned)
		into(t, out, opts, unsigned)
		if _, err := Into(out, Options{}, writeSite(unsigned, 0)); err == nil {
			t.Error("with no manifest and no impact.json, the folder was taken for impactblog's")
		}
		// The same path, another folder: not the one of the manifest.
		os.RemoveAll(out)
		os.Mkdir(out, 0o755)
		os.WriteFile(filepath.Join(out, "CNAME"), []byte("keep"), 0o644)
		if _, err := Into(out, opts, writeSite(first, 0)); err == nil {
			t.Error("a new folder at the path of an old one was taken for it")
		}
	})
	t.Run("impact.json", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		signed := first
		into(t, out, Options{}, signed)
		into(t, out, Options{}, signed)
		os.WriteFile(filepath.Join(out, "impact.json"), []byte(`{"generator": {"name": "other"}}`), 0o644)
		if _, err := Into(out, Options{}, writeSite(signed, 0)); err == nil {
			t.Error("an impact.json of another generator was taken for impactblog's")
		}
	})
	t.Run("old marker", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		os.Mkdir(out, 0o755)
		os.WriteFile(filepath.Join(out, "index.html"), []byte("old"), 0o644)
		os.WriteFile(filepath.Join(out, Marker), []byte("This folder was written by impactblog build; each build replaces all of it.\n"), 0o644)
		into(t, out, Options{}, first)
		checkSite(t, out, first)
	})
	t.Run("reserved names", func(t *testing.T) {
		for _, name := range []string{Marker, Marker + "/x", "../x", "/x", "a//b", ""} {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := Into(out, Options{}, writeSite(site{name: "x"}, 0)); err == nil {
				t.Errorf("%q: written", name)
			}
		}
	})
}

// TestIntoLeavesTheOldSiteOnFailure: a write that fails, however far it
// got, leaves every old file as it was, bytes and times, and nothing in
// the folder or beside it.
func TestIntoLeavesTheOldSiteOnFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	opts := Options{State: filepath.Join(dir, "state")}
	into(t, out, opts, first)
	before := stamps(t, out)
	failed := errors.New("failed")
	_, err := Into(out, opts, func(w Writer) error {
		changed := maps.Clone(first)
		changed["index.html"] = "half"
		changed["new/index.html"] = "new"
		if err := writeSite(changed, 0)(w); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("have %v want: the write's error", err)
	}
	checkSite(t, out, first)
	after := stamps(t, out)
	for p, s := range before {
		if after[p] != s && p != out { // the folder's own times: the stage was made and removed in it
			t.Errorf("%s was written", p)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries beside the site, want the site and the state", len(entries))
	}
}

// TestIntoMountPoint: a folder that cannot be renamed or removed, such as
// a mount point (rename(2) says EBUSY), is published into, again and
// again. With the right to mount, the folder is a tmpfs; without, every
// rename of the folder itself fails as it would.
func TestIntoMountPoint(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	os.Mkdir(out, 0o755)
	if unmount, err := mountTmpfs(out); err == nil {
		t.Cleanup(unmount)
		t.Log("out is a tmpfs")
	} else {
		t.Logf("mounting a tmpfs: %v; failing every rename of the folder instead", err)
	}
	t.Cleanup(failRenames(t, out))
	into(t, out, Options{}, first)
	second := maps.Clone(first)
	second["index.html"] = "changed"
	delete(second, "posts/a/index.html")
	into(t, out, Options{}, second)
	checkSite(t, out, second)
}

// failRenames makes every rename of dir, or of what holds it, fail with
// EBUSY as a mount point's does, until the function it returns is called.
func failRenames(t *testing.T, dir string) func() {
	old := rename
	rename = func(from, to string) error {
		for _, p := range []string{from, to} {
			if rel, err := filepath.Rel(p, dir); err == nil && !strings.HasPrefix(rel, "..") {
				return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EBUSY}
			}
		}
		return old(from, to)
	}
	return func() { rename = old }
}

// TestIntoSymlinkedFolder: a symbolic link to a folder stays a link, and
// the site is written into the folder it leads to.
func TestIntoSymlinkedFolder(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.Mkdir(real, 0o755)
	out := filepath.Join(dir, "public")
	if err := os.Symlink("real", out); err != nil {
		t.Fatal(err)
	}
	opts := Options{State: filepath.Join(dir, "state")}
	into(t, out, opts, first)
	if res := into(t, out, opts, first); res.Written != 0 {
		t.Errorf("again: have %+v want: nothing written", res)
	}
	if fi, err := os.Lstat(out); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("%s is no longer a link: %v", out, err)
	}
	checkSite(t, real, first)
}

// TestIntoUnwritableParent: a folder whose parent may not be written is
// published into: nothing is written beside it. Without root, the parent
// is made read-only (mode 0555); as root, which may write anyway, it is a
// tmpfs mounted read-only holding another, writable, as the folder, or
// else every write beside the folder fails.
func TestIntoUnwritableParent(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "srv")
	os.Mkdir(parent, 0o755)
	out := filepath.Join(parent, "blog")
	root := os.Geteuid() == 0
	var unmount func()
	mountErr := errors.New("not root")
	if root {
		unmount, mountErr = mountTmpfs(parent)
	}
	readOnly := true
	switch {
	case !root:
		os.Mkdir(out, 0o755)
		os.Chmod(parent, 0o555)
		t.Cleanup(func() { os.Chmod(parent, 0o755) })
	case mountErr == nil:
		t.Cleanup(unmount)
		os.Mkdir(out, 0o755)
		unmountOut, err := mountTmpfs(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(unmountOut)
		if err := remountReadOnly(parent); err != nil {
			t.Fatal(err)
		}
	default:
		t.Logf("mounting a tmpfs: %v; failing every rename of the folder instead", mountErr)
		os.Mkdir(out, 0o755)
		t.Cleanup(failRenames(t, out))
		readOnly = false
	}
	if err := os.WriteFile(filepath.Join(parent, "x"), nil, 0o644); err == nil && readOnly {
		t.Fatal("the parent is writable: the test tests nothing")
	}
	into(t, out, Options{}, first)
	second := maps.Clone(first)
	second["posts/c/index.html"] = "<p>C.</p>\n"
	into(t, out, Options{}, second)
	checkSite(t, out, second)
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("%d entries in the parent, want only the site", len(entries))
	}
}

// TestIntoTwoBuildsAtOnce: builds into one folder at once each publish in
// turn; the folder holds the last one's site, and nothing else.
func TestIntoTwoBuildsAtOnce(t *testing.T) {
	if !lockSupported {
		t.Skip("no flock(2) here")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	opts := Options{State: filepath.Join(dir, "state")}
	into(t, out, opts, first)
	sites := make([]site, 4)
	var wg sync.WaitGroup
	errs := make([]error, len(sites))
	for i := range sites {
		sites[i] = maps.Clone(first)
		sites[i]["index.html"] = fmt.Sprintf("<p>Build %d.</p>\n", i)
		sites[i][fmt.Sprintf("posts/%d/index.html", i)] = "x"
		wg.Go(func() { _, errs[i] = Into(out, opts, writeSite(sites[i], 7)) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	have := readSite(t, out)
	for _, s := range sites {
		if maps.Equal(have, s) {
			return
		}
	}
	t.Errorf("the folder holds none of the sites: %v", slices.Sorted(maps.Keys(have)))
}

// TestIntoAfterSIGKILL kills a build while it writes, before the switch,
// and during the switch; the next build, even one that fails, leaves the
// folder whole: the old site in the first case, the killed build's in the
// second, and nothing of the killed build's work.
func TestIntoAfterSIGKILL(t *testing.T) {
	if at := os.Getenv("IMPACTBLOG_KILLED_AT"); at != "" {
		killedBuild(at, os.Getenv("IMPACTBLOG_KILLED_BUILD"))
		return
	}
	if !lockSupported {
		t.Skip("no flock(2) here: a killed build's lock cannot be told from a live one")
	}
	for _, at := range []string{"writing", "switching"} {
		t.Run(at, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			into(t, out, Options{}, first)
			cmd := exec.Command(os.Args[0], "-test.run=^TestIntoAfterSIGKILL$")
			cmd.Env = append(os.Environ(), "IMPACTBLOG_KILLED_BUILD="+out, "IMPACTBLOG_KILLED_AT="+at)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line := make([]byte, len(at)+1)
			if _, err := io.ReadFull(stdout, line); err != nil || string(line) != at+"\n" {
				cmd.Process.Kill()
				t.Fatalf("the build did not start %s: %q %v", at, line, err)
			}
			cmd.Process.Kill() // SIGKILL
			cmd.Wait()
			if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
				t.Fatalf("the killed build left nothing: the test tests nothing (%v)", err)
			}
			// The next build fails, but only once what was killed is
			// finished or undone.
			_, err = Into(out, Options{}, func(Writer) error { return errors.New("failed") })
			if err == nil || err.Error() != "failed" {
				t.Fatalf("have %v want: the write's error", err)
			}
			want := first
			if at == "switching" {
				want = killedSite
			}
			checkSite(t, out, want) // .impactblog too is gone
			into(t, out, Options{}, first)
			checkSite(t, out, first)
		})
	}
}

// killedSite is what killedBuild publishes.
var killedSite = site{"impact.json": signature, "index.html": "<p>The killed build's.</p>\n", "posts/new/index.html": "new", "old": "a file where a folder was"}

// killedBuild publishes killedSite into out, says at ("writing" once a
// file is staged, or "switching" once the journal is written), and waits
// to be killed.
func killedBuild(at, out string) {
	wait := func() {
		os.Stdout.WriteString(at + "\n")
		time.Sleep(time.Minute)
		os.Exit(3)
	}
	if at == "switching" {
		switching = wait
	}
	Into(out, Options{}, func(w Writer) error {
		if err := writeSite(killedSite, 0)(w); err != nil {
			return err
		}
		if at == "writing" {
			wait()
		}
		return nil
	})
	os.Exit(0)
}

// TestDirWriterMakesAFolderOnce: files written at once into a folder that
// does not exist yet all land, however the goroutines interleave: each
// waits until the folder is made.
func TestDirWriterMakesAFolderOnce(t *testing.T) {
	for round := range 20 {
		w := &DirWriter{Dir: filepath.Join(t.TempDir(), "out")}
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for i := range 16 {
			wg.Go(func() {
				name := fmt.Sprintf("posts/x/f%d.html", i)
				if i%2 == 0 {
					errs <- w.WriteFile(name, []byte(name))
					return
				}
				f, err := w.Create(name)
				if err == nil {
					_, err = f.Write([]byte(name))
					if cerr := f.Close(); err == nil {
						err = cerr
					}
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		n := 0
		filepath.WalkDir(w.Dir, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return err
		})
		if n != 16 {
			t.Fatalf("round %d: %d files written, want 16", round, n)
		}
	}
}

// TestStreamGivesWholeFiles: a Writer that does not stream gets each
// file whole when it is closed.
func TestStreamGivesWholeFiles(t *testing.T) {
	m := NewMemory()
	f, err := Stream(m).Create("a/b.txt")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "one, ")
	if _, ok := m.Get("a/b.txt"); ok {
		t.Error("the file was given before it was closed")
	}
	io.WriteString(f, "two")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := m.Get("a/b.txt"); string(b) != "one, two" {
		t.Errorf("have %q, want %q", b, "one, two")
	}
}
