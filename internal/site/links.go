package site

import (
	"html/template"
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

// What the posts point at: links between posts, links to tags, images and
// other files beside a post, and the image that represents a post when it
// is shared.
//
//   - A relative link or image ("photo.jpg", "../2019/older.md#why",
//     "../other-bundle/") is resolved from the post's file. A link to another
//     post's Markdown file, or to a bundle's folder, becomes that post's
//     address, as Hugo's ref does; a link to any other file beside the post
//     copies that file to /posts/<slug>/<path from the post's folder> (a file
//     elsewhere under posts/ keeps its path) and points there. Anything
//     else is a problem at the link's path:line:col.
//   - A link to /posts/<slug>/ or /tags/<tag>/ (or to them on the site's own
//     host) must name a post or a tag of this build: a problem otherwise.
//     A site path ("/posts/x/") gets the base URL's path before it
//     ("/blog/posts/x/") when it lacks it.
//   - Every file of a page bundle (posts/<folder>/index.md) other than
//     Markdown files is copied to /posts/<slug>/, keeping its path.
//   - A post's image is, in order: the front matter's image (or the first
//     of images), the same inside extra (Zola) or params (Hugo), else the
//     first image of the body.
//   - A post shows its contents (Post.TOC) when its front matter has
//     toc: true, at the top or inside extra or params.
//   - Template syntax of other generators is a warning (Site.Warnings).

// linked is what resolving the posts' references adds to a site.
type linked struct {
	warnings problem.List
	assets   []File
}

// linker holds the addresses of one build.
type linker struct {
	b        *Builder
	basePath string // "/" or "/blog/"
	origin   string // the base URL without its path: "https://impact.example"
	posts    []*Post
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
		l.byFile = make(map[string]*Post, len(l.posts))
		for _, p := range l.posts {
			l.byFile[p.File] = p
		}
	}
	return l.byFile
}

func (l *linker) addresses() {
	if l.urls != nil {
		return
	}
	l.urls, l.tags = make(map[string]bool, len(l.posts)), map[string]bool{}
	for _, p := range l.posts {
		l.urls[p.URL()] = true
		for _, a := range p.Aliases {
			l.urls[aliasURL(a)] = true
		}
		for i := range p.Tags {
			l.tags[p.TagSlug(i)] = true
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
	p    *Post
	path string // the site path, without the base path
	dest string
	line int
	col  int
}

// link resolves and checks what the posts point at, renders again the
// posts whose relative links resolve to something new, and lists the
// files to copy with them. The posts of bad, left out of the site for
// their problems, are checked likewise, so that one run reports all
// their problems and warnings; the site's links to them are problems.
func (b *Builder) link(posts, bad []*Post) (linked, problem.List) {
	l := &linker{
		b: b, basePath: basePath(b.config.BaseURL), origin: origin(b.config.BaseURL),
		posts: posts, byDir: map[string]*Post{}, assets: map[string]string{},
	}
	var bundles []*Post
	for _, p := range posts {
		if p.entry.bundle {
			l.byDir[path.Dir(p.File)] = p
			bundles = append(bundles, p)
		}
	}
	for _, p := range bad {
		if p.entry.bundle {
			bundles = append(bundles, p)
		}
	}
	var out linked
	for _, p := range bundles {
		l.bundle(p)
	}
	var pending []siteRef
	all := posts
	if len(bad) > 0 {
		all = append(slices.Clip(posts), bad...)
	}
	for i, p := range all {
		e := p.entry
		if e == nil || e.doc == nil || e.unlinked {
			continue
		}
		shown := i < len(posts)
		doc := e.doc
		for _, w := range doc.Warnings {
			out.warnings.Add(p.File, p.BodyLine+w.Line-1, w.Col, "%s", w.Msg)
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
				pending = append(pending, siteRef{p: p, path: sp, dest: r.Dest, line: line, col: r.Col})
				if strings.HasPrefix(r.Dest, "/") && !strings.HasPrefix(r.Dest, l.basePath) {
					resolve(r.Dest, l.full(r.Dest)) // the site lives under the base path
				}
			}
		}
		if len(resolved) > 0 && shown {
			l.render(p, e, resolved)
		}
		if wantsTOC(p.Params) && len(doc.TOC) > 0 {
			p.TOC = template.HTML(doc.TOC)
		}
		p.Image = l.image(p, doc.Image, resolved)
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
		src, fsys := l.assets[n], b.src
		out.assets = append(out.assets, fsFile(n, fsys, src))
	}
	out.warnings.Sort()
	return out, l.problems
}

// isBundle reports whether file is the index of a page bundle.
func isBundle(file string) bool {
	dir, base := path.Split(file)
	return (base == "index.md" || base == "index.markdown") && path.Clean(dir) != PostsDir
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
	dir := path.Dir(p.File)
	_ = fs.WalkDir(l.b.src, dir, func(f string, d fs.DirEntry, err error) error {
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
			if l.byDir[f] != nil || hasIndex(l.b.src, f) {
				return fs.SkipDir // another bundle
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// Never copied when it leads outside the blog (the walk of
			// posts/ reports it); not listed through when it is a folder.
			if _, out := symlink.Escape(l.b.src, f); out {
				return nil
			}
			if fi, err := fs.Stat(l.b.src, f); err != nil || !fi.Mode().IsRegular() {
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
		return strings.TrimPrefix(p.URL(), "/") + rel
	}
	return file
}

func (l *linker) addAsset(out, src string) {
	if _, dup := l.assets[out]; !dup {
		l.assets[out] = src
	}
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
	target = path.Join(path.Dir(p.File), target)
	if strings.HasSuffix(target, ".md") || strings.HasSuffix(target, ".markdown") {
		if q := l.byFileMap()[target]; q != nil {
			return l.full(q.URL()) + frag, true
		}
		if _, err := fs.Stat(l.b.src, target); err == nil {
			l.problems.Add(p.File, line, col, "the link to %s points to a post this build leaves out (a draft, a post dated in the future, or one with problems): link to it once it is published", dest)
		} else {
			l.problems.Add(p.File, line, col, "the link to %s points to no post: there is no file %s", dest, target)
		}
		return "", false
	}
	if q := l.byDir[target]; q != nil {
		return l.full(q.URL()) + frag, true
	}
	if target != PostsDir && !strings.HasPrefix(target, PostsDir+"/") {
		l.problems.Add(p.File, line, col, "%s points outside posts/, to %s: put the file beside the post, or link to its address on the site", dest, target)
		return "", false
	}
	fi, err := fs.Stat(l.b.src, target)
	if err == nil || symlink.IsEscape(err) {
		if o, out := symlink.Escape(l.b.src, target); out {
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
		l.problems.Add(r.p.File, r.line, r.col, msg, r.dest)
	case strings.HasPrefix(p, "/tags/"):
		slug, _, _ := strings.Cut(strings.TrimPrefix(p, "/tags/"), "/")
		if slug == "" || l.tags[slug] {
			return
		}
		l.problems.Add(r.p.File, r.line, r.col, "the link to %s points to no tag: no post of this build has the tag %s", r.dest, slug)
	}
}

// render renders a post again with its relative links resolved, unless it
// was last rendered with the same resolutions.
func (l *linker) render(p *Post, e *entry, resolved map[string]string) {
	keys := make([]string, 0, len(resolved))
	for k := range resolved {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var key strings.Builder
	for _, k := range keys {
		key.WriteString(k + "\x00" + resolved[k] + "\x00")
	}
	p.resolve = func(d string) string { return resolved[d] } // also for a render with figures
	if e.linked == nil || e.linkedKey != key.String() {
		doc, err := l.b.md.RenderWith(p.Body, markdown.Env{Resolve: p.resolve})
		if err != nil {
			l.problems.Add(p.File, p.BodyLine, 0, "rendering Markdown: %v", err)
			return
		}
		e.linked, e.linkedKey = doc, key.String()
	}
	p.setHTML(e.linked.HTML)
}

// image is the absolute URL of the image that represents post p, or "".
func (l *linker) image(p *Post, first string, resolved map[string]string) string {
	img, fromBody := frontImage(p.Params), false
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

// wantsTOC reports whether the front matter asks for the contents: toc:
// true, at the top or inside extra (Zola) or params (Hugo).
func wantsTOC(params map[string]any) bool {
	for _, m := range []any{params, params["extra"], params["params"]} {
		m, _ := m.(map[string]any)
		if toc, _ := m["toc"].(bool); toc {
			return true
		}
	}
	return false
}

// frontImage is the image named in front matter: image, or the first of
// images, at the top or inside extra (Zola) or params (Hugo).
func frontImage(params map[string]any) string {
	for _, m := range []any{params, params["extra"], params["params"]} {
		m, _ := m.(map[string]any)
		if s, ok := m["image"].(string); ok && s != "" {
			return s
		}
		if im, ok := m["image"].(map[string]any); ok { // Jekyll SEO: image: {path: …}
			if s, ok := im["path"].(string); ok && s != "" {
				return s
			}
		}
		if list, ok := m["images"].([]any); ok && len(list) > 0 {
			if s, ok := list[0].(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}
