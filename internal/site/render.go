package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/impactblog/impactblog/internal/i18n"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/theme"
)

// A templateSet is the blog's templates (package theme) and the words they
// show in the site's language (package i18n: the built-in strings and the
// blog's templates/i18n), loaded together: again when a file under
// templates/ or site.toml changes.
type templateSet struct {
	*theme.Templates // nil when they have a problem
	words            *i18n.Translator
}

// loadTemplates loads the blog's templates with the template functions of
// the site's own: postSummary, partialCached and T.
func loadTemplates(src, builtin fs.FS, loc *locale.Locale, baseURL string) (*templateSet, problem.List) {
	t := &templateSet{}
	var problems problem.List
	t.words, problems = i18n.New(src, loc.Tag())
	funcs := template.FuncMap{
		// postSummary renders a post's item of a list once per build (see
		// templates/partials/post-list.html), with the shared templates.
		"postSummary": func(p *Post) (template.HTML, error) { return p.listItem(t.Shared) },
		"partialCached": func(name string, data any, variants ...any) (template.HTML, error) {
			return partialCached(t.Shared, name, data, variants)
		},
		"T": t.words.T,
	}
	var ps problem.List
	t.Templates, ps = theme.Load(src, builtin, theme.Options{Pages: pageTemplates, Locale: loc, BaseURL: baseURL, Funcs: funcs})
	return t, append(problems, ps...)
}

// word is the interface string id in the site's language, as plain text:
// a page's title, a link of the menu. It is the id itself should the
// string fail, which only a blog's own string can (TestWords).
func (s *Site) word(id string, args ...any) string {
	w, err := s.tmpl.words.Text(id, args...)
	if err != nil {
		return id
	}
	return w
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
		b, err := aliasPage(s, p)
		if err == nil {
			_, err = w.Write(b)
		}
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
	if err := s.tmpl.Pages[p.Template].ExecuteTemplate(w, "base", p); err != nil {
		return problem.List{theme.SuggestField(theme.Problem(theme.Dir+"/"+p.Template, err), p)}
	}
	return nil
}

func aliasPage(s *Site, p *Page) ([]byte, error) {
	target := template.HTMLEscapeString(theme.Abs(s.Config.BaseURL, p.Target))
	moved, err := s.tmpl.words.T("movedTo", "Link", template.HTML(`<a href="`+target+`">`+target+`</a>`))
	if err != nil {
		return nil, err
	}
	return []byte(`<!DOCTYPE html><html><head><title>` + template.HTMLEscapeString(p.Title) +
		`</title><link rel="canonical" href="` + target + `"><meta name="robots" content="noindex"><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=` +
		target + `"></head><body><p>` + string(moved) + "</p></body></html>\n"), nil
}

// Render renders every page and file of the site into w, using every core
// (publish.WriteFiles). When w is a publish.StreamWriter, each file is
// written as it is rendered, so that the largest pages (the impact page,
// impact.json) are never held whole. The first error stops it.
func (s *Site) Render(ctx context.Context, w publish.Writer) (publish.Stats, error) {
	// The pages and files made from every post (the impact page, the
	// archive, the tag index, impact.json, the sitemap…) go first: each
	// takes as long as hundreds of post pages, and last they would leave
	// one core working alone at the end.
	files := slices.Grow(s.Files(), len(s.pages))
	for _, every := range []bool{true, false} {
		for _, p := range s.pages {
			if p.Kind.spec().Every == every {
				files = append(files, s.pageFile(p))
			}
		}
	}
	files = append(files, s.langFiles()...) // the other languages' pages, under their paths
	return publish.WriteFiles(ctx, w, files)
}

// Check renders every page and discards it: template errors that only show
// when a template runs are found without writing anything.
func (s *Site) Check(ctx context.Context) error {
	_, err := s.Render(ctx, publish.Discard)
	return err
}

// Locale is how the site writes numbers and money.
func (s *Site) Locale() *locale.Locale { return s.locale }
