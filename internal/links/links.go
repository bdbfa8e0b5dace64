// Package links resolves and checks what the posts of a site point at:
// links between posts, links to tags, images and other files beside a
// post, and the image that represents a post when it is shared. It reads
// the blog's files, but changes nothing: Resolve returns what it found.
//
//   - A relative link or image ("photo.jpg", "../2019/older.md#why",
//     "../other-bundle/") is resolved from the post's file. A link to another
//     post's Markdown file, or to a bundle's folder, becomes that post's
//     address, as Hugo's ref does; a link to any other file beside the post
//     copies that file to /posts/<slug>/<path from the post's folder> (a file
//     elsewhere under posts/ keeps its path) and points there. Anything
//     else is a problem at the link's path:line:col. Zola's internal links
//     ("@/2021/older.md", from its content folder) are read from posts/.
//   - A link to /posts/<slug>/ or /tags/<tag>/ (or to them on the site's own
//     host) must name a post or a tag of this build: a problem otherwise.
//     A site path ("/posts/x/") gets the base URL's path before it
//     ("/blog/posts/x/") when it lacks it.
//   - Every file of a page bundle (posts/<folder>/index.md) other than
//     Markdown files is copied to /posts/<slug>/, keeping its path.
//   - A file that a post's front matter names (Post.Attachments: a
//     donation's evidence) is resolved and copied as a relative link's,
//     and a problem at its key's line:col when it is not there.
//   - A post's image is its front matter's (Post.Image), else the first
//     image of its body.
//   - Template syntax of other generators is a warning.
package links

import (
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/symlink"
)

// An Input is what Resolve needs of one build.
type Input struct {
	FS  fs.FS  // the blog
	Dir string // its folder of posts: "posts"
	// PagesDir is its folder of standalone pages ("pages"), which Posts
	// may hold too; "" when it has none.
	PagesDir string
	BaseURL  string // the site's base URL: "https://impact.example/blog/"
	Posts    []Post // the posts of the site
	// Bad are the posts left out of the site for their problems: checked
	// all the same, so that one run reports every problem and warning,
	// but a link to one of them is a problem.
	Bad []Post
}

// A Post is what Resolve needs of one post.
type Post struct {
	File     string   // "posts/2021/x.md"
	URL      string   // its address: "/posts/x/"
	Aliases  []string // the site paths of its redirects: "/old/x/"
	Tags     []string // the slugs of its tags
	BodyLine int      // the line of File where the body starts
	Bundle   bool     // File is the index of a page bundle
	Image    string   // the image its front matter names, or ""
	// Attachments are the files beside it that its front matter names:
	// resolved even when Doc is nil.
	Attachments []Attachment
	// Doc is its body as rendered: its references, warnings and first
	// image. Nil when there is nothing in it to resolve or check.
	Doc *markdown.Document
}

// An Attachment is a file that a post's front matter names.
type Attachment struct {
	Key       string // the key that names it, for messages: "evidence"
	Path      string // as written, from the post's folder: "receipt.pdf"
	Line, Col int    // where Path is written in the post's file
}

// A Result is what the posts point at, resolved and checked.
type Result struct {
	Posts    []Resolved   // one for each of Input.Posts, in order
	Assets   []Asset      // the files to copy with the posts, by Name
	Warnings problem.List // sorted
	Problems problem.List
}

// Resolved is what one post points at.
type Resolved struct {
	// Links maps each destination of the post's body that is written
	// otherwise on the site to its address there; nil when there is none.
	// The post's HTML is rendered again with them (markdown.Env.Resolve).
	Links map[string]string
	Image string // absolute URL of the image that represents the post, or ""
	// Attached maps the Path of each of the post's Attachments to its
	// address on the site ("/blog/posts/x/receipt.pdf"); nil when there
	// is none. One that cannot be published is a problem, not here.
	Attached map[string]string
}

// An Asset is a file of the blog copied into the site.
type Asset struct {
	Name string // where it is written: "posts/x/photo.jpg"
	File string // the file of Input.FS it is a copy of
}

// linker holds the addresses of one build.
type linker struct {
	in       Input
	basePath string           // "/" or "/blog/"
	origin   string           // the base URL without its path: "https://impact.example"
	byFile   map[string]*Post // posts of this build by file: byFileMap()
	byDir    map[string]*Post // bundles of this build by folder
	urls     map[string]bool  // every post's address and alias: addresses()
	tags     map[string]bool  // tag slugs: addresses()
	assets   map[string]string
	problems problem.List
}

// The maps of every post's file, address and tags are made only when a
// post has a link that needs them: most rebuilds need none.

func (l *linker) byFileMap() map[string]*Post {
	if l.byFile == nil {
		l.byFile = make(map[string]*Post, len(l.in.Posts))
		for i := range l.in.Posts {
			p := &l.in.Posts[i]
			l.byFile[p.File] = p
		}
	}
	return l.byFile
}

func (l *linker) addresses() {
	if l.urls != nil {
		return
	}
	l.urls, l.tags = make(map[string]bool, len(l.in.Posts)), map[string]bool{}
	for i := range l.in.Posts {
		p := &l.in.Posts[i]
		l.urls[p.URL] = true
		for _, a := range p.Aliases {
			l.urls[a] = true
		}
		for _, t := range p.Tags {
			l.tags[t] = true
		}
	}
}

// origin is the base URL without its path: "https://impact.example".
func origin(baseURL string) string {
	o := strings.TrimSuffix(baseURL, "/")
	if u, err := url.Parse(o); err == nil {
		u.Path, u.RawPath = "", ""
		o = u.String()
	}
	return o
}

type siteRef struct {
	file string
	path string // the site path, without the base path
	dest string
	line int
	col  int
}

// Resolve resolves and checks what the posts point at, and lists the
// files to copy with them.
func Resolve(in Input) Result {
	l := &linker{
		in: in, basePath: basePath(in.BaseURL), origin: origin(in.BaseURL),
		byDir: map[string]*Post{}, assets: map[string]string{},
	}
	all := in.Posts
	if len(in.Bad) > 0 {
		all = append(slices.Clip(in.Posts), in.Bad...)
	}
	for i := range in.Posts {
		if p := &in.Posts[i]; p.Bundle {
			l.byDir[path.Dir(p.File)] = p
		}
	}
	for i := range all {
		if p := &all[i]; p.Bundle {
			l.bundle(p)
		}
	}
	out := Result{Posts: make([]Resolved, len(in.Posts))}
	var pending []siteRef
	for i := range all {
		p := &all[i]
		attached := l.attach(p)
		doc := p.Doc
		if doc == nil {
			if i < len(in.Posts) {
				out.Posts[i].Attached = attached
			}
			continue
		}
		for _, w := range doc.Warnings {
			out.Warnings.Add(p.File, p.BodyLine+w.Line-1, w.Col, "%s", w.Msg)
		}
		var resolved map[string]string // made for the first link that needs it
		resolve := func(dest, to string) {
			if resolved == nil {
				resolved = map[string]string{}
			}
			resolved[dest] = to
		}
		for _, r := range doc.Refs {
			line := p.BodyLine + r.Line - 1
			if r.Relative() {
				if u, ok := l.resolve(p, r.Dest, line, r.Col); ok {
					resolve(r.Dest, u)
				}
				continue
			}
			if sp, ok := l.sitePath(r.Dest); ok {
				pending = append(pending, siteRef{file: p.File, path: sp, dest: r.Dest, line: line, col: r.Col})
				if strings.HasPrefix(r.Dest, "/") && !strings.HasPrefix(r.Dest, l.basePath) {
					resolve(r.Dest, l.full(r.Dest)) // the site lives under the base path
				}
			}
		}
		img := l.image(p, doc.Image, resolved)
		if i < len(in.Posts) {
			out.Posts[i] = Resolved{Links: resolved, Image: img, Attached: attached}
		}
	}
	if len(pending) > 0 {
		l.addresses()
	}
	for _, r := range pending {
		l.check(r)
	}
	names := make([]string, 0, len(l.assets))
	for n := range l.assets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out.Assets = append(out.Assets, Asset{Name: n, File: l.assets[n]})
	}
	out.Warnings.Sort()
	out.Problems = l.problems
	return out
}

// basePath is the path of the base URL: "/" or "/blog/".
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// bundle adds the files of a page bundle to its post's assets.
func (l *linker) bundle(p *Post) {
	fsys, dir := l.in.FS, path.Dir(p.File)
	_ = fs.WalkDir(fsys, dir, func(f string, d fs.DirEntry, err error) error {
		if err != nil || f == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if l.byDir[f] != nil || hasIndex(fsys, f) {
				return fs.SkipDir // another bundle
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Never copied when it leads outside the blog (the walk of
			// posts/ reports it); not listed through when it is a folder.
			if _, out := symlink.Escape(fsys, f); out {
				return nil
			}
			if fi, err := fs.Stat(fsys, f); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		if strings.HasSuffix(f, ".md") || strings.HasSuffix(f, ".markdown") {
			return nil
		}
		if out := l.assetPath(p, f); out != "" {
			l.addAsset(out, f)
		}
		return nil
	})
}

func hasIndex(fsys fs.FS, dir string) bool {
	for _, n := range []string{"index.md", "index.markdown"} {
		if fi, err := fs.Stat(fsys, dir+"/"+n); err == nil && !fi.IsDir() {
			return true
		}
	}
	return false
}

// assetPath is where a file beside post p is copied: under the post's
// address when it is in the post's folder, else at its own path. It is ""
// for a file that would replace the post's page.
func (l *linker) assetPath(p *Post, file string) string {
	dir := path.Dir(p.File)
	if rel, ok := strings.CutPrefix(file, dir+"/"); ok {
		if rel == "index.html" {
			return ""
		}
		return strings.TrimPrefix(p.URL, "/") + rel
	}
	return file
}

func (l *linker) addAsset(out, src string) {
	if _, dup := l.assets[out]; !dup {
		l.assets[out] = src
	}
}

// attach resolves the attachments of post p, as relative links are: the
// addresses of those it can publish, by Path; nil when there is none.
func (l *linker) attach(p *Post) map[string]string {
	var out map[string]string
	for _, a := range p.Attachments {
		target := path.Join(path.Dir(p.File), a.Path)
		if u, ok := l.resolveFile(p, a.Key+" "+a.Path, target, "", a.Line, a.Col); ok {
			if out == nil {
				out = make(map[string]string, len(p.Attachments))
			}
			out[a.Path] = u
		}
	}
	return out
}

// resolve resolves a relative destination of post p, written at line:col,
// into the address it has on the site (with the base path).
func (l *linker) resolve(p *Post, dest string, line, col int) (string, bool) {
	rest, frag := dest, ""
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest, frag = rest[:i], rest[i:]
	}
	target := rest
	if u, err := url.PathUnescape(rest); err == nil {
		target = u
	}
	if zola, ok := strings.CutPrefix(target, "@/"); ok {
		// Zola's internal link: from the content folder, which is posts/ here.
		return l.resolveFile(p, dest, path.Join(l.in.Dir, zola), frag, line, col)
	}
	return l.resolveFile(p, dest, path.Join(path.Dir(p.File), target), frag, line, col)
}

// resolveFile resolves the file target of the blog, which dest (the
// destination as written, for messages) of post p names, written at
// line:col, into its address on the site with frag after it.
func (l *linker) resolveFile(p *Post, dest, target, frag string, line, col int) (string, bool) {
	fsys, posts := l.in.FS, l.in.Dir
	if strings.HasSuffix(target, ".md") || strings.HasSuffix(target, ".markdown") {
		if q := l.byFileMap()[target]; q != nil {
			return l.full(q.URL) + frag, true
		}
		if _, err := fs.Stat(fsys, target); err == nil {
			l.problems.Add(p.File, line, col, "the link to %s points to a post this build leaves out (a draft, a post dated in the future, or one with problems): link to it once it is published", dest)
		} else {
			l.problems.Add(p.File, line, col, "the link to %s points to no post: there is no file %s", dest, target)
		}
		return "", false
	}
	if q := l.byDir[target]; q != nil {
		return l.full(q.URL) + frag, true
	}
	under := func(dir string) bool { return dir != "" && (target == dir || strings.HasPrefix(target, dir+"/")) }
	if !under(posts) && !under(l.in.PagesDir) {
		l.problems.Add(p.File, line, col, "%s points outside %s/, to %s: put the file beside the post, or link to its address on the site", dest, posts, target)
		return "", false
	}
	fi, err := fs.Stat(fsys, target)
	if err == nil || symlink.IsEscape(err) {
		if o, out := symlink.Escape(fsys, target); out {
			l.problems.Add(p.File, line, col, "%s is not published: %s %s: link to a file inside the blog", dest, o.Link, o.Why())
			return "", false
		}
		if err != nil {
			l.problems.Add(p.File, line, col, "%s is not published: it leads outside the blog folder through a symbolic link, and impactblog publishes nothing from outside it: link to a file inside the blog", dest)
			return "", false
		}
	}
	if err != nil || !fi.Mode().IsRegular() {
		l.problems.Add(p.File, line, col, "%s points to %s, which is not there: check the name, or put the file beside the post", dest, target)
		return "", false
	}
	out := l.assetPath(p, target)
	if out == "" {
		l.problems.Add(p.File, line, col, "%s cannot be copied: it would replace the post's page; rename it", target)
		return "", false
	}
	l.addAsset(out, target)
	return l.full("/"+out) + frag, true
}

// full puts the base path before a site path.
func (l *linker) full(sitePath string) string {
	return l.basePath + strings.TrimPrefix(sitePath, "/")
}

// sitePath returns the site path (without the base path) of a destination
// that is a site path or an address on the site's own host.
func (l *linker) sitePath(dest string) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil {
		return "", false
	}
	p := u.Path
	if rest, ok := strings.CutPrefix(p, l.basePath); ok && l.basePath != "/" {
		p = "/" + rest
	}
	return p, strings.HasPrefix(p, "/")
}

// check reports a link to a post or tag that this build does not have.
func (l *linker) check(r siteRef) {
	p := strings.TrimSuffix(r.path, "index.html")
	switch {
	case strings.HasPrefix(p, "/posts/"):
		slash := p
		if !strings.HasSuffix(slash, "/") {
			slash += "/"
		}
		if l.urls[slash] || l.assets[strings.TrimPrefix(p, "/")] != "" {
			return
		}
		slug, _, _ := strings.Cut(strings.TrimPrefix(p, "/posts/"), "/")
		msg := "the link to %s points to no post of this build: "
		if l.urls["/posts/"+slug+"/"] {
			msg += "the post has no file " + strings.TrimPrefix(p, "/posts/"+slug+"/")
		} else {
			msg += "no post has the slug " + slug + " (or it is a draft or dated in the future)"
		}
		l.problems.Add(r.file, r.line, r.col, msg, r.dest)
	case strings.HasPrefix(p, "/tags/"):
		slug, _, _ := strings.Cut(strings.TrimPrefix(p, "/tags/"), "/")
		if slug == "" || l.tags[slug] {
			return
		}
		l.problems.Add(r.file, r.line, r.col, "the link to %s points to no tag: no post of this build has the tag %s", r.dest, slug)
	}
}

// image is the absolute URL of the image that represents post p, or "".
func (l *linker) image(p *Post, first string, resolved map[string]string) string {
	img, fromBody := p.Image, false
	if img == "" {
		img, fromBody = first, true
	}
	origin := l.origin
	switch {
	case img == "":
		return ""
	case strings.HasPrefix(img, "http://") || strings.HasPrefix(img, "https://"):
		return img
	case strings.HasPrefix(img, "//"):
		return "https:" + img
	case strings.HasPrefix(img, "/"):
		return origin + l.full(img)
	case fromBody:
		if u := resolved[img]; u != "" {
			return origin + u
		}
		return ""
	}
	if u, ok := l.resolve(p, img, 0, 0); ok {
		return origin + u
	}
	return ""
}
