package impact

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func dec(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("decimal %q: %v", s, err)
	}
	return d
}

func cur(t *testing.T, code string) Currency {
	t.Helper()
	c, err := ParseCurrency(code)
	if err != nil {
		t.Fatalf("ParseCurrency(%q): %v", code, err)
	}
	return c
}

func money(t *testing.T, amount, code string) *Money {
	t.Helper()
	return &Money{Amount: dec(t, amount), Currency: cur(t, code)}
}

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"112000", "112000"},
		{"2500.75", "2500.75"},
		{" 3 ", "3"},
		{"+4", "4"},
		{"-5", "-5"}, // a number; CheckAmount refuses it
		{"0.10", "0.1"},
		{"000123.4500", "123.45"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseNumber(tt.in)
			if err != nil {
				t.Fatalf("have error %v, want %s", err, tt.want)
			}
			if !d.Equal(dec(t, tt.want)) {
				t.Errorf("have: %s want: %s", d, tt.want)
			}
		})
	}
}

func TestParseNumberRefuses(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"£112,000", `"£112,000" is not a number: write digits, with an optional decimal point and no currency symbol or thousands separator, such as 112000 or "112000.00"`},
		{"1e3", `such as 1000 or "1000.00"`},
		{"12,5", `such as 12.5 or "12.50"`},
		{"1,250.50", `such as 1250.50 or "1250.50"`},
		{"1.250,75", `such as 1250.75 or "1250.75"`},
		{"€ 45.000,00", `such as 45000.00 or "45000.00"`},
		{".5", `such as 0.5 or "0.50"`},
		{"12.", `such as 12 or "12.00"`},
		{"", `"" is not a number`},
		{"abc", `"abc" is not a number, and which number it means is not clear: write digits only, with an optional decimal point`},
		{"1 000", `such as 1000 or "1000.00"`},
		{"0x10", `is not a number`},
		{"NaN", `is not a number`},
	} {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseNumber(tt.in)
			if err == nil {
				t.Fatalf("have: no error want: %s", tt.want)
			}
			if !errors.Is(err, ErrNotANumber) {
				t.Errorf("have: %v want: an error wrapping ErrNotANumber", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("have: %v want: …%s…", err, tt.want)
			}
		})
	}
}

func TestParseCurrency(t *testing.T) {
	for _, tt := range []struct {
		code   string
		digits int32
	}{
		{"GBP", 2}, {"EUR", 2}, {"USD", 2}, {"JPY", 0}, {"KWD", 3}, {"CHF", 2},
	} {
		t.Run(tt.code, func(t *testing.T) {
			c, err := ParseCurrency(tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if c.Code != tt.code || c.Digits != tt.digits {
				t.Errorf("have: %s with %d digits want: %s with %d", c.Code, c.Digits, tt.code, tt.digits)
			}
			if c.Unit().String() != tt.code || c.String() != tt.code {
				t.Errorf("have: unit %s, string %s want: %s", c.Unit(), c, tt.code)
			}
		})
	}
}

func TestParseCurrencyRefuses(t *testing.T) {
	for _, tt := range []struct{ code, want string }{
		{"XYZ", `unknown currency "XYZ": write an ISO 4217 code such as GBP, EUR or USD`}, // x/text does not know it
		{"gbp", `unknown currency "gbp": write it in capitals: GBP`},
		{"Eur", `unknown currency "Eur": write it in capitals: EUR`},
		{"GPB", `unknown currency "GPB": did you mean GBP?`},
		{" GBP", `unknown currency " GBP": write it as GBP`},
		{"XXX", `unknown currency "XXX"`}, // ISO's "no currency"
		{"XTS", `unknown currency "XTS"`}, // ISO's code for tests
		{"", `unknown currency "": write an ISO 4217 code in capitals`},
		{"POUND", `unknown currency "POUND"`},
		{"£", `unknown currency "£"`},
	} {
		t.Run(tt.code, func(t *testing.T) {
			_, err := ParseCurrency(tt.code)
			if err == nil {
				t.Fatalf("have: no error want: %s", tt.want)
			}
			if !errors.Is(err, ErrUnknownCurrency) {
				t.Errorf("have: %v want: an error wrapping ErrUnknownCurrency", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("have: %v want: …%s…", err, tt.want)
			}
		})
	}
}

func TestCheckAmount(t *testing.T) {
	for _, tt := range []struct {
		amount, code string
		want         string // "" for no error
	}{
		{"45000", "GBP", ""},
		{"2500.75", "EUR", ""},
		{"1.500", "GBP", "amount 1.500 has 3 decimals, but GBP has 2: if its point separates thousands, write 1500; if it is a decimal point, write 1.50"},
		{"1.50", "GBP", ""},     // trailing zeros are not decimals
		{"2500.750", "GBP", ""}, // no thousands in 2500.750
		{"150000", "JPY", ""},
		{"150000.000", "JPY", ""},
		{"1.500", "KWD", ""},
		{"1.005", "GBP", "amount 1.005 has 3 decimals, but GBP has 2: if its point separates thousands, write 1005; if it is a decimal point, round it to 1.01"},
		{"1.500", "JPY", "amount 1.500 has decimals, but JPY has no minor unit: if its point separates thousands, write 1500; if it is a decimal point, write a whole number, such as 2"},
		{"0.125", "GBP", "round it to 0.13"},
		{"10.5", "JPY", "amount 10.5 has decimals, but JPY has no minor unit: write a whole number, such as 11"},
		{"1.0005", "KWD", "has 4 decimals, but KWD has 3: round it to 1.001"},
		{"0", "GBP", "amount must be more than zero, not 0"},
		{"-5", "GBP", "amount must be more than zero, not -5"},
	} {
		t.Run(tt.amount+" "+tt.code, func(t *testing.T) {
			err := CheckAmount(dec(t, tt.amount), cur(t, tt.code), "amount")
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("have: %v want: no error", err)
			case tt.want != "" && err == nil:
				t.Errorf("have: no error want: %s", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("have: %v want: …%s…", err, tt.want)
			}
		})
	}
}

func TestOffsetCost(t *testing.T) {
	for _, tt := range []struct {
		name          string
		tonnes        string
		price, cost   *Money
		want, wantErr string // want "" for a nil cost
	}{
		{"price only", "31.4", money(t, "20", "GBP"), nil, "628.00 GBP", ""},
		{"rounded down", "3.125", money(t, "0.10", "GBP"), nil, "0.31 GBP", ""},              // 0.3125
		{"rounded down below half", "0.125", money(t, "0.1", "GBP"), nil, "0.01 GBP", ""},    // 0.0125
		{"just below half", "0.249", money(t, "0.02", "GBP"), nil, "0.00 GBP", ""},           // 0.00498
		{"half rounds up", "0.5", money(t, "0.01", "GBP"), nil, "0.01 GBP", ""},              // 0.005
		{"half rounds up, not to even", "0.25", money(t, "0.1", "GBP"), nil, "0.03 GBP", ""}, // 0.025
		{"JPY half", "1.5", money(t, "1", "JPY"), nil, "2 JPY", ""},
		{"JPY half, not to even", "2.5", money(t, "1", "JPY"), nil, "3 JPY", ""},
		{"KWD half", "1.0005", money(t, "1.000", "KWD"), nil, "1.001 KWD", ""},
		{"cost agrees", "31.4", money(t, "20", "GBP"), money(t, "628", "GBP"), "628.00 GBP", ""},
		{"cost agrees after rounding", "3.125", money(t, "0.10", "GBP"), money(t, "0.31", "GBP"), "0.31 GBP", ""},
		{"cost only", "3.125", nil, money(t, "118.75", "GBP"), "118.75 GBP", ""},
		{"neither", "3.125", nil, nil, "", ""},
		{"cost disagrees", "31.4", money(t, "20", "GBP"), money(t, "630", "GBP"), "",
			"cost 630.00 does not agree with tonnes × price_per_tonne = 31.4 × 20.00 = 628.00: correct one of them, or leave cost out and it will be computed"},
		{"cost off by one minor unit", "3.125", money(t, "0.10", "GBP"), money(t, "0.32", "GBP"), "", "does not agree"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := OffsetCost(dec(t, tt.tonnes), tt.price, tt.cost)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("have: %v want: …%s…", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			have := ""
			if got != nil {
				have = got.String()
			}
			if have != tt.want {
				t.Errorf("have: %q want: %q", have, tt.want)
			}
		})
	}
}

func TestMoneyAndTonnesStrings(t *testing.T) {
	for _, tt := range []struct{ have, want string }{
		{money(t, "150000", "JPY").Fixed(), "150000"},
		{money(t, "45000", "GBP").Fixed(), "45000.00"},
		{money(t, "1.5", "KWD").Fixed(), "1.500"},
		{money(t, "2500.75", "EUR").String(), "2500.75 EUR"},
		{Tonnes{dec(t, "31.4")}.String(), "31.400"},
		{Tonnes{dec(t, "3.125")}.String(), "3.125"},
		{Tonnes{}.String(), "0.000"},
	} {
		if tt.have != tt.want {
			t.Errorf("have: %q want: %q", tt.have, tt.want)
		}
	}
	// fmt uses Tonnes' own format, not the embedded decimal's: templates
	// printing {{.Tonnes}} get three decimals.
	for _, tt := range []struct{ have, want string }{
		{fmt.Sprint(Tonnes{dec(t, "31.4")}), "31.400"},
		{fmt.Sprintf("%v|%s|%8s", Tonnes{dec(t, "2")}, Tonnes{dec(t, "2")}, Tonnes{dec(t, "2")}), "2.000|2.000|   2.000"},
	} {
		if tt.have != tt.want {
			t.Errorf("have: %q want: %q", tt.have, tt.want)
		}
	}
	b, err := json.Marshal(Tonnes{dec(t, "6.2")})
	if err != nil || string(b) != `"6.200"` {
		t.Errorf("have: %s, %v want: \"6.200\"", b, err)
	}
}

func TestSumsAdd(t *testing.T) {
	var s Sums
	for _, m := range []*Money{
		money(t, "1", "GBP"), money(t, "2", "USD"), money(t, "3.50", "EUR"),
		money(t, "4.25", "GBP"), money(t, "150000", "JPY"), money(t, "0.75", "EUR"),
	} {
		s = s.Add(*m)
	}
	var codes []string
	for _, m := range s {
		codes = append(codes, m.String())
	}
	if have, want := strings.Join(codes, ", "), "4.25 EUR, 5.25 GBP, 150000 JPY, 2.00 USD"; have != want {
		t.Errorf("have: %s want: %s", have, want)
	}
	if m, ok := s.Get("GBP"); !ok || m.Fixed() != "5.25" {
		t.Errorf("have: Get(GBP) = %v, %v want: 5.25 GBP, true", m, ok)
	}
	if _, ok := s.Get("CHF"); ok {
		t.Errorf("have: Get(CHF) found want: not found")
	}

	// Add returns a new Sums; the one it was called on keeps its totals.
	before := Sums{}.Add(*money(t, "1", "GBP"))
	after := before.Add(*money(t, "2", "GBP"))
	if have := before[0].Fixed(); have != "1.00" {
		t.Errorf("have: %s want: 1.00 (Add changed its receiver)", have)
	}
	if have := after[0].Fixed(); have != "3.00" {
		t.Errorf("have: %s want: 3.00", have)
	}
}

func TestSumsMarshalJSON(t *testing.T) {
	s := Sums{}.Add(*money(t, "158200", "GBP")).Add(*money(t, "1250.5", "EUR")).Add(*money(t, "150000", "JPY"))
	for _, tt := range []struct {
		s    Sums
		want string
	}{
		{s, `{"EUR":"1250.50","GBP":"158200.00","JPY":"150000"}`},
		{nil, `{}`},
	} {
		b, err := json.Marshal(tt.s)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tt.want {
			t.Errorf("have: %s want: %s", b, tt.want)
		}
	}
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sample is two posts' worth of entries: donations in three currencies and
// two years, offsets with and without a cost.
func sample(t *testing.T) ([]Donation, []Offset) {
	t.Helper()
	victories := Source{Post: "/posts/our-small-victories-of-2020/", Title: "Our small victories of 2020", File: "posts/2021-01-15-our-small-victories-of-2020.md"}
	japan := Source{Post: "/posts/giving-back/", Title: "Giving back", File: "posts/2022-03-02-giving-back.md"}
	src := func(s Source, line int) Source { s.Line = line; return s }
	donations := []Donation{
		{Recipient: "PUR Projet", Money: *money(t, "112000", "GBP"), Project: "Waste management", Date: day(t, "2020-12-01"), Source: src(victories, 9)},
		{Recipient: "WWF", Money: *money(t, "45000", "GBP"), Project: "Panda Phone", URL: "https://wwf.example/", Date: day(t, "2020-12-01"), Source: src(victories, 14)},
		{Recipient: "Tokyo Digital Bridge", Money: *money(t, "150000", "JPY"), Date: day(t, "2021-12-20"), Source: src(japan, 11)},
		{Recipient: "WWF", Money: *money(t, "1.500", "KWD"), Date: day(t, "2022-02-10"), Source: src(japan, 16)},
	}
	offsets := []Offset{
		{Provider: "GoodPlanet Foundation", Tonnes: Tonnes{dec(t, "31.4")}, PricePerTonne: money(t, "20", "GBP"), Cost: money(t, "628", "GBP"),
			Project: "Black Friday 2020", Scope: "Deliveries", Date: day(t, "2020-11-27"), Source: src(victories, 20)},
		{Provider: "Gold Standard", Tonnes: Tonnes{dec(t, "3.125")}, Date: day(t, "2022-01-31"), Source: japan}, // no cost, no line
	}
	return donations, offsets
}

func TestCompute(t *testing.T) {
	donations, offsets := sample(t)
	tot := totals(2, donations, offsets)

	for _, tt := range []struct{ name, have, want string }{
		{"posts", strconv.Itoa(tot.Posts), "2"},
		{"donation count", strconv.Itoa(tot.Donations.Count), "4"},
		{"donation total", sums(tot.Donations.Total), "157000.00 GBP, 150000 JPY, 1.500 KWD"},
		{"donations in 2020", sums(tot.Donations.ByYear["2020"]), "157000.00 GBP"},
		// The donation of a 2022 post dated 2021-12-20 counts in 2021.
		{"donations in 2021", sums(tot.Donations.ByYear["2021"]), "150000 JPY"},
		{"donations in 2022", sums(tot.Donations.ByYear["2022"]), "1.500 KWD"},
		{"donations to WWF", sums(tot.Donations.ByRecipient["WWF"]), "45000.00 GBP, 1.500 KWD"},
		{"offset count", strconv.Itoa(tot.Offsets.Count), "2"},
		{"tonnes", tot.Offsets.Tonnes.String(), "34.525"},
		{"offset cost", sums(tot.Offsets.Cost), "628.00 GBP"},
		{"tonnes in 2022", tot.Offsets.ByYear["2022"].Tonnes.String(), "3.125"},
		{"cost in 2022", sums(tot.Offsets.ByYear["2022"].Cost), ""},
		{"offsets through GoodPlanet", strconv.Itoa(tot.Offsets.ByProvider["GoodPlanet Foundation"].Count), "1"},
		{"years", strings.Join(tot.Years(), " "), "2022 2021 2020"},
		{"recipients", strings.Join(tot.Recipients(), ", "), "PUR Projet, Tokyo Digital Bridge, WWF"},
		{"providers", strings.Join(tot.Providers(), ", "), "Gold Standard, GoodPlanet Foundation"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.have != tt.want {
				t.Errorf("have: %q want: %q", tt.have, tt.want)
			}
		})
	}

	var kinds []string
	for _, e := range tot.Entries {
		r := e.Row()
		kinds = append(kinds, r.Kind+" "+r.Source)
	}
	want := "donation posts/2021-01-15-our-small-victories-of-2020.md:9|" +
		"donation posts/2021-01-15-our-small-victories-of-2020.md:14|" +
		"donation posts/2022-03-02-giving-back.md:11|" +
		"donation posts/2022-03-02-giving-back.md:16|" +
		"offset posts/2021-01-15-our-small-victories-of-2020.md:20|" +
		"offset posts/2022-03-02-giving-back.md"
	if have := strings.Join(kinds, "|"); have != want {
		t.Errorf("entries\nhave: %s\nwant: %s", have, want)
	}
}

// sums prints s in its order, which is by currency code.
func sums(s Sums) string {
	var out []string
	for _, m := range s {
		out = append(out, m.String())
	}
	return strings.Join(out, ", ")
}

func TestComputeEmpty(t *testing.T) {
	tot := totals(3, nil, nil)
	if !tot.Empty() {
		t.Errorf("have: not empty want: empty")
	}
	b, err := json.Marshal(tot)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"posts":3,"donations":{"count":0,"total":{},"valuations":{},"by_year":{},"by_recipient":{}},"in_kind":{"count":0,"items":{},"by_year":{},"by_recipient":{}},"offsets":{"count":0,"tonnes":"0.000","by_type":{"removal":"0.000","avoidance":"0.000","unspecified":"0.000"},"cost":{},"by_year":{},"by_provider":{}},"emissions":{"count":0,"tonnes":"0.000","as_shares":0,"by_scope":{},"by_category":{}},"entries":[]}`
	if string(b) != want {
		t.Errorf("\nhave: %s\nwant: %s", b, want)
	}
}

func TestTotalsJSON(t *testing.T) {
	donations, offsets := sample(t)
	b, err := json.MarshalIndent(totals(2, donations, offsets), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "as_of": "2022-02-10",
  "posts": 2,
  "donations": {
    "count": 4,
    "total": {
      "GBP": "157000.00",
      "JPY": "150000",
      "KWD": "1.500"
    },
    "valuations": {},
    "by_year": {
      "2020": {
        "GBP": "157000.00"
      },
      "2021": {
        "JPY": "150000"
      },
      "2022": {
        "KWD": "1.500"
      }
    },
    "by_recipient": {
      "PUR Projet": {
        "GBP": "112000.00"
      },
      "Tokyo Digital Bridge": {
        "JPY": "150000"
      },
      "WWF": {
        "GBP": "45000.00",
        "KWD": "1.500"
      }
    }
  },
  "in_kind": {
    "count": 0,
    "items": {},
    "by_year": {},
    "by_recipient": {}
  },
  "offsets": {
    "count": 2,
    "tonnes": "34.525",
    "by_type": {
      "removal": "0.000",
      "avoidance": "0.000",
      "unspecified": "34.525"
    },
    "cost": {
      "GBP": "628.00"
    },
    "by_year": {
      "2020": {
        "tonnes": "31.400",
        "by_type": {
          "removal": "0.000",
          "avoidance": "0.000",
          "unspecified": "31.400"
        },
        "cost": {
          "GBP": "628.00"
        }
      },
      "2022": {
        "tonnes": "3.125",
        "by_type": {
          "removal": "0.000",
          "avoidance": "0.000",
          "unspecified": "3.125"
        },
        "cost": {}
      }
    },
    "by_provider": {
      "Gold Standard": {
        "tonnes": "3.125",
        "by_type": {
          "removal": "0.000",
          "avoidance": "0.000",
          "unspecified": "3.125"
        },
        "cost": {}
      },
      "GoodPlanet Foundation": {
        "tonnes": "31.400",
        "by_type": {
          "removal": "0.000",
          "avoidance": "0.000",
          "unspecified": "31.400"
        },
        "cost": {
          "GBP": "628.00"
        }
      }
    }
  },
  "emissions": {
    "count": 0,
    "tonnes": "0.000",
    "as_shares": 0,
    "by_scope": {},
    "by_category": {}
  },
  "entries": [
    {
      "id": "entry-3ad8748cb074-d1",
      "kind": "donation",
      "post": "/posts/our-small-victories-of-2020/",
      "source": "posts/2021-01-15-our-small-victories-of-2020.md:9",
      "date": "2020-12-01",
      "recipient": "PUR Projet",
      "donation_kind": "money",
      "amount": "112000.00",
      "currency": "GBP",
      "project": "Waste management"
    },
    {
      "id": "entry-3ad8748cb074-d2",
      "kind": "donation",
      "post": "/posts/our-small-victories-of-2020/",
      "source": "posts/2021-01-15-our-small-victories-of-2020.md:14",
      "date": "2020-12-01",
      "recipient": "WWF",
      "donation_kind": "money",
      "amount": "45000.00",
      "currency": "GBP",
      "project": "Panda Phone",
      "url": "https://wwf.example/"
    },
    {
      "id": "entry-4f0ba292a343-d1",
      "kind": "donation",
      "post": "/posts/giving-back/",
      "source": "posts/2022-03-02-giving-back.md:11",
      "date": "2021-12-20",
      "recipient": "Tokyo Digital Bridge",
      "donation_kind": "money",
      "amount": "150000",
      "currency": "JPY"
    },
    {
      "id": "entry-4f0ba292a343-d2",
      "kind": "donation",
      "post": "/posts/giving-back/",
      "source": "posts/2022-03-02-giving-back.md:16",
      "date": "2022-02-10",
      "recipient": "WWF",
      "donation_kind": "money",
      "amount": "1.500",
      "currency": "KWD"
    },
    {
      "id": "entry-3ad8748cb074-o1",
      "kind": "offset",
      "post": "/posts/our-small-victories-of-2020/",
      "source": "posts/2021-01-15-our-small-victories-of-2020.md:20",
      "date": "2020-11-27",
      "provider": "GoodPlanet Foundation",
      "tonnes": "31.400",
      "price_per_tonne": "20.00",
      "cost": "628.00",
      "currency": "GBP",
      "project": "Black Friday 2020",
      "scope": "Deliveries"
    },
    {
      "id": "entry-4f0ba292a343-o1",
      "kind": "offset",
      "post": "/posts/giving-back/",
      "source": "posts/2022-03-02-giving-back.md",
      "date": "2022-01-31",
      "provider": "Gold Standard",
      "tonnes": "3.125"
    }
  ]
}`
	if have, want := compact(t, b), compact(t, []byte(want)); have != want {
		t.Errorf("\nhave: %s\nwant: %s", have, want)
	}
}

func compact(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatalf("compacting %s: %v", b, err)
	}
	return buf.String()
}

func TestWriteCSV(t *testing.T) {
	donations, offsets := sample(t)
	var b bytes.Buffer
	tot := totals(2, donations[1:2], offsets[:1])
	tot.BaseURL = "https://impact.example/"
	if err := WriteCSV(&b, tot); err != nil {
		t.Fatal(err)
	}
	want := "id,kind,date,year,post,post_url,source,recipient,donation_kind,items,provider,amount,valuation,tonnes,price_per_tonne,cost,currency,project,scope,url,evidence,recipient_id,registry,serials,project_id,country,vintage,retired_on,beneficiary,retirement_url,type,emission_source,share,category,period,method,illustrative\n" +
		"entry-3ad8748cb074-d1,donation,2020-12-01,2020,/posts/our-small-victories-of-2020/,https://impact.example/posts/our-small-victories-of-2020/,posts/2021-01-15-our-small-victories-of-2020.md:14,WWF,money,,,45000.00,,,,,GBP,Panda Phone,,https://wwf.example/,,,,,,,,,,,,,,,,,\n" +
		"entry-3ad8748cb074-o1,offset,2020-11-27,2020,/posts/our-small-victories-of-2020/,https://impact.example/posts/our-small-victories-of-2020/,posts/2021-01-15-our-small-victories-of-2020.md:20,,,,GoodPlanet Foundation,,,31.400,20.00,628.00,GBP,Black Friday 2020,Deliveries,,,,,,,,,,,,,,,,,,\n"
	if have := b.String(); have != want {
		t.Errorf("\nhave: %s\nwant: %s", have, want)
	}
}

func TestCSVCellsAreNotFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "@SUM(A1)": "'@SUM(A1)", "WWF": "WWF", "": "",
		// Issue 13, item 18: OWASP's TAB and CR, a line feed, and spaces before = + - @.
		"\t=1+1": "'\t=1+1", "\tWWF": "'\tWWF", "\n=1+1": "'\n=1+1", " =1+1": "' =1+1", "  -2+3": "'  -2+3",
		"\u00a0+1": "'\u00a0+1", "+33 1 23 45 67 89": "'+33 1 23 45 67 89", " ": " ", "WWF - Panda": "WWF - Panda",
		// A carriage return is written as an escape (see Visible), so it no longer starts the text.
		"\r=1+1": "\\x0d=1+1",
	} {
		if have := cell(in); have != want {
			t.Errorf("cell(%q): have %q, want %q", in, have, want)
		}
	}
}

func TestNumberHintStaysShort(t *testing.T) {
	_, err := ParseNumber("1e400")
	if err == nil || len(err.Error()) > 300 {
		t.Errorf("have %d characters: %.80s…", len(err.Error()), err)
	}
}
