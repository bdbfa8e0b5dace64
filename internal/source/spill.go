package source

import (
	"fmt"
	"io"
	"os"
	"sync"
	"unsafe"
)

// A Stored is a string a post shows (its HTML, its summary, its list
// item): in memory, or in a Spill.
type Stored struct {
	mem string      // the string, when it is in memory, or
	at  span        // where it is in the spill, or in in
	in  io.ReaderAt // when not nil, what holds it: a value in the cache (cache.go)
}

// Mem is str, kept in memory.
func Mem(str string) Stored { return Stored{mem: str} }

// OnDisk reports whether the string is in a Spill.
func (t Stored) OnDisk() bool { return t.at.n > 0 }

// Load is the string stored, read back from the spill s when it is there
// (s may be nil when it is not).
func (t Stored) Load(s *Spill) (string, error) {
	switch {
	case t.in != nil:
		return readSpan(t.in, t.at, "the cache")
	case t.OnDisk():
		return s.get(t.at)
	}
	return t.mem, nil
}

// A Spill holds the rendered HTML of a build that runs once
// (Options.Once, Options.SpillDir) in a temporary file rather than in
// memory: each post's HTML goes there as soon as its Markdown is rendered,
// and is read back when its page is. Every post's HTML is needed only by
// its own page (and the feeds), yet all of it must be rendered before the
// first page can be, because a page shows figures totalled over every post;
// on disk, a large blog's HTML no longer sets the build's peak memory.
// Package site keeps each post's list item there too, rendered once and
// shown on the index and on the page of each of its tags.
//
// The file is removed as soon as it is made: it lives while it is open, and
// is gone when the build ends, however it ends.
type Spill struct {
	mu  sync.Mutex // serialises writes
	f   *os.File
	end int64
}

// A span is where something put in the spill is: a post's HTML, summary
// or list item.
type span struct {
	off int64
	n   int
}

func newSpill(dir string) (*Spill, error) {
	f, err := os.CreateTemp(dir, ".impactblog-html-")
	if err != nil {
		return nil, err
	}
	if err := os.Remove(f.Name()); err != nil {
		// A system that cannot remove an open file: keep HTML in memory.
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &Spill{f: f}, nil
}

// Store puts str in the spill s. It keeps str in memory when s is nil, str
// is empty or it cannot be written.
func (s *Spill) Store(str string) Stored {
	if s != nil && str != "" {
		if at, err := s.put(str); err == nil {
			return Stored{at: at}
		}
	}
	return Stored{mem: str}
}

// put writes html to the spill.
func (s *Spill) put(html string) (span, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.f.WriteString(html)
	if err != nil {
		// What was written of it still takes its place: the spans put
		// after it must not overlap it.
		s.end += int64(n)
		return span{}, err
	}
	sp := span{s.end, n}
	s.end += int64(n)
	return sp, nil
}

// get reads back what put wrote.
func (s *Spill) get(sp span) (string, error) {
	return readSpan(s.f, sp, "a temporary file")
}

// readSpan reads the string at sp in r, which is where.
func readSpan(r io.ReaderAt, sp span, where string) (string, error) {
	b := make([]byte, sp.n)
	if _, err := r.ReadAt(b, sp.off); err != nil {
		return "", fmt.Errorf("reading back a post's HTML from %s: %w", where, err)
	}
	// b is never written again: the string can share it rather than
	// copy it, which would double what a page's render allocates here.
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}
