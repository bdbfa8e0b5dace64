package i18n

import (
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/impactblog/impactblog/internal/problem"
)

func newT(t *testing.T, blog fs.FS, lang string) *Translator {
	t.Helper()
	tr, problems := New(blog, language.MustParse(lang))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	return tr
}

func blogOf(files ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return m
}

// TestBuiltin: the built-in files read without a problem, French and
// German have every English string and no other, and use only the values
// the English ones do; a site in any of the three has no warning.
func TestBuiltin(t *testing.T) {
	sets := builtinSets()
	en := slices.Sorted(maps.Keys(sets["en"]))
	for _, lang := range []string{"fr", "de"} {
		if have := slices.Sorted(maps.Keys(sets[lang])); !slices.Equal(have, en) {
			var missing, extra []string
			for _, id := range en {
				if sets[lang][id] == nil {
					missing = append(missing, id)
				}
			}
			for _, id := range have {
				if sets["en"][id] == nil {
					extra = append(extra, id)
				}
			}
			t.Errorf("%s.toml: missing %v, not in en.toml %v", lang, missing, extra)
		}
	}
	for _, lang := range []string{"en-GB", "en-US", "fr-FR", "fr", "fr-CA", "de-DE", "de-CH"} {
		tr := newT(t, fstest.MapFS{}, lang)
		if ws := tr.Warnings(); len(ws) > 0 {
			t.Errorf("%s: warnings %v", lang, ws)
		}
	}
}

// TestPlurals: the count picks the form by the language's rules: French
// "one" is 0 and 1, English and German "one" is 1 only; a form the
// message lacks (French "many", for a million) is its other.
func TestPlurals(t *testing.T) {
	tests := []struct {
		lang, id string
		count    int
		want     string
	}{
		{"en-GB", "minRead", 1, "1 min read"},
		{"en-GB", "minRead", 5, "5 min read"},
		{"en-GB", "nPosts", 0, "0 posts"},
		{"en-GB", "nPosts", 1, "1 post"},
		{"en-GB", "nPosts", 5, "5 posts"},
		{"en-US", "nOffsets", 1, "1 offset"},
		{"en-US", "nOffsets", 5, "5 offsets"},
		{"fr-FR", "minRead", 1, "1 min de lecture"},
		{"fr-FR", "minRead", 12, "12 min de lecture"},
		{"fr-FR", "nPosts", 0, "0 article"},
		{"fr-FR", "nPosts", 1, "1 article"},
		{"fr-FR", "nPosts", 2, "2 articles"},
		{"fr-FR", "nPosts", 1000000, "1000000 articles"},
		{"fr-FR", "nOffsets", 1, "1 compensation"},
		{"fr-FR", "nOffsets", 5, "5 compensations"},
		{"de-DE", "minRead", 3, "Lesezeit: 3 Min."},
		{"de-DE", "nPosts", 0, "0 Beiträge"},
		{"de-DE", "nPosts", 1, "1 Beitrag"},
		{"de-DE", "nPosts", 5, "5 Beiträge"},
		{"de-AT", "nOffsets", 1, "1 Kompensation"},
		{"de-AT", "nOffsets", 5, "5 Kompensationen"},
	}
	trs := map[string]*Translator{}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%s/%d", tt.lang, tt.id, tt.count), func(t *testing.T) {
			tr := trs[tt.lang]
			if tr == nil {
				tr = newT(t, fstest.MapFS{}, tt.lang)
				trs[tt.lang] = tr
			}
			for range 2 { // the second from the cache
				if have, err := tr.T(tt.id, tt.count); err != nil || string(have) != tt.want {
					t.Errorf("have %q, %v; want %q", have, err, tt.want)
				}
			}
		})
	}
}

// TestValues: values are given by name; in T, text is escaped and
// template.HTML is not; in Text nothing is.
func TestValues(t *testing.T) {
	fr := newT(t, fstest.MapFS{}, "fr-FR")
	if have, err := fr.T("postsTagged", "Tag", "#R&D <b>"); err != nil || have != "Articles avec l’étiquette #R&amp;D &lt;b&gt;" {
		t.Errorf("T: have %q, %v", have, err)
	}
	if have, err := fr.Text("postsTagged", "Tag", "#R&D <b>"); err != nil || have != "Articles avec l’étiquette #R&D <b>" {
		t.Errorf("Text: have %q, %v", have, err)
	}
	if have, err := fr.T("listGiven", "Amount", template.HTML("1 000&nbsp;€")); err != nil || have != "Dons\u00a0: 1 000&nbsp;€" {
		t.Errorf("T with HTML: have %q, %v", have, err)
	}
	if have, err := fr.T("soFarGiven", 1, "Given", "5 €"); err != nil || have != "À ce jour\u00a0: 5 € de dons, dans 1 article." {
		t.Errorf("T with a count and a value: have %q, %v", have, err)
	}
	errs := []struct {
		args []any
		want string
	}{
		{nil, `the interface string "postsTagged" of internal/i18n/messages/fr.toml:`},
		{[]any{"Tag"}, `T "postsTagged": give a count first, then names and values in pairs`},
		{[]any{3, "Tag"}, `T "postsTagged": give a count first`},
		{[]any{"Tag", "x", 5, "y"}, `T "postsTagged": 5 is not a name`},
	}
	for _, e := range errs {
		if _, err := fr.T("postsTagged", e.args...); err == nil || !strings.HasPrefix(err.Error(), e.want) {
			t.Errorf("T postsTagged %v: have %v, want %s…", e.args, err, e.want)
		}
	}
}

// TestUnknownID: an id that no language has is an error naming it, with
// the id probably meant.
func TestUnknownID(t *testing.T) {
	fr := newT(t, fstest.MapFS{}, "fr-FR")
	_, err := fr.T("minRaed", 3)
	want := `the interface string "minRaed" is in no message file: did you mean "minRead"? Or add it to templates/i18n/en.toml`
	if err == nil || err.Error() != want {
		t.Errorf("have %v\nwant %s", err, want)
	}
	if _, err := fr.Text("newsletter"); err == nil || !strings.Contains(err.Error(), `"newsletter" is in no message file: add it to templates/i18n/en.toml`) {
		t.Errorf("have %v", err)
	}
}

// TestOverrides: the blog's files add strings and replace built-in ones,
// the language's own file over its base language's; English is replaced
// for every language that falls back to it.
func TestOverrides(t *testing.T) {
	blog := blogOf(
		"templates/i18n/fr.toml", "minRead.one = \"Lecture : {{.Count}} min\"\nminRead.other = \"Lecture : {{.Count}} min\"\narchive = \"Tous les articles\"\n",
		"templates/i18n/fr-CA.toml", "archive = \"Archives du blogue\"\n",
		"templates/i18n/en.toml", "newsletter = \"Newsletter\"\nnoTags = \"No tags.\"\n",
		"templates/i18n/de.toml", "newsletter = \"Rundbrief\"\n",
	)
	tests := []struct{ lang, id, want string }{
		{"fr-FR", "minRead", "Lecture : 3 min"},
		{"fr-FR", "archive", "Tous les articles"},
		{"fr-CA", "archive", "Archives du blogue"},
		{"fr-CA", "minRead", "Lecture : 3 min"},
		{"fr-FR", "tags", "Étiquettes"},
		{"fr-FR", "newsletter", "Newsletter"},
		{"de-DE", "newsletter", "Rundbrief"},
		{"en-GB", "newsletter", "Newsletter"},
		{"en-GB", "noTags", "No tags."},
		{"en-GB", "archive", "Archive"},
	}
	for _, tt := range tests {
		tr := newT(t, blog, tt.lang)
		var args []any
		if tt.id == "minRead" {
			args = []any{3}
		}
		if have, err := tr.Text(tt.id, args...); err != nil || have != tt.want {
			t.Errorf("%s %s: have %q, %v; want %q", tt.lang, tt.id, have, err, tt.want)
		}
	}
}

// TestFallback: a string the language lacks is shown in English, and
// recorded; Warnings names it once, at the file to add it to. A language
// with no strings at all has one warning.
func TestFallback(t *testing.T) {
	blog := blogOf("templates/i18n/en.toml", "newsletter = \"Newsletter\"\nthanks.one = \"Thank you, {{.Count}} donor\"\nthanks.other = \"Thank you, {{.Count}} donors\"\n")
	fr := newT(t, blog, "fr-FR")
	for range 3 {
		if have, err := fr.T("thanks", 2); err != nil || have != "Thank you, 2 donors" {
			t.Errorf("have %q, %v", have, err)
		}
	}
	if have, err := fr.T("archive"); err != nil || have != "Archives" {
		t.Errorf("have %q, %v", have, err)
	}
	if have := fr.Fallbacks(); !slices.Equal(have, []string{"thanks"}) {
		t.Errorf("fallbacks: have %v", have)
	}
	want := []string{
		`templates/i18n/fr.toml: the interface string "newsletter" has no French: it is shown in English ("Newsletter"); add it`,
		`templates/i18n/fr.toml: the interface string "thanks" has no French: it is shown in English ("Thank you, {{.Count}} donors"); add it`,
	}
	checkList(t, fr.Warnings(), want)

	// The file to add to is the blog's own, the most particular.
	blog["templates/i18n/fr-FR.toml"] = &fstest.MapFile{Data: []byte("newsletter = \"Lettre d’information\"\n")}
	checkList(t, newT(t, blog, "fr-FR").Warnings(), []string{`templates/i18n/fr-FR.toml: the interface string "thanks" has no French`})

	es := newT(t, blog, "es-ES")
	if have, err := es.T("nPosts", 2); err != nil || have != "2 posts" {
		t.Errorf("es: have %q, %v", have, err)
	}
	checkList(t, es.Warnings(), []string{`templates/i18n/es.toml: the interface has no Spanish (site.toml's language is es-ES): it is shown in English; add this file`})
	if en := newT(t, blog, "en-GB"); len(en.Warnings()) > 0 || en.Fallbacks() != nil {
		t.Errorf("en-GB: warnings %v, fallbacks %v", en.Warnings(), en.Fallbacks())
	}
}

// checkList checks that list is want, each given by its start.
func checkList(t *testing.T, list problem.List, want []string) {
	t.Helper()
	if len(list) != len(want) {
		t.Fatalf("have %d:\n%v\nwant %d:\n%s", len(list), list, len(want), strings.Join(want, "\n"))
	}
	for i, p := range list {
		if !strings.HasPrefix(p.Error(), want[i]) {
			t.Errorf("%d:\nhave %s\nwant %s…", i, p.Error(), want[i])
		}
	}
}

// TestProblems: every mistake in a blog's message file is a problem at its
// line and column; the translator is made without it.
func TestProblems(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             []string
	}{
		{"syntax", "fr.toml", "archive = \"Archives\"\ntags = \"Étiquettes\n", []string{"templates/i18n/fr.toml:2:19: not valid TOML: basic strings cannot have new lines"}},
		{"syntax/key", "fr.toml", "archive \"Archives\"\n", []string{"templates/i18n/fr.toml:1:9: not valid TOML"}},
		{"not text", "fr.toml", "\n\narchive = 3\n", []string{`templates/i18n/fr.toml:3:11: the interface string "archive" must be text in quotes, such as archive = "…"`}},
		{"template", "fr.toml", "minRead.one = \"{{.Count} min\"\nminRead.other = \"x\"\n", []string{`templates/i18n/fr.toml:1:15: the interface string "minRead" is not a valid template: `}},
		{"function", "de.toml", "archive = \"{{upper .X}}\"\n", []string{`templates/i18n/de.toml:1:11: the interface string "archive" is not a valid template: function "upper" not defined`}},
		{"value", "fr.toml", "x = 1\npostsTagged = \"Articles {{.Tga}}\"\n", []string{
			`templates/i18n/fr.toml:1:5: the interface string "x" must be text`,
			`templates/i18n/fr.toml:2:15: the interface string "postsTagged" uses {{.Tga}}, which the English one does not: it is given {{.Tag}}`,
		}},
		{"value/english", "en.toml", "archive = \"{{.Count}} posts\"\n", []string{`templates/i18n/en.toml:1:11: the interface string "archive" uses {{.Count}}, which the English one does not: it is given no values`}},
		{"no other", "fr.toml", "\nnPosts.one = \"{{.Count}} article\"\n", []string{`templates/i18n/fr.toml:2:1: the interface string "nPosts" has plural forms but no other, which every language needs: add nPosts.other = "…"`}},
		{"form", "fr.toml", "[nPosts]\none = \"{{.Count}} article\"\nothr = \"{{.Count}} articles\"\n", []string{
			`templates/i18n/fr.toml:1:1: the interface string "nPosts" has plural forms but no other`,
			`templates/i18n/fr.toml:3:1: unknown key "othr" in the interface string "nPosts": did you mean other?`,
		}},
		{"name", "french.toml", "archive = \"Archives\"\n", []string{"templates/i18n/french.toml: templates/i18n holds message files named after their language, such as fr.toml or fr-CA.toml"}},
		{"not toml", "fr.json", "{}", []string{"templates/i18n/fr.json: templates/i18n holds message files"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, problems := New(blogOf("templates/i18n/"+tt.file, tt.text), language.French)
			checkList(t, problems, tt.want)
			if have, err := tr.Text("archive"); err != nil || have != "Archives" {
				t.Errorf("archive: have %q, %v", have, err)
			}
		})
	}
}

// TestSymlinks: a message file, or the folder, that is a symbolic link
// leading outside the blog is a problem at the link, and is not read.
func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside")
	blog := filepath.Join(dir, "blog")
	for _, d := range []string{outside, filepath.Join(blog, "templates", "i18n")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "fr.toml"), []byte("archive = \"SECRET\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "fr.toml"), filepath.Join(blog, "templates", "i18n", "fr.toml")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(blog)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for name, fsys := range map[string]fs.FS{"DirFS": os.DirFS(blog), "Root": root.FS()} {
		tr, problems := New(fsys, language.French)
		checkList(t, problems, []string{"templates/i18n/fr.toml: is a symbolic link to " + filepath.Join(outside, "fr.toml") + ", an absolute path"})
		if have, _ := tr.Text("archive"); have != "Archives" {
			t.Errorf("%s: archive is %q", name, have)
		}
	}
}

// TestConcurrent: a translator is used by every core at once (run with
// -race).
func TestConcurrent(t *testing.T) {
	tr := newT(t, blogOf("templates/i18n/en.toml", "extra = \"Extra\"\n"), "de-DE")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for n := range 50 {
				if _, err := tr.T("nPosts", n%3); err != nil {
					t.Error(err)
				}
				if _, err := tr.T("postsTagged", "Tag", fmt.Sprint(i)); err != nil {
					t.Error(err)
				}
				tr.T("extra")
			}
		})
	}
	wg.Wait()
	if have := tr.Fallbacks(); !slices.Equal(have, []string{"extra"}) {
		t.Errorf("fallbacks: %v", have)
	}
}

// BenchmarkT: a string with no values or only a count is made once and
// kept; one with values is made each time.
func BenchmarkT(b *testing.B) {
	tr, _ := New(fstest.MapFS{}, language.French)
	b.Run("kept", func(b *testing.B) {
		for b.Loop() {
			tr.T("nPosts", 3)
		}
	})
	b.Run("values", func(b *testing.B) {
		for b.Loop() {
			tr.T("pageOf", "Number", 2, "Total", 5)
		}
	})
}
