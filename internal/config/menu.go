package config

import (
	"net/url"
	"strings"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
)

// menuKey is the list of site.toml that adds links to the site's menu,
// or changes or removes the built-in ones (Posts /, Impact /impact/,
// Archive /archive/, Tags /tags/, Search /search/, weights 10 to 50):
//
//	[[menu]]
//	name   = "About"
//	url    = "/about/"      # a page of the site, or an http(s) address
//	weight = 60             # the menu is sorted by weight, then name
//
//	[[menu]]
//	url    = "/tags/"
//	remove = true           # a built-in link, removed
//
// An entry with a built-in link's url replaces its name and weight. A url
// of the site that is no page of this build is a problem (package site).
const menuKey = "menu"

// paramsKey is the table of site.toml whose keys templates read as
// .Site.Params: [params] author_twitter = "@example".
const paramsKey = "params"

// Menu is the [[menu]] list of site.toml.
type Menu struct {
	Entries []MenuEntry
}

// A MenuEntry is one [[menu]] entry, as written.
type MenuEntry struct {
	Name   string
	URL    string
	Weight int
	Remove bool
	At     tree.Pos // of the entry's url, or of the entry
}

// Params is the [params] table of site.toml.
type Params struct {
	Values map[string]any
}

// parseMenu reads [[menu]] into c.Menu, and reports every problem in it.
func (c *Config) parseMenu(val *tree.Node) problem.List {
	var problems problem.List
	if val.Kind != tree.List {
		problems.Add(File, val.Line, val.Col, "menu must be a list of links: start each with a line [[menu]], then name = \"About\" and url = \"/about/\"; it is %s", describe(val))
		return problems
	}
	m := &Menu{}
	allowed := []string{"name", "url", "weight", "remove"}
	for _, it := range val.Items {
		if it.Kind != tree.Map {
			problems.Add(File, it.Line, it.Col, "each [[menu]] must be a table with name and url, not %s", describe(it))
			continue
		}
		e := MenuEntry{At: tree.Pos{Line: it.Line, Col: it.Col}}
		bad := false
		for i, key := range it.Keys {
			v, at := it.Vals[i], it.KeyPos[i]
			switch key {
			case "name":
				e.Name = strings.TrimSpace(v.Value)
				if v.Kind != tree.Scalar || e.Name == "" {
					problems.Add(File, v.Line, v.Col, "menu name must be text in quotes, such as name = \"About\"")
					bad = true
				}
			case "url":
				e.URL, e.At = strings.TrimSpace(v.Value), tree.Pos{Line: v.Line, Col: v.Col}
				if !menuURL(e.URL) || v.Kind != tree.Scalar {
					problems.Add(File, v.Line, v.Col, "menu url %q must be a path of the site, such as \"/about/\", or a whole address starting with https://", v.Value)
					bad = true
				}
			case "weight":
				if !set(&e.Weight, v) {
					problems.Add(File, v.Line, v.Col, "menu weight must be a whole number, such as weight = 60, not %s", describe(v))
					bad = true
				}
			case "remove":
				if !set(&e.Remove, v) {
					problems.Add(File, v.Line, v.Col, "menu remove must be true or false, not %s", describe(v))
					bad = true
				}
			default:
				hint := "the keys are " + strings.Join(allowed, ", ")
				if s := suggest.Closest(key, allowed); s != "" {
					hint = "did you mean " + s + "?"
				}
				problems.Add(File, at.Line, at.Col, "unknown key %q in [[menu]]: %s", key, hint)
				bad = true
			}
		}
		if e.URL == "" && !bad {
			problems.Add(File, it.Line, it.Col, "this [[menu]] entry has no url: add url = \"/about/\"")
			bad = true
		}
		if e.Name == "" && !e.Remove && !bad && !builtinMenuURL(e.URL) {
			problems.Add(File, it.Line, it.Col, "this [[menu]] entry has no name: add name = \"About\", the words of the link")
			bad = true
		}
		if !bad {
			m.Entries = append(m.Entries, e)
		}
	}
	c.Menu = m
	return problems
}

// menuURL reports whether u is a site path or an http(s) address.
func menuURL(u string) bool {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return true
	}
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}

// BuiltinMenu is the menu of a site whose site.toml has no [[menu]]. A
// site shows each name in its language: the interface string named by the
// name in lower case (package i18n: "posts" is "Articles" in French).
var BuiltinMenu = []MenuEntry{
	{Name: "Posts", URL: "/", Weight: 10},
	{Name: "Impact", URL: "/impact/", Weight: 20},
	{Name: "Archive", URL: "/archive/", Weight: 30},
	{Name: "Tags", URL: "/tags/", Weight: 40},
	{Name: "Search", URL: "/search/", Weight: 50},
}

func builtinMenuURL(u string) bool {
	for _, e := range BuiltinMenu {
		if e.URL == u {
			return true
		}
	}
	return false
}

// parseParams reads [params] into c.Params.
func (c *Config) parseParams(val *tree.Node) problem.List {
	if val.Kind != tree.Map {
		return problem.List{problem.New(File, val.Line, val.Col, "params must be a table: write [params] and its keys below it, not %s", describe(val))}
	}
	v, _ := val.ToAny().(map[string]any)
	c.Params = &Params{Values: v}
	return nil
}
