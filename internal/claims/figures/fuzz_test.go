package figures

import (
	"strings"
	"testing"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"We gave £121,000 to PUR Projet.", "112 000 €", "1,2 million d'euros", "2.750,30 €", "31.4 tCO2e",
		"60 %", "15.01.2021", "24/7", "£1.2m", "450 kg", "{{< total >}}", "about 3 t", "\u202f5\u00a0%", "€1.234",
		"CHF 112'000", "1 2 3 4 5 6 7 8 9 0 €", "9999999999999999999999999999 t",
	} {
		for _, lang := range []string{"en", "fr", "de", "de-CH"} {
			f.Add(s, lang)
		}
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		figs := Find(text, lang)
		end := 0
		for _, g := range figs {
			if g.Offset < end || g.Len <= 0 || g.Offset+g.Len > len(text) {
				t.Fatalf("%q: figure %q at %d+%d out of place (after %d)", text, g.Text, g.Offset, g.Len, end)
			}
			if text[g.Offset:g.Offset+g.Len] != g.Text {
				t.Fatalf("%q: text %q is not %q", text, g.Text, text[g.Offset:g.Offset+g.Len])
			}
			if g.Value.IsNegative() {
				t.Fatalf("%q: %q is negative", text, g.Text)
			}
			if g.Kind < Money || g.Kind > Percent {
				t.Fatalf("%q: %q has kind %v", text, g.Text, g.Kind)
			}
			end = g.Offset + g.Len
		}
		for _, m := range Check(figs, data()) {
			if m.Message == "" || !strings.HasPrefix(m.Message, m.Figure.Text) {
				t.Fatalf("%q: message %q", text, m.Message)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	para := "In 2020 we gave £112,000 to PUR Projet and €2,750.30 to GoodPlanet Foundation, " +
		"offsetting 31.4 tonnes of CO2e; deliveries were 60% of our emissions, and our top 10 " +
		"suppliers, open 24/7, cut 450 kg on 15.01.2021 with version 1.2.3 of the plan. "
	words := len(strings.Fields(para))
	text := strings.Repeat(para, 10000/words+1)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text, "en")
	}
}
