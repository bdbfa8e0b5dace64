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
// Each value is a file, dir/<first two hex digits>/<the key in hex>,
// holding a header, the value's length and a checksum (CRC-32C) of it: a
// value cut short or damaged (a build killed while writing it, two builds
// writing it at once) does not read, and is made again. A value is
// written where it goes, never renamed: two builds that make one key make
// the same bytes.
//
// A value read has its file's time set to now, at most once an hour;
// Open removes, at most once a day, the values unused for 30 days. The
// folder is always safe to delete, whole or in part: the next build makes
// again what it needs.
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
	"strconv"
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
	dir    string
	shards [256]sync.Once // each made once (put)

	hits, misses atomic.Int64
}

// How long a value is kept unused, how often Open looks for such values,
// and how often a value read has its time set: a build reads thousands.
const (
	trimAfter    = 30 * 24 * time.Hour
	trimInterval = 24 * time.Hour
	touchAfter   = time.Hour
)

// trimFile holds when Open last looked for values to remove.
const trimFile = "trim.txt"

// Open makes the folder dir if it is not there, and removes the values
// unused for 30 days if it has not done so for a day.
func Open(dir string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	d := &Dir{dir: dir}
	d.trim(time.Now())
	return d, nil
}

// Path is the folder.
func (d *Dir) Path() string { return d.dir }

// Hits and Misses count the values Get found and did not find.
func (d *Dir) Hits() int64   { return d.hits.Load() }
func (d *Dir) Misses() int64 { return d.misses.Load() }

// The header of a value's file, then its length (8 bytes) and checksum
// (4 bytes), big-endian.
const (
	header  = "impactblog cache\n"
	headLen = len(header) + 8 + 4
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func (d *Dir) file(k Key) string {
	s := k.String()
	return filepath.Join(d.dir, s[:2], s)
}

// Get returns the value of k, and whether there is one that reads whole.
func (d *Dir) Get(k Key) ([]byte, bool) {
	name := d.file(k)
	f, err := os.Open(name)
	if err != nil {
		d.misses.Add(1)
		return nil, false
	}
	data, err := readValue(f)
	if err != nil {
		f.Close()
		d.misses.Add(1)
		return nil, false
	}
	if fi, err := f.Stat(); err == nil && time.Since(fi.ModTime()) > touchAfter {
		now := time.Now()
		os.Chtimes(name, now, now) // used: kept from trim
	}
	f.Close()
	d.hits.Add(1)
	return data, true
}

// readValue reads a value's file, checking its length and checksum.
func readValue(f *os.File) ([]byte, error) {
	var head [headLen]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return nil, err
	}
	if string(head[:len(header)]) != header {
		return nil, errors.New("not a value")
	}
	n := binary.BigEndian.Uint64(head[len(header):])
	sum := binary.BigEndian.Uint32(head[len(header)+8:])
	if n > 1<<30 {
		return nil, errors.New("too large")
	}
	data := make([]byte, n+1)
	k, err := io.ReadFull(f, data)
	if err != io.ErrUnexpectedEOF || uint64(k) != n { // one byte more: the file is longer than it says
		return nil, errors.New("cut short or too long")
	}
	data = data[:n]
	if crc32.Checksum(data, crcTable) != sum {
		return nil, errors.New("damaged")
	}
	return data, nil
}

// Put stores data as the value of k. An error means only that the value
// was not stored.
func (d *Dir) Put(k Key, data []byte) error {
	name := d.file(k)
	once := &d.shards[k[0]]
	once.Do(func() { os.Mkdir(filepath.Dir(name), 0o755) })
	var head [headLen]byte
	copy(head[:], header)
	binary.BigEndian.PutUint64(head[len(header):], uint64(len(data)))
	binary.BigEndian.PutUint32(head[len(header)+8:], crc32.Checksum(data, crcTable))
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(append(head[:], data...))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// trim removes the values unused since trimAfter before now, if the
// folder was not trimmed in the last trimInterval. It reports nothing:
// a value it cannot remove stays.
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
	for i := range 256 {
		shard := filepath.Join(d.dir, fmt.Sprintf("%02x", i))
		entries, err := os.ReadDir(shard)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > trimAfter {
				os.Remove(filepath.Join(shard, e.Name()))
			}
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
