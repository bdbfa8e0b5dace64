package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// testDelay is generous so that a multi-step save is one burst even on a
// loaded two-core machine under -race; these are correctness tests.
const (
	testDelay   = 100 * time.Millisecond
	waitBatch   = 3 * time.Second // bound for an expected batch
	quietPeriod = 10 * testDelay  // how long "no further batch" is checked
)

// step is one action and the batch it must produce (nil: none).
type step struct {
	act  func(t *testing.T, root string)
	want []string // paths relative to root, slash-separated, sorted
}

func TestWatcher(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  []string                                  // files to create before New
		roots  func(root string) []string                // default: root
		ignore func(root string) func(string, bool) bool // optional
		steps  []step
	}{
		{
			name:  "write in place",
			setup: []string{"post.md"},
			steps: []step{{
				act:  func(t *testing.T, root string) { write(t, root, "post.md") },
				want: []string{"post.md"},
			}},
		},
		{
			name:  "vim save",
			setup: []string{"post.md"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, ".post.md.swp")
					write(t, root, "4913")
					remove(t, root, "4913")
					rename(t, root, "post.md", "post.md~")
					write(t, root, "post.md")
					remove(t, root, "post.md~")
				},
				want: []string{"post.md"},
			}},
		},
		{
			name:  "JetBrains safe write",
			setup: []string{"post.md"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, "post.md___jb_tmp___")
					rename(t, root, "post.md", "post.md___jb_old___")
					rename(t, root, "post.md___jb_tmp___", "post.md")
					remove(t, root, "post.md___jb_old___")
				},
				want: []string{"post.md"},
			}},
		},
		{
			name:  "VS Code style hidden temp renamed over",
			setup: []string{"post.md"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, ".post.md.tmp")
					rename(t, root, ".post.md.tmp", "post.md")
				},
				want: []string{"post.md"},
			}},
		},
		{
			name:  "numbered temp renamed over",
			setup: []string{"post.md"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, "post.md.tmp123")
					rename(t, root, "post.md.tmp123", "post.md")
				},
				want: []string{"post.md"},
			}},
		},
		{
			name:  "delete then create",
			setup: []string{"post.md"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					remove(t, root, "post.md")
					write(t, root, "post.md")
				},
				want: []string{"post.md"},
			}},
		},
		{
			name:  "git checkout of 50 files",
			setup: names("posts/old%02d.md", 25),
			steps: []step{{
				act: func(t *testing.T, root string) {
					for _, n := range names("posts/old%02d.md", 25) {
						write(t, root, n)
					}
					for _, n := range names("posts/2024/new%02d.md", 25) {
						write(t, root, n)
					}
				},
				want: append(names("posts/2024/new%02d.md", 25), names("posts/old%02d.md", 25)...),
			}},
		},
		{
			name: "new subfolder after start",
			steps: []step{
				{
					act:  func(t *testing.T, root string) { write(t, root, "a/b/x.md") }, // mkdir -p a/b && write
					want: []string{"a/b/x.md"},
				},
				{
					act:  func(t *testing.T, root string) { write(t, root, "a/b/y.md") },
					want: []string{"a/b/y.md"},
				},
			},
		},
		{
			name:  "delete file",
			setup: []string{"post.md", "other.md"},
			steps: []step{{
				act:  func(t *testing.T, root string) { remove(t, root, "post.md") },
				want: []string{"post.md"},
			}},
		},
		{
			name:  "rename post",
			setup: []string{"posts/old.md"},
			steps: []step{{
				act:  func(t *testing.T, root string) { rename(t, root, "posts/old.md", "posts/new.md") },
				want: []string{"posts/new.md", "posts/old.md"},
			}},
		},
		{
			name:  "chmod only",
			setup: []string{"post.md"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					if err := os.Chmod(filepath.Join(root, "post.md"), 0o600); err != nil {
						t.Fatal(err)
					}
				},
			}},
		},
		{
			name:  "editor scratch files only",
			setup: []string{"post.md"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, "4913")
					remove(t, root, "4913")
					write(t, root, ".post.md.swp")
					write(t, root, "#post.md#")
					write(t, root, ".DS_Store")
					write(t, root, ".post.md.tmp")
					remove(t, root, ".post.md.tmp")
				},
			}},
		},
		{
			name:   "ignored directory",
			setup:  []string{"public/index.html"},
			ignore: func(root string) func(string, bool) bool { return ignoreDir(filepath.Join(root, "public")) },
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, "public/index.html")
					write(t, root, "public/posts/new.html")
					remove(t, root, "public/index.html")
				},
			}},
		},
		{
			name:   "ignored directory created after start",
			ignore: func(root string) func(string, bool) bool { return ignoreDir(filepath.Join(root, "public")) },
			steps: []step{
				{act: func(t *testing.T, root string) { write(t, root, "public/index.html") }},
				{act: func(t *testing.T, root string) { write(t, root, "public/about.html") }},
			},
		},
		{
			name:  "hidden directory",
			setup: []string{".git/HEAD"},
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, ".git/HEAD")
					write(t, root, ".git/objects/ab/cdef")
					write(t, root, ".cache/x")
					if err := os.RemoveAll(filepath.Join(root, ".cache")); err != nil {
						t.Fatal(err)
					}
				},
			}},
		},
		{
			name:  "removed directory",
			setup: []string{"a/b/x.md"},
			steps: []step{
				{
					act: func(t *testing.T, root string) {
						if err := os.RemoveAll(filepath.Join(root, "a")); err != nil {
							t.Fatal(err)
						}
					},
					want: []string{"a", "a/b", "a/b/x.md"},
				},
				{
					act:  func(t *testing.T, root string) { write(t, root, "a/b/x.md") },
					want: []string{"a/b/x.md"},
				},
			},
		},
		{
			name:  "renamed directory",
			setup: []string{"a/sub/x.md"},
			steps: []step{
				{
					act:  func(t *testing.T, root string) { rename(t, root, "a", "b") },
					want: []string{"a", "b/sub/x.md"},
				},
				{
					act:  func(t *testing.T, root string) { write(t, root, "b/sub/x.md") },
					want: []string{"b/sub/x.md"},
				},
			},
		},
		{
			name:  "file root",
			setup: []string{"site.toml", "notes.md"},
			roots: func(root string) []string { return []string{filepath.Join(root, "site.toml")} },
			steps: []step{{
				act: func(t *testing.T, root string) {
					write(t, root, "notes.md")
					write(t, root, ".site.toml.tmp")
					rename(t, root, ".site.toml.tmp", "site.toml")
				},
				want: []string{"site.toml"},
			}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			for _, n := range tc.setup {
				write(t, root, n)
			}
			opts := Options{Roots: []string{root}, Delay: testDelay}
			if tc.roots != nil {
				opts.Roots = tc.roots(root)
			}
			if tc.ignore != nil {
				opts.Ignore = tc.ignore(root)
			}
			w := startWatcher(t, opts)
			for i, st := range tc.steps {
				st.act(t, root)
				if st.want == nil {
					continue
				}
				if have := relPaths(t, root, nextBatch(t, w)); !slices.Equal(have, st.want) {
					t.Fatalf("step %d:\nhave: %q\nwant: %q", i, have, st.want)
				}
			}
			expectNoBatch(t, w, root)
		})
	}
}

// A consumer that does not receive gets later bursts merged into the batch
// that is waiting, rather than the watcher blocking or losing paths.
func TestSlowConsumerMerges(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w := startWatcher(t, Options{Roots: []string{root}, Delay: testDelay})
	write(t, root, "a.md")
	time.Sleep(5 * testDelay) // first burst finishes; nobody receives
	write(t, root, "b.md")
	time.Sleep(5 * testDelay)
	want := []string{"a.md", "b.md"}
	if have := relPaths(t, root, nextBatch(t, w)); !slices.Equal(have, want) {
		t.Fatalf("have: %q\nwant: %q", have, want)
	}
	expectNoBatch(t, w, root)
}

// A file truncated and written later than Delay is one batch: the burst
// stays open while the file is empty, as it is between the two steps of
// os.WriteFile. A file left empty is still reported, at MaxWait.
func TestEmptyFileHoldsTheBurst(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	const delay = 20 * time.Millisecond
	w := startWatcher(t, Options{Roots: []string{root}, Delay: delay, MaxWait: 50 * delay})
	name := filepath.Join(root, "post.md")
	if err := os.WriteFile(name, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	select { // five quiet periods with the file empty
	case b := <-w.Batches():
		t.Fatalf("have: batch %q while the file is empty, want: none", relPaths(t, root, b))
	case <-time.After(5 * delay):
	}
	if err := os.WriteFile(name, []byte("---\ntitle: T\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if have := relPaths(t, root, nextBatch(t, w)); !slices.Equal(have, []string{"post.md"}) {
		t.Fatalf("have: %q, want: [post.md]", have)
	}
	if waited := time.Since(start); waited > 25*delay {
		t.Errorf("the batch came %v after the write, want about %v", waited, delay)
	}
	// Left empty: reported once MaxWait has passed.
	if err := os.WriteFile(name, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if have := relPaths(t, root, nextBatch(t, w)); !slices.Equal(have, []string{"post.md"}) {
		t.Fatalf("have: %q, want: [post.md]", have)
	}
}

// A continuous stream of writes still yields batches, at most MaxWait apart.
func TestContinuousStreamIsCapped(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	const delay = 50 * time.Millisecond
	w := startWatcher(t, Options{Roots: []string{root}, Delay: delay, MaxWait: 3 * delay})

	// Write every delay/5 for 40×delay: never quiet for a full delay.
	seen := map[string]bool{}
	batches := 0
	tick := time.NewTicker(delay / 5)
	defer tick.Stop()
	end := time.After(40 * delay)
	for i := 0; ; i++ {
		select {
		case <-tick.C:
			write(t, root, fmt.Sprintf("f%03d.md", i))
			continue
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("have: Batches closed, want: open")
			}
			batches++
			for _, p := range relPaths(t, root, b) {
				seen[p] = true
			}
			continue
		case <-end:
		}
		break
	}
	if batches < 2 {
		t.Errorf("batches during stream: have: %d, want: >= 2", batches)
	}
	// Everything written is eventually reported.
	deadline := time.After(waitBatch)
	for len(seen) < countFiles(t, root) {
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("have: Batches closed, want: open")
			}
			for _, p := range relPaths(t, root, b) {
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("paths seen: have: %d, want: %d", len(seen), countFiles(t, root))
		}
	}
}

func TestClose(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w, err := New(Options{Roots: []string{root}, Delay: testDelay})
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, "post.md") // a burst in progress is discarded
	done := make(chan error, 1)
	go func() { done <- w.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Close: have: %v, want: nil", err)
		}
	case <-time.After(waitBatch):
		t.Fatal("Close: have: still blocked, want: returned")
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: have: %v, want: nil", err)
	}
	for b := range w.Batches() { // must be closed, at most a few stale batches
		_ = b
	}
	for err := range w.Errors() {
		t.Errorf("have: error %v, want: none", err)
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	tests := []struct {
		name string
		opts Options
	}{
		{"no roots", Options{}},
		{"missing parent", Options{Roots: []string{filepath.Join(root, "nope", "site.toml")}}},
		{"negative delay", Options{Roots: []string{root}, Delay: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := New(tc.opts)
			if err == nil {
				w.Close()
				t.Fatal("have: nil error, want: error")
			}
		})
	}
}

// A root that does not exist yet is watched by name in its parent.
func TestMissingFileRoot(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	w := startWatcher(t, Options{Roots: []string{filepath.Join(root, "redirects.toml")}, Delay: testDelay})
	write(t, root, "other.toml")
	write(t, root, "redirects.toml")
	want := []string{"redirects.toml"}
	if have := relPaths(t, root, nextBatch(t, w)); !slices.Equal(have, want) {
		t.Fatalf("have: %q\nwant: %q", have, want)
	}
	expectNoBatch(t, w, root)
}

func TestIsEditorTemp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want bool
	}{
		{"post.md~", true},
		{".post.md.swp", true},
		{".post.md.swx", true},
		{".post.md.swpx", true},
		{".post.md.swo", true},
		{"4913", true},
		{".#post.md", true},
		{"#post.md#", true},
		{"post.md___jb_tmp___", true},
		{"post.md___jb_old___", true},
		{".DS_Store", true},
		{"post.md", false},
		{"post.md.tmp", false}, // dropped only if it vanishes within its burst
		{".post.md.tmp", false},
		{"#", false},
		{"#hashtag.md", false},
		{"49130", false},
		{".gitignore", false},
		{"swp.md", false},
	}
	for _, tc := range tests {
		if have := isEditorTemp(tc.name); have != tc.want {
			t.Errorf("isEditorTemp(%q): have: %v, want: %v", tc.name, have, tc.want)
		}
	}
}

// BenchmarkWriteToBatch measures the time from os.WriteFile to the Batch
// being received, with the default Delay. overhead-µs/op is that time minus
// Delay: what the watcher itself adds.
func BenchmarkWriteToBatch(b *testing.B) {
	root := b.TempDir()
	path := filepath.Join(root, "post.md")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		b.Fatal(err)
	}
	w, err := New(Options{Roots: []string{root}})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	start := time.Now()
	for b.Loop() {
		if err := os.WriteFile(path, []byte("hello"), 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case batch, ok := <-w.Batches():
			if !ok || len(batch.Paths) != 1 {
				b.Fatalf("have: %v (open %v), want: one path", batch.Paths, ok)
			}
		case <-time.After(waitBatch):
			b.Fatal("have: no batch, want: one")
		}
	}
	perOp := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64((perOp - DefaultDelay).Microseconds()), "overhead-µs/op")
}

// startWatcher starts a watcher that is closed, and checked for errors, when
// the test ends.
func startWatcher(t *testing.T, opts Options) *Watcher {
	t.Helper()
	w, err := New(opts)
	if err != nil {
		t.Fatalf("New: have: %v, want: nil", err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: have: %v, want: nil", err)
		}
		for err := range w.Errors() {
			t.Errorf("have: error %v, want: none", err)
		}
	})
	return w
}

// nextBatch waits a bounded time for the next batch.
func nextBatch(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("have: Batches closed, want: a batch")
		}
		return b
	case <-time.After(waitBatch):
		t.Fatal("have: no batch, want: a batch")
	}
	return Batch{}
}

// expectNoBatch fails if a batch arrives within quietPeriod.
func expectNoBatch(t *testing.T, w *Watcher, root string) {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if ok {
			t.Fatalf("have: extra batch %q, want: none", relPaths(t, root, b))
		}
		t.Fatal("have: Batches closed, want: open")
	case <-time.After(quietPeriod):
	}
}

// relPaths checks that b's paths are sorted, unique and absolute under root,
// and returns them relative to root with forward slashes.
func relPaths(t *testing.T, root string, b Batch) []string {
	t.Helper()
	if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
		t.Errorf("have: %q, want: sorted and unique", b.Paths)
	}
	out := make([]string, 0, len(b.Paths))
	for _, p := range b.Paths {
		r, err := filepath.Rel(root, p)
		if err != nil || !filepath.IsAbs(p) || strings.HasPrefix(r, "..") {
			t.Fatalf("have: path %q, want: absolute path under %q", p, root)
		}
		out = append(out, filepath.ToSlash(r))
	}
	slices.Sort(out)
	return out
}

// write creates or overwrites root/name (slash-separated), creating parents.
func write(t *testing.T, root, name string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(name+time.Now().String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}

// names returns n names from a format with one %d verb, sorted.
func names(format string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(format, i)
	}
	return out
}

// ignoreDir returns an Ignore func that rejects dir and everything below it.
func ignoreDir(dir string) func(string, bool) bool {
	return func(p string, _ bool) bool {
		return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
	}
}

func countFiles(t *testing.T, root string) int {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return len(entries)
}
