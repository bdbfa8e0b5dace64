package impact

import (
	"errors"
	"strings"
	"testing"
)

// TestAmountHints: the hint for an amount that is not a plain number is
// written for the entry's currency: its minor digits (JPY none, BHD three),
// a sign that disagrees with it, and never a figure that would itself be
// refused (issue 13, item 7, as reviewed).
func TestAmountHints(t *testing.T) {
	for _, tt := range []struct {
		in, code string
		site     bool // the currency is the site's: the entry gives none
		want     string
		not      string // must not be in the message
	}{
		{"45k", "GBP", false, `"45k" is not a number: write it in full, in digits, without k: 45000 or "45000.00"`, ""},
		{"45k", "JPY", false, `"45k" is not a number: write it in full, in digits, without k: 45000`, "45000.00"},
		{"45k", "BHD", false, `without k: 45000 or "45000.000"`, "45000.00\""},
		{"£112,000", "GBP", false, `such as 112000 or "112000.00"`, "but currency"},
		{"¥112,000", "JPY", false, `"¥112,000" is not a number: write digits, with no currency symbol or thousands separator, such as 112000`, "112000.00"},
		{"1,5", "EUR", false, `such as 1.5 or "1.50"`, ""},
		{"1,5", "JPY", false, `"1,5" is not a number, and it has decimals, but JPY has no minor unit: write a whole number, in digits`, "1.5"},
		{"12,345.678", "GBP", false, `"12,345.678" is not a number, and it has 3 decimals, but GBP has 2: write the amount in digits, with 2 decimals at most`, "12345.678"},
		{"12,345.678", "BHD", false, `such as 12345.678 or "12345.678"`, ""},
		{"€ 45.000,00", "JPY", false, `such as 45000;`, "45000.00"},
		{"1.234567k", "GBP", false, `"1.234567k" is not a number, and it has 3 decimals, but GBP has 2`, "1234.567"},
		{"£45k", "EUR", false, `without k: 45000 or "45000.00"; £ is GBP, but currency says EUR: check which is right`, ""},
		{"£45k", "EUR", true, `; £ is GBP, but the entry has no currency, so it counts in the site's, EUR: check which is right, and give the entry's currency`, ""},
		{"45000 euros", "GBP", false, `; euros is EUR, but currency says GBP`, ""},
		{"USD 1,250.50", "EUR", false, `; it says USD, but currency says EUR: check which is right`, ""},
		{"$45k", "CAD", false, `without k: 45000 or "45000.00"`, "currency says"},
		{"$45k", "EUR", false, `; $ is a dollar (USD, CAD, AUD…), but currency says EUR`, ""},
		{"¥45k", "CNY", false, `without k: 45000`, "currency says"},
		{"€1.234", "GBP", false, `not clear whether its point separates thousands or decimals: write digits only, with an optional decimal point; € is EUR, but currency says GBP`, "such as"},
		{"-45k", "GBP", false, `"-45k" is not a number, and an amount must be more than zero: write the amount given, in digits, without a minus`, "45000"},
		{"60%", "GBP", false, `"60%" is not a number: an amount is money, not a percentage: write the amount, in digits`, "60 "},
		{"31400 kg", "GBP", false, `since it holds a unit (kg): an amount is money: write the amount, in digits`, "31400 or"},
		{"about 45000", "GBP", false, `and which number it means is not clear: write digits only, with an optional decimal point`, "such as"},
	} {
		t.Run(tt.in+" "+tt.code, func(t *testing.T) {
			_, err := ParseAmount(tt.in, cur(t, tt.code), tt.site)
			assertHint(t, err, tt.want, tt.not)
		})
	}
}

// TestTonnesHints: the hint for tonnes that are not a plain number speaks
// of tonnes, not money, and never gives a figure that would be refused.
func TestTonnesHints(t *testing.T) {
	for _, tt := range []struct{ in, want, not string }{
		{"45k", `"45k" is not a number: write the tonnes in full, in digits, without k: 45000`, "45000.00"},
		{"3,5", `"3,5" is not a number: write the tonnes in digits, with an optional decimal point and no thousands separator, such as 3.5`, "currency"},
		{"31,400 kg", `"31,400 kg" is in kilograms: write it in tonnes, without a unit: 31.4`, ""},
		{"1,234.5 kgCO2e", `"1,234.5 kgCO2e" is in kilograms, to less than a kilogram, but tonnes are counted to the kilogram: write the tonnes, without a unit, with 3 decimals at most`, "1.2345"},
		{"31.4 tCO2e", `"31.4 tCO2e" is not a number: write the tonnes alone, without a unit: 31.4`, ""},
		{"1.23456 t", `"1.23456 t" is not a number, and it has 5 decimals, but tonnes are counted to the kilogram: write the tonnes in digits, with 3 decimals at most`, "1.23456 or"},
		{"£45", `"£45" is not a number, and it holds a currency (£), but tonnes are of CO2e, not money: write the tonnes, in digits, and what the offset cost as cost`, "45 or"},
		{"-3k", `"-3k" is not a number, and tonnes must be more than zero`, "3000"},
		{"60%", `"60%" is not a number: tonnes are not a percentage: write the tonnes, in digits`, ""},
		{"31.4 tons", `and which number it means is not clear`, ""},
	} {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseTonnes(tt.in)
			assertHint(t, err, tt.want, tt.not)
		})
	}
}

// TestAmountAndTonnesHintsAreAccepted: every figure a hint gives is one
// the same reader accepts, for every currency's minor digits.
func TestAmountAndTonnesHintsAreAccepted(t *testing.T) {
	ins := []string{"45k", "1.2M", "£112,000", "1,5", "12,345.678", "1.234,5", "€ 45.000,00", "1'250.50", "0,001", "0,5k", "1,250.500", "2bn", "1.5 million", "1e3", ".5", "5."}
	for _, code := range []string{"GBP", "JPY", "BHD", "CLF"} {
		c := cur(t, code)
		for _, in := range ins {
			_, err := ParseAmount(in, c, false)
			for _, s := range suggested(err) {
				d, perr := ParseNumber(s)
				if perr != nil || CheckAmount(d, c, "amount") != nil {
					t.Errorf("%s in %s: have hint %q (%v), refused: %v %v", in, code, s, err, perr, CheckAmount(d, c, "amount"))
				}
			}
		}
	}
	for _, in := range append(ins, "31,400 kg", "1,234.5 kg", "0.4 kg", "31.4 t", "1.2345k t") {
		_, err := ParseTonnes(in)
		for _, s := range suggested(err) {
			d, perr := ParseNumber(s)
			if perr != nil || !d.IsPositive() || decimals(d) > TonnesDigits {
				t.Errorf("tonnes %s: have hint %q (%v), refused", in, s, err)
			}
		}
	}
}

// suggested is the numbers a hint gives: after "such as", "without x:" or
// "unit:", and in quotes after "or".
func suggested(err error) []string {
	if err == nil {
		return nil
	}
	msg := err.Error()
	var out []string
	for _, lead := range []string{"such as ", "without k: ", "without M: ", "without bn: ", "without million: ", "without a unit: "} {
		if _, rest, ok := strings.Cut(msg, lead); ok {
			n, _, _ := strings.Cut(rest, " ")
			out = append(out, strings.TrimRight(n, ";,"))
			if _, q, ok := strings.Cut(rest, ` or "`); ok {
				n, _, _ := strings.Cut(q, `"`)
				out = append(out, n)
			}
		}
	}
	return out
}

// assertHint checks that err is ErrNotANumber with a hint that says want,
// and not not (unless it is empty).
func assertHint(t *testing.T, err error, want, not string) {
	t.Helper()
	if err == nil || !errors.Is(err, ErrNotANumber) {
		t.Fatalf("have: %v want: an error wrapping ErrNotANumber", err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("have: %v\nwant: …%s…", err, want)
	}
	if not != "" && strings.Contains(err.Error(), not) {
		t.Errorf("have: %v\nwant: no %q", err, not)
	}
}
