// Package watch turns raw fsnotify events into batches of changed paths for
// the development server's rebuild loop.
//
// # What is watched
//
// Every directory named in [Options.Roots] is watched recursively, to any
// depth. fsnotify (inotify) is not recursive, so the watcher adds one watch
// per directory: all subdirectories that exist when [New] is called, and every
// directory that appears later (created, or moved into the tree). When a new
// directory appears, its existing contents are walked and reported as changed,
// because files may have been created in it before its watch was added (think
// `mkdir -p a/b && echo > a/b/x.md`). Directories that are removed or renamed
// away are dropped together with everything below them.
//
// A root that is not a directory (for example site.toml) is handled by
// watching its parent directory, non-recursively, and keeping only events for
// that one name. A root that does not exist yet but whose parent directory
// does is treated the same way, so creating it later is reported. Single files
// are never watched directly: an atomic save replaces the file, and with it
// any watch on it.
//
// Roots themselves must exist (or, for files, their parent) for the lifetime
// of the watcher; symbolic links below a root are reported like files and not
// followed.
//
// # What is filtered
//
// The following never appear in a [Batch] and never start one:
//
//   - chmod-only events (touching permissions or timestamps);
//   - editor scratch files, recognised by name: backups ending in "~", vim
//     swap files ending in ".swp", ".swo", ".swn", ".swx" or ".swpx", vim's
//     write probe "4913", emacs lock files ".#name" and autosaves "#name#",
//     JetBrains safe-write files containing "___jb_tmp___" or
//     "___jb_old___", and macOS ".DS_Store";
//   - hidden directories (name starting with "."), such as .git, and
//     everything in them: they are not watched;
//   - whatever [Options.Ignore] rejects. Ignore is called with the path of a
//     directory before it is watched (rejecting it skips the whole subtree)
//     and with the path of every changed file. It is not called for roots.
//
// Beyond the name list, any path that did not exist before a burst and no
// longer exists when the burst ends is dropped: it was a temporary file, for
// example the "post.md.tmp123" or ".post.md.tmp" of a write-and-rename save.
// No suffix such as ".tmp" is filtered by name, so a real file called
// "notes.tmp" is still reported.
//
// # How batching works
//
// Events are coalesced into bursts. The first event that survives the
// filters opens a burst; every further event in the watched tree (including
// filtered editor scratch files and chmods, which are typically part of the
// same save) extends it. The burst ends, and its Batch is emitted, once
// [Options.Delay] has passed with no new event, or [Options.MaxWait] after
// the burst opened, whichever comes first, so a continuous stream of writes
// still produces a Batch at least every MaxWait. A burst whose events were all
// filtered emits nothing.
//
// A burst does not end while one of its files is empty, until MaxWait: a
// save that truncates a file and then writes it (os.WriteFile, and editors
// that save in place) is one burst even when the write comes more than
// Delay after the truncation, as it can on a busy machine or a slow disk. A
// file left empty on purpose is reported MaxWait after the burst opened.
//
// Batch.Paths lists, sorted and without duplicates, the absolute paths of
// files that were created, written, removed or renamed (both the old and the
// new name) during the burst. A directory's path is listed only if that
// directory was removed or renamed away: treat everything under it as gone.
// New directories are not listed themselves; the files in them are.
//
// The watcher never blocks on a slow consumer and never drops a path: while a
// Batch is waiting to be received, later bursts are merged into it.
//
// # Lifecycle
//
// [New] starts one goroutine that owns all state. [Watcher.Close] cancels
// it, closes fsnotify, waits for the goroutine to return, and is safe to
// call more than once. After Close returns, Batches and Errors are closed;
// a burst still in progress is discarded.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDelay is the quiet period used when Options.Delay is zero. An
// editor's save (write, or write a temporary file and rename it; vim's
// backup dance; JetBrains' safe write) takes well under a millisecond to a
// few milliseconds between its events, so 10 ms holds a save in one burst
// while adding little to the preview's reload. A save whose file is still
// empty (truncated, not yet written) holds the burst open longer; any other
// save slower than that is seen as two bursts, and the second rebuild reads
// the file whole.
const DefaultDelay = 10 * time.Millisecond

// errorBuffer is how many errors Errors holds before further ones are
// dropped; errors are informational and must not stall the event loop.
const errorBuffer = 16

// Options configures a Watcher.
type Options struct {
	// Roots are the directories to watch recursively, or files to watch by
	// name in their parent directory.
	Roots []string

	// Ignore, if set, reports whether a path below a root should be left
	// out. It is called with the directory's path before watching it (true
	// skips the whole subtree) and with each changed file's path.
	Ignore func(path string, isDir bool) bool

	// Delay is the quiet period that ends a burst; DefaultDelay if zero.
	Delay time.Duration

	// MaxWait caps how long a burst can be extended by new events, measured
	// from its first event; 10×Delay if zero.
	MaxWait time.Duration
}

// Batch is one burst of changes.
type Batch struct {
	// Paths are the sorted, de-duplicated absolute paths that changed.
	Paths []string
}

// Watcher watches a set of roots; see the package documentation.
type Watcher struct {
	fsw     *fsnotify.Watcher
	batches chan Batch
	errors  chan error
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	closeOnce sync.Once
	closeErr  error

	// Configuration, read-only after New.
	delay     time.Duration
	maxWait   time.Duration
	ignore    func(string, bool) bool
	dirRoots  []string
	fileRoots map[string]map[string]bool // parent dir → base names

	// Owned by New, then by the run goroutine only.
	watched map[string]bool // directories with a watch
	skipped map[string]bool // hidden or ignored directories, not watched
}

// New starts watching opts.Roots and every directory below them.
func New(opts Options) (*Watcher, error) {
	if len(opts.Roots) == 0 {
		return nil, errors.New("watch: no roots")
	}
	if opts.Delay < 0 || opts.MaxWait < 0 {
		return nil, errors.New("watch: negative Delay or MaxWait")
	}
	w := &Watcher{
		batches:   make(chan Batch),
		errors:    make(chan error, errorBuffer),
		delay:     opts.Delay,
		maxWait:   opts.MaxWait,
		ignore:    opts.Ignore,
		fileRoots: map[string]map[string]bool{},
		watched:   map[string]bool{},
		skipped:   map[string]bool{},
	}
	if w.delay == 0 {
		w.delay = DefaultDelay
	}
	if w.maxWait == 0 {
		w.maxWait = 10 * w.delay
	}
	w.maxWait = max(w.maxWait, w.delay)

	for _, r := range opts.Roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("watch: root %q: %w", r, err)
		}
		fi, err := os.Stat(abs)
		switch {
		case err == nil && fi.IsDir():
			w.dirRoots = append(w.dirRoots, abs)
		case err == nil || errors.Is(err, fs.ErrNotExist):
			parent := filepath.Dir(abs)
			if pfi, err := os.Stat(parent); err != nil || !pfi.IsDir() {
				return nil, fmt.Errorf("watch: root %q: parent is not a directory", r)
			}
			if w.fileRoots[parent] == nil {
				w.fileRoots[parent] = map[string]bool{}
			}
			w.fileRoots[parent][filepath.Base(abs)] = true
		default:
			return nil, fmt.Errorf("watch: root %q: %w", r, err)
		}
	}

	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fsw = fsw
	var errs []error
	for _, dir := range w.dirRoots {
		errs = append(errs, w.addTree(dir, nil))
	}
	for parent := range w.fileRoots {
		errs = append(errs, w.addWatch(parent))
	}
	if err := errors.Join(errs...); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watch: %w", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.wg.Add(1)
	go w.run(ctx)
	return w, nil
}

// Batches delivers one Batch per burst of changes. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers non-fatal errors: fsnotify errors (fsnotify.ErrEventOverflow
// means events were lost, so rebuild everything) and failures to watch a new
// directory. Errors are dropped while the buffer is full. It is closed by
// Close.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops the watcher and waits for its goroutine to exit. It is safe to
// call more than once; later calls return the first call's result.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		w.cancel()
		w.closeErr = w.fsw.Close()
		w.wg.Wait()
	})
	return w.closeErr
}

// run is the event loop. It owns burst, ready and the watch maps.
func (w *Watcher) run(ctx context.Context) {
	defer w.wg.Done()
	defer close(w.errors)
	defer close(w.batches)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()

	var (
		burst      = map[string]bool{} // path → did not exist before the burst
		burstStart time.Time           // zero when no burst is open
		ready      = map[string]bool{} // finished paths not yet received
		out        Batch               // ready, sorted
		outCh      chan<- Batch        // w.batches when out is non-empty, else nil
	)
	arm := func() {
		now := time.Now()
		if burstStart.IsZero() {
			burstStart = now
		}
		d := min(w.delay, burstStart.Add(w.maxWait).Sub(now))
		timer.Reset(max(d, 0))
	}

	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			recorded, inScope := w.handle(ev, burst)
			if recorded || (inScope && !burstStart.IsZero()) {
				arm()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.sendError(err)
		case <-timer.C:
			if emptyFile(burst) && time.Since(burstStart) < w.maxWait {
				// Most saves truncate the file, then write it: a file
				// still empty is most likely between the two.
				arm()
				continue
			}
			burstStart = time.Time{}
			if finish(burst, ready) {
				out = Batch{Paths: sortedKeys(ready)}
				outCh = w.batches
			}
		case outCh <- out:
			clear(ready)
			out, outCh = Batch{}, nil
		}
	}
}

// emptyFile reports whether a file of the burst exists and is empty.
func emptyFile(burst map[string]bool) bool {
	for p := range burst {
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			return true
		}
	}
	return false
}

// handle applies one event to the watch maps and the burst. recorded reports
// whether a path was added to the burst; inScope whether the event concerns
// the watched tree at all (filtered or not).
func (w *Watcher) handle(ev fsnotify.Event, burst map[string]bool) (recorded, inScope bool) {
	p := filepath.Clean(ev.Name)
	if !w.inScope(p) {
		return false, false
	}
	op := ev.Op & (fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename)
	if op == 0 || isEditorTemp(filepath.Base(p)) {
		return false, true // chmod-only, or scratch file
	}

	if op.Has(fsnotify.Remove) || op.Has(fsnotify.Rename) {
		// Gone: deleted, or renamed away (the new name arrives as Create).
		if w.skipped[p] {
			delete(w.skipped, p)
			return false, true
		}
		wasDir := w.watched[p]
		if wasDir {
			w.unwatchTree(p)
		}
		if w.ignore != nil && w.ignore(p, wasDir) {
			return false, true
		}
		record(burst, p, false)
		return true, true
	}

	// Create or Write.
	fi, err := os.Lstat(p)
	isDir := err == nil && fi.IsDir()
	if isDir {
		if !op.Has(fsnotify.Create) {
			return false, true
		}
		if w.skipDir(p) {
			w.skipped[p] = true
			return false, true
		}
		record(burst, p, true)
		if err := w.addTree(p, burst); err != nil {
			w.sendError(err)
		}
		return true, true
	}
	if w.ignore != nil && w.ignore(p, false) {
		return false, true
	}
	record(burst, p, op.Has(fsnotify.Create))
	return true, true
}

// inScope reports whether p is below a directory root or is a file root.
func (w *Watcher) inScope(p string) bool {
	if names := w.fileRoots[filepath.Dir(p)]; names[filepath.Base(p)] {
		return true
	}
	for _, r := range w.dirRoots {
		if p == r || isUnder(p, r) {
			return true
		}
	}
	return false
}

// skipDir reports whether the directory p (below a root) is not watched.
func (w *Watcher) skipDir(p string) bool {
	return strings.HasPrefix(filepath.Base(p), ".") || (w.ignore != nil && w.ignore(p, true))
}

// addTree watches dir and every non-skipped directory below it. If burst is
// not nil, the files found are recorded in it as created. Directories that
// vanish meanwhile are ignored; other errors are returned after the walk.
func (w *Watcher) addTree(dir string, burst map[string]bool) error {
	if err := w.addWatch(dir); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	errs := []error{err}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if w.skipDir(p) {
				w.skipped[p] = true
				continue
			}
			errs = append(errs, w.addTree(p, burst))
			continue
		}
		if burst == nil || isEditorTemp(e.Name()) || (w.ignore != nil && w.ignore(p, false)) {
			continue
		}
		record(burst, p, true)
	}
	return errors.Join(errs...)
}

// addWatch adds an fsnotify watch on dir unless it has one.
func (w *Watcher) addWatch(dir string) error {
	if w.watched[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("watching %s: %w", dir, err)
	}
	w.watched[dir] = true
	return nil
}

// unwatchTree forgets dir and everything below it. The watches may already
// be gone (inotify drops them on delete), so Remove errors are irrelevant.
func (w *Watcher) unwatchTree(dir string) {
	for p := range w.watched {
		if p == dir || isUnder(p, dir) {
			delete(w.watched, p)
			_ = w.fsw.Remove(p)
		}
	}
	for p := range w.skipped {
		if isUnder(p, dir) {
			delete(w.skipped, p)
		}
	}
}

// sendError forwards err without blocking; it is dropped if nobody reads.
func (w *Watcher) sendError(err error) {
	select {
	case w.errors <- err:
	default:
	}
}

// record notes p in the burst. created is kept from the first event for p.
func record(burst map[string]bool, p string, created bool) {
	if _, ok := burst[p]; !ok {
		burst[p] = created
	}
}

// finish moves the paths of a finished burst into ready, dropping temporary
// files (created during the burst and gone at its end) and directories
// created during the burst (their files are listed instead). It reports
// whether ready changed.
func finish(burst, ready map[string]bool) bool {
	changed := false
	for p, created := range burst {
		if created {
			fi, err := os.Lstat(p)
			if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.IsDir()) {
				continue
			}
		}
		if !ready[p] {
			ready[p] = true
			changed = true
		}
	}
	clear(burst)
	return changed
}

// isEditorTemp reports whether name is a known editor scratch file.
func isEditorTemp(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store":
		return true
	case strings.HasSuffix(name, "~"):
		return true
	case strings.HasPrefix(name, ".#"):
		return true
	case len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.Contains(name, "___jb_tmp___"), strings.Contains(name, "___jb_old___"):
		return true
	}
	for _, ext := range []string{".swp", ".swo", ".swn", ".swx", ".swpx"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// isUnder reports whether p is strictly below dir.
func isUnder(p, dir string) bool {
	if !strings.HasPrefix(p, dir) || len(p) == len(dir) {
		return false
	}
	return strings.HasSuffix(dir, string(filepath.Separator)) || p[len(dir)] == filepath.Separator
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
