package post

import (
	"strings"
	"testing"
)

// TestTranslation: x.fr.md translates x.md and is French, with x's slug;
// translation_of names the original from the post's folder; mistakes are
// problems.
func TestTranslation(t *testing.T) {
	tests := []struct {
		file, front    string
		lang, of, slug string
		problem        string
	}{
		{"posts/2021-01-15-x.fr.md", "", "fr", "posts/2021-01-15-x.md", "x", ""},
		{"posts/2021/x.de-CH.markdown", "date: 2021-01-15\n", "de-CH", "posts/2021/x.markdown", "x", ""},
		{"posts/2021-01-15-nos-victoires.md", "lang: fr\ntranslation_of: 2021-01-15-our-victories.md\n", "fr", "posts/2021-01-15-our-victories.md", "nos-victoires", ""},
		{"posts/2021-01-15-x.v2.md", "", "", "", "x-v2", ""},
		{"posts/2021-01-15-x.fr.md", "lang: de\n", "de", "posts/2021-01-15-x.md", "x", "lang de is not the language of the file name"},
		{"posts/2021-01-15-y.md", "translation_of: x.md\n", "", "posts/x.md", "y", "a translation needs its language"},
		{"posts/2021-01-15-y.md", "lang: fr\ntranslation_of: ../../x.md\n", "fr", "", "y", "translation_of \"../../x.md\" must name a post's file"},
	}
	for _, tt := range tests {
		t.Run(tt.file+tt.front, func(t *testing.T) {
			p, probs := Parse(tt.file, []byte("---\ntitle: T\n"+tt.front+"---\nx\n"), Options{Currency: gbp(t)})
			if tt.problem == "" && len(probs) > 0 || tt.problem != "" && (len(probs) != 1 || !strings.Contains(probs[0].Error(), tt.problem)) {
				t.Fatalf("problems: have %v, want %q", probs, tt.problem)
			}
			if p.Lang != tt.lang || p.TranslationOf != tt.of || p.Slug != tt.slug {
				t.Errorf("have lang %q, of %q, slug %q; want %q, %q, %q", p.Lang, p.TranslationOf, p.Slug, tt.lang, tt.of, tt.slug)
			}
		})
	}
}
