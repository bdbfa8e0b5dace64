package publish

import (
	"io/fs"
	"maps"
	"path/filepath"
	"testing"
	"time"
)

// TestPublishSourceDate: with SOURCE_DATE_EPOCH set, every file and folder
// Publish writes, the site's folder included, has that time, also after a
// build that changes some and removes others; one that changes nothing
// writes nothing. A value that is not a number fails the build before the
// switch.
func TestPublishSourceDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write := func(w Writer) error {
		for _, name := range []string{"index.html", "posts/a/index.html", "posts/b/index.html", "feed.xml"} {
			if err := w.WriteFile(name, []byte(name)); err != nil {
				return err
			}
		}
		return w.WriteFile("impact.json", []byte(signature))
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if err := Publish(out, write); err != nil {
		t.Fatal(err)
	}
	want := time.Unix(1700000000, 0)
	n := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if !fi.ModTime().Equal(want) {
			t.Errorf("%s: have mtime %v want: %v", p, fi.ModTime().UTC(), want.UTC())
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 9 { // public, 5 files, posts, posts/a, posts/b
		t.Errorf("have %d entries want: 9", n)
	}
	check := func(when string) {
		t.Helper()
		filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if fi, err := d.Info(); err == nil && !fi.ModTime().Equal(want) {
				t.Errorf("%s: %s: have mtime %v want: %v", when, p, fi.ModTime().UTC(), want.UTC())
			}
			return nil
		})
	}
	before := stamps(t, out)
	time.Sleep(20 * time.Millisecond) // a write now would change the times
	if err := Publish(out, write); err != nil {
		t.Fatal(err)
	}
	if after := stamps(t, out); !maps.Equal(before, after) {
		t.Error("a build that changed nothing wrote")
	}
	// posts/a goes, posts/b/index.html changes, posts/c/x.html is new.
	err = Publish(out, func(w Writer) error {
		for _, name := range []string{"index.html", "posts/b/index.html", "posts/c/x.html", "feed.xml"} {
			if err := w.WriteFile(name, []byte(name+" changed")); err != nil {
				return err
			}
		}
		return w.WriteFile("impact.json", []byte(signature))
	})
	if err != nil {
		t.Fatal(err)
	}
	check("after a change")
	// A build without the epoch, then one with it: every time set back.
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if err := Publish(out, write); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if err := Publish(out, write); err != nil {
		t.Fatal(err)
	}
	check("after a build without it")

	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if err := Publish(out, write); err == nil {
		t.Error("SOURCE_DATE_EPOCH=yesterday: have no error")
	}
	if _, err := SourceDate(); err == nil {
		t.Error("SourceDate: SOURCE_DATE_EPOCH=yesterday: have no error")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if d, err := SourceDate(); err != nil || !d.IsZero() {
		t.Errorf("SourceDate with SOURCE_DATE_EPOCH empty: have %v, %v want: zero, nil", d, err)
	}
}
