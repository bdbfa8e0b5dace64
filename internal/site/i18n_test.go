package site

import (
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/i18n"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	theme "github.com/impactblog/impactblog/templates"
)

// frenchBlog is a small blog in French: two posts, one tag with both and
// one with one, a page of listing each; a gift, a sponsorship, an offset.
func frenchBlog() fstest.MapFS {
	return blogOf(
		"site.toml", "title = \"Impact & Cie\"\nbase_url = \"https://impact.example/\"\nlanguage = \"fr-FR\"\ncurrency = \"EUR\"\nposts_per_page = 1\n",
		"posts/2021-01-15-dons.md", "---\ntitle: Nos dons\ntags: [impact]\naliases: [/2021/dons/]\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 45000\n    - recipient: Marathon\n      kind: sponsorship\n      amount: 2000\n---\nMerci.\n",
		"posts/2020-11-30-carbone.md", "---\ntitle: Vendredi noir\ntags: [carbone, impact]\nimpact:\n  offsets:\n    - provider: GoodPlanet Foundation\n      tonnes: 31.4\n      price_per_tonne: 20\n---\nNous avons compensé.\n",
	)
}

// have checks that each page of out holds each of its strings.
func have(t *testing.T, out *publish.Memory, want map[string][]string) {
	t.Helper()
	for name, strs := range want {
		b, ok := out.Get(name)
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		for _, s := range strs {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s lacks %q", name, s)
			}
		}
	}
}

// TestFrenchSite: a site whose language is fr-FR shows every word of the
// built-in theme in French: page titles, the menu, the listings' words and
// plurals, the figures; and no English.
func TestFrenchSite(t *testing.T) {
	b := NewBuilder(frenchBlog(), theme.FS, Options{Now: now})
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ws := b.Warnings(); len(ws) > 0 {
		t.Errorf("warnings: %v", ws)
	}
	out := publish.NewMemory()
	if _, err := s.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	const nbsp = "\u00a0"
	have(t, out, map[string][]string{
		"index.html": {
			`<html lang="fr-FR">`,
			`<a href="/" aria-current="page">Articles</a>`, `<a href="/impact/">Impact</a>`, `<a href="/archive/">Archives</a>`,
			`<a href="/tags/">Étiquettes</a>`, `<a href="/search/">Recherche</a>`,
			"1 min de lecture",
			"Page 1 sur 2", "Plus anciens →",
			"Dons" + nbsp + ": 45", // and the amount as the locale writes it
			"À ce jour" + nbsp + ": ", " de dons et 31", " t CO₂e compensées, dans 2 articles.",
			">Voir tous les chiffres</a>", ">Flux Atom</a>",
		},
		"page/2/index.html":             {"Impact &amp; Cie, page 2</h1>", "← Plus récents", "Page 2 sur 2", "Compensé" + nbsp + ": 31"},
		"tags/index.html":               {"<title>Étiquettes · Impact &amp; Cie</title>", "<h1>Étiquettes</h1>", ">1 article</span>", ">2 articles</span>"},
		"tags/impact/index.html":        {"<title>Articles avec l’étiquette impact · Impact &amp; Cie</title>", "<h1>Articles avec l’étiquette #impact</h1>", "Dans ces articles" + nbsp + ": "},
		"tags/impact/page/2/index.html": {"<title>Articles avec l’étiquette impact – page 2 · Impact &amp; Cie</title>"},
		"archive/index.html":            {"<title>Archives · Impact &amp; Cie</title>", "<h1>Archives</h1>"},
		"impact/index.html":             {"<title>Notre impact · Impact &amp; Cie</title>"},
		"search/index.html":             {"<h1>Recherche</h1>", `data-single="1 article trouvé"`, `data-none="Aucun article trouvé pour «` + nbsp + `{q}` + nbsp + `»."`, `data-recipients="Dons à"`, `<a href="/archive/">les archives</a>`},
		"404.html":                      {"<title>Page introuvable · Impact &amp; Cie</title>", "<h1>Page introuvable</h1>", `Essayez <a href="/">les derniers articles</a>`},
		"posts/dons/index.html":         {"<h2 id=\"figures-title\">Les chiffres de cet article</h2>", "<caption>Dons</caption>", "<th scope=\"col\">Bénéficiaire</th>", "Total des dons", "<small>Un parrainage" + nbsp + ": ce n’est pas un don, et il n’entre dans aucun total</small>", `aria-label="Autres articles"`, `data-label="Dons de l’année"`},
		"posts/carbone/index.html":      {"<caption>Compensation carbone</caption>", "Prix à la tonne", "Total compensé"},
		"2021/dons/index.html":          {`<p>Cet article se trouve désormais à l’adresse <a href="https://impact.example/posts/dons/">`},
	})
	english := []string{"min read", "Posts tagged", "So far", "Page not found", "No posts", "Older", "Newer", "post found",
		"The figures in this post", "Donations", "Recipient", "Carbon offsets", "Total given", "See every figure", "Atom feed",
		"has moved", `>Posts</a>`, `>Archive</a>`, `>Tags</a>`, `>Search</a>`}
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		b, _ := out.Get(name)
		for _, e := range english {
			if strings.Contains(string(b), e) {
				t.Errorf("%s shows %q, in English", name, e)
			}
		}
	}
}

// TestSiteStrings: a blog's templates/i18n replaces built-in strings and
// adds its own; a string the language lacks is shown in English, with a
// warning; site.toml's [[menu]] names win over the built-in ones; an edit
// of a message file is seen by the next build.
func TestSiteStrings(t *testing.T) {
	blog := frenchBlog()
	blog["site.toml"].Data = append(blog["site.toml"].Data, "[[menu]]\nurl = \"/archive/\"\nname = \"Tout lire\"\n"...)
	blog["templates/i18n/fr.toml"] = &fstest.MapFile{Data: []byte("tags = \"Thèmes\"\nminRead.one = \"Lecture : {{.Count}} min\"\nminRead.other = \"Lecture : {{.Count}} min\"\n")}
	blog["templates/i18n/en.toml"] = &fstest.MapFile{Data: []byte("newsletter = \"Our newsletter\"\n")}
	blog["templates/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>{{T "newsletter"}}</p>{{end}}`)}
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	render := func(changed []string) *publish.Memory {
		t.Helper()
		s, err := b.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		out := publish.NewMemory()
		if _, err := s.Render(context.Background(), out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	out := render(nil)
	have(t, out, map[string][]string{
		"index.html":      {`<a href="/tags/">Thèmes</a>`, `<a href="/archive/">Tout lire</a>`, "Lecture : 1 min", `<a href="/search/">Recherche</a>`},
		"tags/index.html": {"<title>Thèmes · Impact &amp; Cie</title>", "<h1>Thèmes</h1>"},
		"404.html":        {"<p>Our newsletter</p>"},
	})
	checkWarnings := func(want ...string) {
		t.Helper()
		ws := b.Warnings()
		if len(ws) != len(want) {
			t.Fatalf("warnings: have %v, want %q", ws, want)
		}
		for i, w := range want {
			if ws[i].Error() != w {
				t.Errorf("warning:\nhave %s\nwant %s", ws[i], w)
			}
		}
	}
	checkWarnings(`templates/i18n/fr.toml: the interface string "newsletter" has no French: it is shown in English ("Our newsletter"); add it`)

	blog["templates/i18n/fr.toml"].Data = append(blog["templates/i18n/fr.toml"].Data, "newsletter = \"Notre lettre\"\n"...)
	out = render([]string{"templates/i18n/fr.toml"})
	have(t, out, map[string][]string{"404.html": {"<p>Notre lettre</p>"}})
	checkWarnings()
}

// TestSiteStringProblems: a mistake in a message file is a problem at its
// place; an id no file has stops the page that asks for it, naming it.
func TestSiteStringProblems(t *testing.T) {
	blog := frenchBlog()
	blog["templates/i18n/fr.toml"] = &fstest.MapFile{Data: []byte("archive = \"Archives\"\ntags = Étiquettes\n")}
	_, err := build(t, blog, Options{})
	assertProblems(t, err, []string{"templates/i18n/fr.toml:2:8: not valid TOML"})

	blog = frenchBlog()
	blog["templates/404.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n<p>{{T \"newsleter\"}}</p>{{end}}")}
	_, err = build(t, blog, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "templates/404.html:2:") || !strings.Contains(err.Error(), `the interface string "newsleter" is in no message file: add it to templates/i18n/en.toml`) {
		t.Errorf("have %v", err)
	}
}

// TestWords: every interface string the site's Go code and the built-in
// templates ask for is a built-in one, in every built-in language: page
// titles, the menu's names, and each {{T "id"}} of templates/.
func TestWords(t *testing.T) {
	ids := []string{"postsTagged", "pageNumber", "movedTo"}
	for _, k := range kinds {
		if k.Title != "" {
			ids = append(ids, k.Title)
		}
	}
	for _, m := range config.BuiltinMenu {
		ids = append(ids, strings.ToLower(m.Name))
	}
	for _, k := range []impact.DonationKind{impact.Sponsorship, impact.Purchase} { // {{T (print "kindNote." .Kind)}}
		ids = append(ids, "kindNote."+string(k))
	}
	var files []string
	for _, pattern := range []string{"*.html", "partials/*.html"} {
		names, _ := fs.Glob(theme.FS, pattern)
		files = append(files, names...)
	}
	tRE := regexp.MustCompile(`\{\{-? *T "([^"]+)"`)
	for _, f := range files {
		b, _ := fs.ReadFile(theme.FS, f)
		for _, m := range tRE.FindAllStringSubmatch(string(b), -1) {
			ids = append(ids, m[1])
		}
	}
	if len(ids) < 50 {
		t.Fatalf("found only %d ids in templates/: has the way templates call T changed?", len(ids))
	}
	for _, lang := range []string{"en-GB", "fr-FR", "de-DE"} {
		tr, problems := i18n.New(fstest.MapFS{}, language.MustParse(lang))
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		for _, id := range ids {
			if _, err := tr.Text(id, 2, "Tag", "x", "Number", 2, "Link", "x", "Given", "x", "Tonnes", "x", "Amount", "x", "Items", "x",
				"Home", "/", "Archive", "/", "Impact", "/", "Tags", "/", "Total", 2, "Scope", 3, "Category", 4, "Method", "x",
				"Year", "2020", "Span", "2019–2020", "Currency", "GBP", "Text", "x", "Share", "60", "Name", "x", "JSON", "/", "CSV", "/",
				"Registry", "x", "Country", "x", "Vintage", "2020", "Beneficiary", "x", "Reason", "x"); err != nil {
				t.Errorf("%s: %v", lang, err)
			}
		}
		if fb := tr.Fallbacks(); len(fb) > 0 {
			t.Errorf("%s shows %v in English", lang, fb)
		}
	}
}

// TestLanguagesWords: in a blog of several languages, each language's
// site shows its own words, with the blog's strings of that language, and
// a string one of them lacks is a warning of the build.
func TestLanguagesWords(t *testing.T) {
	blog := multilingual("112000")
	blog["templates/i18n/en.toml"] = &fstest.MapFile{Data: []byte("newsletter = \"Our newsletter\"\n")}
	blog["templates/i18n/de.toml"] = &fstest.MapFile{Data: []byte("newsletter = \"Unser Rundbrief\"\n")}
	blog["templates/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>{{T "newsletter"}}</p>{{end}}`)}
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := publish.NewMemory()
	if _, err := s.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	have(t, out, map[string][]string{
		"tags/index.html":               {"<h1>Tags</h1>"},
		"fr/tags/index.html":            {"<h1>Étiquettes</h1>", `<a href="/fr/archive/">Archives</a>`},
		"de/tags/index.html":            {"<h1>Schlagwörter</h1>"},
		"posts/victories/index.html":    {`<nav class="languages" aria-label="Languages">`, "1 min read"},
		"fr/posts/victories/index.html": {`<nav class="languages" aria-label="Langues">`, "1 min de lecture"},
		"de/posts/victories/index.html": {`<nav class="languages" aria-label="Sprachen">`, "Lesezeit: 1 Min."},
		"404.html":                      {"<p>Our newsletter</p>"},
		"fr/404.html":                   {"<p>Our newsletter</p>"},
		"de/404.html":                   {"<p>Unser Rundbrief</p>"},
	})
	want := `templates/i18n/fr.toml: the interface string "newsletter" has no French: it is shown in English ("Our newsletter"); add it`
	for name, ws := range map[string]problem.List{"Builder.Warnings": b.Warnings(), "Site.Warnings": s.Warnings} {
		if len(ws) != 1 || ws[0].Error() != want {
			t.Errorf("%s: have %v\nwant %s", name, ws, want)
		}
	}
}
