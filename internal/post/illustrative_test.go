package post

import (
	"testing"
)

// TestIllustrative: a donation, an offset and an emission each take
// illustrative, the reason their figures are not real, as one line of
// text with its spaces around dropped; a misspelling is a problem with a
// hint, and so is a reason on more than one line.
func TestIllustrative(t *testing.T) {
	tests := []struct {
		name, src, want string
		have            func(p *Post) string
	}{
		{"donation", donationSrc("kind: in-kind", "items: [{what: tablet, count: 40}]", "illustrative: the post gives no device counts"),
			"the post gives no device counts", func(p *Post) string { return p.Donations[0].Illustrative }},
		{"offset", offsetSrc("tonnes: 31.4", `illustrative: " the post gives no tonnage "`),
			"the post gives no tonnage", func(p *Post) string { return p.Offsets[0].Illustrative }},
		{"emission", emissionSrc("share: 40", "illustrative: the post gives no share for the rest"),
			"the post gives no share for the rest", func(p *Post) string { return p.Emissions[0].Illustrative }},
		{"none", offsetSrc("tonnes: 3"), "", func(p *Post) string { return p.Offsets[0].Illustrative }},
		{"TOML", "+++\ntitle = \"x\"\n[[impact.offsets]]\nprovider = \"P\"\ntonnes = 3\nillustrative = \"invented\"\n+++\n",
			"invented", func(p *Post) string { return p.Offsets[0].Illustrative }},
		{"JSON", "{\n\"title\": \"x\",\n\"impact\": {\"emissions\": [{\"source\": \"D\", \"share\": 40, \"illustrative\": \"invented\"}]}\n}\n\n",
			"invented", func(p *Post) string { return p.Emissions[0].Illustrative }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := Parse(f, text(tt.src), options(t))
			if probs != nil {
				t.Fatal(probs)
			}
			if have := tt.have(p); have != tt.want {
				t.Errorf("have: %q want: %q", have, tt.want)
			}
		})
	}
	runProblems(t, []problemCase{
		{name: "misspelt", src: offsetSrc("tonnes: 3", "ilustrative: invented"),
			want: []want{{f + ":7:7", "did you mean illustrative?"}}},
		{name: "on two lines", src: emissionSrc("share: 40", `illustrative: "a\nb"`),
			want: []want{{f + ":7:21", "illustrative is on more than one line"}}},
	})
}
