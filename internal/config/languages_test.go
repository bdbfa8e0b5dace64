package config

import (
	"strings"
	"testing"
)

// TestLanguages: languages lists the blog's languages, the default first at
// the root, the others under their paths; each mistake is a problem.
func TestLanguages(t *testing.T) {
	c, ps := Parse([]byte("title = \"T\"\nlanguages = [\"en-GB\", \"fr-FR\", \"fr-CA\", \"de-DE\"]\n[language_paths]\n\"de-DE\" = \"deutsch\"\n"))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	var have []string
	for _, l := range c.Languages.List {
		have = append(have, l.Tag+"="+l.Path)
	}
	if got := strings.Join(have, " "); got != "en-GB= fr-FR=fr-fr fr-CA=fr-ca de-DE=deutsch" || c.Language != "en-GB" {
		t.Errorf("have %s, language %s", got, c.Language)
	}
	for _, tt := range []struct{ toml, want string }{
		{"languages = [\"en-GB\", \"French\"]\n", `site.toml:2:23: languages: "French" is not a language tag`},
		{"languages = []\n", "site.toml:2:13: languages must be a list of language tags"},
		{"language = \"fr-FR\"\nlanguages = [\"en-GB\", \"fr-FR\"]\n", `site.toml:2:12: language "fr-FR" is not the first of languages (en-GB)`},
		{"languages = [\"en-GB\", \"fr-FR\"]\n[language_paths]\n\"en-GB\" = \"en\"\n", "site.toml:4:1: language_paths: en-GB is the default language"},
		{"languages = [\"en-GB\", \"fr-FR\"]\n[language_paths]\n\"fr-FR\" = \"Français\"\n", `site.toml:4:11: language_paths: "Français" must be a folder name`},
		{"[language_paths]\n\"fr-FR\" = \"fr\"\n", "site.toml:2:1: language_paths needs languages"},
	} {
		_, ps := Parse([]byte("title = \"T\"\n" + tt.toml))
		if len(ps) != 1 || !strings.Contains(ps[0].Error(), tt.want) {
			t.Errorf("%q:\nhave %v\nwant %s", tt.toml, ps, tt.want)
		}
	}
}
