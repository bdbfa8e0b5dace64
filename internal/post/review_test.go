package post

import (
	"slices"
	"strings"
	"testing"
)

// TestReviewKeys: lang, plan_url, verifier and claims are read, and each
// mistake in them is a problem at its line.
func TestReviewKeys(t *testing.T) {
	tests := []struct {
		name, front string
		want        func(p *Post) bool
		problems    []string
	}{
		{"all", "lang: fr-FR\nplan_url: https://example.org/plan\nverifier: SBTi\nclaims:\n  accept:\n    generic-claim: \"Reviewed 2026-11-02 by legal: 'green' names the Green Team\"\n",
			func(p *Post) bool {
				return p.Lang == "fr-FR" && p.PlanURL == "https://example.org/plan" && p.Verifier == "SBTi" &&
					slices.Equal(p.Accepted, []Accepted{{"generic-claim", "Reviewed 2026-11-02 by legal: 'green' names the Green Team", Pos{Line: 9, Col: 5}}})
			}, nil},
		{"language alias", "language: de\n", func(p *Post) bool { return p.Lang == "de" }, nil},
		{"bad lang", "lang: French\n", func(p *Post) bool { return p.Lang == "" },
			[]string{`:4:7: lang "French" is not a language tag`}},
		{"plan not a URL", "plan_url: our-plan.pdf\n", func(p *Post) bool { return p.PlanURL == "" },
			[]string{`:4:11: plan_url "our-plan.pdf" is not a web address`}},
		{"no reason", "claims:\n  accept:\n    generic-claim: \"\"\n    label-claim:\n", func(p *Post) bool { return len(p.Accepted) == 0 },
			[]string{":6:5: accepting the generic-claim findings of this post needs a reason", ":7:5: accepting the label-claim findings of this post needs a reason"}},
		{"accept a list", "claims:\n  accept: [generic-claim]\n", func(p *Post) bool { return len(p.Accepted) == 0 },
			[]string{":5:11: claims.accept must be a table of keys"}},
		{"misspelt accept", "claims:\n  acept:\n    generic-claim: ok\n", func(p *Post) bool { return len(p.Accepted) == 0 },
			[]string{`:5:3: unknown key "acept" in claims: did you mean accept?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: T\ndate: 2021-01-15\n" + tt.front + "---\nBody.\n"
			p, probs := Parse("posts/x.md", []byte(src), Options{Currency: gbp(t)})
			if len(probs) != len(tt.problems) {
				t.Fatalf("problems: have %v, want %d: %q", probs, len(tt.problems), tt.problems)
			}
			for i, w := range tt.problems {
				if !strings.Contains(probs[i].Error(), w) {
					t.Errorf("problem %d: have %q, want it to contain %q", i, probs[i].Error(), w)
				}
			}
			if p != nil && !tt.want(p) {
				t.Errorf("have %+v", p)
			}
		})
	}
}

// TestKeyTypo: a key one slip from one the post reads is a warning with
// the key meant; other keys are kept for templates without a word.
func TestKeyTypo(t *testing.T) {
	for _, tt := range []struct{ front, want string }{
		{"sumary: Hello\n", `posts/x.md:4:1: unknown key "sumary": did you mean summary?`},
		{"Tilte: Hello\n", `posts/x.md:4:1: unknown key "Tilte": did you mean title?`},
		{"subtitle: Hello\n", ""},
		{"tag: x\n", `posts/x.md:4:1: unknown key "tag": did you mean tags?`},
		{"toc2: x\n", ""}, // a slip from a key of three letters is no slip
	} {
		p, probs := Parse("posts/x.md", []byte("---\ntitle: T\ndate: 2021-01-15\n"+tt.front+"---\nx\n"), Options{Currency: gbp(t)})
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		have := ""
		if len(p.Warnings) > 0 {
			have = p.Warnings[0].Error()
		}
		if tt.want == "" && have != "" || !strings.HasPrefix(have, tt.want) {
			t.Errorf("%q: have %q, want %q", tt.front, have, tt.want)
		}
	}
}
