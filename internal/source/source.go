// Package source reads the posts of a blog, and reads again only the
// files it is told have changed: package site's Builder builds from what
// it has read.
//
// The posts are the files under posts/ (Dir), at any depth, that package
// post takes for posts; a file or folder whose name starts with a dot is
// skipped, and a symbolic link that leads outside the blog is not
// followed but reported (package symlink). A post file is at most
// post.MaxFileSize bytes, refused before it is read.
//
// Each file read is an Entry: the post parsed (package post), its
// Markdown rendered (package markdown), the words of its body counted,
// and its problems at their line and column. A file whose content has not
// changed keeps its Entry, rendering and all. The names posts share (tags,
// authors, recipients, providers) are held once however many posts have
// them.
//
// A Reader that reads once (Options.Once) lets go of what nothing needs
// again: a post's Markdown (post.Post.Body) unless its figures in prose
// or its links make it rendered again, and its rendered document unless
// its links, image or contents are still to be resolved (package links).
// With Options.SpillDir too, each post's HTML and summary wait in a
// temporary file, a Spill, rather than in memory.
//
// With Options.Cache, what a post without problems renders and reviews to
// is kept on disk between builds, by its bytes and the settings it is read
// with, and taken from there rather than made again (cache.go).
package source

import (
	"context"
	"errors"
	"fmt"
	"github.com/impactblog/impactblog/internal/review"
	"hash/maphash"
	"io"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/impactblog/impactblog/internal/cache"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/symlink"
)

// Dir is the folder of posts in the blog.
const Dir = "posts"

// Options change what a Reader keeps.
type Options struct {
	// Once says the posts are read once, for one build: each post's
	// Markdown is let go as soon as it is rendered, unless its figures
	// or links need it rendered again.
	Once bool
	// SpillDir, when not empty in a Reader that reads Once, is a folder
	// on disk where the posts' rendered HTML and summaries are kept, in
	// one temporary file (Spill), rather than in memory.
	SpillDir string
	// Dir is the folder read: Dir (posts) when empty; "pages" for the
	// standalone pages, read by a Reader of their own.
	Dir string
	// Cache, when not nil, keeps what each post renders and reviews to
	// between builds, by its bytes and Parse.Settings (cache.go).
	Cache *cache.Dir
}

// Parse is how a post is read: its front matter's options and the
// renderer of its Markdown. A Reader given other ones must be Reset first,
// or it keeps the entries it read with the last ones.
type Parse struct {
	Post     post.Options
	Markdown *markdown.Renderer
	// Review, when not nil, checks each post's words as it is read
	// (package review), into Entry.Review: the Renderer must then list
	// the prose (markdown.Options.Prose).
	Review *review.Options
	// Settings names every setting that Markdown and Review render and
	// review a post with (the site's settings), for the cache's keys: it
	// must change whenever they would render or review a post otherwise.
	// Without it, nothing is cached.
	Settings string
}

// A Reader reads the posts of a blog, again and again: it keeps every post
// it has read, and reads again only the files it is told have changed.
//
// The posts as read are kept in a map by file, a sorted list of the files
// with their entries, and a count of the posts of each slug, so that a
// rebuild after one edit neither sorts nor looks up every file again.
type Reader struct {
	fsys fs.FS
	opts Options
	seed maphash.Seed

	posts    map[string]*Entry // by file: setEntry, deleteEntry
	files    []string          // the keys of posts, sorted; nil when they changed
	ents     []*Entry          // the entries of files, in the same order
	slugs    map[string]int    // how many good posts have each slug
	dupSlugs int               // how many slugs have more than one post

	// The symbolic links under posts/ that lead outside the blog, by
	// path, and their problems (package symlink).
	outside map[string]*problem.Problem

	spill *Spill // where posts' HTML waits for their pages, or nil

	// One string for each name that posts share (tags, authors,
	// recipients, providers, URLs) however many posts have it: laying out
	// the tags reads a few strings, not one per post, and a large blog
	// holds each name once (internPost).
	names map[string]string
}

// An Entry is one post file as last read.
type Entry struct {
	Post     *post.Post // nil when the file did not parse
	Doc      *markdown.Document
	Words    int  // in the post's body, for its reading time
	Bundle   bool // the file is the index of a page bundle (package links)
	Unlinked bool // nothing for package links to do: no warnings, links into the site, image or contents
	Problems problem.List
	Review   *review.Post // what Parse.Review found; nil without it
	HTML     Stored       // Doc.HTML, in memory or in the Reader's Spill (lighten)
	Summary  Stored       // Doc.Summary, likewise

	// Linked is Doc rendered again with its relative links resolved,
	// and LinkedKey the resolutions it was rendered with: package site
	// keeps them here, for as long as the file does not change.
	Linked    *markdown.Document
	LinkedKey string

	hash uint64
}

// review checks the words of the post, and lets go of its prose.
func (e *Entry) review(how Parse, p *post.Post, doc *markdown.Document) {
	if how.Review != nil {
		e.Review = review.Read(p, doc.Prose, *how.Review)
		e.Problems = append(e.Problems, e.Review.Problems...)
	}
	doc.Prose = nil
}

// Good reports whether the entry is a post without problems.
func (e *Entry) Good() bool { return e.Post != nil && len(e.Problems) == 0 }

// New returns a Reader of the posts of fsys.
func New(fsys fs.FS, opts Options) *Reader {
	r := &Reader{fsys: fsys, opts: opts, seed: maphash.MakeSeed()}
	r.reset(0)
	return r
}

// Reset forgets every post read: the next read reads every file again.
func (r *Reader) Reset() { r.reset(0) }

// Entries lists the entries of the posts read, in the order of their files.
func (r *Reader) Entries() []*Entry {
	if r.files == nil {
		r.files = make([]string, 0, len(r.posts))
		for f := range r.posts {
			r.files = append(r.files, f)
		}
		sort.Strings(r.files)
		r.ents = make([]*Entry, len(r.files))
		for i, f := range r.files {
			r.ents[i] = r.posts[f]
		}
	}
	return r.ents
}

// SharedSlugs reports whether two good posts have the same slug.
func (r *Reader) SharedSlugs() bool { return r.dupSlugs > 0 }

// Spill is where the posts' HTML waits for their pages, or nil.
func (r *Reader) Spill() *Spill { return r.spill }

func (r *Reader) reset(n int) {
	r.posts, r.files, r.ents = make(map[string]*Entry, n), nil, nil
	r.slugs, r.dupSlugs = make(map[string]int, n), 0
}

func (r *Reader) setEntry(file string, e *Entry) {
	old, ok := r.posts[file]
	if ok && old == e {
		return
	}
	if ok {
		r.countSlug(old, -1)
		if i, found := slices.BinarySearch(r.files, file); found {
			r.ents[i] = e
		}
	} else {
		r.files, r.ents = nil, nil // a new file
	}
	r.posts[file] = e
	r.countSlug(e, +1)
}

func (r *Reader) deleteEntry(file string) {
	if old, ok := r.posts[file]; ok {
		r.countSlug(old, -1)
		delete(r.posts, file)
		r.files, r.ents = nil, nil
	}
}

func (r *Reader) countSlug(e *Entry, delta int) {
	if !e.Good() {
		return
	}
	slug := e.Post.Slug
	n := r.slugs[slug]
	switch {
	case delta > 0 && n == 1, delta < 0 && n == 2:
		r.dupSlugs += delta
	}
	if n += delta; n > 0 {
		r.slugs[slug] = n
	} else {
		delete(r.slugs, slug)
	}
}

// ReadAll reads every post under posts/, reusing the entries of the
// files whose content has not changed.
func (r *Reader) ReadAll(ctx context.Context, how Parse) error {
	files, links, err := r.walkPosts(r.dir())
	if err != nil {
		return fmt.Errorf("reading %s: %w", r.dir(), err)
	}
	r.outside = links
	old := r.posts
	r.reset(len(files))
	return r.read(ctx, how, files, old)
}

// walkPosts lists the posts under root, posts/ or a folder inside it, and
// the symbolic links there that lead outside the blog, which it does not
// follow (package symlink). A link inside the blog is read when it names a
// post; a folder it names is not listed through it.
func (r *Reader) walkPosts(root string) (files []string, links map[string]*problem.Problem, err error) {
	links = map[string]*problem.Problem{}
	if o, ok := symlink.Escape(r.fsys, root); ok {
		links[o.Link] = o.Problem()
		return nil, links, nil
	}
	err = fs.WalkDir(r.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			switch {
			case p == root && errors.Is(err, fs.ErrNotExist):
				return fs.SkipDir
			case symlink.IsEscape(err):
				links[p] = symlink.EscapeProblem(r.fsys, p)
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
			if o, ok := symlink.Escape(r.fsys, p); ok {
				links[p] = o.Problem()
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

// Outside are the problems of the symbolic links that lead outside the
// blog, sorted.
func (r *Reader) Outside() problem.List {
	if len(r.outside) == 0 {
		return nil
	}
	list := make(problem.List, 0, len(r.outside))
	for _, p := range r.outside {
		list = append(list, p)
	}
	list.Sort()
	return list
}

// ReadChanged reads the changed files again (slash-separated, relative to
// the blog's root: a post, or a folder of posts), and drops the deleted
// ones. Files outside posts/ are ignored.
func (r *Reader) ReadChanged(ctx context.Context, how Parse, changed []string) error {
	var files []string
	if r.outside == nil {
		r.outside = map[string]*problem.Problem{}
	}
	under := func(f, c string) bool { return f == c || strings.HasPrefix(f, c+"/") }
	for _, c := range changed {
		if dir := r.dir(); c != dir && !strings.HasPrefix(c, dir+"/") {
			continue
		}
		for f := range r.outside {
			if under(f, c) {
				delete(r.outside, f) // found again below if still there
			}
		}
		o, out := symlink.Escape(r.fsys, c)
		fi, err := fs.Stat(r.fsys, c)
		switch {
		case out || err != nil:
			// Gone: the file, or a whole folder of posts; or it leads
			// outside the blog now.
			for f := range r.posts {
				if under(f, c) {
					r.deleteEntry(f)
				}
			}
			if out {
				r.outside[o.Link] = o.Problem()
			} else if symlink.IsEscape(err) {
				r.outside[c] = symlink.EscapeProblem(r.fsys, c)
			}
		case fi.IsDir():
			more, links, err := r.walkPosts(c)
			if err != nil {
				return fmt.Errorf("reading %s: %w", c, err)
			}
			files = append(files, more...)
			maps.Copy(r.outside, links)
		case post.IsPost(c):
			files = append(files, c)
		}
	}
	return r.read(ctx, how, files, r.posts)
}

// read reads and renders files in parallel into r.posts, reusing the
// entries of old whose content has not changed.
func (r *Reader) read(ctx context.Context, how Parse, files []string, old map[string]*Entry) error {
	if r.opts.Once && r.opts.SpillDir != "" && r.spill == nil {
		r.spill, _ = newSpill(r.opts.SpillDir) // when it cannot be made, HTML stays in memory
	}
	results := make([]*Entry, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = r.readOne(how, files[i], old[files[i]])
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
		if e := results[i]; e != old[f] && e.Post != nil {
			r.internPost(e.Post)
		}
		r.setEntry(f, results[i])
	}
	return nil
}

// internPost replaces the names p shares with other posts (tags,
// authors, recipients, providers and their URLs) with the Reader's copy
// of each, so that a large blog holds each name once. Projects and scopes
// are free text, more often each post's own: a copy of them would cost
// more than it saves.
func (r *Reader) internPost(p *post.Post) {
	for _, list := range [][]string{p.Tags, p.TagSlugs, p.Authors} {
		for i := range list {
			r.intern(&list[i])
		}
	}
	for i := range p.Donations {
		d := &p.Donations[i]
		r.intern(&d.Recipient, &d.URL)
	}
	for i := range p.Offsets {
		o := &p.Offsets[i]
		r.intern(&o.Provider)
	}
}

// intern replaces each string with the Reader's copy of it.
func (r *Reader) intern(list ...*string) {
	if r.names == nil {
		r.names = map[string]string{}
	}
	for _, s := range list {
		if c, ok := r.names[*s]; ok {
			*s = c
		} else {
			r.names[*s] = *s
		}
	}
}

func (r *Reader) readOne(how Parse, file string, old *Entry) *Entry {
	src, pr := readPost(r.fsys, file)
	if pr != nil {
		return &Entry{Problems: problem.List{pr}}
	}
	h := maphash.Bytes(r.seed, src)
	if old != nil && old.hash == h {
		return old
	}
	p, problems := post.Parse(file, src, how.Post)
	e := &Entry{hash: h, Post: p, Problems: problems, Bundle: isBundle(r.dir(), file)}
	if p != nil && len(problems) > 0 {
		// Left out of the site, but its text is read: its links and
		// warnings are checked all the same (package links).
		if doc, err := how.Markdown.Render(p.Body); err == nil {
			doc.HTML, doc.Summary, doc.TOC = "", "", nil
			e.review(how, p, doc)
			e.Doc = doc
			e.Problems = append(e.Problems, FigureProblems(p, doc)...)
			e.Unlinked = len(doc.Warnings) == 0 && len(doc.Refs) == 0 && doc.Image == "" && p.Image == ""
		} else {
			e.Problems = append(e.Problems, problem.New(file, p.BodyLine, 0, "rendering Markdown: %v", err))
		}
		p.Body = nil
		return e
	}
	if p != nil {
		doc, pk := r.render(e, how, p, src)
		e.Doc = doc
		if doc != nil {
			r.lighten(e, p, doc, pk)
		}
		e.Problems = append(e.Problems, FigureProblems(p, doc)...)
		e.Unlinked = doc != nil && len(doc.Warnings) == 0 && len(doc.Refs) == 0 && doc.Image == "" &&
			!p.TOC && p.Image == ""
		if r.opts.Once && doc != nil && doc.Figures == 0 && len(doc.Refs) == 0 {
			p.Body = nil // nothing renders it again: no figures in prose, no links to resolve
		}
		if r.opts.Once && e.Unlinked && doc.Figures == 0 && len(e.Problems) == 0 {
			e.Doc = nil // nothing in it is needed again: its HTML and summary are in e (lighten)
		}
	}
	return e
}

// dir is the folder the Reader reads.
func (r *Reader) dir() string {
	if r.opts.Dir != "" {
		return r.opts.Dir
	}
	return Dir
}

// isBundle reports whether file, under root, is the index of a page bundle.
func isBundle(root, file string) bool {
	dir, base := path.Split(file)
	return (base == "index.md" || base == "index.markdown") && path.Clean(dir) != root
}

// readPost reads a post's file, or gives the problem that stops it being
// read: a file larger than post.MaxFileSize is refused before it is read.
func readPost(fsys fs.FS, file string) ([]byte, *problem.Problem) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, symlink.ReadProblem(fsys, file, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, symlink.ReadProblem(fsys, file, err)
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
			return nil, symlink.ReadProblem(fsys, file, err)
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
// moves its HTML and summary into e, in the spill when the Reader has one,
// or where they are in the cache (pk, not nil then: cache.go).
func (r *Reader) lighten(e *Entry, p *post.Post, doc *markdown.Document, pk *packed) {
	if p.Summary != "" {
		doc.Summary = "" // the front matter's is shown (post.Post.Summary)
		if pk != nil {
			pk.summary = Mem("")
		}
	}
	if !p.TOC {
		doc.TOC = nil // only shown when asked for (post.Post.TOC)
	}
	if pk != nil {
		e.HTML, e.Summary = pk.html, pk.summary
	} else {
		e.HTML, e.Summary = r.spill.Store(doc.HTML), r.spill.Store(doc.Summary)
	}
	doc.HTML, doc.Summary = "", ""
}

// FigureProblems are the problems of a post's figures in prose, at their
// line and column in the post's file.
func FigureProblems(p *post.Post, doc *markdown.Document) problem.List {
	if doc == nil {
		return nil
	}
	var list problem.List
	for _, fp := range doc.Problems {
		list.Add(p.File, p.BodyLine+fp.Line-1, fp.Col, "%v", fp.Err)
	}
	return list
}

// CountWords counts the runs of non-space characters in b, as
// strings.Fields would, without making them.
func CountWords(b []byte) int {
	n, in := 0, false
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		i += size
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
