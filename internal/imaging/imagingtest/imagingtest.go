// Package imagingtest makes the images the tests of impactblog need:
// JPEG and PNG files with the EXIF metadata a phone writes (an
// orientation, a GPS position).
package imagingtest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// EXIF is an EXIF TIFF structure (little-endian) with an orientation
// (none when 0) and, with gps, a GPS block placing the picture at 57.12°N
// 4.71°W (the Highlands), as a phone writes them.
func EXIF(orientation int, gps bool) []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, "II*\x00"...)
	b = le.AppendUint32(b, 8)
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32
	}
	var ifd0 []entry
	ifd0 = append(ifd0, entry{0x010F, 2, 4, le.Uint32([]byte("Cam\x00"))}) // Make, ASCII
	if orientation != 0 {
		ifd0 = append(ifd0, entry{0x0112, 3, 1, uint32(orientation)})
	}
	gpsAt := 8 + 2 + 12*(len(ifd0)+1) + 4
	if gps {
		ifd0 = append(ifd0, entry{0x8825, 4, 1, uint32(gpsAt)})
	}
	writeIFD := func(b []byte, es []entry) []byte {
		b = le.AppendUint16(b, uint16(len(es)))
		for _, e := range es {
			b = le.AppendUint16(b, e.tag)
			b = le.AppendUint16(b, e.typ)
			b = le.AppendUint32(b, e.count)
			b = le.AppendUint32(b, e.value)
		}
		return le.AppendUint32(b, 0) // no next IFD
	}
	b = writeIFD(b, ifd0)
	if gps {
		// Latitude and longitude: three rationals each, after the GPS IFD.
		dataAt := uint32(len(b) + 2 + 12*4 + 4)
		b = writeIFD(b, []entry{
			{0x0001, 2, 2, le.Uint32([]byte("N\x00\x00\x00"))},
			{0x0002, 5, 3, dataAt},
			{0x0003, 2, 2, le.Uint32([]byte("W\x00\x00\x00"))},
			{0x0004, 5, 3, dataAt + 24},
		})
		for _, r := range [][2]uint32{{57, 1}, {7, 1}, {1234, 100}, {4, 1}, {42, 1}, {3456, 100}} {
			b = le.AppendUint32(b, r[0])
			b = le.AppendUint32(b, r[1])
		}
	}
	return b
}

// WithAPP inserts an application segment (or a comment) after a JPEG's SOI.
func WithAPP(jpg []byte, marker byte, payload []byte) []byte {
	seg := []byte{0xFF, marker}
	seg = binary.BigEndian.AppendUint16(seg, uint16(len(payload)+2))
	seg = append(seg, payload...)
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

// WithEXIF is jpg with an EXIF APP1 segment.
func WithEXIF(jpg []byte, orientation int, gps bool) []byte {
	return WithAPP(jpg, 0xE1, append([]byte("Exif\x00\x00"), EXIF(orientation, gps)...))
}

// PNGChunk is a PNG chunk.
func PNGChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// WithPNGChunk inserts a chunk after a PNG's IHDR.
func WithPNGChunk(p []byte, typ string, data []byte) []byte {
	at := 8 + 12 + 13 // signature, IHDR
	return append(append(append([]byte{}, p[:at]...), PNGChunk(typ, data)...), p[at:]...)
}

// JPEG encodes img at quality 90.
func JPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// PNG encodes img.
func PNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Gradient is a w×h picture: red grows to the right, blue downwards.
func Gradient(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(255 * x / w), 128, uint8(255 * y / h), 255})
		}
	}
	return img
}
