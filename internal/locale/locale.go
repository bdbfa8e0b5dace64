// Package locale writes numbers, money, tonnes and dates for people, in the
// site's language. Digits come from the exact decimals of package impact;
// golang.org/x/text supplies each language's separators and each currency's
// symbol. Whether the symbol goes before the amount (£112,000) or after it
// (45 000 €) follows the language.
package locale

import (
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// A Locale formats for one language. It is safe for concurrent use once made.
type Locale struct {
	tag         language.Tag
	group       string // thousands separator
	point       string // decimal separator
	symbolAfter bool
	symbols     sync.Map // code → symbol
}

// languages that write the currency symbol after the amount.
var symbolAfter = map[string]bool{
	"fr": true, "de": true, "es": true, "it": true, "pl": true, "cs": true, "sk": true,
	"sv": true, "fi": true, "da": true, "nb": true, "no": true, "ru": true, "uk": true,
	"hu": true, "ro": true, "bg": true, "hr": true, "sl": true, "lt": true, "lv": true,
	"et": true, "el": true, "ca": true, "pt": true,
}

// New returns the locale for a language tag.
func New(tag language.Tag) *Locale {
	p := message.NewPrinter(tag)
	l := &Locale{tag: tag}
	// 1234.5 written by the language gives both separators.
	s := []rune(p.Sprint(number.Decimal(1234.5, number.Scale(1))))
	if len(s) == 7 {
		l.group, l.point = string(s[1]), string(s[5])
	} else {
		l.group, l.point = "", string(s[len(s)-2])
	}
	base, _ := tag.Base()
	l.symbolAfter = symbolAfter[base.String()] && tag != language.MustParse("de-CH")
	return l
}

// Tag is the locale's language.
func (l *Locale) Tag() language.Tag { return l.tag }

// Symbol is the currency's symbol in this language: "£", "€", "US$".
func (l *Locale) Symbol(c impact.Currency) string {
	if s, ok := l.symbols.Load(c.Code); ok {
		return s.(string)
	}
	u := c.Unit()
	s := message.NewPrinter(l.tag).Sprint(currency.Symbol(u))
	if s == "" {
		s = c.Code
	}
	l.symbols.Store(c.Code, s)
	return s
}

// Number writes d with exactly digits decimals and the language's separators.
func (l *Locale) Number(d decimal.Decimal, digits int32) string {
	s := d.StringFixed(digits)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(l.group)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(l.point)
		b.WriteString(frac)
	}
	return b.String()
}

// Money writes an amount for people: whole amounts without decimals
// (£112,000), others with the currency's minor digits (£1,250.50).
func (l *Locale) Money(m impact.Money) string {
	digits := m.Currency.Digits
	if m.Amount.Equal(m.Amount.Truncate(0)) {
		digits = 0
	}
	n := l.Number(m.Amount, digits)
	sym := l.Symbol(m.Currency)
	if l.symbolAfter {
		return n + "\u00a0" + sym
	}
	if r := []rune(sym); unicode.IsLetter(r[len(r)-1]) {
		return sym + "\u00a0" + n
	}
	return sym + n
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

// Tonnes writes tonnes with three decimals: "31.400".
func (l *Locale) Tonnes(t impact.Tonnes) string {
	return l.Number(t.Decimal, impact.TonnesDigits)
}

// Date writes a day for people: "15 January 2021" (US English: "January 15, 2021").
func (l *Locale) Date(t time.Time) string {
	if l.tag == language.AmericanEnglish {
		return t.Format("January 2, 2006")
	}
	return t.Format("2 January 2006")
}
