package main

import (
	"bytes"
	"image"
	_ "image/jpeg"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/impactblog/impactblog/internal/imaging"
)

// The sample blog's photo: stored on its side (EXIF orientation 6) with a
// GPS block, shown 1200×800 (posts/2023/highlands-saplings.jpg).
const (
	photoPost = "posts/repair-week-2023/"
	photoFile = photoPost + "highlands-saplings"
)

// buildPhotoSite builds the sample blog, with a cache folder of its own,
// and returns the folder it wrote.
func buildPhotoSite(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the images' cache (defaultCacheDir): encoded afresh
	dir := copyBlog(t)
	if code, _, errOut := runCmd(t, "build", "-src", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	return filepath.Join(dir, "public")
}

// TestSamplePhotoPublished: the sample blog's photo is published upright
// (1200×800, landscape) with its two narrower copies, and no image the
// site publishes carries EXIF (so neither an orientation nor a GPS
// position); the build's cache folder is not in the site.
func TestSamplePhotoPublished(t *testing.T) {
	public := buildPhotoSite(t)
	for name, want := range map[string][2]int{
		photoFile + ".jpg":      {1200, 800},
		photoFile + ".480w.jpg": {480, 320},
		photoFile + ".960w.jpg": {960, 640},
	} {
		data, err := os.ReadFile(filepath.Join(public, name))
		if err != nil {
			t.Fatal(err)
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != want[0] || b.Dy() != want[1] {
			t.Errorf("%s: have %v want: %d×%d", name, b, want[0], want[1])
		}
		// Upright: sky at the top, a green hill at the foot.
		if r, g, b, _ := img.At(img.Bounds().Dx()/4, 5).RGBA(); !(b > g && g > r) {
			t.Errorf("%s: the top is not sky", name)
		}
		if r, g, b, _ := img.At(img.Bounds().Dx()/4, img.Bounds().Dy()-5).RGBA(); !(g > r && g > b) {
			t.Errorf("%s: the foot is not a green hill", name)
		}
		if info, err := imaging.Inspect(data); err != nil || info.Orientation != 1 {
			t.Errorf("%s: orientation %d (%v) want: 1, none", name, info.Orientation, err)
		}
	}
	if _, err := os.Stat(filepath.Join(public, photoFile+".1600w.jpg")); err == nil {
		t.Error("a copy 1600 wide of a photo 1200 wide")
	}
	var images int
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".jpg", ".jpeg", ".png":
			images++
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if bytes.Contains(data, []byte("Exif\x00\x00")) || bytes.Contains(data, []byte("eXIf")) {
				t.Errorf("%s is published with EXIF", p)
			}
		}
		if strings.Contains(p, "impactblog"+string(filepath.Separator)+"images") {
			t.Errorf("the image cache is in the site: %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if images < 3 {
		t.Errorf("have %d images in the site want: 3 at least", images)
	}
}

// TestBrowserImages opens the post with the sample photo in Chromium, at
// a phone's width and a desktop's: the browser picks the copy that fits
// from the srcset (480 px wide at 390, 960 at 1280), the caption is under
// it, and the photo it shows is landscape: turned upright when published.
func TestBrowserImages(t *testing.T) {
	ctx := newBrowser(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(buildPhotoSite(t))))
	t.Cleanup(srv.Close)
	const img = `document.querySelector("figure img")`
	for _, tt := range []struct {
		width int64
		copy  string
	}{{390, ".480w.jpg"}, {1280, ".960w.jpg"}} {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(tt.width, 844),
			chromedp.Navigate(srv.URL+"/"+photoPost),
		); err != nil {
			t.Fatal(err)
		}
		waitJS(t, ctx, img+` && `+img+`.complete && `+img+`.naturalWidth > 0`, 10*time.Second, "the photo loaded")
		srcset, err := chromedp.Run(ctx, chromedp.Evaluate[string](img+`.getAttribute("srcset")`))
		if err != nil {
			t.Fatal(err)
		}
		want := "/" + photoFile + ".480w.jpg 480w, /" + photoFile + ".960w.jpg 960w, /" + photoFile + ".jpg 1200w"
		if srcset != want {
			t.Errorf("srcset: have %q want: %q", srcset, want)
		}
		current, err := chromedp.Run(ctx, chromedp.Evaluate[string](img+`.currentSrc`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(current, photoFile+tt.copy) {
			t.Errorf("at %d px the browser shows %s want: %s", tt.width, current, photoFile+tt.copy)
		}
		natural, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[`+img+`.naturalWidth, `+img+`.naturalHeight, `+img+`.width, `+img+`.height]`))
		if err != nil {
			t.Fatal(err)
		}
		if natural[0] <= natural[1] {
			t.Errorf("at %d px the photo is %d×%d: not landscape", tt.width, natural[0], natural[1])
		}
		if shown := natural[2]; shown > int(tt.width) {
			t.Errorf("at %d px the photo is shown %d px wide", tt.width, shown)
		}
		caption, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("figure figcaption").textContent`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(caption, "Saplings on the Highlands planting site") {
			t.Errorf("figcaption: %q", caption)
		}
	}
}
