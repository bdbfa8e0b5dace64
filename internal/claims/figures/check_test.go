package figures

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func data() []DataFigure {
	d := decimal.RequireFromString
	return []DataFigure{
		{Value: d("112000"), Kind: Money, Currency: "GBP", Label: "the donation to PUR Projet"},
		{Value: d("2750.30"), Kind: Money, Currency: "EUR", Label: "the donation to GoodPlanet Foundation"},
		{Value: d("1203450"), Kind: Money, Currency: "GBP", Label: "donations in 2020"},
		{Value: d("31.400"), Kind: Tonnes, Label: "the offset through GoodPlanet Foundation"},
		{Value: d("59.6"), Kind: Percent, Label: "the share of Deliveries"},
		{Value: d("4250.50"), Kind: Money, Currency: "USD", Label: "the donation to Ecologi"},
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		lang, text string
		want       []string // messages, in order
	}{
		{"en", "We gave £121,000 to PUR Projet.", []string{"£121,000 matches no figure of this post or the site: did you mean £112,000, the donation to PUR Projet?"}},
		{"en", "We gave £112,000 (£112k), £1.2m in 2020, €2,750.30, 31.4 t, 31 tonnes, 60% and $4,250.50.", nil},
		{"en", "We gave £112,000.00 and about £110,000 and more than £100,000.", nil},
		{"en", "We gave £1.3m in 2020.", []string{"£1.3m matches no figure of this post or the site: did you mean £1,203,450, donations in 2020?"}},
		{"en", "We gave about £120,000 and 31.5 t.", []string{
			"£120,000 matches no figure of this post or the site: did you mean £112,000, the donation to PUR Projet?",
			"31.5 t matches no figure of this post or the site: did you mean 31.4 t, the offset through GoodPlanet Foundation?"}},
		{"en", "Deliveries were 70% of it.", []string{"70% matches no figure of this post or the site: did you mean 59.6%, the share of Deliveries?"}},
		{"en", "We gave CHF 500.", []string{"CHF 500 matches no figure of this post or the site: they record no amount in CHF"}},
		{"en", "We emitted 31.4 tons.", []string{"31.4 tons is unclear: a ton is not a tonne (a short ton is 0.907 t, a long ton 1.016 t): write tonnes (t)"}},
		{"fr", "Nous avons donné 121 000 £ à PUR Projet.", []string{"121 000 £ matches no figure of this post or the site: did you mean 112\u202f000\u00a0£GB, the donation to PUR Projet?"}},
		{"fr", "Nous avons donné 2 750,30 €, 112 k£ et 31,4 tonnes ; 60 %.", nil},
		{"fr", "Nous avons compensé 32 t.", []string{"32 t matches no figure of this post or the site: did you mean 31,4\u00a0t, the offset through GoodPlanet Foundation?"}},
		{"de", "Wir haben 121.000 £ gespendet.", []string{"121.000 £ matches no figure of this post or the site: did you mean 112.000\u00a0£, the donation to PUR Projet?"}},
		{"de", "Wir haben 2.750,30 € gespendet, 31,4 t kompensiert, 60 Prozent.", nil},
		{"de", "Wir haben 4.000 US$ an Ecologi gespendet.", []string{"4.000 US$ matches no figure of this post or the site: did you mean 4.250,50\u00a0US$, the donation to Ecologi?"}},
		{"de", "Lieferungen waren 70 %.", []string{"70 % matches no figure of this post or the site: did you mean 59,6\u00a0%, the share of Deliveries?"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			var have []string
			for _, m := range Check(Find(tt.text, tt.lang), data()) {
				have = append(have, m.Message)
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("have:\n\t%q\nwant:\n\t%q", have, tt.want)
			}
		})
	}
}

func TestCheckNoData(t *testing.T) {
	ms := Check(Find("We offset 3 t and gave £5.", "en"), nil)
	if len(ms) != 2 || ms[0].Closest != nil || !strings.HasSuffix(ms[0].Message, "they record no tonnes") || !strings.HasSuffix(ms[1].Message, "they record no amount in GBP") {
		t.Errorf("have %+v", ms)
	}
}

func TestMatchesRounding(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		text  string
		value string
		want  bool
	}{
		{"£112,000", "112000", true},
		{"£112,000", "112000.40", true},
		{"£112,000", "112400", false},
		{"£112k", "111500", true},
		{"£112k", "112499.99", true},
		{"£112k", "112500", false},
		{"£1.2m", "1203450", true},
		{"£1.2m", "1250000", false},
		{"£120,000", "118000", false},
		{"about £120,000", "118000", true},
		{"about £120,000", "112000", false},
		{"nearly £120,000", "121000", false},
		{"nearly £120,000", "116000", true},
		{"over £100,000", "112000", true},
		{"under £100,000", "112000", false},
		{"60%", "59.6", true},
		{"60%", "60.5", false},
		{"31 t", "31.4", true},
		{"450 kg", "0.45", true},
		{"450 kg", "0.4504", true},
		{"450 kg", "0.451", false},
	}
	for _, tt := range tests {
		figs := Find(tt.text, "en")
		if len(figs) != 1 {
			t.Fatalf("%s: have %d figures", tt.text, len(figs))
		}
		if have := Matches(figs[0], d(tt.value)); have != tt.want {
			t.Errorf("%s against %s: have %v, want %v", tt.text, tt.value, have, tt.want)
		}
	}
}
