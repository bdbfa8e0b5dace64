package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func key(t *testing.T, parts ...string) Key {
	t.Helper()
	h, err := NewHasher("test")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		h.String(p)
	}
	return h.Key()
}

func open(t *testing.T, dir string) *Dir {
	t.Helper()
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// files lists the folder's packs and indexes, by suffix.
func files(t *testing.T, dir, suffix string) []string {
	t.Helper()
	list, _ := filepath.Glob(filepath.Join(dir, "*"+suffix))
	return list
}

// TestGetWhatWasPut: values read back as they were put, in the process
// that put them and in the next; one damaged, cut short, or whose index
// record is cut short does not read, and is a miss; the others still do.
func TestGetWhatWasPut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	d := open(t, dir)
	a, b, c := key(t, "a"), key(t, "b"), key(t, "c")
	if _, ok := d.Get(a); ok {
		t.Fatal("a value before any was put")
	}
	values := map[Key][]byte{a: bytes.Repeat([]byte("value a "), 1000), b: []byte("value b"), c: []byte("value c, the last")}
	for _, k := range []Key{a, b} {
		if err := d.Put(k, values[k]); err != nil {
			t.Fatal(err)
		}
	}
	half := len(values[c]) / 2
	ref, err := d.PutRef(c, values[c][:half], nil, values[c][half:]) // in parts
	if err != nil {
		t.Fatal(err)
	}
	if v := make([]byte, ref.Len()); ref.Len() != int64(len(values[c])) {
		t.Errorf("PutRef: %d bytes", len(v))
	} else if ref.ReadAt(v, 0); !bytes.Equal(v, values[c]) {
		t.Errorf("PutRef: have %q", v)
	}
	check := func(d *Dir, want map[Key]bool) {
		t.Helper()
		for k, ok := range want {
			if v, found := d.Get(k); found != ok || ok && !bytes.Equal(v, values[k]) {
				t.Errorf("%.8s: have %d bytes, %v want: %v", k, len(v), found, ok)
			}
			ref, found := d.GetRef(k)
			if found != ok {
				t.Errorf("%.8s: GetRef: have %v want: %v", k, found, ok)
				continue
			}
			if !ok {
				continue
			}
			v := make([]byte, ref.Len())
			if _, err := ref.ReadAt(v, 0); err != nil || !bytes.Equal(v, values[k]) {
				t.Errorf("%.8s: GetRef: have %q %v", k, v, err)
			}
			if _, err := ref.ReadAt(make([]byte, 2), ref.Len()-1); err == nil {
				t.Errorf("%.8s: read past the value's end", k)
			}
		}
	}
	check(d, map[Key]bool{a: true, b: true, c: true})
	if d.Hits() != 6 || d.Misses() != 1 {
		t.Errorf("have %d hits and %d misses want: 6 and 1", d.Hits(), d.Misses())
	}
	check(open(t, dir), map[Key]bool{a: true, b: true, c: true})
	if p, i := files(t, dir, ".pack"), files(t, dir, ".idx"); len(p) != 1 || len(i) != 1 {
		t.Fatalf("have %d packs and %d indexes want: one of each", len(p), len(i))
	}

	pack, idx := files(t, dir, ".pack")[0], files(t, dir, ".idx")[0]
	data, _ := os.ReadFile(pack)
	data[len(values[a])+2] ^= 1 // in b
	os.WriteFile(pack, data, 0o644)
	check(open(t, dir), map[Key]bool{a: true, b: false, c: true})
	os.WriteFile(pack, data[:len(data)-1], 0o644) // c cut short
	check(open(t, dir), map[Key]bool{a: true, b: false, c: false})
	rec, _ := os.ReadFile(idx)
	os.WriteFile(idx, rec[:len(rec)-recordSize-1], 0o644) // b's record cut short, c's gone
	check(open(t, dir), map[Key]bool{a: true, b: false, c: false})
}

// TestLaterValueWins: of two values of one key, in two packs, the later
// pack's is read; a value put again after a miss is read next time.
func TestLaterValueWins(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	k := key(t, "k")
	d1 := open(t, dir)
	d1.Put(k, []byte("one"))
	d2 := open(t, dir)
	d2.Put(k, []byte("two"))
	if v, ok := open(t, dir).Get(k); !ok || string(v) != "two" {
		t.Errorf("have %q %v want: two", v, ok)
	}
}

// TestHasherDelimits: two lists of inputs that join to the same bytes
// make different keys.
func TestHasherDelimits(t *testing.T) {
	if key(t, "ab", "c") == key(t, "a", "bc") {
		t.Error(`"ab","c" and "a","bc" make one key`)
	}
	if key(t, "a") != key(t, "a") {
		t.Error("one input makes two keys")
	}
}

// TestTrim: Open removes, at most once a day, the packs whose values were
// not read for 30 days and packs without an index a day old; a value read
// keeps its pack.
func TestTrim(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	put := func(name string) (Key, string) {
		d, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		k := key(t, name)
		if err := d.Put(k, []byte(name)); err != nil {
			t.Fatal(err)
		}
		return k, filepath.Join(dir, d.w.name)
	}
	_, old := put("old")
	used, usedPack := put("used")
	_, recent := put("recent")
	orphan := filepath.Join(dir, "00000000000000000001-1.pack")
	os.WriteFile(orphan, []byte("x"), 0o644)
	long := time.Now().Add(-40 * 24 * time.Hour)
	for _, f := range []string{old + ".idx", old + ".pack", usedPack + ".idx", usedPack + ".pack", orphan} {
		os.Chtimes(f, long, long)
	}
	d := open(t, dir) // trimmed at the first Open: not again today
	if _, ok := d.Get(used); !ok {
		t.Fatal("no value")
	}
	if _, err := os.Stat(old + ".pack"); err != nil {
		t.Fatal("trimmed twice in a day")
	}
	d.trim(time.Now().Add(25 * time.Hour))
	for f, want := range map[string]bool{old + ".pack": false, old + ".idx": false, usedPack + ".pack": true, recent + ".pack": true, orphan: false} {
		if _, err := os.Stat(f); (err == nil) != want {
			t.Errorf("%s kept: %v want: %v", filepath.Base(f), err == nil, want)
		}
	}
}

// TestConcurrent: processes putting and getting the same keys at once
// read whole values or nothing.
func TestConcurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for round := range 5 {
				d, err := Open(dir)
				if err != nil {
					t.Error(err)
					return
				}
				for i := range 20 {
					k := key(t, fmt.Sprint(i%10))
					value := bytes.Repeat([]byte{byte(i % 10)}, 100000)
					if b, ok := d.Get(k); ok && !bytes.Equal(b, value) {
						t.Errorf("worker %d round %d: a wrong value read", w, round)
					} else if !ok {
						d.Put(k, value)
					}
				}
				d.Close()
			}
		})
	}
	wg.Wait()
	if n := len(files(t, dir, ".pack")); n == 0 || n > 20 {
		t.Errorf("%d packs", n)
	}
	for _, f := range files(t, dir, ".idx") {
		if fi, _ := os.Stat(f); fi.Size()%recordSize != 0 {
			t.Errorf("%s: %d bytes, not whole records", f, fi.Size())
		}
	}
}
