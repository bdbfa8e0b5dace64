package post

import (
	"reflect"
	"testing"
)

// Tests of what posts written for Jekyll, Hugo and Zola need.

func TestSlugifyTransliterates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Play Joué", "play-joue"},
		{"Été 2023: ça va?", "ete-2023-ca-va"},
		{"Straße—Köln", "strasse-koln"},
		{"Our small victories of 2020", "our-small-victories-of-2020"},
		{"R&D, at 100%!", "r-d-at-100"},
		{"snake_case and CamelCase", "snake-case-and-camelcase"},
		{"--already-a-slug--", "already-a-slug"},
		{"", ""},
	}
	for _, tt := range tests {
		if have := Slugify(tt.in); have != tt.want {
			t.Errorf("Slugify(%q): have %q, want %q", tt.in, have, tt.want)
		}
	}
}

func TestOtherGenerators(t *testing.T) {
	tests := []struct {
		name, file, src string
		check           func(t *testing.T, p *Post)
	}{
		{"jekyll permalink", "posts/2016-06-03-moved.md", "---\ntitle: Moved\npermalink: /2016/06/03/moved.html\n---\n",
			func(t *testing.T, p *Post) {
				if want := []string{"/2016/06/03/moved.html"}; !reflect.DeepEqual(p.Aliases, want) {
					t.Errorf("aliases: have %q, want %q", p.Aliases, want)
				}
			}},
		{"jekyll permalink pattern", "posts/2016-06-03-moved.md", "---\ntitle: Moved\npermalink: /:year/:title/\n---\n",
			func(t *testing.T, p *Post) {
				if len(p.Aliases) != 0 || p.Params["permalink"] != "/:year/:title/" {
					t.Errorf("aliases %q, params %v: want the pattern kept in Params only", p.Aliases, p.Params)
				}
			}},
		{"permalink is the post's own address", "posts/2016-06-03-moved.md", "---\ntitle: Moved\npermalink: /posts/moved\nredirect_from: [/old/]\n---\n",
			func(t *testing.T, p *Post) {
				if want := []string{"/old/"}; !reflect.DeepEqual(p.Aliases, want) {
					t.Errorf("aliases: have %q, want %q", p.Aliases, want)
				}
			}},
		{"jekyll published false", "posts/2016-06-03-hidden.md", "---\ntitle: Hidden\npublished: false\n---\n",
			func(t *testing.T, p *Post) {
				if !p.Draft {
					t.Error("published: false did not make a draft")
				}
			}},
		{"zola taxonomies", "posts/zola.md", "+++\ntitle = \"Zola\"\ndate = 2021-03-04\n\n[taxonomies]\ntags = [\"carbon\", \"Été\"]\ncategories = [\"news\"]\nauthors = [\"Ann\"]\n\n[extra]\nimage = \"cover.jpg\"\n+++\nBody.\n",
			func(t *testing.T, p *Post) {
				if want := []string{"carbon", "Été", "news"}; !reflect.DeepEqual(p.Tags, want) {
					t.Errorf("tags: have %q, want %q", p.Tags, want)
				}
				if _, ok := p.Params["taxonomies"].(map[string]any); !ok {
					t.Errorf("taxonomies not kept in Params: %v", p.Params)
				}
				if ex, _ := p.Params["extra"].(map[string]any); ex["image"] != "cover.jpg" {
					t.Errorf("extra: have %v", p.Params["extra"])
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problems := Parse(tt.file, []byte(tt.src), Options{})
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			tt.check(t, p)
		})
	}
}

func TestSectionPagesAreNotPosts(t *testing.T) {
	for name, want := range map[string]bool{
		"posts/_index.md": false, "_index.markdown": false, "posts/x/index.md": true,
		"posts/2020-01-01-a.markdown": true, "posts/a.txt": false, "posts/my_index.md": true,
	} {
		if have := IsPost(name); have != want {
			t.Errorf("IsPost(%q): have %v, want %v", name, have, want)
		}
	}
}
