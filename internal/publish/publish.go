// Package publish writes the files of a built site, in parallel, into a
// folder atomically: the new site is written beside the folder and swapped
// in only when it is complete, so that a failed build leaves the old one
// exactly as it was.
//
// A File is one file of a site, not yet written: its Name, a
// slash-separated path relative to the site's root ("posts/x/index.html"),
// and Write, which writes its content. This is the one name for a file of
// the site: package site gives its pages and other files as Files, and
// WriteFiles writes a list of them, using every core, into a Writer.
//
// A Writer receives the files: DirWriter writes into a folder, Memory
// keeps them in memory (tests) and Discard drops them (check). A
// StreamWriter also takes a file as it is written, so that a large page is
// never held whole; Stream makes any Writer one.
//
// Publish(dir, write) gives write a DirWriter on .<dir>.new-<digits>,
// beside dir, which holds a Marker from the start; when write succeeds,
// the old dir is moved aside to .<dir>.old-<digits>, the new folder takes
// its place, and the old one is removed. Publish replaces only a folder
// that is empty or holds a Marker, and removes the .new- and .old- folders
// that an earlier, killed build left (those holding a Marker, and a .new-
// one only when no build still writing it holds its Marker locked).
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// A Writer receives the files of a built site, by slash-separated path
// relative to the site's root ("posts/x/index.html"). WriteFile may be called
// from several goroutines at once.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// A StreamWriter is a Writer that also takes a file as it is written, so
// that a large page is never held whole. DirWriter and Discard are.
type StreamWriter interface {
	Writer
	// Create makes the file name; the caller writes it and closes it.
	// It may be called from several goroutines at once.
	Create(name string) (io.WriteCloser, error)
}

// Stream is w as a StreamWriter: w itself, or w given each file whole when
// it is closed.
func Stream(w Writer) StreamWriter {
	if sw, ok := w.(StreamWriter); ok {
		return sw
	}
	return wholeFiles{w}
}

type wholeFiles struct{ Writer }

func (w wholeFiles) Create(name string) (io.WriteCloser, error) {
	return &wholeFile{w: w.Writer, name: name}, nil
}

// A wholeFile collects a file, and gives it to its Writer when closed.
type wholeFile struct {
	bytes.Buffer
	w    Writer
	name string
}

func (f *wholeFile) Close() error { return f.w.WriteFile(f.name, f.Bytes()) }

// Discard is a StreamWriter that drops every file: what check renders.
var Discard StreamWriter = discard{}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

func (discard) Create(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// DirWriter writes files under a directory.
type DirWriter struct {
	Dir  string
	mu   sync.Mutex
	made map[string]*madeDir
}

// A madeDir is a folder DirWriter makes once, however many files go in it
// at once: a file waits until its folder is made.
type madeDir struct {
	once sync.Once
	err  error
}

// WriteFile writes data to name under the directory, making folders as needed.
func (w *DirWriter) WriteFile(name string, data []byte) error {
	full, err := w.path(name)
	if err != nil {
		return err
	}
	return os.WriteFile(full, data, 0o644)
}

// Create makes the file name under the directory, making folders as needed.
func (w *DirWriter) Create(name string) (io.WriteCloser, error) {
	full, err := w.path(name)
	if err != nil {
		return nil, err
	}
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}

// path is the file of name, its folder made.
func (w *DirWriter) path(name string) (string, error) {
	full := filepath.Join(w.Dir, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	w.mu.Lock()
	if w.made == nil {
		w.made = map[string]*madeDir{}
	}
	d := w.made[dir]
	if d == nil {
		d = &madeDir{}
		w.made[dir] = d
	}
	w.mu.Unlock()
	d.once.Do(func() { d.err = os.MkdirAll(dir, 0o755) })
	return full, d.err
}

// Memory is a built site in memory: path → content. It is a Writer.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a file.
func (f *Memory) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	f.files[name] = data
	f.mu.Unlock()
	return nil
}

// Get returns a file's content.
func (f *Memory) Get(name string) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.files[name]
	return b, ok
}

// Names lists the files, sorted.
func (f *Memory) Names() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	names := make([]string, 0, len(f.files))
	for n := range f.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Len is the number of files.
func (f *Memory) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.files)
}

// Marker is the file Publish leaves in every site it writes. Publish
// replaces a folder only if it is empty or holds this file, so that a
// mistyped -out never deletes anything impactblog did not write.
const Marker = ".impactblog"

// markerText is the content of Marker.
const markerText = "This folder was written by impactblog build; each build replaces all of it.\n"

// Publish writes a site into dir atomically: write is given a Writer on a
// fresh directory beside dir, and only when it succeeds does that directory
// replace dir. When write fails, dir is left exactly as it was. A dir that
// holds files but no Marker is refused before anything is written, whatever
// its name: the blog's own public/ too.
//
// The fresh directory is .<dir>.new-<digits>, and the old site is moved
// aside to .<dir>.old-<digits> while the new one takes its place. A build
// killed meanwhile leaves them behind: Publish removes those an earlier
// build left, and only those (leftovers).
func Publish(dir string, write func(Writer) error) (err error) {
	dir = filepath.Clean(dir)
	if err := replaceable(dir); err != nil {
		return err
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("making %s: %w", parent, err)
	}
	removeLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+newInfix)
	if err != nil {
		return fmt.Errorf("making a directory beside %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	// The marker first: it says whose the folder is should this build be
	// killed, and is locked while the build runs (leftovers).
	unlock, err := writeMarker(tmp)
	if err != nil {
		return err
	}
	defer unlock()
	w := &DirWriter{Dir: tmp}
	if err := write(w); err != nil {
		return err
	}
	if err := stampSourceDate(tmp); err != nil {
		return fmt.Errorf("setting the files' times to SOURCE_DATE_EPOCH: %w", err)
	}
	old := ""
	if fi, statErr := os.Lstat(dir); statErr == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s exists and is not a directory: move it away or choose another -out", dir)
		}
		old = filepath.Join(parent, "."+base+oldInfix+filepath.Base(tmp)[len(base)+len(newInfix)+1:])
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("moving the old %s aside: %w", dir, err)
		}
	} else if !errors.Is(statErr, fs.ErrNotExist) {
		return statErr
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("moving the new site into %s: %w", dir, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// The infixes of the folders Publish makes beside dir: .<dir>.new-<digits>
// and .<dir>.old-<digits>.
const (
	newInfix = ".new-"
	oldInfix = ".old-"
)

// writeMarker writes the Marker into the new site's folder dir and holds
// it locked until unlock is called (lock_unix.go), so that another build
// never takes the folder for a leftover while this one writes it.
func writeMarker(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, Marker), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(markerText); err != nil {
		f.Close()
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", f.Name(), err)
	}
	return func() { f.Close() }, nil // closing the file releases the lock
}

// removeLeftovers removes, from the folder parent, what earlier builds of
// the site base were killed before they could remove:
// .<base>.new-<digits> and .<base>.old-<digits>. Each must be a real
// folder (not a symbolic link) holding a Marker that is a regular file (an
// .old- folder may also be empty); a .new- folder must not be locked by a
// build still writing it. Anything else is left alone, whatever its name. It removes
// what it can and reports nothing: the build goes on either way.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, "."+base)
		if !ok || !e.IsDir() || e.Type()&fs.ModeSymlink != 0 {
			continue
		}
		digits, isNew := strings.CutPrefix(rest, newInfix)
		if !isNew {
			if digits, ok = strings.CutPrefix(rest, oldInfix); !ok {
				continue
			}
		}
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			continue
		}
		dir := filepath.Join(parent, name)
		if !isNew && os.Remove(dir) == nil {
			continue // an empty old site (a new one holds a Marker from the start)
		}
		marker := filepath.Join(dir, Marker)
		if fi, err := os.Lstat(marker); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if isNew {
			unlock, ok := tryLock(marker)
			if !ok {
				continue // a build is writing it, or it cannot be told
			}
			os.RemoveAll(dir)
			unlock()
			continue
		}
		os.RemoveAll(dir)
	}
}

// replaceable reports why dir may not be replaced by a new site: it holds
// files, and no Marker says that an earlier build wrote them.
func replaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		if fi, statErr := os.Stat(dir); statErr == nil && !fi.IsDir() {
			return fmt.Errorf("%s exists and is not a folder: move it away or choose another -out", dir)
		}
		return err
	}
	if fi, err := os.Lstat(filepath.Join(dir, Marker)); err == nil && fi.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("%s already holds files that impactblog did not write (it has no %s file), and a build replaces the whole folder: choose an empty or new folder for -out, or empty %s first", dir, Marker, dir)
}
