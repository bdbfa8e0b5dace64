package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// multilingual is a blog in English, French and German: an English post,
// its French translation, which inherits its figures, and its German one,
// which states them again; and a post in French only.
func multilingual(german string) fstest.MapFS {
	return fstest.MapFS{
		"site.toml":                        {Data: []byte("title = \"Impact\"\nbase_url = \"https://impact.example/\"\ncurrency = \"GBP\"\nlanguages = [\"en-GB\", \"fr-FR\", \"de-DE\"]\n")},
		"posts/2021-01-15-victories.md":    {Data: []byte("---\ntitle: Our small victories\nimpact:\n  donations:\n    - recipient: PUR Projet\n      amount: 112000\n---\nWe gave to PUR Projet.\n")},
		"posts/2021-01-15-victories.fr.md": {Data: []byte("---\ntitle: Nos petites victoires\n---\nNous avons donné à PUR Projet.\n")},
		"posts/2021-01-15-victories.de.md": {Data: []byte("---\ntitle: Unsere kleinen Siege\nimpact:\n  donations:\n    - recipient: PUR Projet\n      amount: " + german + "\n---\nWir haben an PUR Projet gespendet.\n")},
		"posts/2021-02-01-seulement.md":    {Data: []byte("---\ntitle: Seulement en français\nlang: fr\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 45000\n---\nNous avons donné au WWF.\n")},
	}
}

// TestLanguages: each language has its own site under its path, with its
// own posts, feeds and search; the translations link each other; every
// language's totals are the originals', each entry counted once, and
// impact.json is written once.
func TestLanguages(t *testing.T) {
	out, err := build(t, multilingual("112000"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	get := func(name string) string {
		t.Helper()
		b, ok := out.Get(name)
		if !ok {
			t.Fatalf("no %s; have %v", name, out.Names())
		}
		return string(b)
	}
	for _, f := range []string{"index.html", "posts/victories/index.html", "fr/index.html", "fr/posts/victories/index.html", "fr/posts/seulement/index.html",
		"de/posts/victories/index.html", "fr/feed.xml", "de/rss.xml", "fr/search/index.json", "fr/impact/index.html", "de/archive/index.html"} {
		get(f)
	}
	if get("fr/impact.json") != get("impact.json") || get("de/style.css") != get("style.css") {
		t.Error("a language's impact.json or style.css is not the root's")
	}
	for _, f := range []string{"posts/seulement/index.html", "de/posts/seulement/index.html", "fr/sitemap.xml", "de/robots.txt"} {
		if _, ok := out.Get(f); ok {
			t.Errorf("%s is written", f)
		}
	}
	if strings.Contains(get("index.html"), "Nos petites victoires") || !strings.Contains(get("fr/index.html"), "Nos petites victoires") {
		t.Error("the French post is not on the French home page alone")
	}
	// One ledger: the English post's and the French-only post's entries, once.
	j := get("impact.json")
	if n := strings.Count(j, `"kind": "donation"`); n != 2 {
		t.Errorf("impact.json has %d donations, want 2:\n%s", n, j)
	}
	// The French translation shows the original's figures.
	if fr := get("fr/posts/victories/index.html"); !strings.Contains(fr, "PUR Projet") || !strings.Contains(fr, "112") {
		t.Errorf("the French translation does not show the figures")
	}
	// Each language in its own words and formats, linking the others.
	fr, de, en := get("fr/posts/victories/index.html"), get("de/posts/victories/index.html"), get("posts/victories/index.html")
	for _, c := range []struct{ page, want string }{
		{fr, `<html lang="fr-FR">`}, {fr, "15 janvier 2021"}, {fr, `hreflang="en-GB" href="https://impact.example/posts/victories/"`},
		{fr, `<nav class="languages"`}, {fr, `lang="de-DE">Deutsch</a>`},
		{de, "15. Januar 2021"}, {de, `hreflang="fr-FR" href="https://impact.example/fr/posts/victories/"`},
		{en, `hreflang="fr-FR" href="https://impact.example/fr/posts/victories/"`}, {en, "15 January 2021"},
		{get("fr/index.html"), `hreflang="en-GB" href="https://impact.example/"`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("a page lacks %s", c.want)
		}
	}
	if strings.Contains(get("fr/posts/seulement/index.html"), `<nav class="languages"`) {
		t.Error("a post with no translation has a language switch")
	}
	sm := get("sitemap.xml")
	for _, want := range []string{`xmlns:xhtml="http://www.w3.org/1999/xhtml"`, `https://impact.example/fr/posts/victories/`, `hreflang="de-DE" href="https://impact.example/de/posts/victories/"`} {
		if !strings.Contains(sm, want) {
			t.Errorf("sitemap.xml lacks %s:\n%s", want, sm)
		}
	}
}

// TestLanguagesFiguresDiffer: a translation that states other figures than
// its original's is a problem at both files.
func TestLanguagesFiguresDiffer(t *testing.T) {
	_, err := build(t, multilingual("121000"), Options{})
	if err == nil {
		t.Fatal("no problem")
	}
	for _, want := range []string{
		"posts/2021-01-15-victories.de.md:4:3: these figures differ from those of the original, posts/2021-01-15-victories.md",
		"posts/2021-01-15-victories.md:4:3: these figures differ from those of its translation posts/2021-01-15-victories.de.md",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("have %v\nwant %s", err, want)
		}
	}
}
