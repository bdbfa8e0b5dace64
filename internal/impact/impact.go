// Package impact is the exact arithmetic of impactblog: money, currencies,
// tonnes of CO2e, the donations and offsets that posts report, and their
// totals. It does no I/O and never uses a float.
//
// # Numbers
//
// Amounts and tonnes are exact decimals (shopspring/decimal, backed by
// big.Int). An amount is written as digits with an optional fraction:
// 112000, 2500.75 or "2500.75". Thousands separators, currency symbols and
// exponents are refused with a message saying how to write the number.
//
// # Currencies
//
// A currency is an ISO 4217 code known to golang.org/x/text/currency, which
// also gives its minor digits: 2 for GBP and EUR, 0 for JPY. An amount may
// not have more decimals than its currency's minor digits.
//
// # Offsets
//
// An offset has tonnes and either a cost, a price per tonne, both or
// neither. When a price is given, the cost is tonnes × price, rounded once,
// per offset, to the currency's minor unit, half away from zero. When both
// cost and price are given they must agree to the minor unit.
//
// # Totals
//
// Compute is the one place where totals are made: the same function totals
// one post, one tag or the whole site. Amounts are kept per currency; GBP is
// never added to EUR. Every donation counts in the year of its own date (by
// default the post's date), and so does every offset.
package impact

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// TonnesDigits is how many decimals tonnes are shown and stored with.
const TonnesDigits = 3

// A Currency is an ISO 4217 currency with its minor digits.
type Currency struct {
	Code   string // "GBP"
	Digits int32  // 2 for GBP, 0 for JPY
}

// ErrUnknownCurrency is returned by ParseCurrency for a code that is not ISO 4217.
var ErrUnknownCurrency = errors.New("unknown currency")

// ParseCurrency returns the currency for an ISO 4217 code such as "GBP".
// The code must be three upper-case letters naming a currency: XXX (no
// currency) and XTS (testing) are refused.
func ParseCurrency(code string) (Currency, error) {
	if c, ok := lookupCurrency(code); ok {
		return c, nil
	}
	if c, ok := lookupCurrency(strings.ToUpper(strings.TrimSpace(code))); ok {
		if strings.ToUpper(code) != code {
			return Currency{}, fmt.Errorf("%w %q: write it in capitals: %s", ErrUnknownCurrency, code, c.Code)
		}
		return Currency{}, fmt.Errorf("%w %q: write it as %s", ErrUnknownCurrency, code, c.Code)
	}
	if len(code) != 3 || strings.ToUpper(code) != code {
		return Currency{}, fmt.Errorf("%w %q: write an ISO 4217 code in capitals, such as GBP, EUR or USD", ErrUnknownCurrency, code)
	}
	if s := swapped(code); s != "" {
		return Currency{}, fmt.Errorf("%w %q: did you mean %s?", ErrUnknownCurrency, code, s)
	}
	return Currency{}, fmt.Errorf("%w %q: write an ISO 4217 code such as GBP, EUR or USD", ErrUnknownCurrency, code)
}

// lookupCurrency returns the currency of an exact ISO 4217 code.
func lookupCurrency(code string) (Currency, bool) {
	if len(code) != 3 || strings.ToUpper(code) != code || code == "XXX" || code == "XTS" {
		return Currency{}, false
	}
	u, err := currency.ParseISO(code)
	if err != nil || u.String() != code {
		return Currency{}, false
	}
	scale, _ := currency.Standard.Rounding(u)
	return Currency{Code: code, Digits: int32(scale)}, true
}

// swapped returns the known codes that code becomes when two neighbouring
// letters are swapped ("GPB" → "GBP"), joined by " or ".
func swapped(code string) string {
	var found []string
	for i := 0; i+1 < len(code); i++ {
		b := []byte(code)
		b[i], b[i+1] = b[i+1], b[i]
		if c, ok := lookupCurrency(string(b)); ok && c.Code != code {
			found = append(found, c.Code)
		}
	}
	return strings.Join(found, " or ")
}

// Unit returns the x/text currency unit, for formatting.
func (c Currency) Unit() currency.Unit {
	u, _ := currency.ParseISO(c.Code)
	return u
}

func (c Currency) String() string { return c.Code }

var (
	numberRE   = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)
	exponentRE = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]{1,3}$`)
	// A decimal comma: "12,5" or "1.250,75", not the thousands of "112,000".
	decimalCommaRE = regexp.MustCompile(`^[+-]?[0-9]{1,3}(\.[0-9]{3})*,[0-9]{1,2}$|^[+-]?[0-9]+,([0-9]{1,2}|[0-9]{4,})$`)
)

// ErrNotANumber is returned by ParseNumber for text that is not a plain decimal.
var ErrNotANumber = errors.New("not a number")

// ParseNumber parses a plain decimal number: digits, an optional fraction
// and an optional sign. It refuses "£112,000", "1e3" and "12,5" with a
// message saying how to write them:
//
//	"£112,000" is not a number: write digits, with an optional decimal point and no currency symbol or thousands separator, such as 112000 or "112000.00"
func ParseNumber(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if !numberRE.MatchString(t) {
		hint := numberHint(t)
		return decimal.Decimal{}, fmt.Errorf("%q is %w: write digits, with an optional decimal point and no currency symbol or thousands separator, such as %s or \"%s\"", s, ErrNotANumber, hint, withTwoDecimals(hint))
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is %w", s, ErrNotANumber)
	}
	return d, nil
}

// numberHint guesses the plain number that t was meant to be: 112000 for
// "£112,000", 12.5 for "12,5", 1000 for "1e3"; or 112000 when it cannot tell.
func numberHint(t string) string {
	if exponentRE.MatchString(t) {
		// 1e3 → 1000; 1e400 is no amount anyone means: no hint of 400 digits.
		if d, err := decimal.NewFromString(t); err == nil && len(d.String()) <= 20 {
			return d.String()
		}
		return "112000"
	}
	kept := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' || r == ',' || r == '-' {
			return r
		}
		return -1
	}, t)
	if decimalCommaRE.MatchString(kept) {
		kept = strings.ReplaceAll(strings.ReplaceAll(kept, ".", ""), ",", ".")
	} else {
		kept = strings.ReplaceAll(kept, ",", "")
	}
	if strings.HasPrefix(kept, ".") {
		kept = "0" + kept
	}
	kept = strings.TrimSuffix(kept, ".")
	if numberRE.MatchString(kept) {
		if d, err := decimal.NewFromString(kept); err == nil && d.IsPositive() {
			return kept
		}
	}
	return "112000"
}

func withTwoDecimals(s string) string {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return s
	}
	if decimals(d) > 2 {
		return d.String()
	}
	return d.StringFixed(2)
}

// CheckAmount reports an amount that is not positive or has more decimals
// than its currency allows.
func CheckAmount(d decimal.Decimal, c Currency, what string) error {
	if !d.IsPositive() {
		return fmt.Errorf("%s must be more than zero, not %s", what, d.String())
	}
	if decimals(d) > c.Digits {
		if c.Digits == 0 {
			return fmt.Errorf("%s %s has decimals, but %s has no minor unit: write a whole number, such as %s", what, d.String(), c.Code, d.Round(0).String())
		}
		return fmt.Errorf("%s %s has %d decimals, but %s has %d: round it to %s", what, d.String(), decimals(d), c.Code, c.Digits, d.Round(c.Digits).StringFixed(c.Digits))
	}
	return nil
}

// decimals is the number of significant decimals of d (trailing zeros do not count).
func decimals(d decimal.Decimal) int32 {
	_, frac, ok := strings.Cut(d.String(), ".") // String drops trailing zeros
	if !ok {
		return 0
	}
	return int32(len(frac))
}

// Money is an exact amount in one currency.
type Money struct {
	Amount   decimal.Decimal
	Currency Currency
}

// String is the amount with its currency's minor digits, then the code: "45000.00 GBP".
func (m Money) String() string { return m.Fixed() + " " + m.Currency.Code }

// Fixed is the amount with its currency's minor digits: "45000.00", "150000" for JPY.
func (m Money) Fixed() string { return m.Amount.StringFixed(m.Currency.Digits) }

// Tonnes is an exact quantity of tonnes of CO2e.
type Tonnes struct{ decimal.Decimal }

// String is the quantity with three decimals: "31.400".
func (t Tonnes) String() string { return t.StringFixed(TonnesDigits) }

// Format makes fmt print tonnes with three decimals too (%v and %s), rather
// than through the Format method of the embedded decimal.
func (t Tonnes) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v', 's':
		fmt.Fprintf(f, fmt.FormatString(f, verb), t.String())
	default:
		t.Decimal.Format(f, verb)
	}
}

// MarshalText writes the quantity with three decimals.
func (t Tonnes) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// MarshalJSON writes the quantity as a string with three decimals.
func (t Tonnes) MarshalJSON() ([]byte, error) { return []byte(`"` + t.String() + `"`), nil }

// Sums holds one total per currency, sorted by currency code.
type Sums []Money

// Add returns a copy of s with m added to the total of m's currency; s
// itself is not changed.
func (s Sums) Add(m Money) Sums {
	out := make(Sums, len(s), len(s)+1)
	copy(out, s)
	out.add(m)
	return out
}

// Get returns the total in currency code, and whether there is one.
func (s Sums) Get(code string) (Money, bool) {
	for _, m := range s {
		if m.Currency.Code == code {
			return m, true
		}
	}
	return Money{}, false
}

// MarshalJSON writes {"EUR": "1250.50", "GBP": "158200.00"}.
func (s Sums) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, m := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%q", m.Currency.Code, m.Fixed())
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// Source says where an entry was written: the post's URL and title, and the
// file and line of the entry in the blog's source.
type Source struct {
	Post  string // "/posts/black-friday/"
	Title string
	File  string // "posts/2020-11-30-black-friday.md"
	Line  int
}

// A Donation is money given to a recipient.
type Donation struct {
	Recipient string
	Money
	Project string
	URL     string
	Date    time.Time // the day it counts for; its year is the year it is totalled in
	Source  Source
}

// An Offset is tonnes of CO2e offset through a provider, with its cost when known.
type Offset struct {
	Provider      string
	Tonnes        Tonnes
	PricePerTonne *Money // nil when not given
	Cost          *Money // given, or tonnes × price; nil when neither is known
	Project       string
	Scope         string
	Date          time.Time
	Source        Source
}

// OffsetCost works out the cost of an offset from what the writer gave: a
// cost, a price per tonne, both or neither. With a price the cost is
// tonnes × price rounded half away from zero to the currency's minor unit;
// a given cost must agree with it.
func OffsetCost(tonnes decimal.Decimal, price, cost *Money) (*Money, error) {
	if price == nil {
		return cost, nil
	}
	computed := &Money{Amount: tonnes.Mul(price.Amount).Round(price.Currency.Digits), Currency: price.Currency}
	if cost != nil && !cost.Amount.Equal(computed.Amount) {
		return nil, fmt.Errorf("cost %s does not agree with tonnes × price_per_tonne = %s × %s = %s: correct one of them, or leave cost out and it will be computed",
			cost.Fixed(), tonnes.String(), price.Fixed(), computed.Fixed())
	}
	return computed, nil
}
