package post

import (
	"path"
	"strings"

	"github.com/impactblog/impactblog/internal/tree"
)

// PagesDir is the folder of the standalone pages in the blog.
const PagesDir = "pages"

// pageRules reads what a standalone page may not have, and gives it its
// address: its path under pages/, without the extension, each part made a
// slug (pages/about.md → /about/, pages/team/index.md → /team/). A page's
// date, when given, is kept for templates, and it is never in the archive,
// the feeds, the tags or the totals: tags and an impact block are
// problems.
func (r *reader) pageRules(p *Post, seen [len(postKeys)]*tree.Node) {
	p.Page = true
	if t := seen[keyOf("tags")]; t != nil {
		r.Errorf(t, "a page has no tags: it is in no list of posts; remove tags, or make it a post under posts/")
	}
	if im := seen[keyOf("impact")]; im != nil {
		r.Errorf(im, "a page has no figures of its own, so that every total comes from the posts: move them to a post, and quote the totals here with {{< total … >}}")
	}
	rel := strings.TrimPrefix(r.File, PagesDir+"/")
	rel = strings.TrimSuffix(strings.TrimSuffix(rel, ".md"), ".markdown")
	if path.Base(rel) == "index" {
		rel = path.Dir(rel)
	}
	if rel == "." || rel == "" {
		r.Problems.Add(r.File, 0, 0, "pages/index.md would replace the home page: give the page another name, such as pages/about.md")
		return
	}
	var parts []string
	for _, part := range strings.Split(rel, "/") {
		s := Slugify(part)
		if s == "" {
			r.Problems.Add(r.File, 0, 0, "cannot make an address from the name %q: rename it with letters, digits and hyphens", part)
			return
		}
		parts = append(parts, s)
	}
	p.Slug = parts[len(parts)-1]
	p.url = "/" + strings.Join(parts, "/") + "/"
}
