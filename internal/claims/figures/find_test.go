package figures

import (
	"fmt"
	"strings"
	"testing"
)

// show writes a figure for a test: "£112k=112000 GBP", "31,4 t=31.4 t",
// "60 %=60 %", "31 tons=31 t?" (ambiguous), "~£120,000=120000 GBP" (About).
func show(f Figure) string {
	unit := map[Kind]string{Tonnes: "t", Percent: "%"}[f.Kind]
	if f.Kind == Money {
		unit = strings.Join(f.Signs(), "|")
	}
	s := fmt.Sprintf("%s=%s %s", f.Text, f.Value.String(), unit)
	if f.Ambiguous != "" {
		s += "?"
	}
	return [...]string{"", "~", ">", "<", "≲"}[f.Bound] + s
}

func TestFind(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string
	}{
		// English
		{"en", "We gave £121,000 to PUR Projet.", []string{"£121,000=121000 GBP"}},
		{"en", "We gave £112k to PUR Projet and €2,750.30 to GoodPlanet.", []string{"£112k=112000 GBP", "€2,750.30=2750.3 EUR"}},
		{"en-GB", "£1.2m in all, and £1.2 million again, £3bn, US$45,000.", []string{"£1.2m=1200000 GBP", "£1.2 million=1200000 GBP", "£3bn=3000000000 GBP", "US$45,000=45000 USD"}},
		{"en", "GBP 112,000 and 45,000 EUR and 3,000 euros and 10 pounds sterling.", []string{"GBP 112,000=112000 GBP", "45,000 EUR=45000 EUR", "3,000 euros=3000 EUR", "10 pounds sterling=10 GBP"}},
		{"en", "$500 and ¥150,000 and JP¥150,000 and CHF 1,200", []string{"$500=500 USD|CAD|AUD|NZD|HKD|SGD|MXN", "¥150,000=150000 JPY|CNY", "JP¥150,000=150000 JPY", "CHF 1,200=1200 CHF"}},
		{"en", "We offset 31.4 t, then 31.4 tonnes, 31.4 tCO2e, 12 t CO2e and 5 tonnes of CO2e.", []string{"31.4 t=31.4 t", "31.4 tonnes=31.4 t", "31.4 tCO2e=31.4 t", "12 t CO2e=12 t", "5 tonnes of CO2e=5 t"}},
		{"en", "450 kg of CO2, 1,250 kgCO2e, 2.5 kt and 1.2 million tonnes", []string{"450 kg of CO2=0.45 t", "1,250 kgCO2e=1.25 t", "2.5 kt=2500 t", "1.2 million tonnes=1200000 t"}},
		{"en", "Deliveries were 60% of emissions, 60 % or 60 per cent or 12.5 percent.", []string{"60%=60 %", "60 %=60 %", "60 per cent=60 %", "12.5 percent=12.5 %"}},
		{"en", "We emitted 31 tons.", []string{"31 tons=31 t?"}},
		{"en", "It cost €1.234 in all.", []string{"€1.234=1.234 EUR?"}},
		{"en", "about £120,000, more than 30 t, up to 60%, nearly £1m", []string{"~£120,000=120000 GBP", ">30 t=30 t", "<60%=60 %", "≲£1m=1000000 GBP"}},
		{"en", "It weighs 1,5 t.", []string{"1,5 t=1.5 t"}},
		{"en", "£112,000.", []string{"£112,000=112000 GBP"}},
		// French
		{"fr", "Nous avons donné 112 000 € à PUR Projet.", []string{"112 000 €=112000 EUR"}},
		{"fr-FR", "112\u00a0000\u00a0€, 112\u202f000 EUR, 2 750,30 €, 45 k€, 112k€", []string{"112\u00a0000\u00a0€=112000 EUR", "112\u202f000 EUR=112000 EUR", "2 750,30 €=2750.3 EUR", "45 k€=45000 EUR", "112k€=112000 EUR"}},
		{"fr", "1,2 million d'euros, 3 millions d’euros, 2 milliards d'euros, 1,2 M€", []string{"1,2 million d'euros=1200000 EUR", "3 millions d’euros=3000000 EUR", "2 milliards d'euros=2000000000 EUR", "1,2 M€=1200000 EUR"}},
		{"fr", "31,4 t, 31,4 tonnes de CO2, 1,2 million de tonnes, 450 kg", []string{"31,4 t=31.4 t", "31,4 tonnes de CO2=31.4 t", "1,2 million de tonnes=1200000 t", "450 kg=0.45 t"}},
		{"fr", "60 %, 60 pour cent, 60\u202f%", []string{"60 %=60 %", "60 pour cent=60 %", "60\u202f%=60 %"}},
		{"fr", "en 2020 150 t; 31.4 t; 1.234 t", []string{"150 t=150 t", "31.4 t=31.4 t", "1.234 t=1.234 t?"}},
		{"fr", "environ 100 000 €, plus de 30 t, moins de 5 %", []string{"~100 000 €=100000 EUR", ">30 t=30 t", "<5 %=5 %"}},
		{"fr", "1 000 000 livres sterling", []string{"1 000 000 livres sterling=1000000 GBP"}},
		// German
		{"de", "Wir haben 112.000 € an PUR Projet gespendet.", []string{"112.000 €=112000 EUR"}},
		{"de-DE", "112.000 Euro, 2.750,30 €, 1,2 Mio. €, 1,2 Millionen Euro, 3 Mrd. €, 5 Tsd. €", []string{"112.000 Euro=112000 EUR", "2.750,30 €=2750.3 EUR", "1,2 Mio. €=1200000 EUR", "1,2 Millionen Euro=1200000 EUR", "3 Mrd. €=3000000000 EUR", "5 Tsd. €=5000 EUR"}},
		{"de", "31,4 t, 31,4 Tonnen CO2, 1.250 kg, 60 %, 60 Prozent, 31.4 t", []string{"31,4 t=31.4 t", "31,4 Tonnen CO2=31.4 t", "1.250 kg=1.25 t", "60 %=60 %", "60 Prozent=60 %", "31.4 t=31.4 t"}},
		{"de", "etwa 100.000 €, mehr als 30 t, bis zu 60 %", []string{"~100.000 €=100000 EUR", ">30 t=30 t", "<60 %=60 %"}},
		{"de-CH", "CHF 112'000 und 2'750.30 Franken", []string{"CHF 112'000=112000 CHF", "2'750.30 Franken=2750.3 CHF"}},
		{"de", "Spende: 112.000,- € und 5.000,– Euro", []string{"112.000,- €=112000 EUR", "5.000,– Euro=5000 EUR"}},
		{"en", "between £100,000–£120,000, 30 t to 40 t, £5,000+ and 100–120 t", []string{">£100,000=100000 GBP", "<£120,000=120000 GBP", ">30 t=30 t", "<40 t=40 t", ">£5,000+=5000 GBP"}},
		{"fr", "de 30 t à 40 t", []string{">30 t=30 t", "<40 t=40 t"}},
		// Hard negatives: no figure at all.
		{"en", "We printed 5 t-shirts for 2 k-pop fans.", nil},
		{"en", "1.234 and 1,234 and 0.5 and page 12, chapter 3, 100 000 people", nil},
		{"en", "{{% total tonnes %}} t and {{< total donations currency=\"GBP\" >}} £", nil},
		{"en", "In 2020 we planted 10,000 trees; by 2030 we aim for more.", nil},
		{"en", "Call +44 20 7946 0958 or 0800 123 456.", nil},
		{"en", "Our top 10 suppliers, open 24/7, at 10:30.", nil},
		{"de", "Am 15.01.2021 um 10.30 Uhr.", nil},
		{"en", "Version 1.2.3 and v2.0, Go 1.26, ISO 14001, CO2, 3D, 2nd.", nil},
		{"en", "Emissions fell[^12] and rose[3] in Q4.", nil},
		{"en", "5 m long, 5 k steps, 1.2 million people, 100 times", nil},
		{"en", "TOP 10, ALL 5, 20 ALL", nil},
		{"en", "2020–2030 and 2020-2030, 5/10 t", nil},
		{"en", "{{< total donations year=2020 >}} and {{< total tonnes >}} t", nil},
		{"fr", "le 15 janvier 2021, 10 livres, 3 000 arbres", nil},
		// Figures next to markers, read without them.
		{"en", "Deliveries were 40%.[^2] We gave £5,000[1].", []string{"40%=40 %", "£5,000=5000 GBP"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			figs := Find(tt.text, tt.lang)
			var have []string
			for _, f := range figs {
				have = append(have, show(f))
				if tt.text[f.Offset:f.Offset+f.Len] != f.Text {
					t.Errorf("%q: offset %d len %d is %q", f.Text, f.Offset, f.Len, tt.text[f.Offset:f.Offset+f.Len])
				}
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("have:\n\t%s\nwant:\n\t%s", strings.Join(have, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}
