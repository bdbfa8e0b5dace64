package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestPublishRemovesWhatAKilledBuildLeft: the folders a killed build left
// beside the site are removed by the next, and nothing else is.
func TestPublishRemovesWhatAKilledBuildLeft(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := publish(out); err != nil {
		t.Fatal(err)
	}
	marker := map[string]string{Marker: markerText, "index.html": "x"}
	tests := []struct {
		name  string
		files map[string]string // in the folder
		link  bool              // the folder is a symbolic link to one with files
		gone  bool
	}{
		{".public.new-123456", marker, false, true},
		{".public.old-123456", marker, false, true},
		{".public.old-7", nil, false, true}, // an empty site moved aside
		{".public.new-8", nil, false, false},
		{".public.new-999", map[string]string{"index.html": "x"}, false, false},
		{".public.old-999", map[string]string{"index.html": "x"}, false, false},
		{".public.old-12a", marker, false, false},
		{".public.old-", marker, false, false},
		{".public.older-1", marker, false, false},
		{".www.new-1", marker, false, false},
		{"public.new-1", marker, false, false},
		{".public.old-55", marker, true, false},
		{".public.new-66", map[string]string{Marker + "/x": ""}, false, false}, // a folder named like the marker
	}
	for _, tt := range tests {
		full := filepath.Join(dir, tt.name)
		target := full
		if tt.link {
			target = filepath.Join(dir, "elsewhere-"+tt.name)
			if err := os.Symlink(target, full); err != nil {
				t.Skip(err)
			}
		}
		os.MkdirAll(target, 0o755)
		for name, data := range tt.files {
			os.MkdirAll(filepath.Dir(filepath.Join(target, name)), 0o755)
			os.WriteFile(filepath.Join(target, name), []byte(data), 0o644)
		}
	}
	// A build writing its own: locked, so left alone.
	busy := filepath.Join(dir, ".public.new-424242")
	os.Mkdir(busy, 0o755)
	unlock, err := writeMarker(busy)
	if err != nil {
		t.Fatal(err)
	}
	if err := publish(out); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		_, err := os.Lstat(filepath.Join(dir, tt.name))
		if gone := errors.Is(err, fs.ErrNotExist); gone != tt.gone {
			t.Errorf("%s: gone %v, want %v", tt.name, gone, tt.gone)
		}
		if tt.link {
			if _, err := os.Stat(filepath.Join(dir, "elsewhere-"+tt.name, "index.html")); err != nil {
				t.Errorf("%s: the folder it links to was touched: %v", tt.name, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(busy, Marker)); err != nil {
		t.Errorf("the folder of a build still writing was removed: %v", err)
	}
	unlock()
	if err := publish(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(busy); lockSupported && !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder of a build that ended is still there: %v", err)
	}
}

// TestPublishAfterSIGKILL kills a build while it writes, and builds again:
// nothing of the killed build is left beside the site.
func TestPublishAfterSIGKILL(t *testing.T) {
	if os.Getenv("IMPACTBLOG_KILLED_BUILD") != "" {
		killedBuild()
		return
	}
	if !lockSupported {
		t.Skip("no flock(2) here")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := publish(out); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPublishAfterSIGKILL$")
	cmd.Env = append(os.Environ(), "IMPACTBLOG_KILLED_BUILD="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make([]byte, 8)
	if _, err := io.ReadFull(stdout, line); err != nil || string(line) != "writing\n" {
		cmd.Process.Kill()
		t.Fatalf("the build did not start writing: %q %v", line, err)
	}
	cmd.Process.Kill() // SIGKILL
	cmd.Wait()
	leftovers := func() []string {
		l, _ := filepath.Glob(filepath.Join(dir, ".public.*"))
		return l
	}
	if len(leftovers()) == 0 {
		t.Fatal("the killed build left nothing: the test tests nothing")
	}
	if err := publish(out); err != nil {
		t.Fatal(err)
	}
	if l := leftovers(); len(l) > 0 {
		t.Errorf("left after the next build: %v", l)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

// killedBuild publishes into $IMPACTBLOG_KILLED_BUILD, says "writing"
// once it has written a file, and waits to be killed.
func killedBuild() {
	Publish(os.Getenv("IMPACTBLOG_KILLED_BUILD"), func(w Writer) error {
		w.WriteFile("index.html", []byte("half a site"))
		os.Stdout.WriteString("writing\n")
		time.Sleep(time.Minute)
		return errors.New("not killed")
	})
	os.Exit(0)
}

// publish publishes a small site into out.
func publish(out string) error {
	return Publish(out, func(w Writer) error {
		return w.WriteFile("index.html", []byte("<p>A site.</p>\n"))
	})
}

// TestPublishReplacesOnlyWhatItWrote: a folder with files and no Marker
// is refused and left as it is; an empty one is replaced, and holds the
// Marker after.
func TestPublishReplacesOnlyWhatItWrote(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "www")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "CNAME"), []byte("keep"), 0o644)
	if err := publish(out); err == nil {
		t.Fatal("a folder that impactblog did not write was replaced")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "CNAME")); string(b) != "keep" {
		t.Error("CNAME was touched")
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	for range 2 {
		if err := publish(empty); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(empty, Marker)); err != nil || string(b) != markerText {
		t.Errorf("%s: have %q, %v; want %q", Marker, b, err, markerText)
	}
}

// TestPublishLeavesTheOldSiteOnFailure: a write that fails leaves the
// site that was there, and nothing beside it.
func TestPublishLeavesTheOldSiteOnFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := publish(out); err != nil {
		t.Fatal(err)
	}
	err := Publish(out, func(w Writer) error {
		w.WriteFile("index.html", []byte("half"))
		return errors.New("failed")
	})
	if err == nil {
		t.Fatal("a failed write published")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "<p>A site.</p>\n" {
		t.Errorf("index.html: have %q after a failed write", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries beside the site, want only it", len(entries))
	}
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
