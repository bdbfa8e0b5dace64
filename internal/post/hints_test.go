package post

import (
	"strings"
	"testing"
)

// TestHintsKeepTheFigure: the hint for a figure written in a way that is
// not a plain number gives the figure meant, in the unit the key counts in,
// or none (issue 13, item 7).
func TestHintsKeepTheFigure(t *testing.T) {
	donation := func(amount string) string {
		return "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: " + amount + "\n---\n"
	}
	offset := func(tonnes string) string {
		return "---\ntitle: x\nimpact:\n  offsets:\n    - provider: P\n      tonnes: " + tonnes + "\n---\n"
	}
	runProblems(t, []problemCase{
		{name: "45k", src: donation("45k"),
			want: []want{{f + ":6:15", `amount "45k" is not a number: write it in full, in digits, without k: 45000 or "45000.00"`}}},
		{name: "1.2M", src: donation("1.2M"),
			want: []want{{f + ":6:15", `without M: 1200000 or "1200000.00"`}}},
		{name: "£112,000", src: donation(`"£112,000"`),
			want: []want{{f + ":6:15", `amount "£112,000" is not a number: write digits, with an optional decimal point and no currency symbol or thousands separator, such as 112000 or "112000.00"`}}},
		{name: "an amount unclear", src: donation("about 45000"),
			want: []want{{f + ":6:15", `amount "about 45000" is not a number, and which number it means is not clear: write digits only, with an optional decimal point`}}},
		{name: "tonnes in kg", src: offset("31400 kg"),
			want: []want{{f + ":6:15", `tonnes "31400 kg" is in kilograms: write it in tonnes, without a unit: 31.4`}}},
		{name: "tonnes in kg with a separator", src: offset("31,400 kg"),
			want: []want{{f + ":6:15", `tonnes "31,400 kg" is in kilograms: write it in tonnes, without a unit: 31.4`}}},
		{name: "tonnes in kg, to the gram", src: offset("1,234.5 kgCO2e"),
			// Not 1.2345, which tonnes, counted to the kilogram, refuse.
			want: []want{{f + ":6:15", `tonnes "1,234.5 kgCO2e" is in kilograms, to less than a kilogram, but tonnes are counted to the kilogram: write the tonnes, without a unit, with 3 decimals at most`}}},
		{name: "tonnes with a unit", src: offset("31.4 tCO2e"),
			want: []want{{f + ":6:15", `tonnes "31.4 tCO2e" is not a number: write the tonnes alone, without a unit: 31.4`}}},
		{name: "tons, which are not tonnes", src: offset("31.4 tons"),
			want: []want{{f + ":6:15", `tonnes "31.4 tons" is not a number, and which number it means is not clear`}}},
		{name: "tonnes less than half a kilogram", src: offset("0.0004"),
			want: []want{{f + ":6:15", `tonnes 0.0004 is less than half a kilogram, and tonnes are counted to the kilogram (0.001): leave this entry out`}}},
		{name: "a share with %", src: "---\ntitle: x\nimpact:\n  emissions:\n    - source: Deliveries\n      share: 60%\n---\n",
			want: []want{{f + ":6:14", `share "60%" is not a number: write the number without %: 60`}}},
		{name: "a currency sign", src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 5\n      currency: £\n---\n",
			want: []want{{f + ":7:17", `unknown currency "£": write its ISO 4217 code, GBP`}}},
		{name: "dollars", src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 5\n      currency: dollars\n---\n",
			want: []want{{f + ":7:17", `write its ISO 4217 code, USD, or the code of your dollar, such as CAD or AUD`}}},
		{name: "a point that may separate thousands", src: donation("1.500"),
			want: []want{{f + ":6:15", `amount 1.500 has 3 decimals, but GBP has 2: if its point separates thousands, write 1500; if it is a decimal point, write 1.50`}}},
	})
}

// TestHintsInTheEntrysCurrency: a hint for an amount gives a figure only
// in the entry's currency's minor digits, none that would itself be
// refused, and names a sign that disagrees with the currency; a hint for
// tonnes speaks of tonnes (issue 13, item 7, as reviewed).
func TestHintsInTheEntrysCurrency(t *testing.T) {
	donation := func(amount, currency string) string {
		return "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      currency: " + currency + "\n      amount: " + amount + "\n---\n"
	}
	offset := func(tonnes string) string {
		return "---\ntitle: x\nimpact:\n  offsets:\n    - provider: P\n      tonnes: " + tonnes + "\n---\n"
	}
	eur := Options{Currency: currency(t, "EUR")}
	runProblems(t, []problemCase{
		{name: "45k in JPY", src: donation("45k", "JPY"),
			want: []want{{f + ":7:15", `amount "45k" is not a number: write it in full, in digits, without k: 45000`}}},
		{name: "45k in BHD", src: donation("45k", "BHD"),
			want: []want{{f + ":7:15", `without k: 45000 or "45000.000"`}}},
		{name: "a decimal comma in JPY", src: donation(`"1,5"`, "JPY"),
			want: []want{{f + ":7:15", `amount "1,5" is not a number, and it has decimals, but JPY has no minor unit: write a whole number, in digits`}}},
		{name: "three decimals in GBP", src: donation(`"12,345.678"`, "GBP"),
			want: []want{{f + ":7:15", `amount "12,345.678" is not a number, and it has 3 decimals, but GBP has 2: write the amount in digits, with 2 decimals at most`}}},
		{name: "a pound sign in EUR", src: donation(`"£45k"`, "EUR"),
			want: []want{{f + ":7:15", `amount "£45k" is not a number: write it in full, in digits, without k: 45000 or "45000.00"; £ is GBP, but currency says EUR: check which is right`}}},
		{name: "a pound sign in the site's EUR", opts: &eur, src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: £45k\n---\n",
			want: []want{{f + ":6:15", `; £ is GBP, but the entry has no currency, so it counts in the site's, EUR: check which is right`}}},
		{name: "a price per tonne in dollars, in EUR", src: "---\ntitle: x\nimpact:\n  offsets:\n    - provider: P\n      tonnes: 3\n      currency: EUR\n      price_per_tonne: $20\n---\n",
			want: []want{{f + ":8:24", `price_per_tonne "$20" is not a number: write digits, with an optional decimal point and no currency symbol or thousands separator, such as 20 or "20.00"; $ is a dollar (USD, CAD, AUD…), but currency says EUR`}}},
		{name: "45k tonnes", src: offset(`"45k"`),
			want: []want{{f + ":6:15", `tonnes "45k" is not a number: write the tonnes in full, in digits, without k: 45000`}}},
		{name: "tonnes with a decimal comma", src: offset(`"3,5"`),
			want: []want{{f + ":6:15", `tonnes "3,5" is not a number: write the tonnes in digits, with an optional decimal point and no thousands separator, such as 3.5`}}},
		{name: "tonnes in pounds", src: offset(`"£45"`),
			want: []want{{f + ":6:15", `tonnes "£45" is not a number, and it holds a currency (£), but tonnes are of CO2e, not money`}}},
	})
	// Yen have no minor unit: no "45000.00" for them.
	if _, probs := Parse(f, text(donation("45k", "JPY")), options(t)); strings.Contains(probs.Error(), ".00") {
		t.Errorf("have: %v want: no figure with decimals", probs)
	}
}
