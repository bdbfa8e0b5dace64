package impact

import (
	"errors"
	"strings"
	"testing"
)

// TestNumberHintsKeepTheFigure: a hint gives the number the writer meant,
// or, when that is not sure, says so and gives none; it never gives a
// number that a writer copying it would publish instead of the figure
// (issue 13, item 7).
func TestNumberHintsKeepTheFigure(t *testing.T) {
	const unclear = "and which number it means is not clear: write digits only, with an optional decimal point"
	for _, tt := range []struct {
		in, want string
		not      string // must not be in the message
	}{
		{"45k", `"45k" is not a number: write it in full, in digits, without k: 45000 or "45000.00"`, "such as 45 "},
		{"45K", `without K: 45000 or "45000.00"`, ""},
		{"1.2m", `without m: 1200000 or "1200000.00"`, ""},
		{"1.2M", `without M: 1200000 or "1200000.00"`, ""},
		{"£1.2M", `without M: 1200000 or "1200000.00"`, ""},
		{"2bn", `without bn: 2000000000 or`, ""},
		{"45 thousand", `without thousand: 45000 or "45000.00"`, ""},
		{"1.5 million", `without million: 1500000 or`, ""},
		{"$45k", `without k: 45000 or "45000.00"`, ""},
		{"-45k", `without k: -45000 or "-45000.00"`, ""},
		{"£112,000", `such as 112000 or "112000.00"`, ""},
		{"112,000 GBP", `such as 112000 or "112000.00"`, ""},
		{"USD 1,250.50", `such as 1250.50 or "1250.50"`, ""},
		{"USD1250", `such as 1250 or "1250.00"`, ""},
		{"45000 euros", `such as 45000 or "45000.00"`, ""},
		{"45000 pounds sterling", `such as 45000 or "45000.00"`, ""},
		{"1,12,000", `such as 112000 or "112000.00"`, ""},
		{"1.234,5", `such as 1234.5 or "1234.50"`, ""},
		{"1.250.000", `such as 1250000 or "1250000.00"`, ""},
		{"1'250.50", `such as 1250.50 or "1250.50"`, ""},
		{"€1.234", `and it is not clear whether its point separates thousands or decimals: write digits only`, "such as"},
		{"1.234 EUR", `whether its point separates thousands or decimals`, "such as"},
		{"1,2,3", `not clear which of its points and commas separate thousands and which decimals`, "such as"},
		{"1.234,5.6", `not clear which of its points and commas`, "such as"},
		{"31400 kg", `since it holds a unit (kg): write the number alone, in the unit the field asks for`, "31400 or"},
		{"31.4 tonnes", `since it holds a unit (t)`, "such as"},
		{"60%", `write the number without %: 60`, ""},
		{"12 tons", unclear, "12 or"}, // a ton is not a tonne
		{"abc", unclear, "such as"},
		{"about 45000", unclear, "such as"},
		{"45 apples", unclear, "such as"},
		{"1e400", unclear, "such as"},
		{"£", unclear, "such as"},
		{"0x10", unclear, "such as"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseNumber(tt.in)
			assertHint(t, err, tt.want, tt.not)
		})
	}
}

// TestReadLoosely: the number, unit and currency a text was meant to give.
func TestReadLoosely(t *testing.T) {
	for _, tt := range []struct {
		in                       string
		ok                       bool
		number, unit, mult, curr string
	}{
		{"31,400 kg", true, "31400", "kg", "", ""},
		{"31.4 tCO2e", true, "31.4", "t", "", ""},
		{"31.4 tonnes of CO2e", true, "31.4", "t", "", ""},
		{"1.2k tonnes", true, "1200", "t", "k", ""},
		{"2,500 kilograms", true, "2500", "kg", "", ""},
		{"€ 45.000,00", true, "45000", "", "", "€"},
		{"-£45", true, "-45", "", "", "£"},
		{"£-45", true, "-45", "", "", "£"},
		{"60 per cent", true, "60", "%", "", ""},
		{"12 tons", false, "", "", "", ""},
		{"€1.234", false, "", "", "", "€"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			r, ok := ReadLoosely(tt.in)
			if ok != tt.ok || ok && (r.Number.String() != tt.number || r.Unit != tt.unit || r.Multiplier != tt.mult) || r.Currency != tt.curr {
				t.Errorf("have: %v %+v want: %v %s, unit %q, multiplier %q, currency %q", ok, r, tt.ok, tt.number, tt.unit, tt.mult, tt.curr)
			}
		})
	}
}

// TestCurrencySignsAndWords: a currency given as a sign or word gets its
// ISO 4217 code; a sign several currencies share names them.
func TestCurrencySignsAndWords(t *testing.T) {
	for _, tt := range []struct{ code, want string }{
		{"£", `unknown currency "£": write its ISO 4217 code, GBP`},
		{"€", `write its ISO 4217 code, EUR`},
		{"$", `write its ISO 4217 code, USD, or the code of your dollar, such as CAD or AUD`},
		{"pounds", `write its ISO 4217 code, GBP`},
		{"Pounds Sterling", `write its ISO 4217 code, GBP`},
		{"euros", `write its ISO 4217 code, EUR`},
		{"Euro", `write its ISO 4217 code, EUR`},
		{"dollars", `USD, or the code of your dollar, such as CAD or AUD`},
		{"US$", `write its ISO 4217 code, USD`},
		{"¥", `JPY for yen, or CNY for yuan`},
		{" £ ", `write its ISO 4217 code, GBP`},
	} {
		t.Run(tt.code, func(t *testing.T) {
			_, err := ParseCurrency(tt.code)
			if err == nil || !errors.Is(err, ErrUnknownCurrency) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("have: %v\nwant: …%s…", err, tt.want)
			}
		})
	}
}
