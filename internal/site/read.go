package site

import (
	"context"
	"fmt"
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

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/symlink"
	"github.com/impactblog/impactblog/internal/theme"
)

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
	return name == theme.Dir || strings.HasPrefix(name, theme.Dir+"/")
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
	if o, ok := symlink.Escape(b.src, config.File); ok {
		return nil, problem.List{o.Problem()}
	}
	src, err := fs.ReadFile(b.src, config.File)
	if err != nil {
		if symlink.IsEscape(err) {
			return nil, problem.List{symlink.EscapeProblem(b.src, config.File)}
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
// follow (package symlink). A link inside the blog is read when it names a
// post; a folder it names is not listed through it.
func (b *Builder) walkPosts(root string) (files []string, links map[string]*problem.Problem, err error) {
	links = map[string]*problem.Problem{}
	if o, ok := symlink.Escape(b.src, root); ok {
		links[o.Link] = o.Problem()
		return nil, links, nil
	}
	err = fs.WalkDir(b.src, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			switch {
			case p == root && errorsIsNotExist(err):
				return fs.SkipDir
			case symlink.IsEscape(err):
				links[p] = symlink.EscapeProblem(b.src, p)
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
			if o, ok := symlink.Escape(b.src, p); ok {
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
		o, out := symlink.Escape(b.src, c)
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
				b.outside[o.Link] = o.Problem()
			} else if symlink.IsEscape(err) {
				b.outside[c] = symlink.EscapeProblem(b.src, c)
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
			e.unlinked = len(doc.Warnings) == 0 && len(doc.Refs) == 0 && doc.Image == "" && p.Image == ""
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
			!p.TOC && p.Image == ""
		if b.opts.Once && doc != nil && doc.Figures == 0 && len(doc.Refs) == 0 {
			p.Body = nil // nothing renders it again (see renderFigures and relink)
		}
		if b.opts.Once && e.unlinked && doc.Figures == 0 && len(e.problems) == 0 {
			e.doc = nil // nothing in it is needed again: its HTML and summary are in e (lighten)
		}
	}
	return e
}

// isBundle reports whether file is the index of a page bundle.
func isBundle(file string) bool {
	dir, base := path.Split(file)
	return (base == "index.md" || base == "index.markdown") && path.Clean(dir) != PostsDir
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
// moves its HTML and summary into e, in the spill when the Builder has one.
func (b *Builder) lighten(e *entry, p *post.Post, doc *markdown.Document) {
	if p.Summary != "" {
		doc.Summary = "" // the front matter's is shown (Post.Summary)
	}
	if !p.TOC {
		doc.TOC = nil // only shown when asked for (link)
	}
	e.html, e.summary = b.spill.store(doc.HTML), b.spill.store(doc.Summary)
	doc.HTML, doc.Summary = "", ""
}
