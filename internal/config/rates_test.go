package config

import (
	"strings"
	"testing"
)

func TestRates(t *testing.T) {
	src := `title = "T"
currency = "GBP"
reporting_currency = "GBP"

[rates.2019]
EUR = "0.8771"   # a string
JPY = 0.0069     # a number, read exactly from its text

[rates.2021]
EUR = 0.85999999999999999   # more digits than a float holds
USD = 1
CHF = 9.5e-1                # an exponent
SEK = 0.0_9                 # underscores between digits
`
	c, problems := Parse([]byte(src))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	tests := []struct {
		year int
		code string
		want string
	}{
		{2019, "EUR", "0.8771"},
		{2019, "JPY", "0.0069"},
		{2021, "EUR", "0.85999999999999999"},
		{2021, "USD", "1"},
		{2021, "CHF", "0.95"},
		{2021, "SEK", "0.09"},
		{2021, "GBP", "1"},
	}
	for _, tt := range tests {
		have, ok := c.Rates.Rate(tt.year, tt.code)
		if !ok || have.String() != tt.want {
			t.Errorf("%d %s: have %s (%v), want %s", tt.year, tt.code, have, ok, tt.want)
		}
	}
	if _, ok := c.Rates.Rate(2020, "EUR"); ok {
		t.Error("2020 EUR has a rate")
	}
}

func TestRatesProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"no rates: nothing converted", "title = \"T\"\n", nil},
		{"reporting currency defaults to currency", "title = \"T\"\ncurrency = \"EUR\"\n[rates.2020]\nGBP = \"1.12\"\n", nil},
		{"bad year", "title = \"T\"\n[rates.twenty]\nEUR = \"0.9\"\n", []string{`site.toml:2:1: rates.twenty is not a year`}},
		{"rates without a year", "title = \"T\"\n\n[rates]\nEUR = \"0.9\"\n", []string{`site.toml:4:1: rates.EUR is not a year: write a table such as [rates.2020]`}},
		{"a year that is not a table", "title = \"T\"\n[rates]\n2020 = \"0.9\"\n", []string{`site.toml:3:1: rates.2020 must be a table of rates`}},
		{"an inline table without a year", "title = \"T\"\nrates = { EUR = \"0.9\" }\n", []string{`site.toml:2:11: rates.EUR is not a year`}},
		{"bad currency", "title = \"T\"\n[rates.2020]\nEUR = \"0.9\"\nEURO = \"0.9\"\n", []string{`site.toml:4:1: rates.2020: unknown currency "EURO"`}},
		{"bad rate", "title = \"T\"\n[rates.2020]\nEUR = \"0,9\"\n[rates.2021]\nEUR = \"-1\"\n", []string{
			`site.toml:3:7: rates.2020.EUR: "0,9" is not a number`,
			`site.toml:5:7: rates.2021.EUR must be more than zero`,
		}},
		{"the reporting currency's own rate", "title = \"T\"\nreporting_currency = \"EUR\"\n[rates.2020]\nEUR = 1\n", []string{`site.toml:4:1: rates.2020: EUR is the reporting currency`}},
		{"rates that are not numbers", "title = \"T\"\n[rates.2020]\nEUR = inf\nUSD = true\nJPY = 2020-01-01\nCHF = [1]\n", []string{
			`site.toml:3:7: rates.2020.EUR: "inf" is not a number`,
			`site.toml:4:7: rates.2020.USD: not a number`,
			`site.toml:5:7: rates.2020.JPY: not a number`,
			`site.toml:6:7: rates.2020.CHF: not a number`,
		}},
		{"bad reporting currency", "title = \"T\"\nreporting_currency = \"pounds\"\n", []string{`site.toml:2:22: reporting_currency: unknown currency "pounds"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, problems := Parse([]byte(tt.src))
			if len(problems) != len(tt.want) {
				t.Fatalf("have %d problems:\n%v\nwant %d: %q", len(problems), problems, len(tt.want), tt.want)
			}
			for i, p := range problems {
				if !strings.HasPrefix(p.Error(), tt.want[i]) {
					t.Errorf("have %s\nwant %s…", p, tt.want[i])
				}
			}
			if len(tt.want) == 0 && strings.Contains(tt.src, "rates") && c.Rates == nil {
				t.Error("rates given, but c.Rates is nil")
			}
			if !strings.Contains(tt.src, "rates") && !strings.Contains(tt.src, "reporting") && c.Rates != nil {
				t.Error("no rates given, but c.Rates is set")
			}
		})
	}
}
