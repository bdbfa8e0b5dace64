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

// TestDenialsAndOthersTargets: a claim denied with a verb of saying, and a
// target with no word of the writer's own, are not the writer's claims;
// the writer's own target still is.
func TestDenialsAndOthersTargets(t *testing.T) {
	for _, tt := range []struct {
		lang, text string
		want       int
	}{
		{"en", "We do not call our trainers sustainable.", 0},
		{"en", "We no longer describe ourselves as carbon neutral.", 0},
		{"en", "The EU aims to be climate neutral by 2050.", 0},
		{"en", "We aim to be climate neutral by 2050.", 1},
		{"en", "The company pledged to become climate positive before 2035.", 1},
		{"fr", "Nous ne disons pas que nos produits sont écologiques.", 0},
		{"fr", "La France vise la neutralité carbone en 2050.", 0},
		{"de", "Wir bezeichnen uns nicht mehr als klimaneutral.", 0},
		{"de", "Die Stadt München will bis 2035 klimaneutral werden.", 0},
		{"de", "Wir wollen bis 2035 klimaneutral werden.", 1},
	} {
		fs, err := Check([]Span{{Text: tt.text, Line: 1, Col: 1}}, Options{Lang: tt.lang, RecordsOffsets: true})
		if err != nil || len(fs) != tt.want {
			t.Errorf("%s %q: have %d findings %+v, want %d", tt.lang, tt.text, len(fs), fs, tt.want)
		}
	}
}
