// Package imaging prepares the images a blog publishes.
//
//   - Inspect reads an image's format, size and EXIF orientation from its
//     header, without decoding its pixels: what a page needs for an
//     <img>'s width and height.
//   - An image is untrusted input: one whose pixels would pass MaxPixels,
//     or whose file passes MaxBytes, is refused (ErrTooLarge) before any
//     pixel is decoded.
//   - Cache.Published is a JPEG or PNG file as it is published: without its
//     metadata (EXIF with its GPS position, XMP, IPTC, comments, PNG text
//     chunks) and turned upright as its EXIF orientation says. An upright
//     file loses its metadata without being encoded again (its other bytes
//     are kept as they are); a file to turn is decoded, turned and encoded
//     again.
//   - Cache.Resized is a narrower copy of a JPEG or PNG, in its own
//     format, for an <img>'s srcset: Widths lists the widths an image
//     gets, never wider than the image.
//   - A Cache keeps what it encodes by the content's hash, in a folder of
//     its own or in memory, so that a second build encodes nothing.
//
// GIF and WebP files are read for their size, and published as they are.
//
// # Why JPEG and PNG, and no WebP
//
// The only WebP encoder for Go without cgo that writes lossy WebP runs
// libwebp compiled to WebAssembly (gen2brain/webp: an interpreter and a
// blob of C in the binary, kept by one person); nativewebp, the encoder
// Hugo considered, writes lossless WebP only, several times larger than
// a JPEG of a photo (gohugoio/hugo#13870, #13440). Hugo itself encodes
// WebP with libwebp through cgo. So copies are JPEG (quality
// JPEGQuality) and PNG, which every browser shows.
package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // DecodeConfig: the size of a GIF
	_ "image/jpeg" // DecodeConfig and Decode
	_ "image/png"  // DecodeConfig and Decode
	"io"

	_ "golang.org/x/image/webp" // DecodeConfig: the size of a WebP
)

// The bounds of what an image may cost.
const (
	// MaxPixels is the most pixels an image may have: 50 megapixels,
	// 200 MB once decoded.
	MaxPixels = 50_000_000
	// MaxBytes is the largest image file read.
	MaxBytes = 256 << 20
)

// The widths of the narrower copies of an image (Widths), and the
// qualities they are encoded at.
var DefaultWidths = []int{480, 960, 1600}

const (
	JPEGQuality     = 80 // of a narrower copy
	FullJPEGQuality = 90 // of a whole image turned upright
)

var (
	// ErrTooLarge is an image over MaxPixels or MaxBytes.
	ErrTooLarge = errors.New("image too large")
	// ErrFormat is a file that is not an image of a format read here.
	ErrFormat = errors.New("not a JPEG, PNG, GIF or WebP image")
)

// Info is what an image's header says.
type Info struct {
	Format string // "jpeg", "png", "gif" or "webp"
	// Width and Height are the image's size as shown: after its
	// orientation, which swaps them for 5 to 8.
	Width, Height int
	Orientation   int // EXIF orientation, 1 to 8; 1 when it has none
}

// Processed reports whether the image is one that Cache.Published and
// Cache.Resized read: a JPEG or a PNG.
func (i Info) Processed() bool { return i.Format == "jpeg" || i.Format == "png" }

// Inspect reads the header of an image: data is the file, or its first
// bytes (a header cut short is io.ErrUnexpectedEOF). No pixel is decoded.
func Inspect(data []byte) (Info, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return Info{}, ErrFormat
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return Info{}, io.ErrUnexpectedEOF
		}
		return Info{}, fmt.Errorf("reading its header: %w", err)
	}
	if err := checkPixels(cfg.Width, cfg.Height); err != nil {
		return Info{}, err
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	var m meta
	switch format {
	case "jpeg":
		m, err = jpegMeta(data)
	case "png":
		m, err = pngMeta(data)
	}
	if err != nil {
		return Info{}, err
	}
	if m.orientation >= 1 && m.orientation <= 8 {
		info.Orientation = m.orientation
	}
	if info.Orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// HeaderSize is how much of a file InspectReader reads first.
const HeaderSize = 256 << 10

// InspectReader is Inspect of the file r reads: its first HeaderSize
// bytes, and the rest (up to MaxBytes) only when its header is longer.
func InspectReader(r io.Reader) (Info, error) {
	head, err := io.ReadAll(io.LimitReader(r, HeaderSize))
	if err != nil {
		return Info{}, err
	}
	info, err := Inspect(head)
	if !errors.Is(err, io.ErrUnexpectedEOF) || len(head) < HeaderSize {
		return info, err
	}
	rest, err := ReadAll(r)
	if err != nil {
		return Info{}, err
	}
	return Inspect(append(head, rest...))
}

// ReadAll reads r to its end, refusing more than MaxBytes.
func ReadAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("%w: more than %d MiB", ErrTooLarge, MaxBytes>>20)
	}
	return data, nil
}

func checkPixels(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: it is %d×%d pixels", ErrFormat, w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return fmt.Errorf("%w: %d×%d pixels is more than the %d megapixels impactblog decodes", ErrTooLarge, w, h, MaxPixels/1_000_000)
	}
	return nil
}

// Widths are the widths of the narrower copies of an image width pixels
// wide: those of DefaultWidths narrower than it. None is ever wider.
func Widths(width int) []int {
	var out []int
	for _, w := range DefaultWidths {
		if w < width {
			out = append(out, w)
		}
	}
	return out
}
