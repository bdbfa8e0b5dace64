package publish

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
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
