package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// SourceDate is the time the SOURCE_DATE_EPOCH environment variable
// fixes, the reproducible-builds convention (the seconds since 1970 UTC):
// zero when it is not set, an error when it is not a whole number. When it
// is set, every file and folder of the site has it for modification time
// once Publish is done (one that has it already is not touched), so that
// two builds of one blog give identical trees, times included, whatever
// the day, the machine, its time zone or its locale.
func SourceDate() (time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || strings.TrimSpace(v) == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a whole number of seconds since 1970", v)
	}
	return time.Unix(n, 0).UTC(), nil
}

// stamp gives SOURCE_DATE_EPOCH's time t to what the switch changed and
// to what has another time: the files written, the folders whose entries
// changed (the folders of the files written and removed, the new folders,
// the site's own), and any file or folder an earlier build left with
// another time. What already has t is not touched, so that a build that
// changes nothing writes nothing.
func (d *differ) stamp(t time.Time, removed []string) error {
	todo := map[string]bool{}
	for name, w := range d.files {
		if w.staged {
			todo[name], todo[path.Dir(name)] = true, true
		} else if !w.old.info.ModTime().Equal(t) {
			todo[name] = true
		}
	}
	for name := range dirsOf(d.files) {
		if e, ok := d.have[name]; !ok || e.kind != kindDir || !e.info.ModTime().Equal(t) {
			todo[name] = true
		}
	}
	for _, name := range removed {
		todo[path.Dir(name)] = true
	}
	if len(removed) > 0 || d.stage != nil {
		todo["."] = true // the work folder was made and removed in it
	} else if fi, err := os.Lstat(d.root); err != nil || !fi.ModTime().Equal(t) {
		todo["."] = true
	}
	d.stamped = todo
	for name := range todo {
		if err := os.Chtimes(filepath.Join(d.root, filepath.FromSlash(name)), t, t); err != nil {
			return err
		}
	}
	return nil
}

// stampTree gives dir, and every file and folder in it whose time is not
// t, the time t.
func stampTree(dir string, t time.Time) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil // never written by a build; Chtimes would follow it
		}
		if fi, err := d.Info(); err == nil && fi.ModTime().Equal(t) {
			return nil
		}
		return os.Chtimes(p, t, t)
	})
}
