package report

import (
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// ledger is two posts' entries: donations in GBP and EUR over two years,
// and an offset.
func ledger(t *testing.T) ([]*impact.Donation, []*impact.Offset, *impact.Rates) {
	t.Helper()
	gbp, _ := impact.ParseCurrency("GBP")
	eur, _ := impact.ParseCurrency("EUR")
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	a := impact.Source{Post: "/posts/a/", Title: "A", File: "posts/a.md", Line: 5}
	b := impact.Source{Post: "/posts/b/", Title: "B", File: "posts/b.md", Line: 7}
	ds := []*impact.Donation{
		{Recipient: "WWF", Money: impact.Money{Amount: decimal.RequireFromString("100"), Currency: gbp}, Date: day("2020-03-01"), Source: a},
		{Recipient: "PUR", Money: impact.Money{Amount: decimal.RequireFromString("50"), Currency: eur}, Date: day("2021-01-10"), Source: b},
		{Recipient: "WWF", Money: impact.Money{Amount: decimal.RequireFromString("30"), Currency: gbp}, Date: day("2021-06-01"), Source: b},
	}
	cost := impact.Money{Amount: decimal.RequireFromString("20"), Currency: gbp}
	os := []*impact.Offset{{Provider: "GoodPlanet", Tonnes: impact.Tonnes{Decimal: decimal.RequireFromString("2.5")}, Cost: &cost, Date: day("2020-11-27"), Source: a}}
	rates := impact.NewRates(gbp)
	rates.Set(2021, "EUR", decimal.RequireFromString("0.9"))
	return ds, os, rates
}

// TestNewFromALedger: the report of totals computed from a ledger, with
// no site: its headlines, rows and entries.
func TestNewFromALedger(t *testing.T) {
	ds, os, rates := ledger(t)
	tot, err := impact.Compute(2, ds, os, impact.WithRates(rates))
	if err != nil {
		t.Fatal(err)
	}
	r := New(tot, Options{Rates: rates, Locale: locale.New(language.BritishEnglish)})
	for _, tt := range []struct{ name, have, want string }{
		{"span", r.Span, "2020–2021"},
		{"currency", r.Currency, "GBP"},
		{"all years", r.Headlines[0].GivenIn.Text, "£175"},
		{"latest year", r.Headlines[1].Name + ": " + r.Headlines[1].GivenIn.Value, "In 2021: 75.00 GBP"},
		{"recipients", r.Recipients[0].Name + " " + r.Recipients[1].Name, "PUR WWF"},
		{"WWF's entries", strings.Join([]string{r.Recipients[1].Entries[0].ID(), r.Recipients[1].Entries[1].ID()}, " "), impact.EntryID("posts/a.md", 'd', 0) + " " + impact.EntryID("posts/b.md", 'd', 1)},
		{"years", r.Years[0].ID + " " + r.Years[1].ID, "entries-2020 entries-2021"},
		{"entry 3", r.Years[1].Entries()[0].Name + " " + r.Years[1].Entries()[0].Converted, "PUR £45"},
		{"tonnes", r.Providers[0].Tonnes.Value, "2.500 t"},
	} {
		if tt.have != tt.want {
			t.Errorf("%s: have %q, want %q", tt.name, tt.have, tt.want)
		}
	}
}

// TestQuotes: a figure in prose over the site's entries, or a post's own.
func TestQuotes(t *testing.T) {
	ds, os, rates := ledger(t)
	site, _ := impact.Compute(2, ds, os, impact.WithRates(rates))
	own, _ := impact.Compute(1, ds[:1], os, impact.WithRates(rates), impact.SumsOnly)
	gbp, _ := impact.ParseCurrency("GBP")
	q := Quotes{Site: SiteScope(site), Post: Scope{Totals: own, Posts: 1, Donations: ds[:1], Offsets: os}, Rates: rates, Currency: gbp, Locale: locale.New(language.BritishEnglish)}
	tests := []struct {
		name string
		args map[string]string
		want string
	}{
		{"donations", nil, "£175"},
		{"donations", map[string]string{"year": "2021"}, "£75"},
		{"donations", map[string]string{"recipient": "WWF", "currency": "EUR"}, "€0"},
		{"post.donations", nil, "£100"},
		{"offsets.tonnes", nil, "2.5"},
		{"posts", nil, "2"},
		{"donations", map[string]string{"recipient": "Nobody"}, `error: no donation to "Nobody" on the site: the recipients are "PUR", "WWF"`},
	}
	for _, tt := range tests {
		have, err := q.Figure(&markdown.Figure{Name: tt.name, Args: tt.args})
		if err != nil {
			have = "error: " + err.Error()
		}
		if have != tt.want {
			t.Errorf("%s %v: have %q, want %q", tt.name, tt.args, have, tt.want)
		}
	}
}
