package post

import (
	"strings"
	"testing"
)

// TestPages: a page's address is its path under pages/; it needs no date,
// and tags or figures are problems.
func TestPages(t *testing.T) {
	tests := []struct {
		file, front string
		url         string
		problem     string
	}{
		{"pages/about.md", "", "/about/", ""},
		{"pages/team/index.md", "", "/team/", ""},
		{"pages/Legal Notes/Privacy Policy.md", "", "/legal-notes/privacy-policy/", ""},
		{"pages/index.md", "", "", "pages/index.md would replace the home page"},
		{"pages/about.md", "tags: [a]\n", "/about/", "pages/about.md:3:7: a page has no tags"},
		{"pages/about.md", "impact:\n  donations:\n    - recipient: WWF\n      amount: 5\n", "/about/", "pages/about.md:4:3: a page has no figures of its own"},
	}
	for _, tt := range tests {
		t.Run(tt.file+tt.front, func(t *testing.T) {
			p, probs := Parse(tt.file, []byte("---\ntitle: About us\n"+tt.front+"---\nWho we are.\n"), Options{Currency: gbp(t), Page: true})
			if tt.problem == "" && len(probs) > 0 || tt.problem != "" && (len(probs) != 1 || !strings.Contains(probs[0].Error(), tt.problem)) {
				t.Fatalf("problems: have %v, want %q", probs, tt.problem)
			}
			if tt.url != "" && (p == nil || p.URL() != tt.url || !p.Page) {
				t.Errorf("have %+v, want URL %s", p, tt.url)
			}
		})
	}
}
