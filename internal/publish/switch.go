package publish

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"
)

// The work folder's parts, in root/.impactblog: the stage, which holds
// the new and changed files at their own paths, and the journal, whose
// presence says the switch is decided.
const (
	stageDir    = "stage"
	journalFile = "journal"
)

// A kind is what a path of the folder is.
type kind uint8

const (
	kindFile  kind = iota + 1 // a regular file
	kindDir                   // a folder (not a symbolic link to one)
	kindOther                 // a symbolic link, a device…: never a site's
)

// An entry is what scan found at a path of the folder.
type entry struct {
	kind kind
	info fs.FileInfo // as lstat(2) gave it
}

// scan lists what root holds, by slash-separated path, without following
// symbolic links; the work folder is not listed.
func scan(root string) (map[string]entry, error) {
	have := map[string]entry{}
	err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if name == Marker {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		e := entry{kind: kindOther}
		switch {
		case de.IsDir():
			e.kind = kindDir
		case de.Type().IsRegular():
			e.kind = kindFile
		}
		if e.info, err = de.Info(); err != nil {
			return err
		}
		have[name] = e
		return nil
	})
	return have, err
}

// A journal is what the switch removes, written before it starts.
type journal struct {
	Remove []string `json:"remove"` // slash-separated, relative to the folder
}

// Hooks for the tests: rename moves a file or folder into place, and
// switching runs once the journal is written, before anything is moved.
var (
	rename    = os.Rename
	switching = func() {}
)

// commit switches the folder to the site written: see the package comment.
func (d *differ) commit(epoch time.Time) (Result, error) {
	var res Result
	dirs := dirsOf(d.files)
	for _, w := range d.files {
		if w.staged {
			res.Written++
			res.BytesWritten += w.size
		} else {
			res.Unchanged++
		}
	}
	// What the folder holds that the build did not make, outermost only:
	// a folder is removed whole.
	var remove []string
	for name, e := range d.have {
		if d.files[name] != nil {
			continue
		}
		if e.kind != kindDir {
			res.Removed++ // a folder of the site now, or gone
		}
		if dirs[name] {
			continue
		}
		if parent := path.Dir(name); parent == "." || dirs[parent] {
			remove = append(remove, name)
		}
	}
	slices.Sort(remove)
	work := filepath.Join(d.root, Marker)
	if d.stage != nil || len(remove) > 0 {
		if d.stage == nil {
			if err := os.Mkdir(work, 0o755); err != nil {
				return res, err
			}
		}
		if err := writeJournal(work, journal{Remove: remove}); err != nil {
			os.RemoveAll(work)
			return res, err
		}
		switching()
		if err := finish(d.root, remove); err != nil {
			return res, err
		}
	}
	if !epoch.IsZero() {
		if err := d.stamp(epoch, remove); err != nil {
			return res, fmt.Errorf("setting the files' times to SOURCE_DATE_EPOCH: %w", err)
		}
	}
	return res, nil
}

// finish moves what is staged in root's work folder into place, removes
// the paths of remove, and the work folder. Each step can be done again:
// a build killed during it is finished by the next (recoverWork).
func finish(root string, remove []string) error {
	work := filepath.Join(root, Marker)
	if err := place(root, filepath.Join(work, stageDir), ""); err != nil {
		return err
	}
	for _, name := range remove {
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(name))); err != nil {
			return err
		}
	}
	return os.RemoveAll(work)
}

// place moves each file staged under stage/rel to root/rel, replacing
// what is there: a staged folder whose place is free is moved whole. What
// is in the way (a file where a folder goes, a folder where a file goes,
// a symbolic link) is removed first; no link is ever followed.
func place(root, stage, rel string) error {
	entries, err := os.ReadDir(filepath.Join(stage, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) && rel == "" {
		return nil // nothing staged, or all of it moved already
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := path.Join(rel, e.Name())
		from := filepath.Join(stage, filepath.FromSlash(name))
		to := filepath.Join(root, filepath.FromSlash(name))
		fi, err := os.Lstat(to)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case e.IsDir() && fi.IsDir():
			if err := place(root, stage, name); err != nil {
				return err
			}
			continue
		case e.IsDir() || fi.IsDir():
			if err := os.RemoveAll(to); err != nil {
				return err
			}
		}
		// Over a file, rename replaces it at once: a reader of the
		// folder sees the old file or the new, never neither.
		if err := rename(from, to); err != nil {
			return err
		}
	}
	return nil
}

// writeJournal writes j into the work folder, whole or not at all.
func writeJournal(work string, j journal) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	tmp := filepath.Join(work, journalFile+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(work, journalFile))
}

// recoverWork finishes or undoes what a killed build left in root: with a
// journal, the switch was decided, and is finished; without, what was
// staged is removed and every old file is as it was. The file older
// versions marked their folders with is removed too.
func recoverWork(root string, epoch time.Time) error {
	work := filepath.Join(root, Marker)
	fi, err := os.Lstat(work)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		err = os.Remove(work)
	} else if data, jerr := os.ReadFile(filepath.Join(work, journalFile)); jerr == nil {
		var j journal
		if err = json.Unmarshal(data, &j); err == nil {
			for _, name := range j.Remove {
				if !fs.ValidPath(name) || name == "." {
					return fmt.Errorf("%s: %q is not a path in the folder", filepath.Join(work, journalFile), name)
				}
			}
			err = finish(root, j.Remove)
		}
	} else {
		err = os.RemoveAll(work)
	}
	if err == nil && !epoch.IsZero() {
		err = stampTree(root, epoch)
	}
	return err
}
