package claims

import "testing"

// TestImpactIsNotAClaim: "reducing our ecological impact" names a harm to
// reduce, not a quality claimed (the seed post's own words), in each language.
func TestImpactIsNotAClaim(t *testing.T) {
	for _, tt := range []struct{ lang, text string }{
		{"en", "Between reducing our ecological impact and fighting the digital divide, we just wanted to share our little victories."},
		{"en", "Little victory #1: Controlling and reducing our ecological impact"},
		{"fr", "Réduire notre impact écologique reste notre priorité."},
		{"de", "Wir wollen unsere ökologischen Auswirkungen verringern."},
	} {
		fs, err := Check([]Span{{Text: tt.text, Line: 1, Col: 1}}, Options{Lang: tt.lang})
		if err != nil || len(fs) > 0 {
			t.Errorf("%s %q: have %+v, %v", tt.lang, tt.text, fs, err)
		}
	}
}
