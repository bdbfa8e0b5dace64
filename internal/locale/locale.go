// Package locale writes numbers, money, tonnes and dates for people, in the
// site's language, as the Unicode CLDR writes them for that locale. Digits
// come from the exact decimals of package impact and are never a float.
//
// Two CLDR-generated libraries supply the data:
//
//   - github.com/bojanz/currency (CLDR 49) for numbers and money: each
//     locale's separators ("112,000.50", "112 000,50", "112.000,50",
//     "112'000.50"), its grouping (en-IN's lakh: "1,12,000"), its minimum
//     grouping digits (es: "2500", "25.000"), its digits, and where the
//     currency symbol goes and with what space ("£112,000", "112 000 €",
//     "CHF 2'500.75"). It formats exact decimals.
//   - github.com/bep/golocales (CLDR 48.1, what Hugo uses) for dates: each
//     locale's long date pattern and month names ("15 January 2021",
//     "January 15, 2021", "15 janvier 2021", "15. Januar 2021",
//     "2021年1月15日"), and for the separators of plain numbers where CLDR
//     writes them apart from money's (de-AT "31 400,5" beside "€ 31.400,50").
//
// What this package adds to them:
//
//   - A symbol is never ambiguous. Where the currency is foreign to the
//     locale's region and the locale writes it with a bare sign that CLDR's
//     international English (en-001) writes otherwise, the en-001 symbol is
//     used: "$" becomes "US$" and "¥" becomes "JP¥" in de ("4.250,50 US$",
//     "150.000 JP¥") and in en-US ("JP¥150,000"), while "£" and "€", which
//     en-001 also writes bare, stay ("112.000 £"). Symbols with letters, such
//     as French "$US" and "£GB", are already unambiguous and stay.
//   - Money is whole when its amount is ("£112,000"), else shown with the
//     currency's minor digits ("£1,250.50").
//   - Tonnes are shown to the kilogram at most, without trailing zeros:
//     "31.4", "93.975", "12" (never "31.400", which a French or German
//     reader takes for 31,400).
package locale

import (
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/bep/golocales"
	"github.com/bojanz/currency"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// A Locale formats for one language. It is safe for concurrent use once made.
type Locale struct {
	tag   language.Tag
	cldr  currency.Locale      // the tag as bojanz/currency reads it
	own   string               // the currency of the tag's region: "GBP" for en-GB
	dates golocales.Translator // never nil: English when CLDR has no data for the tag
	swap  *strings.Replacer    // money's separators → plain numbers', nil when CLDR writes them alike

	symbols    sync.Map // code → symbol
	formatters sync.Map // key → *currency.Formatter, never changed once stored
	written    sync.Map // written → string: a build writes its totals on many pages
}

// New returns the locale for a language tag.
func New(tag language.Tag) *Locale {
	base, script, region := tag.Raw()
	id := base.String()
	if s := script.String(); s != "Zzzz" {
		id += "-" + s
	}
	if r := region.String(); r != "ZZ" {
		id += "-" + r
	}
	l := &Locale{tag: tag, cldr: currency.NewLocale(id), dates: translator(tag)}
	if r, conf := tag.Region(); conf != language.No {
		l.own, _ = currency.ForCountryCode(r.String())
	}
	l.swap = l.separators()
	return l
}

// translator returns golocales' data for tag or its nearest CLDR parent
// (en-GB → en-001 → en), or English's.
func translator(tag language.Tag) golocales.Translator {
	for t := tag; ; t = t.Parent() {
		if tr := golocales.New(t.String()); tr != nil {
			return tr
		}
		if t.IsRoot() {
			return golocales.New("en")
		}
	}
}

// separators returns a replacer from the separators bojanz/currency writes
// for money to those CLDR gives plain numbers, when they differ and both use
// Latin digits.
func (l *Locale) separators() *strings.Replacer {
	moneyGroup, moneyPoint, ok1 := parts(l.formatter(key{min: 1, max: 1}).Format(amount("1234567.5", "")))
	group, point, ok2 := parts(l.dates.FormatNumber(1234567.5, 1))
	if !ok1 || !ok2 || moneyGroup == "" || (moneyGroup == group && moneyPoint == point) {
		return nil
	}
	return strings.NewReplacer(moneyGroup, group, moneyPoint, point)
}

// parts returns the grouping and decimal separators of a formatted
// 1234567.5, and false unless its digits are 0 to 9.
func parts(s string) (group, point string, ok bool) {
	s = strings.Trim(s, marks)
	var runs []string // the text between runs of digits
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if b.Len() > 0 {
				runs = append(runs, b.String())
				b.Reset()
			}
		case unicode.IsDigit(r):
			return "", "", false
		default:
			b.WriteRune(r)
		}
	}
	if len(runs) == 0 {
		return "", "", false
	}
	point = runs[len(runs)-1]
	if len(runs) > 1 {
		group = runs[0]
	}
	return group, point, true
}

// marks are what a currency pattern may leave around a number written without its symbol.
const marks = "\u200e\u200f\u061c\u00a0\u202f "

// numberCode is the currency of the amounts that carry plain numbers through
// bojanz/currency's formatter, which needs one; it is never shown and its
// digits are never used.
const numberCode = "EUR"

// Tag is the locale's language.
func (l *Locale) Tag() language.Tag { return l.tag }

// key picks a formatter: its minimum and maximum decimals, and its currency
// ("" for a plain number).
type key struct {
	min, max uint8
	code     string
}

// written is a number as a key picks it to be written.
type written struct {
	key
	n string // the decimal, rounded
}

// write writes d, already rounded, as k says, once per value.
func (l *Locale) write(k key, d decimal.Decimal) string {
	w := written{k, d.String()}
	if s, ok := l.written.Load(w); ok {
		return s.(string)
	}
	s := l.formatter(k).Format(amount(w.n, k.code))
	if k.code == "" {
		s = strings.Trim(s, marks)
		if l.swap != nil {
			s = l.swap.Replace(s)
		}
	}
	l.written.Store(w, s)
	return s
}

// formatter returns the formatter for k, made once.
func (l *Locale) formatter(k key) *currency.Formatter {
	if f, ok := l.formatters.Load(k); ok {
		return f.(*currency.Formatter)
	}
	f := currency.NewFormatter(l.cldr)
	f.MinDigits, f.MaxDigits = k.min, k.max
	if k.code == "" {
		f.CurrencyDisplay = currency.DisplayNone
	} else {
		f.SymbolMap[k.code] = l.symbol(k.code)
	}
	got, _ := l.formatters.LoadOrStore(k, f)
	return got.(*currency.Formatter)
}

// amount carries the exact decimal n into bojanz/currency: a plain number
// when code is "".
func amount(n, code string) currency.Amount {
	if code == "" {
		code = numberCode
	}
	a, err := currency.NewAmount(n, code)
	if err != nil {
		panic("locale: " + err.Error()) // n is always a decimal's String and code always known
	}
	return a
}

// Symbol is the currency's symbol in this language, never ambiguous:
// "£", "€", "US$" in en-GB; "$" in en-US; "$US" in fr; "US$" in de.
func (l *Locale) Symbol(c impact.Currency) string { return l.symbol(c.Code) }

func (l *Locale) symbol(code string) string {
	if s, ok := l.symbols.Load(code); ok {
		return s.(string)
	}
	s, ok := currency.GetSymbol(code, l.cldr)
	if !ok || s == "" {
		s = code
	}
	if code != l.own && !hasLetter(s) {
		if intl, _ := currency.GetSymbol(code, international); intl != "" && intl != s {
			s = intl
		}
	}
	l.symbols.Store(code, s)
	return s
}

// international is CLDR's English for readers anywhere, whose symbols tell
// the dollars and the yens apart ("US$", "CA$", "JP¥", "CN¥").
var international = currency.NewLocale("en-001")

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// Number writes d with exactly digits decimals (rounded half away from
// zero), grouped and separated as the language writes numbers.
func (l *Locale) Number(d decimal.Decimal, digits int32) string {
	digits = min(max(digits, 0), 18)
	return l.number(d.Round(digits), uint8(digits), uint8(digits))
}

// number writes d, already rounded, with min to max decimals.
func (l *Locale) number(d decimal.Decimal, min, max uint8) string {
	return l.write(key{min: min, max: max}, d)
}

// Money writes an amount for people: whole amounts without decimals
// (£112,000), others with the currency's minor digits (£1,250.50).
func (l *Locale) Money(m impact.Money) string {
	digits := min(max(m.Currency.Digits, 0), 18)
	d := m.Amount.Round(digits)
	if d.Equal(d.Truncate(0)) {
		digits = 0
	}
	if !currency.IsValid(m.Currency.Code) {
		return l.Number(d, digits) + "\u00a0" + m.Currency.Code
	}
	return l.write(key{min: uint8(digits), max: uint8(digits), code: m.Currency.Code}, d)
}

// Sums writes one amount per currency: "£158,200 + €1,250.50", or "—" for none.
func (l *Locale) Sums(s impact.Sums) string {
	if len(s) == 0 {
		return "—"
	}
	parts := make([]string, len(s))
	for i, m := range s {
		parts[i] = l.Money(m)
	}
	return strings.Join(parts, " + ")
}

// Tonnes writes tonnes to the kilogram at most, without trailing zeros and
// without the unit: "31.4", "93.975", "12" (de: "31,4").
func (l *Locale) Tonnes(t impact.Tonnes) string {
	return l.number(t.Round(impact.TonnesDigits), 0, impact.TonnesDigits)
}

// Date writes a day in the locale's long form: "15 January 2021",
// "January 15, 2021" (en-US), "15 janvier 2021", "15. Januar 2021".
func (l *Locale) Date(t time.Time) string {
	return l.dates.FormatDateLong(t)
}
