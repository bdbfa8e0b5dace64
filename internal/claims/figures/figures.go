// Package figures finds the money amounts, tonnages and percentages typed in
// a post's prose and checks each against the figures the post's data makes,
// for the figure-in-prose rule of issue 16: "we gave £121,000 to PUR Projet"
// when the post records 112000 is a finding, with the closest data figure
// offered ("did you mean £112,000, the donation to PUR Projet?").
//
// # What Find reads
//
// Find reads a span of prose in one language: the base of a BCP 47 tag
// ("fr-FR" reads as fr; de-CH keeps the Swiss separators); a language it has
// no conventions for reads as English. A number is ASCII digits with the
// separators of the language:
//
//	en     thousands ","                           decimal "."   112,000  2,750.30
//	fr     thousands " ", U+00A0, U+202F           decimal ","   112 000  2 750,30
//	de     thousands ".", U+00A0, U+202F, "'"      decimal ","   112.000  2.750,30
//	de-CH  thousands "'", "’", U+00A0, U+202F     decimal "."   112'000  2'750.30
//
// A number that the language's separators cannot read is read with the
// other convention when that is sure (1,5 t in English is 1.5 t; 1,250.50 in
// German is 1250.50). A reading that could be either is marked Ambiguous:
// a money amount with three decimals (€1.234 in English) and a single
// foreign separator before three digits (1.234 t in French). Dates
// (15.01.2021), versions (1.2.3), times (10:30), fractions (24/7), numbers
// glued to letters (v1.2, CO2, 3D, x10) or following "^", "#", "/", "-",
// "+", "." or "," (footnotes [^12], signs, ranges) are not figures. German
// whole amounts may end in ",-" or ",–" (112.000,- €).
//
// A number is a figure only with a unit; a bare number (a year, "in 2030",
// "top 10", a count, a phone number) is not. The units:
//
//   - money: a currency before the number (£, €, $, ¥, ₹, US$, A$, AU$, C$,
//     CA$, NZ$, HK$, S$, JP¥, CN¥, or an ISO 4217 code: "GBP 112,000") or
//     after it (the same signs and codes, "112 000 EUR", and the words euro(s),
//     pound(s) (sterling), sterling, livre(s) sterling, Pfund Sterling,
//     dollar(s), US dollars, US-Dollar, Franken, francs suisses, yen). A sign
//     several currencies share ($, ¥, dollars) leaves Currency empty and
//     matches any of them (Signs).
//   - a multiplier between the number and the currency or unit: k, thousand,
//     million(s), bn, billion(s) (en: 10⁹); fr mille, million(s), Md, Mds,
//     milliard(s), billion(s) (10¹²), with "de"/"d'" before the unit ("1,2
//     million d'euros"); de Tsd., Tausend, Mio., Million(en), Mrd.,
//     Milliarde(n), Billion(en) (10¹²). m/M/mn are millions only glued to a
//     number after a currency sign ("£1.2m") or before one ("1,2 M€"), and
//     k only with a currency ("£112k", "112 k€"): 5 m is five metres.
//   - tonnes: t, tonne(s), Tonne(n), metric ton(s), tonnes métriques, tCO2e,
//     tCO2, teqCO2, kt (10³ t), Mt (10⁶ t), optionally followed by CO2e, CO₂e,
//     "of CO2e", "de CO2", "CO2-Äquivalente"; kg, kgCO2e, kilo(s),
//     kilogram(me)(s), Kilogramm are converted exactly to tonnes (450 kg is
//     0.45 t). A "ton" is not a tonne (a short ton is 0.907 t, a long ton
//     1.016 t): "31 tons" is found with Kind Tonnes and Ambiguous set, its
//     Value the number as written.
//   - percent: %, with or without a space before it, per cent, percent,
//     pour cent, pourcent, Prozent. Value is in percent: 60 for 60%.
//
// A hedge word just before the figure sets its Bound: about, around,
// approximately, roughly, circa, c., ca., environ, près de, autour de, etwa,
// rund, ungefähr (About); more than, over, above, at least, in excess of,
// plus de, au moins, mehr als, über, mindestens (AtLeast); less than, under,
// below, up to, moins de, jusqu'à, weniger als, unter, bis zu, höchstens
// (AtMost); nearly, almost, presque, fast, knapp, beinahe (Nearly).
//
// A unit or multiplier must end a word: not "5 t-shirts", "5 times". The
// two figures of a range (£100,000–£120,000, 30 t to 40 t, 30 t à 40 t,
// 30 t bis 40 t) are read as AtLeast the first and AtMost the second; a
// figure followed by "+" (£5,000+) as AtLeast. A bare number before a range
// ("100–120 t") makes no figure: a number after a dash is not read.
//
// A Hugo-style shortcode ({{< total … >}}, {{% … %}}) is skipped: the figure
// it writes comes from the data and is exact. Code spans and link URLs are
// the caller's to leave out.
//
// # How Check matches
//
// Each Figure carries the decimal places it is written to, after its
// multiplier: 0 for £112,000, −3 for £112k, −5 for £1.2m, 1 for 31.4 t, 3
// for 450 kg. The rounding rule: a figure matches a data figure of the same
// Kind (and, for money, the same currency) when the data figure, rounded
// half away from zero to the places the figure is written to, equals it.
// So £112,000 matches 112000 and 112000.40 but not 112400; £112k matches
// 111500 to 112499.99; £1.2m matches 1,203,450; 60% matches 59.6; 31 t
// matches 31.4. Trailing zeros of a whole number count as written: £120,000
// does not match 118,000. The bounds widen this: About rounds at the
// figure's last non-zero digit instead (about £120,000 matches 118,000, not
// 112,000); AtLeast matches any data figure at least the figure, AtMost any
// at most it; Nearly is AtMost and About together.
//
// A figure matching no data figure is a Mismatch, naming the data figure of
// the same kind and currency closest to it by relative difference, as the
// post's language writes it; with none of that kind it says so. A figure
// marked Ambiguous is always a Mismatch, with the reason and no suggestion.
package figures

import (
	"fmt"
	"strings"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// A Kind is what a figure counts.
type Kind int

const (
	Money   Kind = iota + 1 // an amount in a currency
	Tonnes                  // tonnes of CO2e
	Percent                 // a percentage, in percent
)

func (k Kind) String() string {
	switch k {
	case Money:
		return "money"
	case Tonnes:
		return "tonnes"
	case Percent:
		return "percent"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Bound is how a hedge word before a figure loosens it.
type Bound int

const (
	Exact   Bound = iota // no hedge
	About                // about, around, environ, etwa
	AtLeast              // more than, over, plus de, mehr als
	AtMost               // less than, up to, moins de, bis zu
	Nearly               // nearly, almost, presque, fast
)

// A Figure is a money amount, a tonnage or a percentage found in prose.
type Figure struct {
	Offset, Len int             // bytes in the text given to Find
	Text        string          // as written: "£112k", "31,4 t", "60 %"
	Value       decimal.Decimal // exact, never negative; tonnes for kg and kt
	Places      int32           // decimal places written, after the multiplier: -3 for £112k
	Kind        Kind
	Currency    string // ISO 4217 code for money when the sign names one currency
	Sign        string // the currency sign, code or word as written: "£", "euros", "$"
	Bound       Bound
	Lang        string // the language it was read in: "en", "fr", "de"
	Ambiguous   string // why the reading is unsure; empty when it is sure
}

// A DataFigure is a figure the data makes: an entry, a post, year,
// recipient or provider total, an emission share.
type DataFigure struct {
	Value    decimal.Decimal // percent for Percent: 60 for 60%
	Kind     Kind
	Currency string // ISO 4217 code, for Money
	Label    string // "the donation to PUR Projet"
}

// A Mismatch is a figure that matches no data figure.
type Mismatch struct {
	Figure  Figure
	Closest *DataFigure // nil when the data has no figure of its kind and currency, or Figure is ambiguous
	Message string      // "£121,000 matches no figure of this post or the site: did you mean £112,000, the donation to PUR Projet?"
}

// Check returns the figures that match no data figure, in order. An
// Index does the same for many data figures.
func Check(figs []Figure, data []DataFigure) []Mismatch {
	var out []Mismatch
	for _, f := range figs {
		if f.Ambiguous != "" {
			out = append(out, mismatch(f, nil))
			continue
		}
		var closest *DataFigure
		var best decimal.Decimal
		matched := false
		for i := range data {
			d := &data[i]
			if !sameUnit(f, d) {
				continue
			}
			if Matches(f, d.Value) {
				matched = true
				break
			}
			if r := relDiff(f.Value, d.Value); closest == nil || r.LessThan(best) {
				closest, best = d, r
			}
		}
		if !matched {
			out = append(out, mismatch(f, closest))
		}
	}
	return out
}

// Matches reports whether the data value v bears out the figure, by the
// rounding rule and the figure's Bound. It does not look at kinds.
func Matches(f Figure, v decimal.Decimal) bool {
	switch f.Bound {
	case AtLeast:
		return v.GreaterThanOrEqual(f.Value)
	case AtMost:
		return v.LessThanOrEqual(f.Value)
	case About:
		return v.Round(loosePlaces(f)).Equal(f.Value)
	case Nearly:
		return v.LessThanOrEqual(f.Value) && v.Round(loosePlaces(f)).Equal(f.Value)
	}
	return v.Round(f.Places).Equal(f.Value)
}

// loosePlaces is the places of the figure's last non-zero digit, or its
// written places if coarser.
func loosePlaces(f Figure) int32 {
	if f.Value.IsZero() {
		return f.Places
	}
	p := f.Places
	for p > -40 && f.Value.Round(p-1).Equal(f.Value) {
		p--
	}
	return p
}

// dollars and yen are the currencies a sign shared by several may mean.
var shared = map[string][]string{
	"$":       {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"},
	"dollar":  {"USD", "CAD", "AUD", "NZD", "HKD", "SGD"},
	"dollars": {"USD", "CAD", "AUD", "NZD", "HKD", "SGD"},
	"¥":       {"JPY", "CNY"},
}

// Signs returns the currencies a money figure may be in: its Currency, or
// every currency its shared sign names.
func (f Figure) Signs() []string {
	if f.Currency != "" {
		return []string{f.Currency}
	}
	return shared[strings.ToLower(f.Sign)]
}

func sameUnit(f Figure, d *DataFigure) bool {
	if f.Kind != d.Kind {
		return false
	}
	if f.Kind != Money {
		return true
	}
	for _, c := range f.Signs() {
		if c == d.Currency {
			return true
		}
	}
	return false
}

// relDiff is |a-b| / max(|a|,|b|): 0 when equal, at most 1 for non-negative values.
func relDiff(a, b decimal.Decimal) decimal.Decimal {
	m := decimal.Max(a.Abs(), b.Abs())
	if m.IsZero() {
		return decimal.Zero
	}
	return a.Sub(b).Abs().DivRound(m, 12)
}

func none(f Figure) string {
	switch f.Kind {
	case Tonnes:
		return "no tonnes"
	case Percent:
		return "no percentage"
	}
	return "no amount in " + strings.Join(f.Signs(), " or ")
}

// write writes a data figure the way the figure's language writes it.
func write(f Figure, d *DataFigure) string {
	tag, err := language.Parse(f.Lang)
	if err != nil {
		tag = language.English
	}
	l := locale.New(tag)
	space := "\u00a0" // fr and de: 31,4 t, 60 %
	pct := space
	if f.Lang == "en" {
		space, pct = " ", ""
	}
	switch d.Kind {
	case Money:
		if c, err := impact.ParseCurrency(d.Currency); err == nil {
			return l.Money(impact.Money{Amount: d.Value, Currency: c})
		}
		return l.Number(d.Value, places(d.Value)) + " " + d.Currency
	case Tonnes:
		return l.Number(d.Value, places(d.Value)) + space + "t"
	case Percent:
		return l.Number(d.Value, places(d.Value)) + pct + "%"
	}
	return d.Value.String()
}

// places is how many decimals d needs.
func places(d decimal.Decimal) int32 {
	if e := d.Exponent(); e < 0 {
		s := d.String()
		if _, frac, ok := strings.Cut(s, "."); ok {
			return int32(len(frac))
		}
	}
	return 0
}
