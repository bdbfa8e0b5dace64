package site

import (
	"context"
	"slices"
	"strings"

	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
)

// Standalone pages.
//
// The Markdown files under pages/ (PagesDir) are pages of their own, read
// as posts are (package source, with post.Options.Page): pages/about.md is
// /about/, pages/team/index.md is /team/ with the files beside it, as a
// post's bundle. A page has a title and no date, no tags and no figures
// of its own; it may quote the site's totals with {{< total … >}}. It is
// in the sitemap, never in the feeds, the archive, the tags or the counts
// (Site.Posts holds none). Its template is page.html; its links are
// resolved and checked as a post's, and a post's links to it too.

// PagesDir is the folder of standalone pages in the blog.
const PagesDir = post.PagesDir

// readPages reads pages/ (all of it when full, else the changed files),
// and returns the pages to publish, by address, and those left out for
// their problems, with the problems and warnings of every page.
func (b *Builder) readPages(ctx context.Context, changed []string, full bool) (pages, bad []*Post, problems, warnings problem.List, err error) {
	how := b.parse()
	how.Post.Page = true
	if full {
		err = b.standalone.ReadAll(ctx, how)
	} else {
		err = b.standalone.ReadChanged(ctx, how, changed)
	}
	if err != nil {
		return nil, nil, nil, nil, err
	}
	problems = append(problems, b.standalone.Outside()...)
	for _, e := range b.standalone.Entries() {
		problems = append(problems, e.Problems...)
		if e.Post == nil {
			continue
		}
		warnings = append(warnings, e.Post.Warnings...)
		p := &Post{Post: e.Post, entry: e, words: e.Words, content: e.HTML, summary: e.Summary}
		switch {
		case !e.Good():
			bad = append(bad, p)
		case p.Draft && !b.opts.Drafts:
		default:
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *Post) int { return strings.Compare(a.URL(), b.URL()) })
	for i := 1; i < len(pages); i++ {
		if a, p := pages[i-1], pages[i]; a.URL() == p.URL() {
			problems.Add(p.File, 0, 0, "this page's address %s is also %s's: rename one of them", p.URL(), a.File)
		}
	}
	return pages, bad, problems, warnings, nil
}

// standalonePages are the pages of pages/ and the redirects of their aliases.
func (s *Site) standalonePages() []*Page {
	var out []*Page
	k := KindPage.spec()
	for _, p := range s.Standalone {
		p.site = s
		out = append(out, &Page{Kind: KindPage, URL: p.URL(), Title: p.Title, Template: k.Template, Post: p})
		for _, a := range p.Aliases {
			out = append(out, &Page{Kind: KindAlias, URL: aliasURL(a), Title: p.Title, Template: aliasKind.Template, Post: p, Target: p.URL()})
		}
	}
	return out
}

// pageClashes are the standalone pages whose address is one the site
// has already: a post's, a tag's, a built-in page's.
func (s *Site) pageClashes() problem.List {
	if len(s.Standalone) == 0 {
		return nil
	}
	taken := map[string]bool{}
	for _, p := range s.pages {
		if p.Kind != KindPage {
			taken[p.URL] = true
		}
	}
	var out problem.List
	for _, p := range s.Standalone {
		if taken[p.URL()] {
			out.Add(p.File, 0, 0, "this page's address %s is one the site has already: rename the file", p.URL())
		}
	}
	return out
}
