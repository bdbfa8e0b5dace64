package publish

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// chunkSize is how much of a file is compared at a time, and hashed for
// the manifest: a file is written only from its first chunk that differs,
// so a page is never held whole.
const chunkSize = 64 << 10

// A differ is the Writer Into gives: it compares each file with the one of
// that name in the folder, and stages those that differ.
type differ struct {
	root string           // the folder's real path
	have map[string]entry // what the folder held when the build began (scan)
	man  *manifest        // the last build's, or nil

	stageOnce sync.Once
	stage     *DirWriter // on root/.impactblog/stage, made for the first file that differs
	stageErr  error

	mu    sync.Mutex
	files map[string]*written // every file of the site, by name; nil while it is written

	stamped map[string]bool // given SOURCE_DATE_EPOCH's time by commit (stamp)

	bufs sync.Pool // of *[]byte, chunkSize each
}

// written is what became of one file of the site.
type written struct {
	size   int64
	chunks []byte // the SHA-256 of each chunk, one after the other
	staged bool   // new or changed: in the stage
	known  bool   // unchanged, compared by the manifest's hashes
	old    entry  // the file left as it was, when not staged
}

func newDiffer(root string, have map[string]entry, man *manifest) *differ {
	return &differ{root: root, have: have, man: man, files: map[string]*written{}}
}

// WriteFile writes the file name whole.
func (d *differ) WriteFile(name string, data []byte) error {
	f, err := d.Create(name)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Create starts the file name: it is compared as it is written, and
// staged from its first chunk that differs.
func (d *differ) Create(name string) (io.WriteCloser, error) {
	if !fs.ValidPath(name) || name == "." || name == Marker || strings.HasPrefix(name, Marker+"/") {
		return nil, fmt.Errorf("%q is not a name a site's file may have", name)
	}
	d.mu.Lock()
	_, twice := d.files[name]
	if !twice {
		d.files[name] = nil
	}
	d.mu.Unlock()
	if twice {
		return nil, fmt.Errorf("%s is written twice", name)
	}
	w := &fileWriter{d: d, name: name, buf: d.getBuf()}
	if e, ok := d.have[name]; ok && e.kind == kindFile {
		w.old = e
		w.hasOld = true
		w.oldChunks, w.hashed = d.man.chunksOf(name, e.info)
	}
	return w, nil
}

func (d *differ) getBuf() []byte {
	if b, ok := d.bufs.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, chunkSize)
}

func (d *differ) putBuf(b []byte) {
	if cap(b) == chunkSize {
		d.bufs.Put(&b)
	}
}

// stageFile creates the staged file of name, making the stage first.
func (d *differ) stageFile(name string) (io.WriteCloser, error) {
	d.stageOnce.Do(func() {
		work := filepath.Join(d.root, Marker)
		if err := os.Mkdir(work, 0o755); err != nil {
			d.stageErr = err
			return
		}
		dir := filepath.Join(work, stageDir)
		if err := os.Mkdir(dir, 0o755); err != nil {
			d.stageErr = err
			return
		}
		d.stage = &DirWriter{Dir: dir}
	})
	if d.stageErr != nil {
		return nil, d.stageErr
	}
	return d.stage.Create(name)
}

// failed reports a file that was created and never closed: what is staged
// of it may be incomplete.
func (d *differ) failed() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for name, w := range d.files {
		if w == nil {
			return fmt.Errorf("%s was never finished", name)
		}
	}
	return nil
}

// discard removes the stage of a build that failed: the folder is left as
// it was.
func (d *differ) discard() {
	none := false
	d.stageOnce.Do(func() { none = true }) // and none from now on
	if none {
		return
	}
	os.RemoveAll(filepath.Join(d.root, Marker))
	if t, err := SourceDate(); err == nil && !t.IsZero() {
		os.Chtimes(d.root, t, t) // making and removing the stage changed it
	}
}

// A fileWriter compares one file with the old one of its name, a chunk
// at a time, and writes it to the stage from the first chunk that differs
// (with the old file's bytes before that chunk, which are the same).
type fileWriter struct {
	d    *differ
	name string

	hasOld    bool
	old       entry    // the file of that name in the folder, if hasOld
	hashed    bool     // compared with oldChunks, the manifest's
	oldChunks []byte   //
	oldF      *os.File // the old file, opened to read it
	cmp       []byte   // a chunk of it, read to compare

	buf    []byte         // the chunk being filled
	n      int64          // the bytes of the chunks before buf
	chunks []byte         // their hashes
	out    io.WriteCloser // the staged file, once the file differs
	wrote  int64          // bytes written to out
	err    error
}

func (w *fileWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n := len(p)
	for len(p) > 0 {
		k := copy(w.buf[len(w.buf):chunkSize], p)
		w.buf, p = w.buf[:len(w.buf)+k], p[k:]
		if len(w.buf) == chunkSize {
			if w.err = w.chunk(); w.err != nil {
				return n - len(p), w.err
			}
		}
	}
	return n, nil
}

// chunk compares the chunk in buf, and writes it when the file differs.
func (w *fileWriter) chunk() error {
	sum := sha256.Sum256(w.buf)
	i := len(w.chunks) / sha256.Size
	w.chunks = append(w.chunks, sum[:]...)
	if w.out == nil && !w.same(i, sum[:]) {
		if err := w.diverge(); err != nil {
			return err
		}
	}
	if w.out != nil {
		k, err := w.out.Write(w.buf)
		w.wrote += int64(k)
		if err != nil {
			return err
		}
	}
	w.n += int64(len(w.buf))
	w.buf = w.buf[:0]
	return nil
}

// same reports whether the chunk i, in buf with the hash sum, is the old
// file's.
func (w *fileWriter) same(i int, sum []byte) bool {
	if !w.hasOld {
		return false
	}
	if w.hashed {
		at := i * sha256.Size
		return at+sha256.Size <= len(w.oldChunks) && bytes.Equal(w.oldChunks[at:at+sha256.Size], sum)
	}
	f, err := w.openOld()
	if err != nil {
		return false
	}
	if w.cmp == nil {
		w.cmp = w.d.getBuf()
	}
	old := w.cmp[:len(w.buf)]
	k, _ := f.ReadAt(old, w.n)
	return k == len(w.buf) && bytes.Equal(old, w.buf)
}

func (w *fileWriter) openOld() (*os.File, error) {
	if w.oldF == nil {
		f, err := os.Open(filepath.Join(w.d.root, filepath.FromSlash(w.name)))
		if err != nil {
			return nil, err
		}
		w.oldF = f
	}
	return w.oldF, nil
}

// diverge starts the staged file with the old file's first w.n bytes,
// which the chunks compared so far found the same.
func (w *fileWriter) diverge() error {
	out, err := w.d.stageFile(w.name)
	if err != nil {
		return err
	}
	w.out = out
	if w.n == 0 {
		return nil
	}
	f, err := w.openOld()
	if err != nil {
		return err
	}
	k, err := io.Copy(out, io.NewSectionReader(f, 0, w.n))
	w.wrote += k
	if err == nil && k != w.n {
		err = errors.New("the old file changed while it was compared")
	}
	return err
}

// unchanged reports whether the file, all of whose chunks were found the
// same, is the old file: of the same length too.
func (w *fileWriter) unchanged() bool {
	if !w.hasOld {
		return false
	}
	if w.hashed {
		return len(w.chunks) == len(w.oldChunks) && w.n == w.old.info.Size()
	}
	size := w.old.info.Size()
	if w.oldF != nil {
		if fi, err := w.oldF.Stat(); err == nil {
			size = fi.Size()
		}
	}
	return w.n == size
}

func (w *fileWriter) Close() error {
	if w.err == nil && len(w.buf) > 0 {
		w.err = w.chunk()
	}
	if w.err == nil && w.out == nil && !w.unchanged() {
		w.err = w.diverge() // new, shorter, or empty where it was not
	}
	if w.out != nil {
		if err := w.out.Close(); w.err == nil {
			w.err = err
		}
	}
	if w.oldF != nil {
		w.oldF.Close()
	}
	w.d.putBuf(w.buf)
	if w.cmp != nil {
		w.d.putBuf(w.cmp)
	}
	w.buf, w.cmp = nil, nil
	if w.err != nil {
		return w.err
	}
	r := &written{size: w.n, chunks: w.chunks, staged: w.out != nil}
	if !r.staged {
		r.old, r.known = w.old, w.hashed
	}
	w.d.mu.Lock()
	w.d.files[w.name] = r
	w.d.mu.Unlock()
	return nil
}

// dirsOf are the folders that hold the files names, "." excluded.
func dirsOf(names map[string]*written) map[string]bool {
	dirs := map[string]bool{}
	for name := range names {
		for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}
