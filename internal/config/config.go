// Package config reads the site configuration, site.toml at the blog's root:
//
//	title          = "Back Market impact"       # required
//	base_url       = "https://impact.example/"  # absolute http(s) URL; links in feeds and the sitemap
//	language       = "en-GB"                    # BCP 47; decides how numbers and money are written
//	currency       = "GBP"                      # the default currency of figures
//	author         = "Back Market"
//	description    = "What we gave and what we offset"
//	posts_per_page = 10
//	timezone       = "Europe/London"            # for dates written without a zone; default UTC
//	unsafe_html    = false                      # pass raw HTML in posts through
//	reporting_currency = "GBP"                  # convert every figure into it; default: currency
//
//	[rates.2020]                                # per year: 1 EUR = 0.8897 GBP for amounts counted in 2020
//	EUR = "0.8897"                              # exact decimals; strings or plain numbers
//	JPY = "0.0073"
//
// Rates are declared, never fetched. With a [rates.YEAR] table (or
// reporting_currency) the totals are also given in the reporting currency,
// each entry converted at its year's rate; an entry whose currency has no
// rate for its year is then a problem. Without either, nothing is converted.
//
// The [evidence] table says what evidence every offset from a date on must
// give, and where the registries' pages of projects are (see evidenceKey):
//
//	[evidence]
//	offsets = ["registry", "serials", "beneficiary"]
//	from    = 2025-01-01
//	[evidence.registry_urls]
//	verra = "https://registry.example/projects/{project_id}"
//
// The [claims] table turns a claims rule off for the whole site, with a
// reason, and adds the site's own phrases or rules (see claimsKey):
//
//	[claims]
//	off = { label-claim = "Reviewed 2026-11-02 by legal: …" }
//	[[claims.extra]]
//	id = "superlative"
//	phrases = ["greenest"]
//
// [[menu]] entries add links to the site's menu, or change or remove the
// built-in ones, and [params] holds values for templates (.Site.Params);
// see menuKey:
//
//	[[menu]]
//	name = "About"
//	url = "/about/"
//	weight = 60
//	[params]
//	mastodon = "https://example.social/@impact"
//
// A multilingual blog lists its languages, the default first (see
// languagesKey):
//
//	languages = ["en-GB", "fr-FR", "de-DE"]
//
// A missing site.toml gives DefaultConfig. An unknown key, a value of the
// wrong type and a bad value are each a problem at site.toml:line:col, like
// a bad post, and every one of them is reported in one run; only a TOML
// syntax error, after which nothing can be read, stops at itself.
package config

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
	"golang.org/x/text/language"
)

// File is the config file's name at the blog's root.
const File = "site.toml"

// Config is the site's configuration.
type Config struct {
	Title        string
	BaseURL      string
	Language     string
	Currency     string
	Author       string
	Description  string
	PostsPerPage int
	Timezone     string
	UnsafeHTML   bool

	ReportingCurrency string

	// Evidence is the [evidence] table (evidence.go); nil without one.
	// A pointer, so that a Config stays comparable.
	Evidence *Evidence
	// Claims is the [claims] table (claims.go); nil without one.
	Claims *Claims
	// Menu is the [[menu]] list and Params the [params] table (menu.go);
	// nil without them.
	Menu   *Menu
	Params *Params
	// Languages are a multilingual blog's (languages.go); nil for one language.
	Languages *Languages

	// Filled in by Validate.
	Cur      impact.Currency
	Rates    *impact.Rates // nil: nothing is converted
	Location *time.Location
	Lang     language.Tag
}

// A setting is one key of site.toml: its name, the field it sets, and an
// example of its value for messages. The package comment shows them all; a
// test holds the two to the same keys.
type setting struct {
	key     string
	field   func(c *Config) any // a pointer to the field
	example string
}

var settings = []setting{
	{"title", func(c *Config) any { return &c.Title }, `"Back Market impact"`},
	{"base_url", func(c *Config) any { return &c.BaseURL }, `"https://impact.example.com/"`},
	{"language", func(c *Config) any { return &c.Language }, `"en-GB"`},
	{"currency", func(c *Config) any { return &c.Currency }, `"GBP"`},
	{"author", func(c *Config) any { return &c.Author }, `"Back Market"`},
	{"description", func(c *Config) any { return &c.Description }, `"What we gave and what we offset"`},
	{"posts_per_page", func(c *Config) any { return &c.PostsPerPage }, `10`},
	{"timezone", func(c *Config) any { return &c.Timezone }, `"Europe/London"`},
	{"unsafe_html", func(c *Config) any { return &c.UnsafeHTML }, `false`},
	{"reporting_currency", func(c *Config) any { return &c.ReportingCurrency }, `"GBP"`},
}

// ratesKey is the one table of site.toml: [rates.YEAR] (rates.go).
const ratesKey = "rates"

func settingOf(key string) *setting {
	for i := range settings {
		if settings[i].key == key {
			return &settings[i]
		}
	}
	return nil
}

// DefaultConfig is the configuration of a blog without site.toml.
func DefaultConfig() *Config {
	return &Config{
		Title:        "Impact blog",
		BaseURL:      "http://localhost/",
		Language:     "en-GB",
		Currency:     "GBP",
		PostsPerPage: 10,
		Timezone:     "UTC",
	}
}

// Parse reads site.toml's text over the defaults and validates it. It
// returns every problem it finds, sorted by position; the Config is only
// complete when there is none.
func Parse(src []byte) (*Config, problem.List) {
	c := DefaultConfig()
	root, err := readTOML(src)
	if err != nil {
		return nil, problem.List{err}
	}
	var problems problem.List
	typeErr := map[string]bool{}
	for i, key := range root.Keys {
		val, at := root.Vals[i], root.KeyPos[i]
		s := settingOf(key)
		switch {
		case key == ratesKey || key == evidenceKey || key == claimsKey || key == menuKey || key == paramsKey || key == languagesKey || key == languagePathsKey:
			// read by parseRates, parseEvidence
		case s == nil:
			problems.Add(File, at.Line, at.Col, "unknown setting %q: %s", key, unknownHint(key))
		case !set(s.field(c), val):
			typeErr[key] = true
			problems.Add(File, val.Line, val.Col, "%s must be %s, such as %s = %s, not %s%s", key, kindOf(s), key, s.example, describe(val), unquoteHint(val, s))
		}
	}
	for _, p := range c.validate() {
		if typeErr[p.key] {
			continue // already reported, and its value is the default
		}
		line, col := 0, 0
		if val := root.Get(p.key); val != nil {
			line, col = val.Line, val.Col
		}
		problems = append(problems, &problem.Problem{File: File, Line: line, Col: col, Err: p.err})
	}
	if val := root.Get(ratesKey); val != nil {
		problems = append(problems, c.parseRates(val)...)
	}
	if val := root.Get(evidenceKey); val != nil {
		problems = append(problems, c.parseEvidence(val)...)
	}
	if val := root.Get(claimsKey); val != nil {
		problems = append(problems, c.parseClaims(val)...)
	}
	if val := root.Get(menuKey); val != nil {
		problems = append(problems, c.parseMenu(val)...)
	}
	if val := root.Get(paramsKey); val != nil {
		problems = append(problems, c.parseParams(val)...)
	}
	if val := root.Get(languagesKey); val != nil {
		ps := c.parseLanguages(val, root.Get(languagePathsKey))
		problems = append(problems, ps...)
		if len(ps) == 0 {
			def := c.Languages.List[0]
			if lang := root.Get("language"); lang != nil && c.Lang != def.Lang {
				problems.Add(File, lang.Line, lang.Col, "language %q is not the first of languages (%s): the first of languages is the default; remove language, or make them agree", c.Language, def.Tag)
			}
			c.Language, c.Lang = def.Tag, def.Lang
		}
	} else if val := root.Get(languagePathsKey); val != nil {
		problems.Add(File, val.Line, val.Col, "language_paths needs languages: add languages = [\"en-GB\", \"fr-FR\"]")
	}
	problems.Sort()
	return c, problems
}

// unknownHint says what to write instead of an unknown key.
func unknownHint(key string) string {
	names := []string{ratesKey, evidenceKey, claimsKey, menuKey, paramsKey, languagesKey, languagePathsKey}
	for _, s := range settings {
		names = append(names, s.key)
	}
	if m := suggest.Closest(key, names); m == ratesKey {
		return "did you mean a [rates.YEAR] table?"
	} else if m == evidenceKey {
		return "did you mean the [evidence] table?"
	} else if m == claimsKey || m == paramsKey {
		return "did you mean the [" + m + "] table?"
	} else if m == menuKey {
		return "did you mean a [[menu]] entry?"
	} else if m != "" {
		return "did you mean " + m + "?"
	}
	var b strings.Builder
	b.WriteString("the settings are ")
	for _, s := range settings {
		b.WriteString(s.key + ", ")
	}
	b.WriteString("languages, [rates.YEAR] tables, [[menu]] entries, and the [evidence], [claims], [params] and [language_paths] tables")
	return b.String()
}

// kindOf names the kind of value a setting takes.
func kindOf(s *setting) string {
	switch s.field(&Config{}).(type) {
	case *int:
		return "a whole number"
	case *bool:
		return "true or false"
	}
	return "text in quotes"
}

// A keyProblem is a bad setting, named by its key.
type keyProblem struct {
	key string
	err error
}

// Validate checks a configuration and fills in its derived fields.
func (c *Config) Validate() error {
	var l problem.List
	for _, p := range c.validate() {
		l = append(l, &problem.Problem{File: File, Err: p.err})
	}
	return l.Err()
}

func (c *Config) validate() []keyProblem {
	var out []keyProblem
	bad := func(key, format string, args ...any) {
		out = append(out, keyProblem{key: key, err: fmt.Errorf(format, args...)})
	}
	if strings.TrimSpace(c.Title) == "" {
		bad("title", "title is empty: give the site a title")
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("base_url", "base_url %q is not an absolute http or https URL, such as \"https://impact.example.com/\"", c.BaseURL)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	tag, err := language.Parse(c.Language)
	if err != nil {
		bad("language", "language %q is not a language tag: write one such as en-GB, fr or de-DE", c.Language)
	}
	c.Lang = tag
	cur, err := impact.ParseCurrency(c.Currency)
	if err != nil {
		bad("currency", "currency: %v", err)
	}
	c.Cur = cur
	if c.ReportingCurrency != "" {
		rc, err := impact.ParseCurrency(c.ReportingCurrency)
		if err != nil {
			bad("reporting_currency", "reporting_currency: %v", err)
		} else {
			c.Rates = impact.NewRates(rc)
		}
	}
	if c.PostsPerPage < 1 {
		bad("posts_per_page", "posts_per_page must be 1 or more, not %d", c.PostsPerPage)
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil || c.Timezone == "" {
		bad("timezone", "timezone %q is not a time zone: write one such as UTC or Europe/London", c.Timezone)
		loc = time.UTC
	}
	c.Location = loc
	return out
}
