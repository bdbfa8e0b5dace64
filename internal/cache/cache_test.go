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

// TestGetWhatWasPut: a value reads back as it was put; one cut short,
// made longer or damaged does not read, and is a miss.
func TestGetWhatWasPut(t *testing.T) {
	d, err := Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	k := key(t, "a")
	if _, ok := d.Get(k); ok {
		t.Fatal("a value before any was put")
	}
	value := bytes.Repeat([]byte("value "), 1000)
	if err := d.Put(k, value); err != nil {
		t.Fatal(err)
	}
	if b, ok := d.Get(k); !ok || !bytes.Equal(b, value) {
		t.Fatalf("have %d bytes, %v want: the value", len(b), ok)
	}
	if d.Hits() != 1 || d.Misses() != 1 {
		t.Errorf("have %d hits and %d misses want: 1 and 1", d.Hits(), d.Misses())
	}
	file := d.file(k)
	whole, _ := os.ReadFile(file)
	for name, data := range map[string][]byte{
		"cut short": whole[:len(whole)-1],
		"longer":    append(bytes.Clone(whole), 'x'),
		"damaged":   append(bytes.Clone(whole[:len(whole)-1]), whole[len(whole)-1]^1),
		"empty":     nil,
		"not ours":  []byte("hello"),
	} {
		os.WriteFile(file, data, 0o644)
		if b, ok := d.Get(k); ok {
			t.Errorf("%s: read %d bytes", name, len(b))
		}
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

// TestTrim: Open removes the values unused for 30 days, at most once a
// day; a value read is used, and kept.
func TestTrim(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	d, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	old, used, recent := key(t, "old"), key(t, "used"), key(t, "recent")
	for _, k := range []Key{old, used, recent} {
		d.Put(k, []byte(k.String()))
	}
	long := time.Now().Add(-40 * 24 * time.Hour)
	os.Chtimes(d.file(old), long, long)
	os.Chtimes(d.file(used), long, long)
	if _, ok := d.Get(used); !ok {
		t.Fatal("no value")
	}
	d.trim(time.Now()) // trimmed at Open: not again today
	if _, err := os.Stat(d.file(old)); err != nil {
		t.Fatal("trimmed twice in a day")
	}
	d.trim(time.Now().Add(25 * time.Hour))
	for k, want := range map[Key]bool{old: false, used: true, recent: true} {
		if _, err := os.Stat(d.file(k)); (err == nil) != want {
			t.Errorf("%s kept: %v want: %v", k, err == nil, want)
		}
	}
}

// TestConcurrent: builds putting and getting the same keys at once read
// whole values or nothing.
func TestConcurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			d, err := Open(dir)
			if err != nil {
				t.Error(err)
				return
			}
			for i := range 50 {
				k := key(t, fmt.Sprint(i%10))
				value := bytes.Repeat([]byte{byte(i % 10)}, 100000)
				if b, ok := d.Get(k); ok && !bytes.Equal(b, value) {
					t.Errorf("worker %d: a wrong value read", w)
				}
				d.Put(k, value)
			}
		})
	}
	wg.Wait()
}
