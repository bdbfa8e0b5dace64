package site

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestPublishRemovesWhatAKilledBuildLeft: the folders a killed build left
// beside the site are removed by the next, and nothing else is.
func TestPublishRemovesWhatAKilledBuildLeft(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	blog := blogOf("posts/gift.md", giftPost)
	if err := publish(t, blog, out); err != nil {
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
	if err := publish(t, blog, out); err != nil {
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
	if err := publish(t, blog, out); err != nil {
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
	blog := blogOf("posts/gift.md", giftPost)
	if err := publish(t, blog, out); err != nil {
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
	if err := publish(t, blog, out); err != nil {
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
