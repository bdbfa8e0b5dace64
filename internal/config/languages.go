package config

import (
	"regexp"
	"strings"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/tree"
	"golang.org/x/text/language"
)

// languagesKey lists the languages of a multilingual blog; the first is
// the default, whose pages are at the site's root, and each other has its
// pages under its path, by default its language subtag ("/fr/", "/de/"; the
// whole tag in lower case when two share one: "/fr-ca/"):
//
//	languages = ["en-GB", "fr-FR", "de-DE"]
//	[language_paths]
//	"de-DE" = "deutsch"
//
// Without it the blog has one language, language's. With it, language is
// the first of languages (given both, they must agree).
const languagesKey = "languages"

// languagePathsKey overrides the path of a language: see languagesKey.
const languagePathsKey = "language_paths"

// Languages are a multilingual blog's languages.
type Languages struct {
	List []Language // the default first
}

// A Language is one language of the blog.
type Language struct {
	Tag  string       // as written: "fr-FR"
	Lang language.Tag // parsed
	Path string       // "" for the default; "fr" for /fr/
}

var pathRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// parseLanguages reads languages and language_paths into c.Languages.
func (c *Config) parseLanguages(val, paths *tree.Node) problem.List {
	var problems problem.List
	if val.Kind != tree.List || len(val.Items) == 0 {
		problems.Add(File, val.Line, val.Col, "languages must be a list of language tags, the default first, such as languages = [\"en-GB\", \"fr-FR\"]; it is %s", describe(val))
		return problems
	}
	ls := &Languages{}
	bases := map[string]int{}
	for _, it := range val.Items {
		tag, err := language.Parse(strings.TrimSpace(it.Value))
		if it.Kind != tree.Scalar || err != nil {
			problems.Add(File, it.Line, it.Col, "languages: %q is not a language tag: write one such as en-GB, fr or de-DE", it.Value)
			continue
		}
		for _, l := range ls.List {
			if l.Lang == tag {
				problems.Add(File, it.Line, it.Col, "languages: %s is given twice: keep one", it.Value)
			}
		}
		base, _ := tag.Base()
		bases[base.String()]++
		ls.List = append(ls.List, Language{Tag: strings.TrimSpace(it.Value), Lang: tag})
	}
	if len(problems) > 0 {
		return problems
	}
	for i := range ls.List {
		l := &ls.List[i]
		if i == 0 {
			continue
		}
		base, _ := l.Lang.Base()
		l.Path = base.String()
		if bases[l.Path] > 1 {
			l.Path = strings.ToLower(l.Lang.String())
		}
	}
	if paths != nil {
		if paths.Kind != tree.Map {
			problems.Add(File, paths.Line, paths.Col, "language_paths must be a table of language = \"path\", such as [language_paths] with a line \"de-DE\" = \"deutsch\"")
		} else {
			for i, k := range paths.Keys {
				v, at := paths.Vals[i], paths.KeyPos[i]
				j := -1
				for n, l := range ls.List {
					if l.Tag == k {
						j = n
					}
				}
				switch {
				case j < 0:
					problems.Add(File, at.Line, at.Col, "language_paths: %s is not one of languages", k)
				case j == 0:
					problems.Add(File, at.Line, at.Col, "language_paths: %s is the default language, whose pages are at the root: remove the line", k)
				case v.Kind != tree.Scalar || !pathRE.MatchString(strings.Trim(v.Value, "/")):
					problems.Add(File, v.Line, v.Col, "language_paths: %q must be a folder name of lower-case letters, digits and hyphens, such as \"fr\"", v.Value)
				default:
					ls.List[j].Path = strings.Trim(v.Value, "/")
				}
			}
		}
	}
	reserved := map[string]bool{"posts": true, "tags": true, "archive": true, "impact": true, "search": true, "page": true}
	for _, l := range ls.List[1:] {
		if reserved[l.Path] {
			problems.Add(File, val.Line, val.Col, "languages: the path /%s/ of %s is one the site uses already: give it another in [language_paths]", l.Path, l.Tag)
		}
	}
	c.Languages = ls
	return problems
}
