package site

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/symlink"
)

// TemplatesDir is the folder of templates in the blog and in the theme.
const TemplatesDir = "templates"

// templates are the parsed page templates and the theme's static files.
type templates struct {
	pages  map[string]*template.Template // by file name: "post.html"
	static map[string]fs.FS              // static file name → the FS holding templates/static/<name>
}

// layered opens name from the blog's templates/ first, then from the theme.
type layered struct {
	src         fs.FS // the blog, for its links (package symlink)
	blog, theme fs.FS
}

// ReadFile reads the template name. A file of the blog that is a symbolic
// link leading outside it is a problem, not read nor replaced by the
// theme's.
func (l layered) ReadFile(name string) ([]byte, string, *problem.Problem) {
	file := TemplatesDir + "/" + name
	if l.blog != nil {
		b, err := fs.ReadFile(l.blog, name)
		if err == nil || symlink.IsEscape(err) {
			if o, out := symlink.Escape(l.src, file); out {
				return nil, file, o.Problem()
			}
		}
		switch {
		case err == nil:
			return b, file, nil
		case symlink.IsEscape(err):
			return nil, file, symlink.EscapeProblem(l.src, file)
		}
	}
	b, err := fs.ReadFile(l.theme, name)
	if err != nil {
		return nil, file, problem.New(file, 0, 0, "missing template: add it, or delete templates/ to use the built-in theme")
	}
	return b, file, nil
}

var templateErrRE = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateProblem turns an html/template error into a positioned problem.
func templateProblem(file string, err error) *problem.Problem {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return problem.New(m[1], line, col, "%s", m[4])
	}
	return problem.New(file, 0, 0, "%s", strings.TrimPrefix(msg, "template: "))
}

func loadTemplates(src, theme fs.FS, loc *locale.Locale, baseURL string) (*templates, problem.List) {
	var blog fs.FS
	if o, out := symlink.Escape(src, TemplatesDir); out {
		return nil, problem.List{o.Problem()}
	}
	if fi, err := fs.Stat(src, TemplatesDir); err == nil && fi.IsDir() {
		blog, _ = fs.Sub(src, TemplatesDir)
	} else if symlink.IsEscape(err) {
		return nil, problem.List{symlink.EscapeProblem(src, TemplatesDir)}
	}
	l := layered{src: src, blog: blog, theme: theme}
	var problems problem.List
	// postSummary renders a post's item of a list once per build (see
	// templates/partials/post-list.html), with the shared templates.
	var summaries *template.Template
	funcs := funcMap(loc, baseURL)
	funcs["postSummary"] = func(p *Post) (template.HTML, error) { return p.listItem(summaries) }
	funcs["partialCached"] = func(name string, data any, variants ...any) (template.HTML, error) {
		return partialCached(summaries, name, data, variants)
	}
	common := template.New("").Funcs(funcs)
	shared := []string{"base.html"}
	for _, fsys := range []fs.FS{theme, blog} {
		if fsys == nil {
			continue
		}
		names, _ := fs.Glob(fsys, "partials/*.html")
		shared = append(shared, names...)
	}
	sort.Strings(shared[1:])
	seen := map[string]bool{}
	for _, name := range shared {
		if seen[name] {
			continue
		}
		seen[name] = true
		text, file, pr := l.ReadFile(name)
		if pr != nil {
			problems = append(problems, pr)
			continue
		}
		if _, err := common.New(file).Parse(string(text)); err != nil {
			problems = append(problems, templateProblem(file, err))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	summaries = common
	t := &templates{pages: map[string]*template.Template{}, static: map[string]fs.FS{}}
	for _, name := range pageTemplates {
		text, file, pr := l.ReadFile(name)
		if pr != nil {
			problems = append(problems, pr)
			continue
		}
		pt, err := common.Clone()
		if err == nil {
			_, err = pt.New(file).Parse(string(text))
		}
		if err != nil {
			problems = append(problems, templateProblem(file, err))
			continue
		}
		if pt.Lookup("base") == nil {
			problems.Add(TemplatesDir+"/base.html", 0, 0, "base.html must define the layout: {{define \"base\"}}…{{end}}")
			continue
		}
		t.pages[name] = pt
	}
	for _, fsys := range []fs.FS{theme, blog} {
		if fsys == nil {
			continue
		}
		problems = append(problems, staticFiles(fsys, src, fsys == blog, t.static)...)
	}
	return t, problems
}

// staticFiles adds the files of fsys's static/ folder to static. When
// fsys is the blog's templates/, in src, a symbolic link there that leads
// outside the blog is a problem, and is not copied; one that stays inside
// is copied when it names a file.
func staticFiles(fsys, src fs.FS, blog bool, static map[string]fs.FS) problem.List {
	var problems problem.List
	if blog {
		if o, out := symlink.Escape(src, TemplatesDir+"/static"); out {
			return problem.List{o.Problem()}
		}
	}
	fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if blog && symlink.IsEscape(err) {
				problems = append(problems, symlink.EscapeProblem(src, TemplatesDir+"/"+p))
			}
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if blog && d.Type()&fs.ModeSymlink != 0 {
			if o, out := symlink.Escape(src, TemplatesDir+"/"+p); out {
				problems = append(problems, o.Problem())
				return nil
			}
			if fi, err := fs.Stat(fsys, p); err != nil || !fi.Mode().IsRegular() {
				return nil // a folder is not listed through a link
			}
		}
		static[strings.TrimPrefix(p, "static/")] = fsys
		return nil
	})
	return problems
}

func funcMap(loc *locale.Locale, baseURL string) template.FuncMap {
	basePath := "/"
	if i := strings.Index(strings.TrimPrefix(strings.TrimPrefix(baseURL, "https://"), "http://"), "/"); i >= 0 {
		basePath = strings.TrimPrefix(strings.TrimPrefix(baseURL, "https://"), "http://")[i:]
	}
	return template.FuncMap{
		"money": loc.Money,
		// sums joins amounts with " + ", which html/template would escape.
		"sums": func(s impact.Sums) template.HTML {
			return template.HTML(template.HTMLEscapeString(loc.Sums(s)))
		},
		"tonnes":  loc.Tonnes,
		"date":    loc.Date,
		"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
		"year":    func(t time.Time) int { return t.Year() },
		// abs makes a site path absolute: "/posts/x/" → "https://impact.example/posts/x/".
		"abs": func(u string) string {
			return strings.TrimSuffix(strings.TrimSuffix(baseURL, "/"), strings.TrimSuffix(basePath, "/")) + relPath(basePath, u)
		},
		// rel makes a site path relative to the host, under base_url's path.
		"rel":        func(u string) string { return relPath(basePath, u) },
		"hasFigures": func(t *impact.Totals) bool { return t != nil && !t.Empty() },
	}
}

// A cachedPartial is a template rendered once per build (partialCached).
type cachedPartial struct {
	once sync.Once
	html template.HTML
	err  error
}

// partialCached renders the template name of t with data once per build and
// variant, as Hugo's partialCached does: for what is the same on every page,
// such as the site's header and footer. data is the page, the site or a
// post, which says which build the result is kept for; the variants (a
// page's kind, say) tell apart the results that differ.
func partialCached(t *template.Template, name string, data any, variants []any) (template.HTML, error) {
	var s *Site
	switch d := data.(type) {
	case *Page:
		s = d.Site
	case *Site:
		s = d
	case *Post:
		s = d.site
	}
	if s == nil {
		return "", fmt.Errorf("partialCached %q: give it the page, .Site or a post, not %T", name, data)
	}
	key := name
	for _, v := range variants {
		key += "\x00" + fmt.Sprint(v)
	}
	c, _ := s.partials.LoadOrStore(key, &cachedPartial{})
	cp := c.(*cachedPartial)
	cp.once.Do(func() {
		var b strings.Builder
		if cp.err = t.ExecuteTemplate(&b, name, data); cp.err == nil {
			cp.html = template.HTML(b.String())
		}
	})
	return cp.html, cp.err
}

// relPath puts basePath before the site path u, keeping u's trailing slash.
func relPath(basePath, u string) string {
	p := path.Join(basePath, u)
	if strings.HasSuffix(u, "/") && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// RenderPage renders one page.
func (s *Site) RenderPage(p *Page) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := s.renderPage(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *Site) renderPage(w io.Writer, p *Page) (err error) {
	if p.Kind == KindAlias {
		_, err := w.Write(aliasPage(s, p))
		return err
	}
	if p.Kind == KindPost {
		// A post's page shows its totals several times over.
		p.Post.hold(func() { err = s.executePage(w, p) })
		return err
	}
	return s.executePage(w, p)
}

func (s *Site) executePage(w io.Writer, p *Page) error {
	if err := s.tmpl.pages[p.Template].ExecuteTemplate(w, "base", p); err != nil {
		return problem.List{templateProblem(TemplatesDir+"/"+p.Template, err)}
	}
	return nil
}

func aliasPage(s *Site, p *Page) []byte {
	target := template.HTMLEscapeString(funcMap(s.locale, s.Config.BaseURL)["abs"].(func(string) string)(p.Target))
	return []byte(`<!DOCTYPE html><html><head><title>` + template.HTMLEscapeString(p.Title) +
		`</title><link rel="canonical" href="` + target + `"><meta name="robots" content="noindex"><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=` +
		target + `"></head><body><p>This post has moved to <a href="` + target + `">` + target + "</a>.</p></body></html>\n")
}

// Stats describe what a render wrote.
type Stats struct {
	Pages int // HTML pages
	Files int // every file
	Bytes int64
}

// Render renders every page and file of the site into w, using every core.
// When w is a publish.StreamWriter, each file is written as it is rendered, so that
// the largest pages (the impact page, impact.json) are never held whole;
// any other Writer gets each file whole. The first error stops it.
func (s *Site) Render(ctx context.Context, w publish.Writer) (Stats, error) {
	type job struct {
		name  string
		page  *Page                 // a page, or
		write func(io.Writer) error // another file
	}
	// The pages and files made from every post (the impact page, the
	// archive, the tag index, impact.json, the sitemap…) go first: each
	// takes as long as hundreds of post pages, and last they would leave
	// one core working alone at the end.
	jobs := make([]job, 0, len(s.pages)+16)
	for _, f := range s.Files() {
		jobs = append(jobs, job{name: f.Name, write: f.Write})
	}
	for _, every := range []bool{true, false} {
		for _, p := range s.pages {
			if p.Kind.spec().Every == every {
				jobs = append(jobs, job{name: outputPath(p.URL), page: p})
			}
		}
	}
	sw := publish.Stream(w)
	var (
		mu       sync.Mutex
		stats    Stats
		problems problem.List
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan job)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// Each worker writes every file through one buffered writer.
			bw := bufio.NewWriterSize(nil, 64<<10)
			for j := range next {
				n, err := streamFile(sw, bw, j.name, func(w io.Writer) error {
					if j.page != nil {
						return s.renderPage(w, j.page)
					}
					return j.write(w)
				})
				mu.Lock()
				if err != nil {
					if ps := problem.From("", err); ps != nil && ps[0].File != "" {
						problems = append(problems, ps...)
					} else if firstErr == nil {
						firstErr = fmt.Errorf("writing %s: %w", j.name, err)
					}
					cancel()
				} else {
					stats.Files++
					stats.Bytes += n
					if strings.HasSuffix(j.name, ".html") {
						stats.Pages++
					}
				}
				mu.Unlock()
			}
		})
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return stats, firstErr
	}
	if len(problems) > 0 {
		return stats, problems.Unique()
	}
	return stats, ctx.Err()
}

// streamFile creates name in w and writes it through bw, returning how
// many bytes it wrote.
func streamFile(w publish.StreamWriter, bw *bufio.Writer, name string, write func(io.Writer) error) (int64, error) {
	f, err := w.Create(name)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: f}
	bw.Reset(cw)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Check renders every page and discards it: template errors that only show
// when a template runs are found without writing anything.
func (s *Site) Check(ctx context.Context) error {
	_, err := s.Render(ctx, publish.Discard)
	return err
}

// Locale is how the site writes numbers and money.
func (s *Site) Locale() *locale.Locale { return s.locale }

// NewFiles returns an empty in-memory site.
//
// Deprecated: use publish.NewMemory; kept for the callers outside this
// package until they move.
func NewFiles() *publish.Memory { return publish.NewMemory() }
