package imaging

import (
	"image"
	"testing"

	"github.com/impactblog/impactblog/internal/imaging/imagingtest"
)

// The test images (package imagingtest), by shorter names.

func exifTIFF(orientation int, gps bool) []byte { return imagingtest.EXIF(orientation, gps) }

func withAPP(jpg []byte, marker byte, payload []byte) []byte {
	return imagingtest.WithAPP(jpg, marker, payload)
}

func withEXIF(jpg []byte, orientation int, gps bool) []byte {
	return imagingtest.WithEXIF(jpg, orientation, gps)
}

func pngChunk(typ string, data []byte) []byte { return imagingtest.PNGChunk(typ, data) }

func withPNGChunk(p []byte, typ string, data []byte) []byte {
	return imagingtest.WithPNGChunk(p, typ, data)
}

func encodeJPEG(t testing.TB, img image.Image) []byte { return imagingtest.JPEG(t, img) }

func encodePNG(t testing.TB, img image.Image) []byte { return imagingtest.PNG(t, img) }

func gradient(w, h int) *image.RGBA { return imagingtest.Gradient(w, h) }
