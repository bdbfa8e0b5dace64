package impact

// # Reporting currency
//
// A site may name a reporting currency and, per year, the rate of each
// other currency into it (Rates). Compute, given them (WithRates), then also converts every entry:
// its amount (a donation) or its cost (an offset) times the rate of its
// currency in the year the entry counts for, rounded once, per entry, to the
// reporting currency's minor unit, half away from zero. The converted totals
// are the sums of those rounded entries, so a spreadsheet of the entries
// (impact.csv) adds up to exactly the totals shown. An entry in a currency
// with no rate for its year is a RateError, never a silently smaller total.

import (
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/shopspring/decimal"
)

// Rates are the declared exchange rates into one reporting currency, per year.
type Rates struct {
	To    Currency                           // the reporting currency
	rates map[int]map[string]decimal.Decimal // year → currency code → units of To for 1 unit
}

// NewRates returns an empty table of rates into the currency to.
func NewRates(to Currency) *Rates {
	return &Rates{To: to, rates: map[int]map[string]decimal.Decimal{}}
}

// Set declares that 1 unit of code is worth rate units of the reporting
// currency for amounts counted in year.
func (r *Rates) Set(year int, code string, rate decimal.Decimal) {
	if r.rates[year] == nil {
		r.rates[year] = map[string]decimal.Decimal{}
	}
	r.rates[year][code] = rate
}

// Rate returns the rate of code in year; the reporting currency's own rate is 1.
func (r *Rates) Rate(year int, code string) (decimal.Decimal, bool) {
	if code == r.To.Code {
		return decimal.NewFromInt(1), true
	}
	d, ok := r.rates[year][code]
	return d, ok
}

// ErrNoRate is the error of an amount whose currency has no rate for its year.
var ErrNoRate = errors.New("no rate")

// A RateError is an entry that cannot be converted: no rate is declared for
// its currency in its year. Source says where the entry was written.
type RateError struct {
	Source Source
	Code   string
	Year   int
}

func (e *RateError) Error() string {
	return fmt.Sprintf("no rate for %s in %d in site.toml: add it under [rates.%d], such as %s = \"0.85\"", e.Code, e.Year, e.Year, e.Code)
}

// Unwrap makes errors.Is(err, ErrNoRate) true.
func (e *RateError) Unwrap() error { return ErrNoRate }

// Convert converts m, counted in year, into the reporting currency: m ×
// rate, rounded once to the reporting currency's minor unit, half away from
// zero. It also returns the rate used.
func (r *Rates) Convert(m Money, year int) (Money, decimal.Decimal, error) {
	rate, ok := r.Rate(year, m.Currency.Code)
	if !ok {
		return Money{}, decimal.Decimal{}, &RateError{Code: m.Currency.Code, Year: year}
	}
	return Money{Amount: m.Amount.Mul(rate).Round(r.To.Digits), Currency: r.To}, rate, nil
}

// Reporting holds the figures of Totals converted into the reporting
// currency, and the rates used. It is the "reporting" block of impact.json.
type Reporting struct {
	Currency  string                       `json:"currency"`
	Rates     map[string]map[string]string `json:"rates"` // year → currency → rate, for the rates used
	Donations ReportedDonations            `json:"donations"`
	Offsets   ReportedOffsets              `json:"offsets"`
}

// ReportedDonations are donations converted: overall, per year and per recipient.
type ReportedDonations struct {
	Total       Money            `json:"total"`
	ByYear      map[string]Money `json:"by_year"`
	ByRecipient map[string]Money `json:"by_recipient"`
}

// ReportedOffsets are the costs of offsets converted: overall, per year and per provider.
type ReportedOffsets struct {
	Cost       Money            `json:"cost"`
	ByYear     map[string]Money `json:"by_year"`
	ByProvider map[string]Money `json:"by_provider"`
}

// MarshalJSON writes the amount with its currency's minor digits: "45000.00".
func (m Money) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(m.Fixed())), nil }

func newReporting(to Currency) *Reporting {
	zero := Money{Amount: decimal.Zero, Currency: to}
	return &Reporting{
		Currency:  to.Code,
		Rates:     map[string]map[string]string{},
		Donations: ReportedDonations{Total: zero, ByYear: map[string]Money{}, ByRecipient: map[string]Money{}},
		Offsets:   ReportedOffsets{Cost: zero, ByYear: map[string]Money{}, ByProvider: map[string]Money{}},
	}
}

// used records that rate was used for code in year.
func (rep *Reporting) used(year, code string, rate decimal.Decimal) {
	if code == rep.Currency {
		return
	}
	if rep.Rates[year] == nil {
		rep.Rates[year] = map[string]string{}
	}
	rep.Rates[year][code] = rate.String()
}

func addMoney(m map[string]Money, key string, v Money) {
	if old, ok := m[key]; ok {
		v.Amount = old.Amount.Add(v.Amount)
	}
	m[key] = v
}

// A UsedRate is one rate of the Reporting block, for listing.
type UsedRate struct {
	Year     string
	Currency string
	Rate     string
}

// UsedRates lists the rates used, by year then currency.
func (rep *Reporting) UsedRates() []UsedRate {
	var out []UsedRate
	for y, m := range rep.Rates {
		for c, r := range m {
			out = append(out, UsedRate{Year: y, Currency: c, Rate: r})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		return out[i].Currency < out[j].Currency
	})
	return out
}
