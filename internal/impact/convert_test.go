package impact

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func moneyOf(t *testing.T, amount, code string) Money {
	t.Helper()
	return Money{Amount: decimal.RequireFromString(amount), Currency: cur(t, code)}
}

func midYear(y int) time.Time { return time.Date(y, 6, 1, 0, 0, 0, 0, time.UTC) }

func TestConvertRoundsOnceHalfAwayFromZero(t *testing.T) {
	rates := NewRates(cur(t, "GBP"))
	rates.Set(2020, "EUR", decimal.RequireFromString("0.8897"))
	rates.Set(2020, "JPY", decimal.RequireFromString("0.0073"))
	rates.Set(2020, "USD", decimal.RequireFromString("0.5"))
	tests := []struct {
		in   Money
		want string
	}{
		{moneyOf(t, "100.00", "EUR"), "88.97 GBP"},
		{moneyOf(t, "2500.75", "EUR"), "2224.92 GBP"}, // 2224.917275
		{moneyOf(t, "150000", "JPY"), "1095.00 GBP"},
		{moneyOf(t, "0.01", "USD"), "0.01 GBP"},            // 0.005: the half rounds up
		{moneyOf(t, "0.03", "USD"), "0.02 GBP"},            // 0.015
		{moneyOf(t, "-0.01", "USD"), "-0.01 GBP"},          // -0.005: away from zero
		{moneyOf(t, "12.34", "GBP"), "12.34 GBP"},          // the reporting currency itself
		{moneyOf(t, "1.01", "EUR"), "0.90 GBP"},            // 0.898597
		{moneyOf(t, "5.62", "EUR"), "5.00 GBP"},            // 5.000114
		{moneyOf(t, "0.05", "EUR"), "0.04 GBP"},            // 0.044485
		{moneyOf(t, "101", "JPY"), "0.74 GBP"},             // 0.7373
		{moneyOf(t, "1000000.01", "USD"), "500000.01 GBP"}, // 500000.005
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			have, _, err := rates.Convert(tt.in, 2020)
			if err != nil {
				t.Fatal(err)
			}
			if have.String() != tt.want {
				t.Errorf("have %s, want %s", have, tt.want)
			}
		})
	}
	// Into a currency without minor units, the half rounds to a whole unit.
	yen := NewRates(cur(t, "JPY"))
	yen.Set(2020, "GBP", decimal.RequireFromString("137.5"))
	have, _, _ := yen.Convert(moneyOf(t, "0.02", "GBP"), 2020) // 2.75
	if have.String() != "3 JPY" {
		t.Errorf("0.02 GBP at 137.5: have %s, want 3 JPY", have)
	}
	have, _, _ = yen.Convert(moneyOf(t, "0.01", "GBP"), 2020) // 1.375
	if have.String() != "1 JPY" {
		t.Errorf("0.01 GBP at 137.5: have %s, want 1 JPY", have)
	}
}

func TestComputeWithRatesInSeveralCurrenciesAndYears(t *testing.T) {
	rates := NewRates(cur(t, "GBP"))
	rates.Set(2019, "EUR", decimal.RequireFromString("0.8771"))
	rates.Set(2020, "EUR", decimal.RequireFromString("0.8897"))
	rates.Set(2020, "USD", decimal.RequireFromString("0.7798"))
	src := func(line int) Source { return Source{Post: "/posts/p/", File: "posts/p.md", Line: line} }
	donations := []Donation{
		{Recipient: "A", Money: moneyOf(t, "2500.75", "EUR"), Date: midYear(2019), Source: src(10)}, // 2193.4078… → 2193.41
		{Recipient: "A", Money: moneyOf(t, "1000.00", "EUR"), Date: midYear(2020), Source: src(14)}, // 889.70
		{Recipient: "B", Money: moneyOf(t, "45000", "GBP"), Date: midYear(2020), Source: src(18)},   // 45000.00
		{Recipient: "B", Money: moneyOf(t, "0.01", "EUR"), Date: midYear(2020), Source: src(22)},    // 0.008897 → 0.01
		{Recipient: "B", Money: moneyOf(t, "0.01", "EUR"), Date: midYear(2020), Source: src(26)},    // again 0.01, not 0.02 of 0.017794
	}
	price := moneyOf(t, "11.20", "USD")
	cost := moneyOf(t, "456.40", "USD") // 40.75 × 11.20
	offsets := []Offset{
		{Provider: "M", Tonnes: Tonnes{decimal.RequireFromString("40.75")}, PricePerTonne: &price, Cost: &cost, Date: midYear(2020), Source: src(30)}, // 355.900… → 355.90
		{Provider: "N", Tonnes: Tonnes{decimal.RequireFromString("1")}, Date: midYear(2021), Source: src(36)},                                         // no cost: nothing to convert
	}
	tot, err := Compute(2, pointers(donations), pointers(offsets), WithRates(rates))
	if err != nil {
		t.Fatal(err)
	}
	rep := tot.Reporting
	checks := []struct{ name, have, want string }{
		{"total", rep.Donations.Total.String(), "48083.13 GBP"},
		{"2019", rep.Donations.ByYear["2019"].String(), "2193.41 GBP"},
		{"2020", rep.Donations.ByYear["2020"].String(), "45889.72 GBP"},
		{"A", rep.Donations.ByRecipient["A"].String(), "3083.11 GBP"},
		{"B", rep.Donations.ByRecipient["B"].String(), "45000.02 GBP"},
		{"offsets", rep.Offsets.Cost.String(), "355.90 GBP"},
		{"offsets 2020", rep.Offsets.ByYear["2020"].String(), "355.90 GBP"},
		{"provider M", rep.Offsets.ByProvider["M"].String(), "355.90 GBP"},
		{"entry rate", tot.Entries[0].Row().Rate, "0.8771"},
		{"entry converted", tot.Entries[0].Row().Converted, "2193.41"},
		{"GBP rate", tot.Entries[2].Row().Rate, "1"},
	}
	for _, c := range checks {
		if c.have != c.want {
			t.Errorf("%s: have %s, want %s", c.name, c.have, c.want)
		}
	}
	if _, ok := rep.Offsets.ByProvider["N"]; ok {
		t.Error("an offset without cost has a converted cost")
	}
	// The amounts as given are untouched.
	if have := fmt.Sprint(tot.Donations.Total); have != "[3500.77 EUR 45000.00 GBP]" {
		t.Errorf("as given: have %s", have)
	}
	// SumsOnly gives the same sums and errors, without the entries; one rate
	// left out shows the errors too.
	for _, r := range []*Rates{rates, NewRates(cur(t, "GBP"))} {
		all, errAll := Compute(2, pointers(donations), pointers(offsets), WithRates(r))
		sums, errSums := Compute(2, pointers(donations), pointers(offsets), WithRates(r), SumsOnly)
		if sums.Entries != nil {
			t.Errorf("SumsOnly made %d entries", len(sums.Entries))
		}
		all.Entries = nil
		if !reflect.DeepEqual(all, sums) || fmt.Sprint(errAll) != fmt.Sprint(errSums) {
			t.Errorf("SumsOnly differs:\n%+v %v\n%+v %v", sums, errSums, all, errAll)
		}
	}
	b, _ := json.Marshal(rep)
	for _, want := range []string{`"currency":"GBP"`, `"rates":{"2019":{"EUR":"0.8771"},"2020":{"EUR":"0.8897","USD":"0.7798"}}`, `"total":"48083.13"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("reporting JSON lacks %s:\n%s", want, b)
		}
	}
}

func TestComputeWithRatesMissingRate(t *testing.T) {
	rates := NewRates(cur(t, "GBP"))
	rates.Set(2020, "EUR", decimal.RequireFromString("0.8897"))
	donations := []Donation{
		{Recipient: "A", Money: moneyOf(t, "10", "EUR"), Date: midYear(2020), Source: Source{File: "posts/a.md", Line: 8}},
		{Recipient: "A", Money: moneyOf(t, "10", "EUR"), Date: midYear(2021), Source: Source{File: "posts/a.md", Line: 12}},
	}
	price := moneyOf(t, "20", "USD")
	offsets := []Offset{{Provider: "P", Tonnes: Tonnes{decimal.NewFromInt(1)}, PricePerTonne: &price, Cost: &price, Date: midYear(2020), Source: Source{File: "posts/b.md", Line: 3}}}
	_, err := Compute(1, pointers(donations), pointers(offsets), WithRates(rates))
	if !errors.Is(err, ErrNoRate) {
		t.Fatalf("have %v, want ErrNoRate", err)
	}
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		re := e.(*RateError)
		got = append(got, re.Source.Position()+": "+re.Error())
	}
	want := []string{
		"posts/a.md:12: no rate for EUR in 2021 in site.toml",
		"posts/b.md:3: no rate for USD in 2020 in site.toml",
	}
	if len(got) != len(want) {
		t.Fatalf("have %q, want %q", got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("have %s, want %s…", got[i], want[i])
		}
	}
}

func TestComputeWithoutRatesHasNoReporting(t *testing.T) {
	tot := totals(1, []Donation{{Recipient: "A", Money: moneyOf(t, "10", "EUR"), Date: midYear(2020)}}, nil)
	if tot.Reporting != nil {
		t.Error("Reporting without rates")
	}
	b, _ := json.Marshal(tot)
	if strings.Contains(string(b), "reporting") || strings.Contains(string(b), "converted") {
		t.Errorf("JSON without rates mentions reporting: %s", b)
	}
}
