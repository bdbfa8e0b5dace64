// Package impact is the exact arithmetic of impactblog: money, currencies,
// tonnes of CO2e, the donations and offsets that posts report, and their
// totals, and the two data files made of them: impact.csv (WriteCSV) and
// impact.json (WriteJSON). It reads nothing and never uses a float.
//
// # Numbers
//
// Amounts and tonnes are exact decimals (shopspring/decimal, backed by
// big.Int). An amount is written as digits with an optional fraction:
// 112000, 2500.75 or "2500.75". Thousands separators, currency symbols,
// exponents, abbreviations (45k) and units are refused with a message
// saying how to write the number. The message gives the number to write
// only when it is sure of the figure meant (ReadLoosely): 45000 for "45k",
// never 45; for "€1.234", whose point may separate thousands, it says so
// and gives none. An amount typed with three decimals in a currency with
// two or none (1.500 GBP) is refused for the same reason: it may be 1500.
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
//
// # Files
//
// impact.json is the Totals as encoding/json writes them, indented by two
// spaces, with every entry as its Row; impact.csv has one Row a line,
// under CSVHeader (and CSVReportingHeader with a reporting currency). Both
// are written an entry at a time, to an io.Writer.
package impact

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/registry"
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
	if codes, ok := currencyNames[strings.ToLower(strings.Join(strings.Fields(code), " "))]; ok {
		return Currency{}, fmt.Errorf("%w %q: write its ISO 4217 code, %s", ErrUnknownCurrency, code, codes)
	}
	if len(code) != 3 || strings.ToUpper(code) != code {
		return Currency{}, fmt.Errorf("%w %q: write an ISO 4217 code in capitals, such as GBP, EUR or USD", ErrUnknownCurrency, code)
	}
	if s := swapped(code); s != "" {
		return Currency{}, fmt.Errorf("%w %q: did you mean %s?", ErrUnknownCurrency, code, s)
	}
	return Currency{}, fmt.Errorf("%w %q: write an ISO 4217 code such as GBP, EUR or USD", ErrUnknownCurrency, code)
}

// currencyNames are the signs and words writers give as a currency, with
// the code to write instead; a sign that several currencies use names them.
var currencyNames = map[string]string{
	"£": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "pound sterling": "GBP", "pounds sterling": "GBP",
	"€": "EUR", "euro": "EUR", "euros": "EUR",
	"us$": "USD", "us dollar": "USD", "us dollars": "USD",
	"$": "USD, or the code of your dollar, such as CAD or AUD", "dollar": "USD, or the code of your dollar, such as CAD or AUD", "dollars": "USD, or the code of your dollar, such as CAD or AUD",
	"a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD",
	"¥": "JPY for yen, or CNY for yuan", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
	"₹": "INR", "fr.": "CHF", "kr": "SEK, NOK, DKK or ISK, for the krona or krone you mean",
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
	exponentRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]{1,3}$`)
)

// ErrNotANumber is returned by ParseNumber for text that is not a plain decimal.
var ErrNotANumber = errors.New("not a number")

// ParseNumber parses a plain decimal number: digits, an optional fraction
// and an optional sign. It refuses anything else with a message saying how
// to write it, and the number to write only when it is sure of the number
// meant (ReadLoosely), so that a hint copied as it is never changes a
// figure:
//
//	"£112,000" is not a number: write digits, with an optional decimal point and no currency symbol or thousands separator, such as 112000 or "112000.00"
//	"45k" is not a number: write it in full, in digits, without k: 45000 or "45000.00"
//	"about 45000" is not a number, and which number it means is not clear: write digits only, with an optional decimal point
func ParseNumber(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if !numberRE.MatchString(t) {
		return decimal.Decimal{}, fmt.Errorf("%q is %w%s", s, ErrNotANumber, numberHint(t))
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is %w", s, ErrNotANumber)
	}
	return d, nil
}

// numberHint is the end of ParseNumber's message for t: how to write it,
// and the number to write when ReadLoosely is sure of it.
func numberHint(t string) string {
	const unclear = ", and which number it means is not clear: write digits only, with an optional decimal point"
	r, ok := ReadLoosely(t)
	switch {
	case !ok && r.Ambiguous != "":
		return ", and " + r.Ambiguous + ": write digits only, with an optional decimal point"
	case !ok:
		return unclear
	case r.Unit == "%":
		return fmt.Sprintf(": write the number without %%: %s", r.Text)
	case r.Unit != "":
		// The number to write depends on what is counted: 31400 kg is
		// 31.4 tonnes. The caller, which knows, says it.
		return fmt.Sprintf(", since it holds a unit (%s): write the number alone, in the unit the field asks for", r.Unit)
	case r.Multiplier != "":
		return fmt.Sprintf(": write it in full, in digits, without %s: %s or \"%s\"", r.Multiplier, r.Text, withTwoDecimals(r.Text))
	}
	return fmt.Sprintf(": write digits, with an optional decimal point and no currency symbol or thousands separator, such as %s or \"%s\"", r.Text, withTwoDecimals(r.Text))
}

// A Reading is the plain number that a text which is not one was meant to
// be: "£112,000" is 112000, "45k" is 45000, "31,400 kg" is 31400 in kg.
type Reading struct {
	Number     decimal.Decimal
	Text       string // Number as the writer would write it: "1250.50", "45000"
	Unit       string // "kg", "t" or "%" when the text ends with one, else ""
	Multiplier string // the abbreviation or word multiplied by: "k", "million"
	Currency   string // the currency sign or word the text held: "£", "euros"
	Ambiguous  string // when not sure, why, if it is a known ambiguity
}

var (
	currencyAffixRE = regexp.MustCompile(`^(US\$|A\$|AU\$|C\$|CA\$|NZ\$|[£€$¥₹]|[A-Za-z]{3})\s*|\s*([£€$¥₹]|\b[A-Za-z]{3}|(?i:pounds?(?: sterling)?|sterling|euros?|dollars?))$`)
	unitRE          = regexp.MustCompile(`(?i)\s*(%|per ?cent|kgs?|kilos?|kilogram(?:me)?s?|t|tonnes?|metric tons?)\s*(?:(?:of\s+)?co2e?|co₂e?)?$`)
	multiplierRE    = regexp.MustCompile(`(?i)\s*(k|thousand|m|mn|million|bn|billion)$`)
	multipliers     = map[string]int32{"k": 3, "thousand": 3, "m": 6, "mn": 6, "million": 6, "bn": 9, "billion": 9}

	plainRE        = regexp.MustCompile(`^[0-9]*\.?[0-9]*$`)
	englishRE      = regexp.MustCompile(`^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$|^[0-9]{1,2}(,[0-9]{2})+,[0-9]{3}(\.[0-9]+)?$`) // 1,250.50; 1,12,000 (India)
	europeanRE     = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$|^[0-9]{1,3}(\.[0-9]{3}){2,}$`)                    // 1.250,75; 1.250.000
	decimalCommaRE = regexp.MustCompile(`^[0-9]+,([0-9]{1,2}|[0-9]{4,})$|^0,[0-9]+$`)                                       // 12,5; not the thousands of 112,000
	spacedRE       = regexp.MustCompile(`^[0-9]{1,3}([ \x{a0}\x{202f}'’][0-9]{3})+([.,][0-9]+)?$`)                          // 1 000; 1'000.50
	pointOrNotRE   = regexp.MustCompile(`^[0-9]{1,3}\.[0-9]{3}$`)                                                           // 1.234: 1234 or 1.234?
)

// ReadLoosely returns the number a text that ParseNumber refuses was meant
// to be, and whether it is sure: only when every part of the text is
// understood. It reads a currency sign or word before or after the number
// ("£112,000", "45000 euros"), thousands separators (112,000; 1.250.000;
// 1 000), a decimal comma (12,5; 1.250,75), an exponent (1e3), an
// abbreviation or word for thousands, millions or billions ("45k",
// "1.2M", "45 thousand", "2bn") and a unit at the end ("31,400 kg",
// "31.4 tCO2e", "60%"). It is not sure of "1.234" with a sign or word
// around it, whose point may separate thousands, of "tons", which are not
// tonnes, nor of anything else.
func ReadLoosely(s string) (Reading, bool) {
	var r Reading
	t := strings.TrimSpace(s)
	neg := false
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		t, neg = strings.TrimSpace(rest), true
	} else if rest, ok := strings.CutPrefix(t, "−"); ok { // U+2212, the minus sign
		t, neg = strings.TrimSpace(rest), true
	} else {
		t = strings.TrimSpace(strings.TrimPrefix(t, "+"))
	}
	if m := unitRE.FindStringSubmatchIndex(t); m != nil && m[0] > 0 {
		u := strings.ToLower(t[m[2]:m[3]])
		switch {
		case u == "%" || strings.HasPrefix(u, "per"):
			r.Unit = "%"
		case strings.HasPrefix(u, "k"):
			r.Unit = "kg"
		default:
			r.Unit = "t"
		}
		t = t[:m[0]]
	}
	for range 2 { // a sign before and a word after, or either
		if m := currencyAffixRE.FindStringSubmatchIndex(t); m != nil && m[1]-m[0] < len(t) {
			code := strings.TrimSpace(t[m[0]:m[1]])
			if len(code) == 3 && strings.Trim(strings.ToUpper(code), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
				if _, ok := lookupCurrency(strings.ToUpper(code)); !ok {
					break // a word such as "per", not a code
				}
			}
			r.Currency = code
			t = strings.TrimSpace(t[:m[0]] + t[m[1]:])
		}
	}
	if rest, ok := strings.CutPrefix(t, "-"); ok && !neg {
		t, neg = strings.TrimSpace(rest), true // -£45 and £-45
	}
	if m := multiplierRE.FindStringSubmatchIndex(t); m != nil && m[0] > 0 {
		r.Multiplier = t[m[2]:m[3]]
		t = t[:m[0]]
	}
	text, ok := plainNumber(t, r.Currency != "" || r.Unit != "" || r.Multiplier != "", &r)
	if !ok {
		return r, false
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return r, false
	}
	if r.Multiplier != "" {
		d = d.Shift(multipliers[strings.ToLower(r.Multiplier)])
		text = d.String()
	}
	if neg {
		d, text = d.Neg(), "-"+text
	}
	if len(text) > 24 {
		return r, false // 1e400 is no figure anyone means: no hint of 400 digits
	}
	r.Number, r.Text = d, text
	return r, true
}

// plainNumber turns the digits and separators of t into a plain decimal's
// text, keeping the decimals as written ("1,250.50" → "1250.50"). around
// says the number came with a sign, unit or word, which makes "1.234"
// ambiguous.
func plainNumber(t string, around bool, r *Reading) (string, bool) {
	switch {
	case t == "" || t == ".":
		return "", false
	case exponentRE.MatchString(t):
		d, err := decimal.NewFromString(t)
		if err != nil {
			return "", false
		}
		return d.String(), true
	case pointOrNotRE.MatchString(t) && around:
		r.Ambiguous = "it is not clear whether its point separates thousands or decimals"
		return "", false
	case plainRE.MatchString(t):
		if strings.HasPrefix(t, ".") {
			t = "0" + t
		}
		return strings.TrimSuffix(t, "."), true
	case englishRE.MatchString(t):
		return strings.ReplaceAll(t, ",", ""), true
	case europeanRE.MatchString(t):
		return strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), ",", "."), true
	case decimalCommaRE.MatchString(t):
		return strings.ReplaceAll(t, ",", "."), true
	case spacedRE.MatchString(t):
		t = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "", "’", "").Replace(t)
		return strings.ReplaceAll(t, ",", "."), true
	}
	if strings.Count(t, ".")+strings.Count(t, ",") > 1 || strings.Contains(t, ",") {
		r.Ambiguous = "it is not clear which of its points and commas separate thousands and which decimals"
	}
	return "", false
}

// withTwoDecimals writes a plain number with two decimals, or all of its
// own when it has more: 45000 → "45000.00", 1.234 → "1.234".
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
	// 10.005 GBP or 1.500 JPY: the point may separate thousands, and
	// rounding, or reading 1.500 as 1.50, would make a thousandth of the
	// figure meant.
	thousands := d.Exponent() == -3 && c.Digits < 3 && d.Abs().Cmp(decimal.NewFromInt(1)) >= 0 && d.Abs().Cmp(decimal.NewFromInt(1000)) < 0
	if decimals(d) <= c.Digits && !thousands {
		return nil
	}
	written, typed := d.String(), decimals(d)
	if d.Exponent() < 0 {
		written, typed = d.StringFixed(-d.Exponent()), -d.Exponent() // as typed: 1.500, not 1.5
	}
	has := fmt.Sprintf("%d decimals, but %s has %d", typed, c.Code, c.Digits)
	fix := "round it to " + d.Round(c.Digits).StringFixed(c.Digits)
	if d.Round(c.Digits).Equal(d) {
		fix = "write " + d.StringFixed(c.Digits)
	}
	if c.Digits == 0 {
		has = "decimals, but " + c.Code + " has no minor unit"
		fix = "write a whole number, such as " + d.Round(0).String()
	}
	if thousands {
		return fmt.Errorf("%s %s has %s: if its point separates thousands, write %s; if it is a decimal point, %s", what, written, has, d.Shift(3).String(), fix)
	}
	return fmt.Errorf("%s %s has %s: %s", what, written, has, fix)
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
	Money     // for an in-kind gift, its declared value: zero when none is given
	Project   string
	URL       string
	Date      time.Time // the day it counts for; its year is the year it is totalled in
	Source    Source

	// The evidence and kind, each "" or zero when not given.
	Kind        DonationKind // money (the default), in-kind, sponsorship or purchase
	Items       []Item       // what an in-kind gift gave: devices, by kind of item
	Evidence    string       // a receipt or letter: an http(s) URL, or a file beside the post, as written
	RecipientID string       // the recipient's registration: "England and Wales charity 1081247"

	// Illustrative, when not "", says why the donation's figures are
	// illustrative rather than real: "the post gives no device counts".
	Illustrative string
}

// A DonationKind is what a donation is. Only money and in-kind gifts are
// donations in the totals; a sponsorship or a purchase is shown, never
// counted as given.
type DonationKind string

const (
	Gift        DonationKind = ""            // a gift of money: the default (written "money")
	InKind      DonationKind = "in-kind"     // a gift of things, counted by Items, its value only when declared
	Sponsorship DonationKind = "sponsorship" // paid for something in return: not a gift
	Purchase    DonationKind = "purchase"    // bought: not a gift
)

// An Item is a count of one kind of thing given in kind: 120 smartphones.
type Item struct {
	What  string // "smartphone", as written
	Count int64
}

// An Offset is tonnes of CO2e offset through a provider, with its cost when
// known, and the evidence of the credits retired for it when given.
type Offset struct {
	Provider      string
	Tonnes        Tonnes
	PricePerTonne *Money // nil when not given
	Cost          *Money // given, or tonnes × price; nil when neither is known
	Project       string
	Scope         string // which emissions it covers, in the writer's words ("deliveries"); not a GHG Protocol scope
	Date          time.Time
	Source        Source

	// The evidence, each "" or zero when not given.
	Registry      registry.Registry
	Serials       []SerialClaim // the serial blocks cited, parsed for Registry, in the order written
	ProjectID     string        // the registry's project id, as written: "3005", "GS11603"
	Country       string        // where the project is: ISO 3166 alpha-2, in capitals
	Vintage       int           // the year the reductions or removals happened
	RetiredOn     time.Time     // the day the credits were retired
	Beneficiary   string        // on whose behalf they were retired
	RetirementURL string        // the registry's public record of the retirement: http or https
	Type          OffsetType

	// Illustrative, when not "", says why the offset's figures are
	// illustrative rather than real: "the post gives no tonnage".
	Illustrative string
}

// A SerialClaim is a serial block an offset cites, and where its serial is
// written in the offset's file (Source.File): what registry.Overlaps needs
// to name both places of a credit claimed twice.
type SerialClaim struct {
	Block     registry.Block
	Line, Col int
}

// An OffsetType is what the credits of an offset are: reductions or
// avoided emissions, or removals of CO2 from the air. Readers and
// standards count the two apart.
type OffsetType string

// The offset types; "" is not given.
const (
	Avoidance OffsetType = "avoidance"
	Removal   OffsetType = "removal"
)

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
