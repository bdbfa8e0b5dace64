package publish

import (
	"io/fs"
	"path/filepath"
	"testing"
	"time"
)

// TestPublishSourceDate: with SOURCE_DATE_EPOCH set, every file and folder
// Publish writes, the site's folder and the Marker included, has that
// time; a value that is not a number fails the build before the switch.
func TestPublishSourceDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write := func(w Writer) error {
		for _, name := range []string{"index.html", "posts/a/index.html", "posts/b/index.html", "feed.xml"} {
			if err := w.WriteFile(name, []byte(name)); err != nil {
				return err
			}
		}
		return nil
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
	if n != 9 { // public, the Marker, 4 files, posts, posts/a, posts/b
		t.Errorf("have %d entries want: 9", n)
	}

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
