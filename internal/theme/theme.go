// Package theme loads a blog's templates: its own templates/ folder over
// the built-in theme, file by file, parsed with the template functions
// below, with every mistake a problem at its file, line and column.
//
// Templates are html/template files named after their file, so that an
// error names templates/post.html:12:3. base.html and partials/*.html are
// shared by every page template (Options.Pages), each parsed on a copy of
// them; each page template is executed as "base". The files of static/
// are copied to the site's root (Templates.Static).
//
// The template functions, documented here and only here (the caller may
// add its own: Options.Funcs):
//
//	money M          an impact.Money as CLDR writes it in the site's locale: "£112,000", "112 000 €" (fr), "4.250,50 US$" (de)
//	sums S           impact.Sums, each in the locale, joined by " + "
//	tonnes T         impact.Tonnes in the locale, without its unit or trailing zeros: "31.4", "31,4" (de)
//	date T           a date in the locale's long form: "15 January 2021", "January 15, 2021" (en-US), "15. Januar 2021"
//	isodate T        a date as 2006-01-02
//	year T           a date's year, an int
//	abs URL          a site path made absolute: "/posts/x/" → "https://impact.example/posts/x/"
//	rel URL          a site path under base_url's path: "/posts/x/" → "/blog/posts/x/"
//	hasFigures T     whether totals (*impact.Totals) hold a donation or an offset
package theme

import (
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/symlink"
)

// Dir is the folder of templates in the blog and in the built-in theme.
const Dir = "templates"

// Templates are the parsed page templates and the static files.
type Templates struct {
	Pages  map[string]*template.Template // by file name: "post.html"
	Static map[string]fs.FS              // static file name → the FS holding static/<name>
	// Shared holds base.html and the partials, which every page template
	// has: for what is rendered once and shown on several pages.
	Shared *template.Template
}

// Options say what to load.
type Options struct {
	Pages   []string         // the page templates every theme has: "index.html", "post.html"…
	Locale  *locale.Locale   // for money, sums, tonnes and date
	BaseURL string           // for abs and rel
	Funcs   template.FuncMap // more functions, the caller's own
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
	file := Dir + "/" + name
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

// Problem turns an html/template error of file into a positioned problem.
func Problem(file string, err error) *problem.Problem {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return problem.New(m[1], line, col, "%s", m[4])
	}
	return problem.New(file, 0, 0, "%s", strings.TrimPrefix(msg, "template: "))
}

// Load loads the templates of the blog src (its templates/ folder, if it
// has one) over those of builtin, a templates/ tree.
func Load(src, builtin fs.FS, opts Options) (*Templates, problem.List) {
	var blog fs.FS
	if o, out := symlink.Escape(src, Dir); out {
		return nil, problem.List{o.Problem()}
	}
	if fi, err := fs.Stat(src, Dir); err == nil && fi.IsDir() {
		blog, _ = fs.Sub(src, Dir)
	} else if symlink.IsEscape(err) {
		return nil, problem.List{symlink.EscapeProblem(src, Dir)}
	}
	l := layered{src: src, blog: blog, theme: builtin}
	var problems problem.List
	funcs := Funcs(opts.Locale, opts.BaseURL)
	for name, f := range opts.Funcs {
		funcs[name] = f
	}
	common := template.New("").Funcs(funcs)
	shared := []string{"base.html"}
	for _, fsys := range []fs.FS{builtin, blog} {
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
			problems = append(problems, Problem(file, err))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	t := &Templates{Pages: map[string]*template.Template{}, Static: map[string]fs.FS{}, Shared: common}
	for _, name := range opts.Pages {
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
			problems = append(problems, Problem(file, err))
			continue
		}
		if pt.Lookup("base") == nil {
			problems.Add(Dir+"/base.html", 0, 0, "base.html must define the layout: {{define \"base\"}}…{{end}}")
			continue
		}
		t.Pages[name] = pt
	}
	for _, fsys := range []fs.FS{builtin, blog} {
		if fsys == nil {
			continue
		}
		problems = append(problems, staticFiles(fsys, src, fsys == blog, t.Static)...)
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
		if o, out := symlink.Escape(src, Dir+"/static"); out {
			return problem.List{o.Problem()}
		}
	}
	fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if blog && symlink.IsEscape(err) {
				problems = append(problems, symlink.EscapeProblem(src, Dir+"/"+p))
			}
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if blog && d.Type()&fs.ModeSymlink != 0 {
			if o, out := symlink.Escape(src, Dir+"/"+p); out {
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

// Funcs are the template functions of the package comment.
func Funcs(loc *locale.Locale, baseURL string) template.FuncMap {
	basePath := basePath(baseURL)
	return template.FuncMap{
		"money": loc.Money,
		// sums joins amounts with " + ", which html/template would escape.
		"sums": func(s impact.Sums) template.HTML {
			return template.HTML(template.HTMLEscapeString(loc.Sums(s)))
		},
		"tonnes":     loc.Tonnes,
		"date":       loc.Date,
		"isodate":    func(t time.Time) string { return t.Format("2006-01-02") },
		"year":       func(t time.Time) int { return t.Year() },
		"abs":        func(u string) string { return abs(baseURL, basePath, u) },
		"rel":        func(u string) string { return relPath(basePath, u) },
		"hasFigures": func(t *impact.Totals) bool { return t != nil && !t.Empty() },
	}
}

// Abs makes the site path u absolute, as the template function abs does:
// "/posts/x/" → "https://impact.example/posts/x/".
func Abs(baseURL, u string) string { return abs(baseURL, basePath(baseURL), u) }

func abs(baseURL, basePath, u string) string {
	return strings.TrimSuffix(strings.TrimSuffix(baseURL, "/"), strings.TrimSuffix(basePath, "/")) + relPath(basePath, u)
}

// basePath is the path of the base URL, as abs and rel take it.
func basePath(baseURL string) string {
	rest := strings.TrimPrefix(strings.TrimPrefix(baseURL, "https://"), "http://")
	if i := strings.Index(rest, "/"); i >= 0 {
		return rest[i:]
	}
	return "/"
}

// relPath puts basePath before the site path u, keeping u's trailing slash.
func relPath(basePath, u string) string {
	p := path.Join(basePath, u)
	if strings.HasSuffix(u, "/") && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}
