package config

import (
	"strings"
	"testing"
)

// TestClaims: [claims] is read, and each mistake in it is a problem at its
// line, with what to write.
func TestClaims(t *testing.T) {
	tests := []struct {
		name, toml string
		problems   []string
		check      func(c *Claims) bool
	}{
		{"off and extra", `[claims]
off = { label-claim = "Reviewed 2026-11-02 by legal: our labels are ISO 14024 schemes" }
[[claims.extra]]
id = "superlative"
phrases = ["greenest"]
[[claims.extra]]
id = "generic-claim"
phrases = ["kind to nature"]
negatives = ["kind to nature reserves"]
`, nil, func(c *Claims) bool {
			return c.Off["label-claim"] != "" && len(c.Extra) == 2 && c.Extra[0].ID == "superlative" &&
				strings.Contains(c.Extra[0].Message, `"{phrase}"`) && len(c.Extra[0].Sources) == 1 &&
				c.Extra[1].ID == "generic-claim" && c.Extra[1].Message == ""
		}},
		{"off without reason", "[claims]\noff = { generic-claim = \"\" }\n", []string{"site.toml:3:9: claims.off: turning generic-claim off needs a reason"}, nil},
		{"off a rule that is not", "[claims]\noff = { generic-claims = \"x\" }\n", []string{`site.toml:3:9: claims.off: "generic-claims" is not a claims rule: did you mean generic-claim?`}, nil},
		{"figure rule off", "[claims]\noff = { figure-in-prose = \"our posts quote last year's accounts\" }\n", nil,
			func(c *Claims) bool { return c.Off["figure-in-prose"] != "" }},
		{"extra without phrases", "[[claims.extra]]\nid = \"mine\"\n", []string{"site.toml:2:1: [[claims.extra]] mine has no phrases"}, nil},
		{"extra bad id", "[[claims.extra]]\nid = \"My Rule\"\nphrases = [\"x\"]\n", []string{`site.toml:3:6: claims.extra id "My Rule" must be a name`}, nil},
		{"misspelt key", "[claims]\nof = {}\n", []string{`site.toml:3:1: unknown key "of" in [claims]: did you mean off?`}, nil},
		{"misspelt table", "[claim]\noff = {}\n", []string{`did you mean the [claims] table?`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ps := Parse([]byte("title = \"T\"\n" + tt.toml))
			var have []string
			for _, p := range ps {
				have = append(have, p.Error())
			}
			if len(have) != len(tt.problems) {
				t.Fatalf("problems: have %q, want %q", have, tt.problems)
			}
			for i := range have {
				if !strings.Contains(have[i], tt.problems[i]) {
					t.Errorf("have %q, want %q", have[i], tt.problems[i])
				}
			}
			if tt.check != nil && (c == nil || c.Claims == nil || !tt.check(c.Claims)) {
				t.Errorf("claims: have %+v", c.Claims)
			}
		})
	}
}
