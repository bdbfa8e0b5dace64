package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/png"
	"slices"
	"strings"
	"sync"
	"testing"
)

// labelled is a 3×2 picture whose pixels are a b c / d e f, each label
// its red value.
func labelled() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i, l := range "abcdef" {
		img.Set(i%3, i/3, color.RGBA{uint8(l), 0, 0, 255})
	}
	return img
}

// labels reads a picture of labelled pixels back: rows separated by "/".
func labels(img image.Image) string {
	var b strings.Builder
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if y > r.Min.Y {
			b.WriteByte('/')
		}
		for x := r.Min.X; x < r.Max.X; x++ {
			red, _, _, _ := img.At(x, y).RGBA()
			b.WriteByte(byte(red >> 8))
		}
	}
	return b.String()
}

// upright is how a picture stored as abc/def is shown for each EXIF
// orientation.
var upright = map[int]string{
	1: "abc/def",
	2: "cba/fed",  // mirrored
	3: "fed/cba",  // turned 180°
	4: "def/abc",  // upside down
	5: "ad/be/cf", // transposed
	6: "da/eb/fc", // turned 90° clockwise
	7: "fc/eb/da", // transverse
	8: "cf/be/ad", // turned 90° counterclockwise
}

func TestOrient(t *testing.T) {
	for o := 1; o <= 8; o++ {
		if have := labels(orient(labelled(), o)); have != upright[o] {
			t.Errorf("orientation %d: have %s want: %s", o, have, upright[o])
		}
	}
}

// TestPublishedTurnsEachOrientation: a PNG (lossless, so pixels can be
// compared) with an eXIf chunk of each orientation is published upright,
// and without the chunk.
func TestPublishedTurnsEachOrientation(t *testing.T) {
	stored := encodePNG(t, labelled())
	for o := 1; o <= 8; o++ {
		data := withPNGChunk(stored, "eXIf", exifTIFF(o, true))
		info, err := Inspect(data)
		if err != nil {
			t.Fatal(err)
		}
		wantW, wantH := 3, 2
		if o >= 5 {
			wantW, wantH = 2, 3
		}
		if info.Orientation != o || info.Width != wantW || info.Height != wantH {
			t.Errorf("orientation %d: Inspect: have %+v want: %d×%d", o, info, wantW, wantH)
		}
		c := NewCache("")
		out, err := c.Published(data)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if have := labels(img); have != upright[o] {
			t.Errorf("orientation %d: published %s want: %s", o, have, upright[o])
		}
		if bytes.Contains(out, []byte("eXIf")) {
			t.Errorf("orientation %d: the eXIf chunk is published", o)
		}
		if wantEncodes := int64(min(1, o-1)); c.Encodes() != wantEncodes {
			t.Errorf("orientation %d: have %d encodes want: %d (an upright PNG loses its chunks as it is)", o, c.Encodes(), wantEncodes)
		}
	}
}

// TestJPEGOrientationAndStripping: a phone's JPEG, turned (6) or not (1),
// with EXIF, GPS, XMP and a comment, is published upright with none of
// them; an upright one keeps its scan's bytes as they are.
func TestJPEGOrientationAndStripping(t *testing.T) {
	plain := encodeJPEG(t, gradient(64, 32))
	phone := func(o int) []byte {
		d := withAPP(plain, 0xFE, []byte("taken at home"))
		d = withAPP(d, 0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"))
		return withEXIF(d, o, true)
	}
	for _, o := range []int{1, 6} {
		data := phone(o)
		m, err := jpegMeta(data)
		if err != nil || m.orientation != o || !m.gps || !m.strip {
			t.Fatalf("orientation %d: the test file's metadata: %+v %v", o, m, err)
		}
		out, err := NewCache("").Published(data)
		if err != nil {
			t.Fatal(err)
		}
		m, err = jpegMeta(out)
		if err != nil || m != (meta{}) {
			t.Errorf("orientation %d: published metadata: have %+v %v want: none", o, m, err)
		}
		for _, s := range []string{"Exif", "xmpmeta", "taken at home"} {
			if bytes.Contains(out, []byte(s)) {
				t.Errorf("orientation %d: %q is published", o, s)
			}
		}
		img, _, err := image.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		wantW := map[int]int{1: 64, 6: 32}[o]
		if img.Bounds().Dx() != wantW {
			t.Errorf("orientation %d: published %v wide want: %d", o, img.Bounds(), wantW)
		}
		if o == 1 && !bytes.Equal(out, plain) {
			t.Errorf("an upright JPEG: the published file is not the file without its metadata (%d bytes, want %d)", len(out), len(plain))
		}
	}
}

// TestStripDropsTrailingPictures: what follows EOI (a multi-picture
// file's preview) is not published.
func TestStripDropsTrailingPictures(t *testing.T) {
	plain := encodeJPEG(t, gradient(16, 16))
	data := append(append([]byte{}, plain...), withEXIF(plain, 1, true)...)
	out, err := stripJPEG(data)
	if err != nil || !bytes.Equal(out, plain) {
		t.Errorf("have %d bytes, %v; want the first picture, %d bytes", len(out), err, len(plain))
	}
}

func TestWidths(t *testing.T) {
	for _, tt := range []struct {
		width int
		want  []int
	}{{3000, []int{480, 960, 1600}}, {1600, []int{480, 960}}, {1200, []int{480, 960}}, {481, []int{480}}, {480, nil}, {100, nil}} {
		if have := Widths(tt.width); !slices.Equal(have, tt.want) {
			t.Errorf("Widths(%d): have %v want: %v", tt.width, have, tt.want)
		}
	}
}

// TestResized: each copy is as wide as asked, in proportion, upright, and
// in the image's format; none is wider than the image.
func TestResized(t *testing.T) {
	stored := withEXIF(encodeJPEG(t, gradient(100, 1500)), 6, true) // shown 1500×100
	c := NewCache("")
	for _, w := range []int{480, 960} {
		out, err := c.Resized(stored, w)
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if format != "jpeg" || cfg.Width != w || cfg.Height != (w*100+750)/1500 {
			t.Errorf("width %d: have %s %d×%d", w, format, cfg.Width, cfg.Height)
		}
		if m, _ := jpegMeta(out); m != (meta{}) {
			t.Errorf("width %d: metadata %+v", w, m)
		}
	}
	if _, err := c.Resized(stored, 1600); err == nil {
		t.Error("a copy 1600 wide of an image 1500 wide: no error")
	}
	p := encodePNG(t, gradient(600, 300))
	out, err := c.Resized(p, 480)
	if err != nil {
		t.Fatal(err)
	}
	if cfg, format, _ := image.DecodeConfig(bytes.NewReader(out)); format != "png" || cfg.Width != 480 || cfg.Height != 240 {
		t.Errorf("PNG: have %s %d×%d want: png 480×240", format, cfg.Width, cfg.Height)
	}
}

// TestCacheHitSkipsEncoding counts encodes: an image's copies are all
// encoded on the first call, once however many ask at once, and a second
// cache on the same folder (the next build) encodes nothing.
func TestCacheHitSkipsEncoding(t *testing.T) {
	dir := t.TempDir()
	data := withEXIF(encodeJPEG(t, gradient(1800, 60)), 3, false)
	want := map[string][]byte{}
	c := NewCache(dir)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, w := range []int{480, 960, 1600, 0} {
		wg.Go(func() {
			var out []byte
			var err error
			if w == 0 {
				out, err = c.Published(data)
			} else {
				out, err = c.Resized(data, w)
			}
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			want[string(rune('0'+w))] = out
			mu.Unlock()
		})
	}
	wg.Wait()
	if c.Encodes() != 4 {
		t.Errorf("first build: have %d encodes want: 4 (the image turned, and three copies)", c.Encodes())
	}
	again := NewCache(dir)
	for _, w := range []int{480, 960, 1600, 0} {
		var out []byte
		var err error
		if w == 0 {
			out, err = again.Published(data)
		} else {
			out, err = again.Resized(data, w)
		}
		if err != nil || !bytes.Equal(out, want[string(rune('0'+w))]) {
			t.Errorf("width %d from the cache: %v, or other bytes", w, err)
		}
	}
	if again.Encodes() != 0 {
		t.Errorf("second build: have %d encodes want: 0", again.Encodes())
	}
	mem := NewCache("")
	for range 2 {
		if _, err := mem.Resized(data, 960); err != nil {
			t.Fatal(err)
		}
	}
	if mem.Encodes() != 4 {
		t.Errorf("in memory, asked twice: have %d encodes want: 4", mem.Encodes())
	}
}

// TestTooLargeIsRefusedBeforeDecoding: headers that claim 100 megapixels,
// with no pixels behind them, are refused by their header alone.
func TestTooLargeIsRefusedBeforeDecoding(t *testing.T) {
	ihdr := binary.BigEndian.AppendUint32(nil, 10000)
	ihdr = binary.BigEndian.AppendUint32(ihdr, 10000)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	bigPNG := append(append([]byte{}, pngSignature...), pngChunk("IHDR", ihdr)...)
	sof := []byte{8, 0x27, 0x10, 0x27, 0x10, 1, 1, 0x11, 0} // 10000×10000, one component
	bigJPEG := append([]byte{0xFF, 0xD8, 0xFF, 0xC0, 0, byte(len(sof) + 2)}, sof...)
	bigJPEG = withAPP(bigJPEG, 0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")) // read to its SOF only
	for name, data := range map[string][]byte{"png": bigPNG, "jpeg": bigJPEG} {
		if _, err := Inspect(data); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: Inspect: have %v want: ErrTooLarge", name, err)
		}
		c := NewCache("")
		if _, err := c.Published(data); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: Published: have %v want: ErrTooLarge", name, err)
		}
		if _, err := c.Resized(data, 480); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: Resized: have %v want: ErrTooLarge", name, err)
		}
	}
}

// TestInspectReaderReadsALongHeader: a header longer than HeaderSize is
// read on to its end.
func TestInspectReaderReadsALongHeader(t *testing.T) {
	data := encodeJPEG(t, gradient(40, 30))
	for range 6 {
		data = withAPP(data, 0xFE, bytes.Repeat([]byte("x"), 60000))
	}
	data = withEXIF(data, 8, false)
	info, err := InspectReader(bytes.NewReader(data))
	if err != nil || info != (Info{Format: "jpeg", Width: 30, Height: 40, Orientation: 8}) {
		t.Errorf("have %+v, %v", info, err)
	}
	if _, err := InspectReader(strings.NewReader("<svg/>")); !errors.Is(err, ErrFormat) {
		t.Errorf("an SVG: have %v want: ErrFormat", err)
	}
}

// FuzzPublished: whatever the file, publishing it returns, and what it
// publishes of a JPEG or PNG has no metadata left.
func FuzzPublished(f *testing.F) {
	f.Add(withEXIF(encodeJPEG(f, gradient(8, 8)), 6, true))
	f.Add(withPNGChunk(encodePNG(f, gradient(8, 8)), "tEXt", []byte("GPS\x00here")))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := NewCache("").Published(data)
		if err != nil {
			return
		}
		if info, err := Inspect(out); err == nil && info.Processed() {
			var m meta
			if info.Format == "jpeg" {
				m, _ = jpegMeta(out)
			} else {
				m, _ = pngMeta(out)
			}
			if m.strip {
				t.Errorf("published with metadata: %+v", m)
			}
		}
	})
}

func BenchmarkResize(b *testing.B) {
	data := withEXIF(encodeJPEG(b, gradient(3000, 2000)), 1, true)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		c := NewCache("")
		if _, err := c.Resized(data, 480); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResizeTurned(b *testing.B) {
	data := withEXIF(encodeJPEG(b, gradient(2000, 3000)), 6, true)
	for b.Loop() {
		c := NewCache("")
		if _, err := c.Resized(data, 480); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPublishedStrip(b *testing.B) {
	data := withEXIF(encodeJPEG(b, gradient(3000, 2000)), 1, true)
	c := NewCache("")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := c.Published(data); err != nil {
			b.Fatal(err)
		}
	}
}
