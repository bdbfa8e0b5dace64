package review

import (
	"os"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/claims"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
)

func read(t *testing.T, src string, opt Options) (*post.Post, *Post) {
	t.Helper()
	gbp, err := impact.ParseCurrency("GBP")
	if err != nil {
		t.Fatal(err)
	}
	p, probs := post.Parse("posts/2021-01-15-x.md", []byte(src), post.Options{Currency: gbp})
	if p == nil {
		t.Fatalf("%v", probs)
	}
	d, err := markdown.New(markdown.Options{Figures: true, Prose: true}).Render(p.Body)
	if err != nil {
		t.Fatal(err)
	}
	return p, Read(p, d.Prose, opt)
}

// TestReview: the title, the summary and the body are read at their
// places, in the post's language; figures are checked against the post's
// data, percentages only where the post records emissions; an accepted
// rule is kept out of the warnings, and an acceptance that finds nothing
// is a warning.
func TestReview(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // warnings
		accepted  int
	}{
		{"title and summary", "---\ntitle: Our green year\nsummary: \"Eco-friendly, again.\"\ndate: 2021-01-15\n---\nBody.\n",
			[]string{`posts/2021-01-15-x.md:2:12: generic-claim: "green"`, `posts/2021-01-15-x.md:3:11: generic-claim: "Eco-friendly"`}, 0},
		{"German post", "---\ntitle: T\nlang: de-DE\ndate: 2021-01-15\n---\nUnsere Verpackung ist umweltfreundlich.\n",
			[]string{`posts/2021-01-15-x.md:6:23: generic-claim: "umweltfreundlich"`}, 0},
		{"figures", "---\ntitle: T\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 45000\n    - recipient: PUR Projet\n      amount: 112000\n---\nWe gave £45k to WWF, £157,000 in all, and £150,000 to PUR Projet. Sales grew 20%.\n",
			[]string{`posts/2021-01-15-x.md:11:43: figure-in-prose: £150,000 matches no figure of this post or the site: did you mean £157,000, this post's donations?`}, 0},
		{"shares", "---\ntitle: T\ndate: 2021-01-15\nimpact:\n  emissions:\n    - source: Deliveries\n      tonnes: \"60\"\n    - source: Offices\n      tonnes: \"40\"\n---\nDeliveries made 60% of it, offices 45 %.\n",
			[]string{`posts/2021-01-15-x.md:11:36: figure-in-prose: 45 % matches no figure of this post or the site: did you mean 40%, the share of Offices in this post's emissions?`}, 0},
		{"accepted", "---\ntitle: T\ndate: 2021-01-15\nclaims:\n  accept:\n    generic-claim: \"Reviewed 2026-11-02 by legal\"\n    label-claim: \"Reviewed 2026-11-02 by legal\"\n---\nOur green packaging.\n",
			[]string{"posts/2021-01-15-x.md:7:5: claims.accept: label-claim finds nothing in this post any more"}, 1},
		{"off", "---\ntitle: T\ndate: 2021-01-15\n---\nOur green packaging, £5.\n", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Lang: "en-GB"}
			if tt.name == "off" {
				opt.Off = map[string]string{"generic-claim": "x", FigureRule.ID: "y"}
			}
			p, r := read(t, tt.src, opt)
			if len(r.Problems) > 0 {
				t.Fatal(r.Problems)
			}
			fs := r.Check(Own(p), Site(nil))
			ws := Warnings(r, fs)
			if len(ws) != len(tt.want) {
				t.Fatalf("have %d warnings, want %d:\n%v", len(ws), len(tt.want), ws)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(ws[i].Error(), w) {
					t.Errorf("have %s\nwant %s…", ws[i], w)
				}
			}
			n := 0
			for _, f := range fs {
				if f.Accepted {
					n++
				}
			}
			if n != tt.accepted {
				t.Errorf("accepted: have %d, want %d", n, tt.accepted)
			}
		})
	}
}

// TestUnknownAccepted: accepting a rule that does not exist is a problem,
// with the rule meant.
func TestUnknownAccepted(t *testing.T) {
	_, r := read(t, "---\ntitle: T\ndate: 2021-01-15\nclaims:\n  accept:\n    generic-claims: \"Reviewed\"\n---\nBody.\n", Options{})
	if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Error(), `6:5: claims.accept: "generic-claims" is not a claims rule: did you mean generic-claim?`) {
		t.Errorf("have %v", r.Problems)
	}
}

// BenchmarkRead checks the words of the sample's longest post, the seed's:
// what the claims check adds to reading a post, once per post and edit.
func BenchmarkRead(b *testing.B) {
	src, err := os.ReadFile("../../posts/2021-01-15-our-small-victories-of-2020.md")
	if err != nil {
		b.Fatal(err)
	}
	gbp, _ := impact.ParseCurrency("GBP")
	p, _ := post.Parse("posts/2021-01-15-our-small-victories-of-2020.md", src, post.Options{Currency: gbp})
	d, err := markdown.New(markdown.Options{Figures: true, Prose: true}).Render(p.Body)
	if err != nil {
		b.Fatal(err)
	}
	chk, _ := claims.NewChecker(nil)
	opt := Options{Lang: "en-GB", Checker: chk}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Read(p, d.Prose, opt)
	}
}
