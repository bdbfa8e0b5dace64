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
// A missing site.toml gives DefaultConfig. An unknown key or a bad value is
// a problem at site.toml:line, like a bad post.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"golang.org/x/text/language"
)

// File is the config file's name at the blog's root.
const File = "site.toml"

// Config is the site's configuration.
type Config struct {
	Title        string `toml:"title"`
	BaseURL      string `toml:"base_url"`
	Language     string `toml:"language"`
	Currency     string `toml:"currency"`
	Author       string `toml:"author"`
	Description  string `toml:"description"`
	PostsPerPage int    `toml:"posts_per_page"`
	Timezone     string `toml:"timezone"`
	UnsafeHTML   bool   `toml:"unsafe_html"`

	ReportingCurrency string `toml:"reporting_currency"`

	// Filled in by Validate.
	Cur      impact.Currency `toml:"-"`
	Rates    *impact.Rates   `toml:"-"` // nil: nothing is converted
	Location *time.Location  `toml:"-"`
	Lang     language.Tag    `toml:"-"`
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

// Parse reads site.toml's text over the defaults and validates it.
func Parse(src []byte) (*Config, problem.List) {
	c := DefaultConfig()
	md, err := toml.Decode(string(src), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, problem.List{problem.New(File, pe.Position.Line, pe.Position.Col, "not valid TOML: %s", pe.Message)}
		}
		line := 0
		if m := regexp.MustCompile(`toml: line (\d+)`).FindStringSubmatch(err.Error()); m != nil {
			fmt.Sscan(m[1], &line)
		}
		return nil, problem.List{problem.New(File, line, 0, "%s", strings.TrimPrefix(err.Error(), "toml: "))}
	}
	var problems problem.List
	for _, k := range md.Undecoded() {
		if k[0] == "rates" {
			continue // read by parseRates
		}
		problems.Add(File, lineOf(src, k[0]), 0, "unknown setting %q: the settings are title, base_url, language, currency, author, description, posts_per_page, timezone, unsafe_html, reporting_currency and [rates.YEAR] tables", k.String())
	}
	for _, p := range c.validate() {
		problems = append(problems, &problem.Problem{File: File, Line: lineOf(src, p.key), Err: p.err})
	}
	problems = append(problems, c.parseRates(src, md)...)
	problems.Sort()
	return c, problems
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

// lineOf finds the line where key is set in TOML text; 0 when not found.
func lineOf(src []byte, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, l := range strings.Split(string(src), "\n") {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}
