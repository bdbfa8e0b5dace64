package imaging

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"math"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "write the sample blog's photo again (go test ./internal/imaging -run TestSamplePhoto -update)")

// samplePhoto is the sample blog's photo: a phone's JPEG, stored on its
// side with EXIF orientation 6 and a GPS position, as phones write them.
const samplePhoto = "../../posts/2023/highlands-saplings.jpg"

// sampleScene is the photo as it is seen: 1200×800, a pale sky with a
// sun over green hills planted with rows of saplings.
func sampleScene() *image.RGBA {
	const w, h = 1200, 800
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			fx, fy := float64(x), float64(y)
			horizon := 330 + 40*math.Sin(fx/170) + 18*math.Sin(fx/53+1)
			var c color.RGBA
			switch {
			case math.Hypot(fx-930, fy-150) < 55:
				c = color.RGBA{255, 236, 170, 255} // the sun
			case fy < horizon:
				t := fy / horizon
				c = color.RGBA{uint8(140 + 80*t), uint8(185 + 50*t), uint8(230 + 15*t), 255}
			default:
				t := (fy - horizon) / (h - horizon)
				c = color.RGBA{uint8(70 + 40*t), uint8(130 + 30*t), uint8(60 + 10*t), 255}
				// Rows of saplings: small dark triangles, bigger nearer.
				row := math.Floor((fy - horizon) / (14 + 30*t))
				size := 6 + 22*t
				cx := math.Mod(fx+row*37, 3*size)
				if dy := math.Mod(fy-horizon, 14+30*t); dy < size && math.Abs(cx-1.5*size) < (dy/size)*size/2 {
					c = color.RGBA{30, 80, 40, 255}
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// TestSamplePhoto: the sample blog's photo is stored on its side, with
// orientation 6 and a GPS block; what is published of it is upright (sky
// above, hills below) and has no EXIF. With -update it is made again.
func TestSamplePhoto(t *testing.T) {
	if *update {
		scene := sampleScene()
		// Stored turned 90° counterclockwise: orientation 6 shows it
		// turned clockwise, upright.
		b := scene.Bounds()
		stored := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
		for y := range b.Dx() {
			for x := range b.Dy() {
				stored.SetRGBA(x, y, scene.RGBAAt(b.Dx()-1-y, x))
			}
		}
		if err := os.WriteFile(samplePhoto, withEXIF(encodeJPEG(t, stored), 6, true), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(samplePhoto)
	if err != nil {
		t.Fatal(err)
	}
	m, err := jpegMeta(data)
	if err != nil || m.orientation != 6 || !m.gps {
		t.Fatalf("the sample photo: have %+v %v want: orientation 6 and GPS", m, err)
	}
	if info, _ := Inspect(data); info.Width != 1200 || info.Height != 800 {
		t.Errorf("the sample photo is shown %d×%d want: 1200×800", info.Width, info.Height)
	}
	out, err := NewCache("").Published(data)
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := jpegMeta(out); m != (meta{}) || bytes.Contains(out, []byte("Exif")) {
		t.Errorf("published with metadata: %+v", m)
	}
	img, _, err := image.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 800 {
		t.Fatalf("published %v want: 1200×800", b)
	}
	sky, hill := img.At(300, 40), img.At(300, 760)
	if r, g, b, _ := sky.RGBA(); !(b > g && g > r) {
		t.Errorf("the top of the published photo is not sky: %v", sky)
	}
	if r, g, b, _ := hill.RGBA(); !(g > r && g > b) {
		t.Errorf("the foot of the published photo is not a green hill: %v", hill)
	}
}
