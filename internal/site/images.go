package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/impactblog/impactblog/internal/imaging"
	"github.com/impactblog/impactblog/internal/links"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/theme"
)

// Images.
//
// An image that a post or a page shows, ![alt](x.jpg), and that the site
// publishes (a file of its bundle or beside it, package links, or a file
// of templates/static/ named by its site path, ![alt](/x.jpg)) is read
// for its size (package imaging: its header only, every build; a file
// whose size and time are those of the last build is not read again).
// Its <img> gets its width and height, and, for a JPEG or a PNG wider than
// 480 pixels, a srcset of its narrower copies, each published beside it:
//
//	/posts/x/photo.jpg         the image itself, at its own width (the src)
//	/posts/x/photo.480w.jpg    480, 960 and 1600 pixels wide, the widths
//	/posts/x/photo.960w.jpg    narrower than the image (imaging.Widths)
//
// with sizes saying that it is as wide as a post's text (ImageSizes).
//
// Every JPEG and PNG the site publishes, shown or not (a bundle's files,
// a donation's receipt, templates/static/), is published without its
// metadata: EXIF with its GPS position, XMP, IPTC, comments; a photo
// turned by its EXIF orientation is published turned upright
// (imaging.Cache.Published). The original file is never published as it
// is.
//
// An image over imaging.MaxPixels or imaging.MaxBytes is a problem at its
// path, found from its header before any pixel is decoded. An image whose
// header does not read (cut short, or broken) is a warning where the post
// shows it, and is published as it is, but for its metadata; a file that
// is no image at all (an SVG) is published as it is.
//
// Encoding happens when the files are written (Render), on every core,
// and what is encoded is kept in Options.CacheDir/images/ by the hash of
// the image's content, so that the next build, or serve, encodes none of
// it again; without a CacheDir, in memory, for the Builder's life. The
// HTML depends only on the images' headers: a build and serve write the
// same pages whatever the cache holds.

// ImageSizes is the sizes attribute of a post's images: the theme's
// text column (style.css: .content is at most 42rem wide, with 1rem on
// either side on a phone).
const ImageSizes = "(max-width: 44rem) calc(100vw - 2rem), 42rem"

// imageState is what a Builder keeps of images from one build to the
// next: the cache of encoded images, and the header of each image read.
type imageState struct {
	cache *imaging.Cache
	mu    sync.Mutex
	seen  map[string]imageSeen // by file of the blog (or static/<name>)
}

type imageSeen struct {
	size int64
	mod  time.Time
	info imaging.Info
	err  error
}

// imageCacheDir is where a Builder keeps encoded images: the images/
// folder of Options.CacheDir, or "" (in memory).
func imageCacheDir(dir string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "images")
}

// imaging is the Builder's image state, made on first use.
func (b *Builder) imaging() *imageState {
	if b.inc.images == nil {
		b.inc.images = &imageState{cache: imaging.NewCache(imageCacheDir(b.opts.CacheDir)), seen: map[string]imageSeen{}}
	}
	return b.inc.images
}

// inspect reads the header of the image file of fsys, or takes the last
// build's when its size and time are the same. A file system that gives
// no time (a test's) is read every time.
func (st *imageState) inspect(fsys fs.FS, file, key string) (imaging.Info, error) {
	fi, err := fs.Stat(fsys, file)
	if err != nil {
		return imaging.Info{}, err
	}
	st.mu.Lock()
	s, ok := st.seen[key]
	st.mu.Unlock()
	if ok && !fi.ModTime().IsZero() && s.size == fi.Size() && s.mod.Equal(fi.ModTime()) {
		return s.info, s.err
	}
	f, err := fsys.Open(file)
	if err != nil {
		return imaging.Info{}, err
	}
	info, err := imaging.InspectReader(f)
	f.Close()
	st.mu.Lock()
	st.seen[key] = imageSeen{size: fi.Size(), mod: fi.ModTime(), info: info, err: err}
	st.mu.Unlock()
	return info, err
}

// publishImages adds to out the files package links found to copy with
// the posts (res.Assets), each JPEG and PNG of templates/static/ (which
// Files leaves to it), and the narrower copies of the images the posts
// show, with their problems and warnings. It returns, for each post, what
// the site knows of its images, by destination; nil for a post with none.
func (b *Builder) publishImages(res links.Result, posts []*Post, out *linked) []map[string]*markdown.Image {
	st := b.imaging()
	for _, a := range res.Assets {
		out.assets = append(out.assets, st.publishedFile(a.Name, b.src, a.File, a.File))
	}
	var static map[string]fs.FS
	if b.tmpl != nil {
		static = b.tmpl.Static
		names := make([]string, 0, len(static))
		for n := range static {
			if isStrippedName(n) {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			out.assets = append(out.assets, st.publishedFile(n, static[n], "static/"+n, theme.Dir+"/static/"+n))
		}
	}
	shown := b.images(res, posts, static)
	out.assets = append(out.assets, shown.files...)
	out.problems = append(out.problems, shown.problems...)
	if len(shown.warnings) > 0 {
		out.warnings = append(out.warnings, shown.warnings...)
		out.warnings.Sort()
	}
	return shown.byPost
}

// staticByImages reports whether Files leaves the theme's static file
// name to publishImages: a JPEG or a PNG, published without metadata.
func staticByImages(name string) bool { return isStrippedName(name) }

// imageKey adds images to the key of a post's rendering (relink).
func imageKey(key *strings.Builder, images map[string]*markdown.Image) {
	dests := make([]string, 0, len(images))
	for d := range images {
		dests = append(dests, d)
	}
	sort.Strings(dests)
	for _, d := range dests {
		im := images[d]
		fmt.Fprintf(key, "img\x00%s\x00%d\x00%d\x00%s\x00", d, im.Width, im.Height, im.Sizes)
		for _, c := range im.Srcset {
			fmt.Fprintf(key, "%s %d\x00", c.URL, c.Width)
		}
	}
}

// imageOf is markdown.Env.Image for images: nil when it is empty.
func imageOf(images map[string]*markdown.Image) func(string) *markdown.Image {
	if images == nil {
		return nil
	}
	return func(d string) *markdown.Image { return images[d] }
}

// shownImages is what the images the posts show give a build.
type shownImages struct {
	byPost   []map[string]*markdown.Image // for each post, its images by destination; nil: none known
	files    []publish.File               // the narrower copies to publish
	problems problem.List
	warnings problem.List
}

// imageSource is a published file that may be an image.
type imageSource struct {
	fsys fs.FS
	file string // in fsys
	key  string // for messages and imageState: the path in the blog
}

// images finds what the site knows of each image the posts show, and
// the narrower copies to publish. res is what package links resolved for
// posts; static are the theme's static files.
func (b *Builder) images(res links.Result, posts []*Post, static map[string]fs.FS) shownImages {
	out := shownImages{byPost: make([]map[string]*markdown.Image, len(posts))}
	base := basePathOf(b.config.BaseURL)
	assets := make(map[string]string, len(res.Assets))
	for _, a := range res.Assets {
		assets[a.Name] = a.File
	}
	// source is the published file named name ("posts/x/photo.jpg").
	source := func(name string) (imageSource, bool) {
		if f, ok := assets[name]; ok {
			return imageSource{b.src, f, f}, true
		}
		if fsys, ok := static[name]; ok {
			return imageSource{fsys, "static/" + name, theme.Dir + "/static/" + name}, true
		}
		return imageSource{}, false
	}
	st := b.imaging()
	type copyOf struct {
		src imageSource
		w   int
	}
	copies := map[string]copyOf{}
	refused := map[string]bool{}
	for i, p := range posts {
		e := p.entry
		if e == nil || e.Doc == nil || i >= len(res.Posts) {
			continue
		}
		for _, r := range e.Doc.Refs {
			if !r.Image {
				continue
			}
			name, ok := publishedName(r, res.Posts[i].Links, base)
			if !ok {
				continue
			}
			src, ok := source(name)
			if !ok {
				continue
			}
			info, err := st.inspect(src.fsys, src.file, src.key)
			if err != nil {
				switch {
				case errors.Is(err, imaging.ErrTooLarge):
					if !refused[src.key] {
						refused[src.key] = true
						out.problems.Add(src.key, 0, 0, "%v: make it smaller (a photo for the web needs 2000 pixels across at most), or link to it rather than show it", err)
					}
				case !errors.Is(err, imaging.ErrFormat):
					out.warnings.Add(p.File, p.BodyLine+r.Line-1, r.Col, "%s is not an image impactblog can read (%v): it is published as it is, without its width and height", r.Dest, err)
				}
				continue
			}
			self := base + name
			im := &markdown.Image{Width: info.Width, Height: info.Height}
			if info.Processed() {
				for _, w := range imaging.Widths(info.Width) {
					n := copyName(name, w)
					copies[n] = copyOf{src, w}
					im.Srcset = append(im.Srcset, markdown.Source{URL: base + n, Width: w})
				}
				if im.Srcset != nil {
					im.Srcset = append(im.Srcset, markdown.Source{URL: self, Width: info.Width})
					im.Sizes = ImageSizes
				}
			}
			if out.byPost[i] == nil {
				out.byPost[i] = map[string]*markdown.Image{}
			}
			out.byPost[i][r.Dest] = im
		}
	}
	names := make([]string, 0, len(copies))
	for n := range copies {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := copies[n]
		if _, taken := source(n); taken {
			out.problems.Add(c.src.key, 0, 0, "its copy %d pixels wide would be published as %s, which is another file's name: rename one of them", c.w, n)
			continue
		}
		out.files = append(out.files, publish.File{Name: n, Write: st.resizedWriter(c.src, c.w)})
	}
	return out
}

// publishedName is the name of the published file that ref, an image of
// a post whose relative destinations resolved to links, shows.
func publishedName(r markdown.Ref, links map[string]string, base string) (string, bool) {
	u := r.Dest
	if r.Relative() {
		if u = links[r.Dest]; u == "" {
			return "", false
		}
	}
	pu, err := url.Parse(u)
	if err != nil {
		return "", false
	}
	name, ok := strings.CutPrefix(pu.Path, base)
	if !ok {
		name, ok = strings.CutPrefix(pu.Path, "/") // a site path written without the base path
	}
	return name, ok && name != ""
}

// copyName is the name of the copy w pixels wide of the image name:
// "posts/x/photo.jpg" → "posts/x/photo.480w.jpg".
func copyName(name string, w int) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + strconv.Itoa(w) + "w" + ext
}

// isStrippedName reports whether the file name is one published without
// its metadata: a JPEG or a PNG.
func isStrippedName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// resizedWriter writes the copy w pixels wide of the image src.
func (st *imageState) resizedWriter(src imageSource, w int) func(io.Writer) error {
	return func(out io.Writer) error {
		data, err := readImage(src)
		if err != nil {
			return err
		}
		b, err := st.cache.Resized(data, w)
		if err != nil {
			return imageProblem(src, err)
		}
		_, err = out.Write(b)
		return err
	}
}

// publishedFile is the file name of the site, a copy of file of fsys: a
// JPEG or a PNG without its metadata and upright (imaging), anything else
// as it is. key names it in problems.
func (st *imageState) publishedFile(name string, fsys fs.FS, file, key string) publish.File {
	if !isStrippedName(file) {
		return publish.CopyFile(name, fsys, file)
	}
	src := imageSource{fsys, file, key}
	return publish.File{Name: name, Write: func(out io.Writer) error {
		data, err := readImage(src)
		if err != nil {
			return err
		}
		b, err := st.cache.Published(data)
		if err != nil {
			return imageProblem(src, err)
		}
		_, err = out.Write(b)
		return err
	}}
}

func readImage(src imageSource) ([]byte, error) {
	f, err := src.fsys.Open(src.file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := imaging.ReadAll(f)
	if err != nil {
		return nil, imageProblem(src, err)
	}
	return data, nil
}

// imageProblem is err, which an image gave, as a problem at its path.
func imageProblem(src imageSource, err error) error {
	return problem.List{problem.New(src.key, 0, 0, "%v", err)}
}

// basePathOf is the path of the base URL: "/" or "/blog/".
func basePathOf(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}
