package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// recipe names how a Cache makes what it keeps: it is hashed with every
// image, so that another recipe (a quality, a kernel, a width) never
// reads what this one wrote.
const recipe = "impactblog imaging 1: catmull-rom, jpeg 80/90, png default\x00"

// A Cache encodes images and keeps what it encoded by the hash of the
// image's content and the recipe: in a folder, where each file is written
// whole (to a temporary name, then renamed) and the folder is always safe
// to delete, or in memory. It is safe for concurrent use; two calls that
// need the same image encoded wait for one decode.
type Cache struct {
	dir     string // "" keeps them in memory
	mu      sync.Mutex
	mem     map[string][]byte // by file name, when dir is ""
	calls   map[string]*call  // images being encoded, by id
	encodes atomic.Int64
}

// call is the encoding of one image's outputs.
type call struct {
	done chan struct{}
	outs map[string][]byte // by kind: "full", "480"…
	err  error
}

// NewCache returns a cache that keeps what it encodes in dir, which it
// makes when it first writes there, or in memory when dir is "".
func NewCache(dir string) *Cache {
	return &Cache{dir: dir, mem: map[string][]byte{}, calls: map[string]*call{}}
}

// Dir is the cache's folder; "" when it keeps its files in memory.
func (c *Cache) Dir() string { return c.dir }

// Encodes counts the images this cache has encoded: what was found in it
// counts none.
func (c *Cache) Encodes() int64 { return c.encodes.Load() }

// Published is the file data as it is published. A JPEG or PNG loses its
// metadata: when upright (orientation 1) its other bytes are kept as they
// are, else it is turned upright and encoded again (JPEG at
// FullJPEGQuality). Any other file is published as it is, but one over
// MaxPixels, which is ErrTooLarge.
func (c *Cache) Published(data []byte) ([]byte, error) {
	info, err := Inspect(data)
	if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	if err != nil {
		// Not an image read here. A JPEG or a PNG that Go cannot
		// decode still loses its metadata, when its structure reads;
		// a file that is neither is published as it is.
		switch {
		case bytes.HasPrefix(data, []byte{0xFF, 0xD8}):
			return stripJPEG(data)
		case bytes.HasPrefix(data, pngSignature):
			return stripPNG(data)
		}
		return data, nil
	}
	switch {
	case !info.Processed():
		return data, nil
	case info.Orientation != 1:
		return c.get(data, info, "full")
	case info.Format == "png":
		return stripPNG(data)
	default:
		return stripJPEG(data)
	}
}

// Resized is a JPEG or PNG data turned upright and made w pixels wide, in
// its own format (JPEG at JPEGQuality): w is one of Widths(its width).
func (c *Cache) Resized(data []byte, w int) ([]byte, error) {
	info, err := Inspect(data)
	if err != nil {
		return nil, err
	}
	if !info.Processed() {
		return nil, fmt.Errorf("%w: only a JPEG or a PNG is resized, not a %s", ErrFormat, info.Format)
	}
	if !slices.Contains(Widths(info.Width), w) {
		return nil, fmt.Errorf("no copy %d pixels wide of an image %d pixels wide: the widths are %v", w, info.Width, Widths(info.Width))
	}
	return c.get(data, info, strconv.Itoa(w))
}

// kinds are the outputs an image needs encoded: "full" when it is to be
// turned, and each of its widths.
func kinds(info Info) []string {
	var out []string
	if info.Orientation != 1 {
		out = append(out, "full")
	}
	for _, w := range Widths(info.Width) {
		out = append(out, strconv.Itoa(w))
	}
	return out
}

func (c *Cache) get(data []byte, info Info, kind string) ([]byte, error) {
	h := sha256.New()
	h.Write([]byte(recipe))
	h.Write(data)
	id := hex.EncodeToString(h.Sum(nil)[:16])
	ext := ".jpg"
	if info.Format == "png" {
		ext = ".png"
	}
	name := func(kind string) string { return id + "-" + kind + ext }
	if b, ok := c.load(name(kind)); ok {
		return b, nil
	}
	c.mu.Lock()
	if cl := c.calls[id]; cl != nil {
		c.mu.Unlock()
		<-cl.done
		if cl.err != nil {
			return nil, cl.err
		}
		if b, ok := cl.outs[kind]; ok {
			return b, nil
		}
		if b, ok := c.load(name(kind)); ok {
			return b, nil
		}
		return nil, fmt.Errorf("no %s copy of the image", kind)
	}
	cl := &call{done: make(chan struct{}), outs: map[string][]byte{}}
	c.calls[id] = cl
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.calls, id)
		c.mu.Unlock()
		close(cl.done)
	}()
	var missing []string
	for _, k := range kinds(info) {
		if b, ok := c.load(name(k)); ok {
			cl.outs[k] = b
		} else {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		cl.err = c.encodeAll(data, info, missing, func(k string, b []byte) {
			cl.outs[k] = b
			c.store(name(k), b)
		})
	}
	if cl.err != nil {
		return nil, cl.err
	}
	b, ok := cl.outs[kind]
	if !ok {
		return nil, fmt.Errorf("no %s copy of the image", kind)
	}
	return b, nil
}

// encodeAll decodes data once and encodes each kind of missing, giving
// each to put. The copies are made from the widest down, each from the
// one before it: a quarter of the work of scaling the whole image each
// time, and the same to the eye.
func (c *Cache) encodeAll(data []byte, info Info, missing []string, put func(kind string, b []byte)) error {
	img, err := decode(data, info)
	if err != nil {
		return err
	}
	want := func(k string) bool { return slices.Contains(missing, k) }
	if want("full") {
		b, err := c.encode(img, info.Format, FullJPEGQuality)
		if err != nil {
			return err
		}
		put("full", b)
	}
	widths := Widths(info.Width)
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		k := strconv.Itoa(w)
		if !slices.ContainsFunc(missing, func(m string) bool { n, _ := strconv.Atoi(m); return n > 0 && n <= w }) {
			break // nothing narrower is missing
		}
		img = resize(img, w)
		if !want(k) {
			continue
		}
		b, err := c.encode(img, info.Format, JPEGQuality)
		if err != nil {
			return err
		}
		put(k, b)
	}
	return nil
}

func (c *Cache) encode(img image.Image, format string, quality int) ([]byte, error) {
	c.encodes.Add(1)
	return encode(img, format, quality)
}

func (c *Cache) load(name string) ([]byte, bool) {
	if c.dir == "" {
		c.mu.Lock()
		defer c.mu.Unlock()
		b, ok := c.mem[name]
		return b, ok
	}
	b, err := os.ReadFile(filepath.Join(c.dir, name))
	return b, err == nil
}

// store keeps b as name. A folder it cannot write to costs only the
// encoding again next time.
func (c *Cache) store(name string, b []byte) {
	if c.dir == "" {
		c.mu.Lock()
		c.mem[name] = b
		c.mu.Unlock()
		return
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(c.dir, ".tmp-"+name+"-*")
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(c.dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}
