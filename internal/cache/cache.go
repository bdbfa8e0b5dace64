// Package cache keeps, in a folder on disk, what is costly to make again,
// each value under a key that names everything it was made from: a build
// that finds a value under its key uses it rather than making it again,
// as CI systems keep such folders between runs.
//
// A Key is a SHA-256 hash. Whoever makes one hashes into it every input
// of the value (a post's bytes, the settings it is rendered with) and
// Program, the running program's own file: a value made by another build
// of impactblog is never read, so that a new version, or a local build of
// changed code, never shows what an older one made.
//
// # On disk
//
// A process that puts values writes them, one after the other, into a
// pack of its own, <time>-<process>.pack, made when it puts its first
// one; after each value, it appends to <time>-<process>.idx the value's
// key, place, length and checksum (CRC-32C). Open reads every index; a
// record cut short at the end of one (a build killed while writing it) is
// not read, and a value that does not read whole with its checksum is a
// miss, made and put again. Values are never rewritten, so a build reads
// a pack while another writes its own. One file a process, not one a
// value: a build putting 10,000 values makes two files, not 10,000.
//
// A value read has its index's time set to now, at most once an hour a
// pack; Open removes, at most once a day, the packs whose index is 30 days
// old, and packs without an index (their build was killed before it put
// a value whole) a day old. A pack is removed whole, so a pack of which
// one value is still read is kept; a value made again after an edit goes
// to a new pack, and the old one's goes when none of its values is read.
// The folder is always safe to delete, whole or in part: the next build
// makes again what it needs.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A Key names a value: the SHA-256 of everything it was made from.
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// A Dir is a folder of values. It is safe for concurrent use, by several
// goroutines and several processes.
type Dir struct {
	dir string

	mu      sync.RWMutex
	index   map[Key]place       // every value, from the indexes read and the values put
	packs   map[string]*os.File // opened to read, by name
	touched map[string]bool     // the packs whose index Get has touched
	w       *packWriter         // this process's pack, once it puts a value

	hits, misses atomic.Int64
}

// A place is where a value is: its pack, and its bytes there.
type place struct {
	pack string // the name of its pack, without .pack
	off  int64
	n    int64
	sum  uint32 // CRC-32C of the value
}

// A packWriter is the pack and the index a process writes.
type packWriter struct {
	name      string
	pack, idx *os.File
	size      int64 // taken by the values put, written or being written
}

// recordSize is the size of an index record: the key, the value's place
// and length (8 bytes each) and checksum (4), big-endian.
const recordSize = sha256.Size + 8 + 8 + 4

// How long a pack is kept unused, and one without an index; how often
// Open looks for such packs; and how often a pack's index has its time set
// when its values are read.
const (
	trimAfter    = 30 * 24 * time.Hour
	trimOrphans  = 24 * time.Hour
	trimInterval = 24 * time.Hour
	touchAfter   = time.Hour
)

// trimFile holds when Open last looked for packs to remove.
const trimFile = "trim.txt"

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Open makes the folder dir if it is not there, removes the packs unused
// for 30 days if it has not done so for a day, and reads every index.
func Open(dir string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	d := &Dir{dir: dir, index: map[Key]place{}, packs: map[string]*os.File{}, touched: map[string]bool{}}
	d.trim(time.Now())
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	// In the order of their names, which start with their time: of two
	// values of one key, the later is read.
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".idx"); ok && e.Type().IsRegular() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name+".idx"))
		if err != nil {
			continue
		}
		for ; len(data) >= recordSize; data = data[recordSize:] {
			var k Key
			copy(k[:], data)
			r := data[sha256.Size:]
			d.index[k] = place{pack: name,
				off: int64(binary.BigEndian.Uint64(r)), n: int64(binary.BigEndian.Uint64(r[8:])), sum: binary.BigEndian.Uint32(r[16:])}
		}
	}
	return d, nil
}

// Path is the folder.
func (d *Dir) Path() string { return d.dir }

// Hits and Misses count the values Get found and did not find.
func (d *Dir) Hits() int64   { return d.hits.Load() }
func (d *Dir) Misses() int64 { return d.misses.Load() }

// Get returns the value of k, and whether there is one that reads whole.
func (d *Dir) Get(k Key) ([]byte, bool) {
	p, f, ok := d.find(k)
	if !ok {
		return nil, false
	}
	data := make([]byte, p.n)
	if _, err := f.ReadAt(data, p.off); err != nil || crc32.Checksum(data, crcTable) != p.sum {
		d.misses.Add(1)
		return nil, false
	}
	d.found(p)
	return data, true
}

// A Ref is where a value is in its pack, for its parts to be read when
// they are needed rather than the value held (GetRef, PutRef): a post's
// HTML waits there for its page. It reads while the Dir is open.
type Ref struct {
	f      *os.File
	off, n int64
}

// ReadAt reads len(p) bytes of the value from off, as io.ReaderAt.
func (r Ref) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > r.n {
		return 0, io.ErrUnexpectedEOF
	}
	return r.f.ReadAt(p, r.off+off)
}

// Len is the value's length.
func (r Ref) Len() int64 { return r.n }

// GetRef is Get, but gives where the value is rather than the value: its
// checksum is checked as Get does, a piece at a time.
func (d *Dir) GetRef(k Key) (Ref, bool) {
	p, f, ok := d.find(k)
	if !ok {
		return Ref{}, false
	}
	buf := readBufs.Get().(*[]byte)
	defer readBufs.Put(buf)
	var sum uint32
	for off := int64(0); off < p.n; {
		b := (*buf)[:min(int64(len(*buf)), p.n-off)]
		if _, err := f.ReadAt(b, p.off+off); err != nil {
			d.misses.Add(1)
			return Ref{}, false
		}
		sum = crc32.Update(sum, crcTable, b)
		off += int64(len(b))
	}
	if sum != p.sum {
		d.misses.Add(1)
		return Ref{}, false
	}
	d.found(p)
	return Ref{f: f, off: p.off, n: p.n}, true
}

var readBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// find looks k up, and opens its pack: false, a miss, when there is no
// value of k, or its pack does not open.
func (d *Dir) find(k Key) (place, *os.File, bool) {
	d.mu.RLock()
	p, ok := d.index[k]
	f := d.packs[p.pack]
	d.mu.RUnlock()
	if !ok || p.n < 0 || p.n > 1<<30 {
		d.misses.Add(1)
		return place{}, nil, false
	}
	if f == nil {
		var err error
		if f, err = d.openPack(p.pack); err != nil {
			d.misses.Add(1)
			return place{}, nil, false
		}
	}
	return p, f, true
}

// found counts a hit on the value at p, and touches its pack.
func (d *Dir) found(p place) {
	d.mu.RLock()
	touched := d.touched[p.pack]
	d.mu.RUnlock()
	if !touched {
		d.touch(p.pack)
	}
	d.hits.Add(1)
}

// openPack opens the pack name to read it, once.
func (d *Dir) openPack(name string) (*os.File, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if f := d.packs[name]; f != nil {
		return f, nil
	}
	f, err := os.Open(filepath.Join(d.dir, name+".pack"))
	if err != nil {
		return nil, err
	}
	d.packs[name] = f
	return f, nil
}

// touch sets the time of the index of the pack name to now, when it is
// older than touchAfter: its values are used, and the pack is kept.
func (d *Dir) touch(name string) {
	d.mu.Lock()
	d.touched[name] = true
	d.mu.Unlock()
	idx := filepath.Join(d.dir, name+".idx")
	if fi, err := os.Stat(idx); err == nil && time.Since(fi.ModTime()) > touchAfter {
		now := time.Now()
		os.Chtimes(idx, now, now)
	}
}

// Put stores data as the value of k, in this process's pack. An error
// means only that the value was not stored.
func (d *Dir) Put(k Key, data []byte) error {
	_, err := d.put(k, data)
	return err
}

// PutRef is Put of the value that is the parts one after the other, and
// gives where the value now is, as GetRef does.
func (d *Dir) PutRef(k Key, parts ...[]byte) (Ref, error) {
	p, err := d.put(k, parts...)
	if err != nil {
		return Ref{}, err
	}
	f, err := d.openPack(p.pack)
	if err != nil {
		return Ref{}, err
	}
	return Ref{f: f, off: p.off, n: p.n}, nil
}

// put writes the value into this process's pack: its place is taken
// under the lock, and written after, so that the goroutines putting
// values never wait for one another's writes.
func (d *Dir) put(k Key, parts ...[]byte) (place, error) {
	var n int64
	for _, data := range parts {
		n += int64(len(data))
	}
	d.mu.Lock()
	if d.w == nil {
		w, err := d.newPack()
		if err != nil {
			d.mu.Unlock()
			return place{}, err
		}
		d.w = w
	}
	w := d.w
	p := place{pack: w.name, off: w.size, n: n}
	w.size += n
	d.mu.Unlock()
	at := p.off
	for _, data := range parts {
		if _, err := w.pack.WriteAt(data, at); err != nil {
			return place{}, err // its place stays unused: no record names it
		}
		at += int64(len(data))
		p.sum = crc32.Update(p.sum, crcTable, data)
	}
	// The record once the value is written: an index never names a
	// value that is not whole. One write of an index opened to append
	// is one record, whole, whatever else writes it.
	var rec [recordSize]byte
	copy(rec[:], k[:])
	binary.BigEndian.PutUint64(rec[sha256.Size:], uint64(p.off))
	binary.BigEndian.PutUint64(rec[sha256.Size+8:], uint64(p.n))
	binary.BigEndian.PutUint32(rec[sha256.Size+16:], p.sum)
	if _, err := w.idx.Write(rec[:]); err != nil {
		return place{}, err
	}
	d.mu.Lock()
	d.index[k] = p
	d.mu.Unlock()
	return p, nil
}

// newPack makes this process's pack and index.
func (d *Dir) newPack() (*packWriter, error) {
	name := fmt.Sprintf("%020d-%d", time.Now().UnixNano(), os.Getpid())
	pack, err := os.OpenFile(filepath.Join(d.dir, name+".pack"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	idx, err := os.OpenFile(filepath.Join(d.dir, name+".idx"), os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if err != nil {
		pack.Close()
		os.Remove(pack.Name())
		return nil, err
	}
	return &packWriter{name: name, pack: pack, idx: idx}, nil
}

// Close closes the files the Dir holds open. Values put are on disk
// whether or not it is called; a Dir is not used once closed.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	var errs []error
	for _, f := range d.packs {
		errs = append(errs, f.Close())
	}
	if d.w != nil {
		errs = append(errs, d.w.pack.Close(), d.w.idx.Close())
	}
	d.packs, d.w = map[string]*os.File{}, nil
	return errors.Join(errs...)
}

// trim removes the packs unused since trimAfter before now, and those
// without an index since trimOrphans, if the folder was not trimmed in
// the last trimInterval. It reports nothing: a pack it cannot remove
// stays.
func (d *Dir) trim(now time.Time) {
	stamp := filepath.Join(d.dir, trimFile)
	if b, err := os.ReadFile(stamp); err == nil {
		if t, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64); err == nil && now.Sub(time.Unix(t, 0)) < trimInterval {
			return
		}
	}
	if err := os.WriteFile(stamp, fmt.Appendf(nil, "%d\n", now.Unix()), 0o644); err != nil {
		return
	}
	entries, err := os.ReadDir(d.dir)
	if err != nil {
		return
	}
	indexed := map[string]bool{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".idx")
		if !ok {
			continue
		}
		indexed[name] = true
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > trimAfter {
			os.Remove(filepath.Join(d.dir, name+".pack"))
			os.Remove(filepath.Join(d.dir, name+".idx"))
		}
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".pack")
		if !ok || indexed[name] {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > trimOrphans {
			os.Remove(filepath.Join(d.dir, e.Name()))
		}
	}
}

// Program is the SHA-256 of the running program's file, for keys to hash
// in; an error when it cannot be read. It is read once.
var Program = sync.OnceValues(func() (Key, error) {
	exe, err := os.Executable()
	if err != nil {
		return Key{}, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return Key{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Key{}, err
	}
	return Key(h.Sum(nil)), nil
})

// A Hasher makes a Key of inputs, each one delimited (its length first),
// so that two lists of inputs never make one key; the program's own hash
// and the kind of value come first.
type Hasher struct{ h hash.Hash }

// NewHasher starts a key for a value of the kind given ("post"), made by
// this program; an error when the program's file cannot be read (Program).
func NewHasher(kind string) (*Hasher, error) {
	prog, err := Program()
	if err != nil {
		return nil, err
	}
	h := &Hasher{sha256.New()}
	h.Bytes(prog[:])
	h.String(kind)
	return h, nil
}

// Bytes adds an input.
func (h *Hasher) Bytes(b []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(b)))
	h.h.Write(n[:])
	h.h.Write(b)
}

// String adds an input.
func (h *Hasher) String(s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.h.Write(n[:])
	io.WriteString(h.h, s)
}

// Key is the key of the inputs added.
func (h *Hasher) Key() Key { return Key(h.h.Sum(nil)) }
