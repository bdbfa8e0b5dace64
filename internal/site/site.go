// Package site builds the whole blog: it reads every post, checks it, totals
// the figures, renders the pages and writes them out.
//
// # Input
//
// The blog is an fs.FS holding posts/ (any depth; see package post),
// templates/ (optional: any file there replaces the built-in theme's file of
// the same name) and site.toml (optional; see package config).
//
// # Pages
//
// Every page has a Kind; the page table (kinds, in pages.go) gives each
// kind's address, template, whether sitemap.xml lists it, and its place
// in Site.Pages, which is this order. A URL ending in / is written as
// index.html in its folder:
//
//	kind     address                 template      sitemap  shows
//	home     /, /page/N/ (N ≥ 2)     index.html    yes      newest posts first, PostsPerPage a page
//	post     /posts/<slug>/          post.html     yes      one post, its figures and totals
//	alias    <alias>/                (none)        no       a redirect to its post, for each alias
//	tags     /tags/                  tags.html     yes      every tag with its post count
//	tag      /tags/<tag>/ (page/N/)  tag.html      yes      the posts of one tag, paginated
//	archive  /archive/               archive.html  yes      posts by year
//	impact   /impact/                impact.html   yes      the site-wide totals (package report)
//	404      /404.html               404.html      no       the page for an address that is not there
//
// # Other files
//
// Besides its pages (Site.Pages), the site writes files that are not
// templated (Site.Files); Site.Outputs lists both, each not yet
// rendered:
//
//	/feed.xml, /rss.xml        Atom and RSS 2.0 feeds of the 20 newest posts (package feed)
//	/sitemap.xml, /robots.txt  (package feed)
//	/impact.json, /impact.csv  the totals and every entry (package impact)
//	/posts/<slug>/<file>       the files of a page bundle, and files a post links to (links.go)
//	/<file>                    each file of templates/static/, at the site's root
//
// # Templates
//
// Templates are html/template files named after their file, so that an error
// names templates/post.html:12:3. base.html defines "base", the layout;
// every page template defines "title" and "main", and may use the partials
// in templates/partials/. Each page gets a Page (see the type) and the
// functions of funcMap: money, sums, tonnes, date, isodate, abs, rel.
// base.html includes partials/social.html, the OpenGraph and Twitter card
// meta; post.html shows Post.TOC, the contents, when a post asks for it.
//
// partialCached NAME DATA [VARIANT…] renders the template NAME (defined in
// base.html or partials/) once per build and set of variants, as Hugo's
// partialCached does, and gives the same HTML to every later call: for
// what every page, or every page of a kind, shows the same. DATA is the
// page, .Site or a post. base.html renders the site's header (one per kind
// of page, for the current link), footer and feed links so.
//
// # Memory
//
// Every page shows figures totalled over every post, so every post is read
// and its Markdown rendered before the first page is. A Builder that builds
// once (Options.Once, as build, check and totals do) lets each post's
// Markdown go once rendered, and keeps no post's own totals (Post.Totals);
// with Options.SpillDir (build) each post's rendered HTML, summary and
// list item wait in a temporary file rather than in memory (spill.go). A
// post's table of contents is kept only when its front matter asks for it.
// Render writes each file as it renders it when its Writer is a
// publish.StreamWriter (Publish's is), so no page or data file is held whole.
//
// # Determinism
//
// Two builds of the same input write byte-identical files: nothing depends
// on the clock (except which posts are in the future), map order or the
// order in which goroutines finish.
package site

import (
	"context"
	"fmt"
	"hash/maphash"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
)

// PostsDir is the folder of posts in the blog.
const PostsDir = "posts"

// Options change what a build includes.
type Options struct {
	Drafts  bool      // include drafts
	Future  bool      // include posts dated after Now
	BaseURL string    // overrides site.toml's base_url
	Now     time.Time // default: time.Now()
	// Once says the Builder builds once and is dropped: each post's
	// Markdown (post.Post.Body) is let go as soon as it is rendered,
	// unless its figures or links need it rendered again, so that a large
	// blog is never held in memory twice, as text and as HTML.
	Once bool
	// SpillDir, when not empty in a build that runs Once, is a folder on
	// disk where the posts' rendered HTML, summaries and list items are
	// kept, in one temporary file, until their pages are written, rather
	// than in memory (spill.go).
	// The build command gives the folder that holds the output.
	SpillDir string
}

// A Builder builds a blog, again and again: it keeps every post it has read
// and rendered, and reads again only the files it is told have changed.
type Builder struct {
	src   fs.FS // the blog
	theme fs.FS // the built-in theme: a templates/ tree
	opts  Options

	seed      maphash.Seed
	config    *config.Config
	configBad bool           // the last read of site.toml failed
	fixed     *config.Config // when not nil, the config, not read from site.toml (checkWith)
	cfgHash   uint64
	md        *markdown.Renderer
	posts     map[string]*entry // by file: setEntry, deleteEntry
	files     []string          // the keys of posts, sorted; nil when they changed
	ents      []*entry          // the entries of files, in the same order
	slugs     map[string]int    // how many good posts have each slug
	dupSlugs  int               // how many slugs have more than one post
	loaded    bool
	inc       incremental  // what the next build reuses (incremental.go)
	now       time.Time    // of the current build: Options.Now, or the clock's
	warnings  problem.List // of the last build (Warnings)

	// The symbolic links under posts/ that lead outside the blog, by
	// path, and their problems (symlinks.go).
	outside map[string]*problem.Problem

	// The templates, parsed again only when a file under templates/ or
	// site.toml changes.
	tmpl         *templates
	tmplProblems problem.List

	spill *spill // where posts' HTML waits for their pages, or nil (spill.go)

	// One string for each name that posts share (tags, authors,
	// recipients, providers, URLs) however many posts have it: laying out
	// the tags reads a few strings, not one per post, and a large blog
	// holds each name once (internPost).
	names map[string]string
}

// An entry is one post file as last read.
type entry struct {
	hash     uint64
	post     *post.Post
	doc      *markdown.Document
	words    int  // in the post's body, for ReadingTime
	bundle   bool // the file is the index of a page bundle (links.go)
	unlinked bool // nothing for link to do: no warnings, links into the site, image or contents
	problems problem.List
	spilled  span // where doc.HTML went, when it is in b.spill
	summary  span // where doc.Summary went, likewise

	linked    *markdown.Document // doc rendered with its relative links resolved (links.go)
	linkedKey string             // the resolutions linked was rendered with
}

// NewBuilder returns a builder for the blog in src. theme holds the
// built-in templates/ folder, used for every template the blog lacks.
func NewBuilder(src, theme fs.FS, opts Options) *Builder {
	b := &Builder{src: src, theme: theme, opts: opts, seed: maphash.MakeSeed()}
	b.resetPosts(0)
	return b
}

// Build reads the blog and prepares the site; nothing is rendered yet. The
// first call reads every file; later calls read again only the files named in
// changed (slash-separated, relative to the blog's root), or every file when
// changed is nil. The error, if any, is a problem.List.
//
// Build reports every problem it can find in one run: a post with a
// mistake in its front matter is left out of the site, but its links and
// its warnings are still checked. Warnings gives the warnings of the
// build, also when it fails.
func (b *Builder) Build(ctx context.Context, changed []string) (*Site, error) {
	var problems problem.List
	b.warnings = nil
	if b.now = b.opts.Now; b.now.IsZero() {
		b.now = time.Now()
	}
	// A config that did not read is read again until it does: its
	// problems stay on screen until it is fixed.
	cfgChanged := !b.loaded || changed == nil || b.configBad || contains(changed, config.File)
	if cfgChanged {
		cfg, ps := b.readConfig()
		problems = append(problems, ps...)
		b.configBad = len(ps) > 0
		if len(ps) > 0 {
			// Every problem in one run: the posts are checked too,
			// with what of site.toml did read.
			problems = append(problems, b.checkWith(ctx, cfg)...)
			problems.Sort()
			return nil, problems
		}
		if b.opts.BaseURL != "" {
			cfg.BaseURL = strings.TrimSuffix(b.opts.BaseURL, "/") + "/"
		}
		key := *cfg
		key.Rates = nil // rates change only the totals, which every build makes afresh
		h := maphash.Comparable(b.seed, key)
		if h != b.cfgHash {
			// Every post depends on the config (currency, zone, raw HTML).
			b.config, b.cfgHash = cfg, h
			b.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, Figures: true, SiteURL: cfg.BaseURL})
			b.resetPosts(0)
			b.loaded = false
		}
		b.config = cfg
	}
	if !b.loaded || changed == nil {
		if err := b.readAll(ctx); err != nil {
			return nil, err
		}
		b.loaded = true
	} else if err := b.readChanged(ctx, changed); err != nil {
		return nil, err
	}
	loc := locale.New(b.config.Lang)
	if cfgChanged || changed == nil || b.tmpl == nil && b.tmplProblems == nil || slices.ContainsFunc(changed, isTemplate) {
		b.tmpl, b.tmplProblems = loadTemplates(b.src, b.theme, loc, b.config.BaseURL)
	}
	tmpl := b.tmpl
	problems = append(problems, b.tmplProblems...)

	ents := b.sortedEntries()
	now := b.now
	problems = append(problems, b.outsideProblems()...)
	var posts, withFigures []*Post
	var bad []*Post             // left out for their problems: their links are still checked
	var bySlug map[string]*Post // only when two posts share a slug
	if b.dupSlugs > 0 {
		bySlug = map[string]*Post{}
	}
	// The site's posts in one array: one allocation rather than one a post,
	// and the loops over them read memory in order.
	all := make([]Post, len(ents))
	var warnings problem.List // of the front matter of every post, published or not (package post)
	for i, e := range ents {
		problems = append(problems, e.problems...)
		if e.post != nil {
			warnings = append(warnings, e.post.Warnings...)
		}
		if !e.good() {
			if e.post != nil {
				bad = append(bad, &Post{Post: e.post, entry: e, words: e.words})
			}
			continue
		}
		p := e.post
		if bySlug != nil {
			if other, dup := bySlug[p.Slug]; dup {
				at := p.Keys.At("slug")
				problems.Add(p.File, at.Line, at.Col, "slug %q is also the slug of %s: give one of them another slug (slug: …)", p.Slug, other.File)
				bad = append(bad, &Post{Post: p, entry: e, words: e.words})
				continue
			}
		}
		sp := &all[i]
		sp.Post, sp.words, sp.entry = p, e.words, e
		sp.spilled, sp.summary.spilled = e.spilled, e.summary
		if e.doc != nil {
			sp.content, sp.summary.text = template.HTML(e.doc.HTML), e.doc.Summary
		}
		if bySlug != nil {
			bySlug[p.Slug] = sp
		}
		if p.Draft && !b.opts.Drafts || p.Date.After(now) && !b.opts.Future {
			continue
		}
		if e.doc != nil && e.doc.Figures > 0 {
			withFigures = append(withFigures, sp) // rendered again once the totals are known
		}
		posts = append(posts, sp)
	}
	problems = append(problems, checkAliases(posts)...)
	// Resolving the links and laying out the site touch different fields
	// of the posts: one core each. newSite sorts its list, so link gets
	// its own.
	var s *Site
	var layout sync.WaitGroup
	unsorted := slices.Clone(posts)
	prev := b.lastSite()
	layout.Go(func() { s = newSite(b.config, loc, posts, tmpl, prev, b.opts.Once) })
	extra, ps := b.link(unsorted, bad)
	layout.Wait()
	problems = append(problems, ps...)
	if len(warnings) > 0 {
		extra.warnings = append(extra.warnings, warnings...)
		extra.warnings.Sort()
	}
	b.warnings = extra.warnings
	s.assets = extra.assets
	problems = append(problems, s.problems...) // a missing rate
	problems = append(problems, s.aliasClashes()...)
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	b.inc.last = s
	s.Warnings, s.spill = extra.warnings, b.spill
	s.renderFigures(b.md, withFigures)
	if len(s.problems) > 0 {
		s.problems.Sort()
		return nil, s.problems
	}
	return s, nil
}

// Warnings are the warnings of the last Build, whether it failed or not:
// what is shown, but perhaps not as its writer meant. A Site that builds
// has the same in Site.Warnings.
func (b *Builder) Warnings() problem.List { return b.warnings }

// The posts as read are kept in a map by file, a sorted list of the files
// with their entries, and a count of the posts of each slug, so that a
// rebuild after one edit neither sorts nor looks up every file again.

// good reports whether the entry is a post without problems.
func (e *entry) good() bool { return e.post != nil && len(e.problems) == 0 }

func (b *Builder) resetPosts(n int) {
	b.posts, b.files, b.ents = make(map[string]*entry, n), nil, nil
	b.slugs, b.dupSlugs = make(map[string]int, n), 0
}

func (b *Builder) setEntry(file string, e *entry) {
	old, ok := b.posts[file]
	if ok && old == e {
		return
	}
	if ok {
		b.countSlug(old, -1)
		if i, found := slices.BinarySearch(b.files, file); found {
			b.ents[i] = e
		}
	} else {
		b.files, b.ents = nil, nil // a new file
	}
	b.posts[file] = e
	b.countSlug(e, +1)
}

func (b *Builder) deleteEntry(file string) {
	if old, ok := b.posts[file]; ok {
		b.countSlug(old, -1)
		delete(b.posts, file)
		b.files, b.ents = nil, nil
	}
}

func (b *Builder) countSlug(e *entry, delta int) {
	if !e.good() {
		return
	}
	slug := e.post.Slug
	n := b.slugs[slug]
	switch {
	case delta > 0 && n == 1, delta < 0 && n == 2:
		b.dupSlugs += delta
	}
	if n += delta; n > 0 {
		b.slugs[slug] = n
	} else {
		delete(b.slugs, slug)
	}
}

// sortedEntries lists the entries of b.posts in the order of their files.
func (b *Builder) sortedEntries() []*entry {
	if b.files == nil {
		b.files = make([]string, 0, len(b.posts))
		for f := range b.posts {
			b.files = append(b.files, f)
		}
		sort.Strings(b.files)
		b.ents = make([]*entry, len(b.files))
		for i, f := range b.files {
			b.ents[i] = b.posts[f]
		}
	}
	return b.ents
}

func isTemplate(name string) bool {
	return name == TemplatesDir || strings.HasPrefix(name, TemplatesDir+"/")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (b *Builder) readConfig() (*config.Config, problem.List) {
	if b.fixed != nil {
		return b.fixed, nil
	}
	if o, ok := escape(b.src, config.File); ok {
		return nil, problem.List{o.problem()}
	}
	src, err := fs.ReadFile(b.src, config.File)
	if err != nil {
		if isEscape(err) {
			return nil, problem.List{escapeProblem(b.src, config.File)}
		}
		if errorsIsNotExist(err) {
			c := config.DefaultConfig()
			if err := c.Validate(); err != nil {
				return nil, problem.From(config.File, err)
			}
			return c, nil
		}
		return nil, problem.List{problem.New(config.File, 0, 0, "reading: %v", err)}
	}
	return config.Parse(src)
}

// checkWith builds the blog once more with cfg, the part of a site.toml
// with problems that did read, for the problems and warnings of the posts
// and templates: a site.toml mistake does not hide them. It finds nothing
// when cfg is nil, or has no currency, which every figure needs.
func (b *Builder) checkWith(ctx context.Context, cfg *config.Config) problem.List {
	if cfg == nil || cfg.Cur.Code == "" || b.fixed != nil {
		return nil
	}
	nb := NewBuilder(b.src, b.theme, b.opts)
	nb.fixed = cfg
	_, err := nb.Build(ctx, nil)
	b.warnings = nb.warnings
	var out problem.List
	for _, p := range problem.From("", err) {
		if p.File != config.File {
			out = append(out, p)
		}
	}
	return out
}

// readAll reads every post under posts/.
func (b *Builder) readAll(ctx context.Context) error {
	files, links, err := b.walkPosts(PostsDir)
	if err != nil {
		return fmt.Errorf("reading %s: %w", PostsDir, err)
	}
	b.outside = links
	old := b.posts
	b.resetPosts(len(files))
	return b.read(ctx, files, old)
}

// walkPosts lists the posts under root, posts/ or a folder inside it, and
// the symbolic links there that lead outside the blog, which it does not
// follow (symlinks.go). A link inside the blog is read when it names a
// post; a folder it names is not listed through it.
func (b *Builder) walkPosts(root string) (files []string, links map[string]*problem.Problem, err error) {
	links = map[string]*problem.Problem{}
	if o, ok := escape(b.src, root); ok {
		links[o.link] = o.problem()
		return nil, links, nil
	}
	err = fs.WalkDir(b.src, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			switch {
			case p == root && errorsIsNotExist(err):
				return fs.SkipDir
			case isEscape(err):
				links[p] = escapeProblem(b.src, p)
				return nil
			}
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if o, ok := escape(b.src, p); ok {
				links[p] = o.problem()
				return nil
			}
		}
		if post.IsPost(d.Name()) {
			files = append(files, p)
		}
		return nil
	})
	return files, links, err
}

// outsideProblems are the problems of the links that lead outside the
// blog, sorted.
func (b *Builder) outsideProblems() problem.List {
	if len(b.outside) == 0 {
		return nil
	}
	list := make(problem.List, 0, len(b.outside))
	for _, p := range b.outside {
		list = append(list, p)
	}
	list.Sort()
	return list
}

// readChanged reads the changed files again, and drops the deleted ones.
func (b *Builder) readChanged(ctx context.Context, changed []string) error {
	var files []string
	if b.outside == nil {
		b.outside = map[string]*problem.Problem{}
	}
	under := func(f, c string) bool { return f == c || strings.HasPrefix(f, c+"/") }
	for _, c := range changed {
		if c != PostsDir && !strings.HasPrefix(c, PostsDir+"/") {
			continue
		}
		for f := range b.outside {
			if under(f, c) {
				delete(b.outside, f) // found again below if still there
			}
		}
		o, out := escape(b.src, c)
		fi, err := fs.Stat(b.src, c)
		switch {
		case out || err != nil:
			// Gone: the file, or a whole folder of posts; or it leads
			// outside the blog now.
			for f := range b.posts {
				if under(f, c) {
					b.deleteEntry(f)
				}
			}
			if out {
				b.outside[o.link] = o.problem()
			} else if isEscape(err) {
				b.outside[c] = escapeProblem(b.src, c)
			}
		case fi.IsDir():
			more, links, err := b.walkPosts(c)
			if err != nil {
				return fmt.Errorf("reading %s: %w", c, err)
			}
			files = append(files, more...)
			maps.Copy(b.outside, links)
		case post.IsPost(c):
			files = append(files, c)
		}
	}
	return b.read(ctx, files, b.posts)
}

// read reads and renders files in parallel into b.posts, reusing the
// entries of old whose content has not changed.
func (b *Builder) read(ctx context.Context, files []string, old map[string]*entry) error {
	if b.opts.Once && b.opts.SpillDir != "" && b.spill == nil {
		b.spill, _ = newSpill(b.opts.SpillDir) // when it cannot be made, HTML stays in memory
	}
	results := make([]*entry, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = b.readOne(files[i], old[files[i]])
			}
		})
	}
	var err error
	for i := range files {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return err
	}
	for i, f := range files {
		if e := results[i]; e != old[f] && e.post != nil {
			b.internPost(e.post)
		}
		b.setEntry(f, results[i])
	}
	return nil
}

// internPost replaces the names p shares with other posts (tags,
// authors, recipients, providers and their URLs) with the Builder's copy
// of each, so that a large blog holds each name once. Projects and scopes
// are free text, more often each post's own: a copy of them would cost
// more than it saves.
func (b *Builder) internPost(p *post.Post) {
	for _, list := range [][]string{p.Tags, p.TagSlugs, p.Authors} {
		for i := range list {
			b.intern(&list[i])
		}
	}
	for i := range p.Donations {
		d := &p.Donations[i]
		b.intern(&d.Recipient, &d.URL)
	}
	for i := range p.Offsets {
		o := &p.Offsets[i]
		b.intern(&o.Provider)
	}
}

// intern replaces each string with the Builder's copy of it.
func (b *Builder) intern(list ...*string) {
	if b.names == nil {
		b.names = map[string]string{}
	}
	for _, s := range list {
		if c, ok := b.names[*s]; ok {
			*s = c
		} else {
			b.names[*s] = *s
		}
	}
}

func (b *Builder) readOne(file string, old *entry) *entry {
	src, pr := readPost(b.src, file)
	if pr != nil {
		return &entry{problems: problem.List{pr}}
	}
	h := maphash.Bytes(b.seed, src)
	if old != nil && old.hash == h {
		return old
	}
	p, problems := post.Parse(file, src, post.Options{Currency: b.config.Cur, Location: b.config.Location, Now: b.now})
	e := &entry{hash: h, post: p, problems: problems, bundle: isBundle(file)}
	if p != nil && len(problems) > 0 {
		// Left out of the site, but its text is read: its links and
		// warnings are checked all the same (link).
		if doc, err := b.md.Render(p.Body); err == nil {
			doc.HTML, doc.Summary, doc.TOC = "", "", nil
			e.doc = doc
			e.problems = append(e.problems, figureProblems(p, doc)...)
			e.unlinked = len(doc.Warnings) == 0 && len(doc.Refs) == 0 && doc.Image == "" && frontImage(p.Params) == ""
		} else {
			e.problems = append(e.problems, problem.New(file, p.BodyLine, 0, "rendering Markdown: %v", err))
		}
		p.Body = nil
		return e
	}
	if p != nil {
		doc, err := b.md.Render(p.Body)
		if err != nil {
			e.problems = append(e.problems, problem.New(file, p.BodyLine, 0, "rendering Markdown: %v", err))
		}
		e.doc = doc
		if doc != nil {
			b.lighten(e, p, doc)
		}
		e.problems = append(e.problems, figureProblems(p, doc)...)
		e.words = countWords(p.Body) // once per read, in parallel
		e.unlinked = doc != nil && len(doc.Warnings) == 0 && len(doc.Refs) == 0 && doc.Image == "" &&
			!wantsTOC(p.Params) && frontImage(p.Params) == ""
		if b.opts.Once && doc != nil && doc.Figures == 0 && len(doc.Refs) == 0 {
			p.Body = nil // nothing renders it again (see renderFigures and links.go)
		}
		if b.opts.Once && e.unlinked && doc.Figures == 0 && doc.HTML == "" && doc.Summary == "" && len(e.problems) == 0 {
			e.doc = nil // nothing in it is needed again: its HTML and summary wait in the spill
		}
	}
	return e
}

// readPost reads a post's file, or gives the problem that stops it being
// read: a file larger than post.MaxFileSize is refused before it is read.
func readPost(fsys fs.FS, file string) ([]byte, *problem.Problem) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, readProblem(fsys, file, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, readProblem(fsys, file, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, problem.New(file, 0, 0, "is not a file (%s): a post is a Markdown file; move it out of posts/", fi.Mode().Type())
	}
	if fi.Size() > post.MaxFileSize {
		return nil, tooLarge(file, fi.Size())
	}
	// Read up to one byte past the limit, should the file have grown
	// since it was looked at.
	src := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if len(src) > post.MaxFileSize {
			return nil, tooLarge(file, -1)
		}
		if err == io.EOF {
			return src, nil
		}
		if err != nil {
			return nil, readProblem(fsys, file, err)
		}
		if len(src) == cap(src) {
			src = slices.Grow(src, min(cap(src), post.MaxFileSize+1-len(src)))
		}
	}
}

// tooLarge is the problem of a post file of size bytes (-1: more than
// it looked), past post.MaxFileSize.
func tooLarge(file string, size int64) *problem.Problem {
	const mb = 1 << 20
	is := fmt.Sprintf("is %.1f MB", float64(size)/mb)
	if size < 0 {
		is = fmt.Sprintf("grew past %d MB as it was read", post.MaxFileSize/mb)
	}
	return problem.New(file, 0, 0, "the file %s; a post may be at most %d MB: split it into several posts, and keep large data in a file beside it", is, post.MaxFileSize/mb)
}

// lighten drops from doc what the post does not show (the summary when
// the front matter has one, the contents unless it asks for them) and
// moves its HTML and summary to the spill, when the Builder has one.
func (b *Builder) lighten(e *entry, p *post.Post, doc *markdown.Document) {
	if p.Summary != "" {
		doc.Summary = "" // the front matter's is shown (Post.Summary)
	}
	if !wantsTOC(p.Params) {
		doc.TOC = nil // only shown when asked for (links.go)
	}
	if b.spill == nil {
		return
	}
	if doc.HTML != "" {
		if sp, err := b.spill.put(doc.HTML); err == nil {
			e.spilled, doc.HTML = sp, ""
		}
	}
	if doc.Summary != "" {
		if sp, err := b.spill.put(doc.Summary); err == nil {
			e.summary, doc.Summary = sp, ""
		}
	}
}

func checkAliases(posts []*Post) problem.List {
	if !slices.ContainsFunc(posts, func(p *Post) bool { return len(p.Aliases) > 0 }) {
		return nil
	}
	var problems problem.List
	seen := make(map[string]string, len(posts))
	for _, p := range posts {
		seen[p.URL()] = p.File
	}
	for _, p := range posts {
		for _, a := range p.Aliases {
			u := aliasURL(a)
			if u == "" {
				at := p.Keys.At("aliases")
				problems.Add(p.File, at.Line, at.Col, "alias %q is not a path on the site: write it as /old/path/", a)
				continue
			}
			if other, dup := seen[u]; dup {
				at := p.Keys.At("aliases")
				problems.Add(p.File, at.Line, at.Col, "alias %s is already the address of %s: remove it", u, other)
				continue
			}
			seen[u] = p.File
		}
	}
	return problems
}

// aliasClashes reports aliases whose redirect page would be written where
// the site writes a file of its own, or another alias its own: the same
// file (/index.html, /impact/, /feed.xml…), a folder where a file is
// (/feed.xml/, /.impactblog/, a file copied with a post), or a file where a
// folder is. Build reports them, so check does too.
func (s *Site) aliasClashes() problem.List {
	if !slices.ContainsFunc(s.pages, func(p *Page) bool { return p.Kind == KindAlias }) {
		return nil
	}
	files := make(map[string]string, len(s.pages)) // what writes each file
	dirs := map[string]bool{}                      // the folders of those files
	take := func(name, what string) {
		files[name] = what
		for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	take(publish.Marker, "the file that marks the folder as impactblog's")
	for _, p := range s.pages {
		if p.Kind != KindAlias {
			take(outputPath(p.URL), "a page of the site")
		}
	}
	for _, f := range s.Files() {
		take(f.Name, "a file of the site")
	}
	var problems problem.List
	for _, p := range s.pages {
		if p.Kind != KindAlias {
			continue
		}
		out := outputPath(p.URL)
		over := out
		what, clash := files[out]
		if !clash && dirs[out] {
			what, clash = "a folder of the site", true
		}
		for d := path.Dir(out); !clash && d != "."; d = path.Dir(d) {
			what, clash = files[d]
			over = d
		}
		if clash {
			at := p.Post.Keys.At("aliases")
			problems.Add(p.Post.File, at.Line, at.Col, "alias %s would be written where the site has %s (%s): remove it, or give it another path", p.URL, what, over)
			continue
		}
		take(out, "the redirect of another alias")
	}
	return problems
}

// aliasURL cleans an alias into a site path ending in / (or .html).
func aliasURL(a string) string {
	if strings.Contains(a, "://") || strings.ContainsAny(a, "?#\\") || a == "" {
		return ""
	}
	u := path.Clean("/" + a)
	if u == "/" || strings.Contains(u, "..") {
		return ""
	}
	if path.Ext(u) != ".html" {
		u += "/"
	}
	return u
}

// totalsOf computes the totals of the posts, converted at rates when not
// nil, with impact.ComputeOf or impact.SumOf: the totals point at the
// posts' own donations and offsets.
func totalsOf(rates *impact.Rates, posts []*Post, compute func(*impact.Rates, int, []*impact.Donation, []*impact.Offset) (*impact.Totals, error)) (*impact.Totals, error) {
	var ds []*impact.Donation
	var os []*impact.Offset
	for _, p := range posts {
		for i := range p.Donations {
			ds = append(ds, &p.Donations[i])
		}
		for i := range p.Offsets {
			os = append(os, &p.Offsets[i])
		}
	}
	return compute(rates, len(posts), ds, os)
}
