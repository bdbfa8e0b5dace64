package site

import (
	"fmt"
	"os"
	"sync"
	"unsafe"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/report"
)

// What a build keeps in memory, and what it does not (see the package
// comment): a post's HTML, summary and list item are each a stored, in
// memory or in the build's spill; what a post's page shows several times
// over is kept while the page renders (kept, hold).

// A stored is a string a post shows (its HTML, its summary, its list
// item): in memory, or in the spill.
type stored struct {
	mem string // the string, when it is in memory, or
	at  span   // where it is in the spill
}

// store puts str in the spill s. It keeps str in memory when s is nil, str
// is empty or it cannot be written.
func (s *spill) store(str string) stored {
	if s != nil && str != "" {
		if at, err := s.put(str); err == nil {
			return stored{at: at}
		}
	}
	return stored{mem: str}
}

// onDisk reports whether the string is in the spill.
func (t stored) onDisk() bool { return t.at.n > 0 }

// load is the string stored, read back from the spill s when it is there.
func (t stored) load(s *spill) (string, error) {
	if t.onDisk() {
		return s.get(t.at)
	}
	return t.mem, nil
}

// kept is what a post keeps of what its page shows several times over (its
// totals, its report, its summary): for good in a site built to be built
// again, and in a site built once only while the post's page or list item
// renders (hold).
type kept struct {
	totals     *impact.Totals
	reportOnce sync.Once
	report     *report.PostReport // Report, made the first time it is asked for

	summaryOnce sync.Once // Summary, read back from the spill once
	summary     string
	summaryErr  error
}

// hold keeps p's totals, and its report and summary once made, while f
// renders what shows them several times over.
func (p *Post) hold(f func()) {
	if p.kept.Load() != nil {
		f()
		return
	}
	k := &kept{totals: p.sumTotals()}
	if !p.kept.CompareAndSwap(nil, k) {
		f() // another page of the post holds them
		return
	}
	defer p.kept.CompareAndSwap(k, nil)
	f()
}

// A spill holds the rendered HTML of a build that runs once
// (Options.Once, Options.SpillDir) in a temporary file rather than in
// memory: each post's HTML goes there as soon as its Markdown is rendered,
// and is read back when its page is. Every post's HTML is needed only by
// its own page (and the feeds), yet all of it must be rendered before the
// first page can be, because a page shows figures totalled over every post;
// on disk, a large blog's HTML no longer sets the build's peak memory. Each
// post's list item (listItem), rendered once and shown on the index and on
// the page of each of its tags, waits there too, and so does the summary
// made from its body, which its page, its list item and the feeds show.
//
// The file is removed as soon as it is made: it lives while it is open, and
// is gone when the build ends, however it ends.
type spill struct {
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

func newSpill(dir string) (*spill, error) {
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
	return &spill{f: f}, nil
}

// put writes html to the spill.
func (s *spill) put(html string) (span, error) {
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
func (s *spill) get(sp span) (string, error) {
	b := make([]byte, sp.n)
	if _, err := s.f.ReadAt(b, sp.off); err != nil {
		return "", fmt.Errorf("reading back a post's HTML from a temporary file: %w", err)
	}
	// b is never written again: the string can share it rather than
	// copy it, which would double what a page's render allocates here.
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}
