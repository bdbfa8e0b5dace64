package site

import (
	"path"
	"slices"
	"strings"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
)

func checkAliases(posts []*Post) problem.List {
	if !slices.ContainsFunc(posts, func(p *Post) bool { return len(p.Aliases) > 0 }) {
		return nil
	}
	var problems problem.List
	seen := make(map[string]string, len(posts)) // addresses that differ in case: aliasClashes
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
	// Names are compared in lower case: on a file system that ignores
	// case (macOS's and Windows's by default), /Posts/B/ is /posts/b/.
	type written struct{ what, name string }
	files := make(map[string]written, len(s.pages)) // what writes each file
	dirs := map[string]string{}                     // the folders of those files
	take := func(name, what string) {
		files[strings.ToLower(name)] = written{what, name}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if _, ok := dirs[strings.ToLower(d)]; ok {
				break
			}
			dirs[strings.ToLower(d)] = d
		}
	}
	take(publish.Marker, "the folder where a build stages its files")
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
		w, clash := files[strings.ToLower(out)]
		if !clash {
			if d, ok := dirs[strings.ToLower(out)]; ok {
				w, clash = written{"a folder of the site", d}, true
			}
		}
		for d := path.Dir(out); !clash && d != "."; d = path.Dir(d) {
			w, clash = files[strings.ToLower(d)]
		}
		if clash {
			at := p.Post.Keys.At("aliases")
			caseNote := ""
			if !strings.Contains(out+"/", w.name) && strings.Contains(strings.ToLower(out+"/"), strings.ToLower(w.name)) {
				caseNote = ", which differs only in capitals, and a file system that ignores case takes for the same"
			}
			problems.Add(p.Post.File, at.Line, at.Col, "alias %s would be written where the site has %s (%s%s): remove it, or give it another path", p.URL, w.what, w.name, caseNote)
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
