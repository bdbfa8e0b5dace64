package post

import (
	"path"
	"regexp"
	"strings"

	"github.com/impactblog/impactblog/internal/tree"
	"golang.org/x/text/language"
)

// langSuffixRE is a language tag at the end of a file name: x.fr, x.de-CH.
var langSuffixRE = regexp.MustCompile(`^(.+)\.([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})?)$`)

// langSuffix splits "x.fr" into "x" and "fr" when the suffix is a
// language tag; else it returns name and "".
func langSuffix(name string) (string, string) {
	m := langSuffixRE.FindStringSubmatch(name)
	if m == nil {
		return name, ""
	}
	if _, err := language.Parse(m[2]); err != nil {
		return name, ""
	}
	return m[1], m[2]
}

// translation reads what makes p a translation: a language in its file
// name (x.fr.md translates x.md beside it) or translation_of in its front
// matter (a file from the post's folder). Its lang is the file name's
// unless the front matter gives one, which must agree.
func (r *reader) translation(p *Post, seen [len(postKeys)]*tree.Node, dir, base, name, fileLang string) {
	if fileLang != "" {
		if p.Lang == "" {
			p.Lang = fileLang
		} else if !sameLang(p.Lang, fileLang) {
			r.Errorf(seen[keyOf("lang")], "lang %s is not the language of the file name (%s): rename the file, or make them agree", p.Lang, base)
		}
	}
	of := p.TranslationOf
	switch {
	case of != "":
		p.TranslationOf = path.Join(dir, of)
		if strings.HasPrefix(p.TranslationOf, "..") || path.IsAbs(of) {
			r.Errorf(seen[keyOf("translation_of")], "translation_of %q must name a post's file from this post's folder, such as ../2021-01-15-x.md", of)
			p.TranslationOf = ""
		}
	case fileLang != "":
		ext := path.Ext(base)
		p.TranslationOf = path.Join(dir, strings.TrimSuffix(strings.TrimSuffix(base, ext), "."+fileLang)+ext)
	}
	if p.TranslationOf != "" && p.Lang == "" {
		r.Errorf(seen[keyOf("translation_of")], "a translation needs its language: add lang: fr (or name the file x.fr.md)")
	}
	if p.TranslationOf == r.File {
		r.Errorf(seen[keyOf("translation_of")], "translation_of names this post itself: name the original")
		p.TranslationOf = ""
	}
}

func sameLang(a, b string) bool {
	ta, err1 := language.Parse(a)
	tb, err2 := language.Parse(b)
	return err1 == nil && err2 == nil && ta == tb
}
