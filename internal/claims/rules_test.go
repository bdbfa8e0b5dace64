package claims

import (
	"slices"
	"testing"
)

// TestContext checks the readings that depend on the words around a phrase:
// mentions in quotation marks, headlines, other senses of generic words,
// someone else's targets and years in the past.
func TestContext(t *testing.T) {
	for _, tc := range []struct {
		name, lang, text string
		offsets          bool
		want             []string
	}{
		{"mention", "de", "Die Deutsche Umwelthilfe hält das Label „klimaneutral“ für irreführend.", true, nil},
		{"mention fr", "fr", "La loi encadre l'allégation « neutre en carbone ».", true, nil},
		{"own scare quotes", "en", `Our "eco-friendly" range is back.`, false, []string{"generic-claim"}},
		{"quoted speech", "en", `"Our delivery is carbon neutral," says our CEO.`, false, []string{"offset-neutrality"}},
		{"name in a sentence", "en", "We joined the Sustainable Packaging Coalition.", false, nil},
		{"headline part", "fr", "Objectif Zéro Émission Nette en 2040 : notre feuille de route", false, []string{"future-claim"}},
		{"shout", "en", "GOOD FOR THE PLANET.", false, []string{"generic-claim"}},
		{"lasting", "en", "Revenue showed sustainable growth.", false, nil},
		{"lasting de", "de", "Der Umsatz wächst nachhaltig.", false, nil},
		{"sustainable", "en", "Our sustainable trainers are back.", false, []string{"generic-claim"}},
		{"colour", "de", "Die grüne Jacke gibt es auch in Marineblau.", false, nil},
		{"green", "de", "Die grüne Lieferung kostet nichts.", false, []string{"generic-claim"}},
		{"authority", "en", "The government's plan to reach net zero by 2050 needs heat pumps.", false, nil},
		{"authority and us", "en", "Unlike the government, we will be net zero by 2035.", false, []string{"future-claim"}},
		{"past year", "fr", "Nous avons atteint la neutralité carbone dès 2021.", true, []string{"offset-neutrality"}},
		{"future year", "fr", "Nous serons neutres en carbone dès 2030.", false, []string{"future-claim"}},
		{"compensated", "en", "All emissions from your delivery are compensated.", false, []string{"offset-neutrality"}},
		{"compensated for", "en", "We compensated for 31 t of emissions.", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := Check([]Span{{Text: tc.text, Line: 1, Col: 1}}, Options{Lang: tc.lang, RecordsOffsets: tc.offsets})
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, f := range fs {
				if !slices.Contains(have, f.Rule) {
					have = append(have, f.Rule)
				}
			}
			if !slices.Equal(have, tc.want) {
				t.Errorf("%s\nhave: %v\nwant: %v", tc.text, have, tc.want)
			}
		})
	}
}
