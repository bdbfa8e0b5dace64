package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// SourceDate is the time the SOURCE_DATE_EPOCH environment variable
// fixes, the reproducible-builds convention (the seconds since 1970 UTC):
// zero when it is not set, an error when it is not a whole number. When it
// is set, every file and folder Publish writes has it for modification
// time, so that two builds of one blog give identical trees, times
// included, whatever the day, the machine, its time zone or its locale.
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

// stampSourceDate gives dir, and every file and folder in it, SourceDate
// for modification (and access) time, when SOURCE_DATE_EPOCH is set. It
// runs once the site is written: writing a file changes its folder's time.
func stampSourceDate(dir string) error {
	t, err := SourceDate()
	if err != nil || t.IsZero() {
		return err
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil // never written by a build; Chtimes would follow it
		}
		return os.Chtimes(p, t, t)
	})
}
