package site

import (
	"cmp"
	"reflect"
	"slices"
	"strings"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/theme"
)

// Languages.
//
// A blog whose site.toml lists languages (config.Languages) is one site
// per language: the default language's at the root, each other's under
// its path (/fr/), each with its own home, archive, tags, impact report,
// feeds and search, in its own words (its locale and, through the
// templates' T, its interface strings). A post is in its language (lang:,
// else the default); a translation (x.fr.md beside x.md, or translation_of)
// is in its own and names its original. A post with no translation is in
// its language only: nothing is translated by machine.
//
// Figures are facts, not text: a translation states no figures of its own
// and shows its original's, or states the same (any difference is a
// problem at both files). The totals of every language's pages are those
// of the originals, every entry counted once: impact.json and impact.csv
// are the same ledger under every language's path.
//
// Each page of a post links its translations (Post.Translations: for
// <link rel="alternate" hreflang> and a visible switch), and each
// language's home, archive, tags, impact and search pages link the same
// page in the other languages (Site.Alternates).

// A Translation is the same post, or page, in another language.
type Translation struct {
	Lang string // BCP 47, as site.toml lists it: "fr-FR"
	Name string // the language's name in itself: "français"
	URL  string // absolute
}

// langOf is the language of a post in a multilingual site: its lang, else
// the default's. Tags are compared as parsed, so "fr" names fr's site.
func langOf(cfg *config.Config, p *Post) string {
	if p.Lang == "" {
		return cfg.Languages.List[0].Tag
	}
	for _, l := range cfg.Languages.List {
		if sameTag(l.Tag, p.Lang) {
			return l.Tag
		}
	}
	for _, l := range cfg.Languages.List { // fr for fr-FR
		if base(l.Tag) == base(p.Lang) {
			return l.Tag
		}
	}
	return p.Lang
}

func sameTag(a, b string) bool { return strings.EqualFold(a, b) }

func base(tag string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		return tag[:i]
	}
	return tag
}

// splitLanguages sorts posts (posts or pages of the site) by language,
// links each translation to its original, and gives a translation its
// original's figures. It returns the posts of each language of cfg, the
// originals (whose entries are the site's, once), and the problems: a
// translation of no post, or one whose figures differ from its original's,
// or a post in a language the site does not list.
func splitLanguages(cfg *config.Config, posts []*Post) (byLang map[string][]*Post, originals []*Post, problems problem.List) {
	byFile := make(map[string]*Post, len(posts))
	for _, p := range posts {
		byFile[p.File] = p
	}
	byLang = map[string][]*Post{}
	for _, p := range posts {
		p.translations, p.original = nil, nil
	}
	for _, p := range posts {
		if cfg.Languages == nil {
			if p.TranslationOf != "" {
				problems.Add(p.File, 0, 0, "this is a translation (of %s), but the site has one language: list them in site.toml, such as languages = [\"en-GB\", \"%s\"]", p.TranslationOf, p.Lang)
				continue
			}
			originals = append(originals, p)
			continue
		}
		lang := langOf(cfg, p)
		if !slices.ContainsFunc(cfg.Languages.List, func(l config.Language) bool { return l.Tag == lang }) {
			problems.Add(p.File, p.Keys.At("lang").Line, p.Keys.At("lang").Col, "this post is in %s, which is not one of the site's languages (%s): add it to languages in site.toml, or correct lang", lang, languageList(cfg))
			continue
		}
		if p.TranslationOf == "" {
			originals = append(originals, p)
			byLang[lang] = append(byLang[lang], p)
			continue
		}
		orig := byFile[p.TranslationOf]
		if orig == nil {
			at := p.Keys.At("translation_of")
			problems.Add(p.File, at.Line, at.Col, "this translates %s, which is no published post: check the name, or publish the original", p.TranslationOf)
			continue
		}
		if orig.TranslationOf != "" {
			problems.Add(p.File, 0, 0, "this translates %s, which is itself a translation: name the original, %s", orig.File, orig.TranslationOf)
			continue
		}
		if langOf(cfg, orig) == lang {
			problems.Add(p.File, 0, 0, "this translates %s into its own language (%s): give it another lang, or make it a post of its own", orig.File, lang)
			continue
		}
		if ps := sameFiguresAs(p, orig); len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		inherit(p, orig)
		p.original = orig
		orig.translations = append(orig.translations, p)
		byLang[lang] = append(byLang[lang], p)
	}
	return byLang, originals, problems
}

// sameFiguresAs checks that a translation that states figures states its
// original's: the same entries, whatever their sources' files and lines.
func sameFiguresAs(p, orig *Post) problem.List {
	if len(p.Donations) == 0 && len(p.Offsets) == 0 && len(p.Emissions) == 0 {
		return nil
	}
	if reflect.DeepEqual(stripSources(p.Post), stripSources(orig.Post)) {
		return nil
	}
	at, oat := p.Keys.At("impact"), orig.Keys.At("impact")
	return problem.List{
		problem.New(p.File, at.Line, at.Col, "these figures differ from those of the original, %s: a translation states no figures of its own (remove its impact block: it shows the original's) or exactly the same", orig.File),
		problem.New(orig.File, oat.Line, oat.Col, "these figures differ from those of its translation %s: correct the translation, or remove its impact block", p.File),
	}
}

type figures struct {
	D []impact.Donation
	O []impact.Offset
	E []post.Emission
}

// stripSources are a post's entries without what says where they were
// written, which differs between a post and its translation.
func stripSources(p *post.Post) figures {
	var f figures
	for _, d := range p.Donations {
		d.Source = impact.Source{}
		f.D = append(f.D, d)
	}
	for _, o := range p.Offsets {
		o.Source = impact.Source{}
		f.O = append(f.O, o)
	}
	f.E = append(f.E, p.Emissions...)
	return f
}

// inherit gives a translation its original's figures, on a copy of its
// front matter: the post as read stays as it was written.
func inherit(p, orig *Post) {
	cp := *p.Post
	cp.Donations, cp.Offsets, cp.Emissions = orig.Donations, orig.Offsets, orig.Emissions
	p.Post = &cp
}

func languageList(cfg *config.Config) string {
	var tags []string
	for _, l := range cfg.Languages.List {
		tags = append(tags, l.Tag)
	}
	return strings.Join(tags, ", ")
}

// Translations are the post in the site's other languages: its original
// and the original's other translations, by the order of languages.
func (p *Post) Translations() []Translation {
	orig := p
	if p.original != nil {
		orig = p.original
	}
	if len(orig.translations) == 0 || p.site == nil || p.site.root == nil {
		return nil
	}
	var out []Translation
	for _, q := range append([]*Post{orig}, orig.translations...) {
		if q == p || q.site == nil {
			continue
		}
		out = append(out, Translation{Lang: q.site.Lang().Tag, Name: languageName(q.site.Lang().Tag), URL: theme.Abs(q.site.Config.BaseURL, q.URL())})
	}
	slices.SortFunc(out, func(a, b Translation) int {
		return cmp.Compare(p.site.root.langIndex(a.Lang), p.site.root.langIndex(b.Lang))
	})
	return out
}

// Lang is the site's language: its own in a multilingual blog.
func (s *Site) Lang() config.Language {
	if s.lang.Tag != "" {
		return s.lang
	}
	return config.Language{Tag: s.Config.Language, Lang: s.Config.Lang}
}

// Alternates are the same page in the other languages, for the pages every
// language has (home, archive, tags, impact and each year's, search):
// absolute URLs.
func (p *Page) Alternates() []Translation {
	s := p.Site
	if s == nil || s.root == nil {
		return nil
	}
	if p.Kind == KindPost || p.Kind == KindPage {
		return p.Post.Translations()
	}
	switch p.Kind {
	case KindHome, KindArchive, KindTags, KindImpact, KindImpactYear, KindSearch:
	default:
		return nil
	}
	url := p.URL
	if p.Kind == KindHome {
		url = "/"
	}
	var out []Translation
	for _, l := range s.root.family() {
		if l != s {
			out = append(out, Translation{Lang: l.Lang().Tag, Name: languageName(l.Lang().Tag), URL: theme.Abs(l.Config.BaseURL, url)})
		}
	}
	return out
}

// family is the root site and its languages' sites, in the order of
// languages.
func (s *Site) family() []*Site { return append([]*Site{s}, s.langs...) }

func (s *Site) langIndex(tag string) int {
	for i, l := range s.family() {
		if l.Lang().Tag == tag {
			return i
		}
	}
	return len(s.langs) + 1
}

// languageName is a language's name in itself: "français", "Deutsch".
func languageName(tag string) string {
	switch base(tag) {
	case "en":
		return "English"
	case "fr":
		return "français"
	case "de":
		return "Deutsch"
	case "es":
		return "español"
	case "it":
		return "italiano"
	case "nl":
		return "Nederlands"
	case "pt":
		return "português"
	}
	return tag
}

// langConfig is the config of a language's site: the blog's, with its
// language and its pages under its path.
func langConfig(cfg *config.Config, l config.Language) *config.Config {
	c := *cfg
	c.Language, c.Lang = l.Tag, l.Lang
	c.BaseURL = cfg.BaseURL + l.Path + "/"
	return &c
}

// langFiles are the files of the languages' sites, each under its path:
// their pages, feeds, search index, stylesheet and scripts, and the same
// impact.json and impact.csv as the root's (one ledger, which a page in any
// language links beside itself); the sitemap and robots.txt are the root's.
func (s *Site) langFiles() []publish.File {
	var out []publish.File
	for _, l := range s.langs {
		prefix := l.lang.Path + "/"
		for _, f := range l.Files() {
			switch f.Name {
			case "sitemap.xml", "robots.txt": // the root's list every language
				continue
			case "impact.json":
				f.Write = s.WriteImpactJSON // the root's ledger, to the letter
			case "impact.csv":
				f.Write = s.WriteImpactCSV
			}
			out = append(out, publish.File{Name: prefix + f.Name, Write: f.Write})
		}
		for _, p := range l.pages {
			f := l.pageFile(p)
			out = append(out, publish.File{Name: prefix + f.Name, Write: f.Write})
		}
	}
	return out
}

// langSite makes the site of one language: its posts and pages, its
// templates and locale, the root's totals.
func (b *Builder) langSite(root *Site, l config.Language, posts, pages []*Post) *Site {
	cfg := langConfig(root.Config, l)
	loc := locale.New(l.Lang)
	tmpl, ps := b.langTemplates(l, loc, cfg.BaseURL)
	s := newSite(cfg, loc, posts, pages, tmpl, nil, b.opts.Once)
	s.lang, s.root = l, root
	s.Totals = root.Totals
	s.remakeYearPages()
	s.problems = append(s.problems, ps...)
	s.version, s.sourceDate, s.spill = root.version, root.sourceDate, root.spill
	return s
}

// langTemplates are the templates of a language, loaded once per build
// of the templates.
func (b *Builder) langTemplates(l config.Language, loc *locale.Locale, baseURL string) (*templateSet, problem.List) {
	if b.langTmpl == nil {
		b.langTmpl = map[string]*langTemplates{}
	}
	if t := b.langTmpl[l.Tag]; t != nil && t.baseURL == baseURL && t.gen == b.tmplGen {
		return t.tmpl, t.problems
	}
	tmpl, ps := loadTemplates(b.src, b.theme, loc, baseURL)
	b.langTmpl[l.Tag] = &langTemplates{tmpl: tmpl, problems: ps, baseURL: baseURL, gen: b.tmplGen}
	return tmpl, ps
}

// langTemplates are one language's templates, and what they were loaded for.
type langTemplates struct {
	tmpl     *templateSet
	problems problem.List
	baseURL  string
	gen      int
}

// langPosts are the posts and pages of one of the other languages.
type langPosts struct {
	lang         config.Language
	posts, pages []*Post
}

// languages sorts the published posts and pages by language: those of the
// default language (all of them in a blog of one language), those of each
// other language, and the originals, whose entries are the site's.
func (b *Builder) languages(posts, pages []*Post) (rootPosts, rootPages []*Post, others []langPosts, ledger []*Post, problems problem.List) {
	byLang, originals, ps := splitLanguages(b.config, posts)
	pagesByLang, pageOriginals, ps2 := splitLanguages(b.config, pages)
	problems = append(ps, ps2...)
	if b.config.Languages == nil {
		return originals, pageOriginals, nil, originals, problems
	}
	list := b.config.Languages.List
	for _, l := range list[1:] {
		others = append(others, langPosts{l, byLang[l.Tag], pagesByLang[l.Tag]})
	}
	return byLang[list[0].Tag], pagesByLang[list[0].Tag], others, originals, problems
}

// addLanguages gives the root site the sites of the other languages, and
// every one of them the totals of the originals, every entry once.
func (b *Builder) addLanguages(s *Site, others []langPosts, ledger []*Post) {
	if b.config.Languages == nil {
		return
	}
	s.lang, s.root = b.config.Languages.List[0], s
	t, err := totalsOf(ledger, impact.WithRates(b.config.Rates))
	s.Totals = t
	s.remakeYearPages() // the years of every language's entries
	s.problems = append(s.problems, rateProblems(err)...)
	s.langs = nil
	for _, lp := range others {
		c := b.langSite(s, lp.lang, lp.posts, lp.pages)
		s.langs = append(s.langs, c)
	}
	// The interface's strings a language lacks (package i18n) are warnings
	// of the build, as the root's are.
	for _, c := range s.langs {
		s.Warnings = append(s.Warnings, c.tmpl.words.Warnings()...)
	}
	s.Warnings.Sort()
	b.warnings = s.Warnings
	for _, c := range s.langs {
		c.Warnings, c.spill, c.LeftOut = s.Warnings, s.spill, s.LeftOut
	}
}

// LangName is the name of the site's language in itself: "English",
// "français", for a language switch.
func (s *Site) LangName() string { return languageName(s.Lang().Tag) }
