package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/problem"
)

// A MenuItem is a link of the site's menu: the built-in ones (Posts,
// Impact, Archive, Tags, Search, in the site's language: the interface
// strings posts, impact…) with site.toml's [[menu]] entries, by weight,
// then name. Templates range over .Site.Menu:
//
//	{{$cur := .MenuCurrent}}{{range .Site.Menu}}<a href="{{if .External}}{{.URL}}{{else}}{{rel .URL}}{{end}}"{{if eq .URL $cur}} aria-current="page"{{end}}>{{.Name}}</a>{{end}}
type MenuItem struct {
	Name     string
	URL      string // a site path ("/about/"), or an http(s) address when External
	Weight   int
	External bool
}

// Menu is the site's menu.
func (s *Site) Menu() []MenuItem {
	var items []MenuItem
	var entries []config.MenuEntry
	if s.Config.Menu != nil {
		entries = s.Config.Menu.Entries
	}
	for _, b := range config.BuiltinMenu {
		items = append(items, MenuItem{Name: s.word(strings.ToLower(b.Name)), URL: b.URL, Weight: b.Weight})
	}
	for _, e := range entries {
		i := slices.IndexFunc(items, func(it MenuItem) bool { return it.URL == e.URL })
		switch {
		case e.Remove && i >= 0:
			items = slices.Delete(items, i, i+1)
		case e.Remove:
		case i >= 0:
			if e.Name != "" {
				items[i].Name = e.Name
			}
			if e.Weight != 0 {
				items[i].Weight = e.Weight
			}
		default:
			items = append(items, MenuItem{Name: e.Name, URL: e.URL, Weight: e.Weight, External: !strings.HasPrefix(e.URL, "/")})
		}
	}
	slices.SortStableFunc(items, func(a, b MenuItem) int { return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Name, b.Name)) })
	return items
}

// Params are site.toml's [params], for templates: .Site.Params.mastodon.
func (s *Site) Params() map[string]any {
	if s.Config.Params == nil {
		return nil
	}
	return s.Config.Params.Values
}

// MenuCurrent is the URL of the menu's link to this page ("/" on every
// page of the index), or "" when the menu has none: the link to mark
// aria-current, and what the site header is cached by.
func (p *Page) MenuCurrent() string {
	url := p.URL
	if p.Kind == KindHome {
		url = "/"
	}
	for _, it := range p.Site.Menu() {
		if !it.External && it.URL == url {
			return url
		}
	}
	return ""
}

// menuProblems are the [[menu]] links to site paths that no page or file
// of this build has.
func (s *Site) menuProblems() problem.List {
	if s.Config.Menu == nil {
		return nil
	}
	have := map[string]bool{}
	for _, p := range s.pages {
		have[p.URL] = true
	}
	for _, f := range s.Files() {
		have["/"+f.Name] = true
	}
	var out problem.List
	for _, e := range s.Config.Menu.Entries {
		if e.Remove || !strings.HasPrefix(e.URL, "/") {
			continue
		}
		path, _, _ := strings.Cut(e.URL, "#")
		if !have[path] && !have[strings.TrimSuffix(path, "/")+"/"] {
			out.Add(config.File, e.At.Line, e.At.Col, "the menu links to %s, which is no page of the site: add the page (pages/%s.md), or fix the url", e.URL, strings.Trim(path, "/"))
		}
	}
	return out
}
