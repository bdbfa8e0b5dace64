package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// conventions are how a language writes numbers.
type conventions struct {
	lang    string
	groups  string // thousands separators
	point   rune   // decimal separator
	foreign conventions2
	mults   []word
	links   []string // words between a multiplier and its unit: "de", "d'"
}

// conventions2 is the other way of writing numbers, tried when the
// language's own cannot read a number.
type conventions2 struct {
	groups string
	point  rune
}

// A word is a unit, currency or multiplier as written, with what it means.
type word struct {
	text   string
	fold   bool   // compare case-insensitively
	shift  int32  // multiplier or kg/kt/Mt: a power of ten
	code   string // currency code
	kind   Kind
	unsure string // why this word leaves the figure ambiguous
}

const spaces = " \u00a0\u202f"

var (
	common = []word{
		{text: "thousand", fold: true, shift: 3},
		{text: "millions", fold: true, shift: 6},
		{text: "million", fold: true, shift: 6},
		{text: "bn", shift: 9},
	}
	english = conventions{lang: "en", groups: ",", point: '.', foreign: conventions2{".'’", ','},
		mults: append([]word{{text: "billions", fold: true, shift: 9}, {text: "billion", fold: true, shift: 9}}, common...)}
	french = conventions{lang: "fr", groups: spaces, point: ',', foreign: conventions2{",", '.'},
		mults: append([]word{
			{text: "milliards", fold: true, shift: 9}, {text: "milliard", fold: true, shift: 9},
			{text: "Mds", shift: 9}, {text: "Md", shift: 9}, {text: "mille", fold: true, shift: 3},
			{text: "billions", fold: true, shift: 12}, {text: "billion", fold: true, shift: 12},
		}, common...),
		links: []string{"d'", "d’", "de "}}
	german = conventions{lang: "de", groups: ".'’\u00a0\u202f", point: ',', foreign: conventions2{",", '.'},
		mults: append([]word{
			{text: "Milliarden", fold: true, shift: 9}, {text: "Milliarde", fold: true, shift: 9},
			{text: "Mrd.", shift: 9}, {text: "Mrd", shift: 9},
			{text: "Millionen", fold: true, shift: 6}, {text: "Mio.", shift: 6}, {text: "Mio", shift: 6},
			{text: "Tausend", fold: true, shift: 3}, {text: "Tsd.", shift: 3}, {text: "Tsd", shift: 3},
			{text: "Billionen", fold: true, shift: 12}, {text: "Billion", fold: true, shift: 12},
		}, common...)}
	swiss = conventions{lang: "de", groups: "'’\u00a0\u202f", point: '.', foreign: conventions2{".", ','}, mults: german.mults}
)

// readerFor returns the conventions of a language tag.
func readerFor(lang string) conventions {
	tag, err := language.Parse(lang)
	if err != nil {
		return english
	}
	base, _ := tag.Base()
	switch base.String() {
	case "fr":
		return french
	case "de":
		if r, _ := tag.Region(); r.String() == "CH" || r.String() == "LI" {
			return swiss
		}
		return german
	}
	return english
}

// Currency signs before a number, longest first.
var prefixSigns = []word{
	{text: "US$", code: "USD"}, {text: "AU$", code: "AUD"}, {text: "CA$", code: "CAD"}, {text: "NZ$", code: "NZD"},
	{text: "HK$", code: "HKD"}, {text: "JP¥", code: "JPY"}, {text: "CN¥", code: "CNY"},
	{text: "A$", code: "AUD"}, {text: "C$", code: "CAD"}, {text: "S$", code: "SGD"},
	{text: "£", code: "GBP"}, {text: "€", code: "EUR"}, {text: "₹", code: "INR"}, {text: "$"}, {text: "¥"},
}

// Units and currencies after a number (and its multiplier), longest first
// within each word's prefix.
var suffixes = []word{
	{text: "%", kind: Percent},
	{text: "per cent", fold: true, kind: Percent}, {text: "percent", fold: true, kind: Percent},
	{text: "pour cent", fold: true, kind: Percent}, {text: "pourcent", fold: true, kind: Percent},
	{text: "Prozent", fold: true, kind: Percent},

	{text: "metric tonnes", fold: true, kind: Tonnes}, {text: "metric tons", fold: true, kind: Tonnes}, {text: "metric ton", fold: true, kind: Tonnes},
	{text: "tonnes métriques", fold: true, kind: Tonnes}, {text: "tonnes", fold: true, kind: Tonnes}, {text: "tonne", fold: true, kind: Tonnes},
	{text: "Tonnen", fold: true, kind: Tonnes},
	{text: "short tons", fold: true, kind: Tonnes, unsure: "a short ton is 0.907 t, not a tonne: write tonnes (t)"},
	{text: "long tons", fold: true, kind: Tonnes, unsure: "a long ton is 1.016 t, not a tonne: write tonnes (t)"},
	{text: "tons", fold: true, kind: Tonnes, unsure: "a ton is not a tonne (a short ton is 0.907 t, a long ton 1.016 t): write tonnes (t)"},
	{text: "ton", fold: true, kind: Tonnes, unsure: "a ton is not a tonne (a short ton is 0.907 t, a long ton 1.016 t): write tonnes (t)"},
	{text: "tCO2e", kind: Tonnes}, {text: "tCO₂e", kind: Tonnes}, {text: "tCO2eq", kind: Tonnes}, {text: "tCO2", kind: Tonnes}, {text: "tCO₂", kind: Tonnes},
	{text: "teqCO2", kind: Tonnes}, {text: "teCO2", kind: Tonnes},
	{text: "t", kind: Tonnes},
	{text: "kt", kind: Tonnes, shift: 3}, {text: "Mt", kind: Tonnes, shift: 6},
	{text: "kgCO2e", kind: Tonnes, shift: -3}, {text: "kgCO2", kind: Tonnes, shift: -3}, {text: "kg", kind: Tonnes, shift: -3},
	{text: "kilogrammes", fold: true, kind: Tonnes, shift: -3}, {text: "kilogramme", fold: true, kind: Tonnes, shift: -3},
	{text: "kilograms", fold: true, kind: Tonnes, shift: -3}, {text: "kilogram", fold: true, kind: Tonnes, shift: -3},
	{text: "Kilogramm", fold: true, kind: Tonnes, shift: -3}, {text: "kilos", fold: true, kind: Tonnes, shift: -3}, {text: "kilo", fold: true, kind: Tonnes, shift: -3},

	{text: "US$", kind: Money, code: "USD"}, {text: "£", kind: Money, code: "GBP"}, {text: "€", kind: Money, code: "EUR"},
	{text: "₹", kind: Money, code: "INR"}, {text: "$", kind: Money}, {text: "¥", kind: Money},
	{text: "euros", fold: true, kind: Money, code: "EUR"}, {text: "euro", fold: true, kind: Money, code: "EUR"},
	{text: "pounds sterling", fold: true, kind: Money, code: "GBP"}, {text: "pound sterling", fold: true, kind: Money, code: "GBP"},
	{text: "pounds", fold: true, kind: Money, code: "GBP"}, {text: "pound", fold: true, kind: Money, code: "GBP"},
	{text: "sterling", fold: true, kind: Money, code: "GBP"},
	{text: "livres sterling", fold: true, kind: Money, code: "GBP"}, {text: "livre sterling", fold: true, kind: Money, code: "GBP"},
	{text: "Pfund Sterling", fold: true, kind: Money, code: "GBP"},
	{text: "US dollars", fold: true, kind: Money, code: "USD"}, {text: "US-Dollar", fold: true, kind: Money, code: "USD"},
	{text: "dollars américains", fold: true, kind: Money, code: "USD"},
	{text: "dollars", fold: true, kind: Money}, {text: "dollar", fold: true, kind: Money},
	{text: "francs suisses", fold: true, kind: Money, code: "CHF"}, {text: "Schweizer Franken", fold: true, kind: Money, code: "CHF"},
	{text: "Franken", fold: true, kind: Money, code: "CHF"},
	{text: "yens", fold: true, kind: Money, code: "JPY"}, {text: "yen", fold: true, kind: Money, code: "JPY"},
}

// What may follow tonnes to say they are of CO2e.
var co2Tails = []string{
	"of CO2-equivalent", "of CO2e", "of CO₂e", "of CO2", "of CO₂", "de CO2e", "de CO₂e", "de CO2", "de CO₂",
	"d'équivalent CO2", "éq. CO2", "eq. CO2", "éqCO2", "eqCO2",
	"CO2-Äquivalente", "CO2-Äquivalent", "CO2-Äq.", "CO2e", "CO₂e", "CO2eq", "CO2", "CO₂",
}

// Hedges before a figure, lower case.
var hedges = []struct {
	text  string
	bound Bound
}{
	{"approximately", About}, {"approx.", About}, {"about", About}, {"around", About}, {"roughly", About},
	{"circa", About}, {"c.", About}, {"ca.", About}, {"some", About},
	{"environ", About}, {"près de", About}, {"autour de", About}, {"à peu près", About},
	{"etwa", About}, {"rund", About}, {"ungefähr", About}, {"gut", AtLeast},
	{"more than", AtLeast}, {"over", AtLeast}, {"above", AtLeast}, {"at least", AtLeast}, {"in excess of", AtLeast}, {"upwards of", AtLeast},
	{"plus de", AtLeast}, {"au moins", AtLeast}, {"au-delà de", AtLeast},
	{"mehr als", AtLeast}, {"über", AtLeast}, {"mindestens", AtLeast},
	{"less than", AtMost}, {"under", AtMost}, {"below", AtMost}, {"up to", AtMost}, {"fewer than", AtMost},
	{"moins de", AtMost}, {"jusqu'à", AtMost}, {"jusqu’à", AtMost},
	{"weniger als", AtMost}, {"unter", AtMost}, {"bis zu", AtMost}, {"höchstens", AtMost},
	{"nearly", Nearly}, {"almost", Nearly}, {"presque", Nearly}, {"fast", Nearly}, {"knapp", Nearly}, {"beinahe", Nearly},
}

// Find returns every money amount, tonnage and percentage in a span of
// prose written in lang, in order. See the package comment for what it reads.
func Find(text string, lang string) []Figure {
	c := readerFor(lang)
	var out []Figure
	i, from := 0, 0 // from: where the last figure ended
	for i < len(text) {
		if strings.HasPrefix(text[i:], "{{") {
			if end := strings.Index(text[i:], "}}"); end >= 0 {
				i += end + 2
				continue
			}
		}
		b := text[i]
		if b < '0' || b > '9' {
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
			continue
		}
		f, next, ok := c.read(text, i, from)
		if ok {
			if n := len(out); n > 0 && out[n-1].Kind == f.Kind && f.Bound == Exact && out[n-1].Bound == Exact &&
				rangeWords[strings.Trim(text[from:f.Offset], spaces)] {
				// £100,000–£120,000, 30 t to 40 t: the data may lie anywhere between
				out[n-1].Bound, f.Bound = AtLeast, AtMost
			}
			if next < len(text) && text[next] == '+' && endsWord(text, next+1) && f.Bound == Exact {
				// £5,000+
				f.Bound, next = AtLeast, next+1
				f.Len, f.Text = next-f.Offset, text[f.Offset:next]
			}
			out = append(out, f)
			from = next
		}
		i = next
	}
	return out
}

// rangeWords join the two ends of a range.
var rangeWords = map[string]bool{"–": true, "—": true, "-": true, "to": true, "à": true, "bis": true}

// read reads the figure whose number starts at text[i], if any, and
// returns where to go on scanning.
func (c conventions) read(text string, i, from int) (Figure, int, bool) {
	numEnd, intDigits, seps, runs := c.token(text, i)
	if !startsWord(text, i) {
		return Figure{}, numEnd, false
	}
	// 24/7, 10:30, 3D, 2nd, x10, 1.2.3b
	if numEnd < len(text) {
		switch text[numEnd] {
		case '/', ':':
			if numEnd+1 < len(text) && isDigit(text[numEnd+1]) {
				return Figure{}, numEnd, false
			}
		}
	}
	num, places, unsure, ok := c.number(intDigits, seps, runs)
	if !ok {
		return Figure{}, numEnd, false
	}
	f := Figure{Lang: c.lang, Offset: i}

	// A currency before the number.
	pre, preStart := prefixCurrency(text, i)
	if pre.text != "" && preStart >= from {
		f.Kind, f.Sign, f.Currency, f.Offset = Money, pre.text, pre.code, preStart
	}

	j := numEnd
	if c.lang == "de" && places == 0 {
		// 112.000,- € and 112.000,– €: whole euros
		for _, dash := range []string{",-", ",–"} {
			if strings.HasPrefix(text[j:], dash) {
				j += len(dash)
				break
			}
		}
	}
	var shift int32
	// A multiplier: glued k/m after a currency sign, or a word.
	multiplied := false
	if f.Kind == Money {
		for _, m := range []word{{text: "mn", shift: 6}, {text: "k", shift: 3}, {text: "K", shift: 3}, {text: "m", shift: 6}, {text: "M", shift: 6}} {
			if strings.HasPrefix(text[j:], m.text) && endsWord(text, j+len(m.text)) {
				shift, j, multiplied = m.shift, j+len(m.text), true
				break
			}
		}
	}
	if !multiplied {
		k := skipSpace(text, j)
		if m, n := match(text, k, c.mults); n > 0 {
			shift, j, multiplied = m.shift, n, true
		} else if f.Kind == 0 {
			// k€, 1,2 M€, 112 k€: k and M only right before a currency sign.
			for _, m := range []word{{text: "k", shift: 3}, {text: "K", shift: 3}, {text: "M", shift: 6}} {
				if strings.HasPrefix(text[k:], m.text) {
					if s, n := match(text, k+len(m.text), suffixes); n > 0 && s.kind == Money && !s.fold {
						shift, j, multiplied = m.shift, k+len(m.text), true
						break
					}
				}
			}
		}
	}

	// A unit or a currency after it.
	if f.Kind != Money {
		k := skipSpace(text, j)
		if multiplied {
			for _, l := range c.links {
				if strings.HasPrefix(text[k:], l) {
					if _, n := match(text, k+len(l), suffixes); n > 0 {
						k += len(l)
					}
					break
				}
			}
		}
		s, n := match(text, k, suffixes)
		if n == 0 {
			s, n = isoAt(text, k)
		}
		if n == 0 {
			return Figure{}, numEnd, false
		}
		f.Kind, f.Sign, f.Currency, unsure = s.kind, s.text, s.code, firstOf(unsure, s.unsure)
		if s.kind == Money {
			f.Sign = text[k:n]
		}
		shift += s.shift
		j = n
		if s.kind == Tonnes && s.unsure == "" {
			j = co2Tail(text, j)
		}
	}
	if f.Kind == Money && unsure == "" && shift == 0 && places == 3 && len(seps) == 1 && len(intDigits) <= 3 {
		if digits := currencyDigits(f); digits < 3 {
			unsure = "its point or comma is followed by three digits, which a " + f.Sign + " amount does not have: write it with the separators of the language"
		}
	}

	f.Value = num.Shift(shift)
	f.Places = places - shift
	f.Len = j - f.Offset
	f.Text = text[f.Offset:j]
	f.Ambiguous = unsure
	f.Bound = hedge(text[:f.Offset])
	return f, j, true
}

// token returns the end of the number starting at text[i], its first run
// of digits, and the separators and runs after it. Spaces join runs only
// as the language's thousands separators, before three digits.
func (c conventions) token(text string, i int) (end int, first string, seps []rune, runs []string) {
	j := digitsEnd(text, i)
	first = text[i:j]
scan:
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !strings.ContainsRune(".,'’"+spaces, r) || j+n >= len(text) || !isDigit(text[j+n]) {
			break
		}
		k := digitsEnd(text, j+n)
		if strings.ContainsRune(spaces, r) {
			// a space is a separator only where the language groups with
			// it, between groups of three, before any other separator
			if !strings.ContainsRune(c.groups, r) || len(first) > 3 || k-(j+n) != 3 {
				break
			}
			for _, s := range seps {
				if s != r {
					break scan
				}
			}
		}
		seps = append(seps, r)
		runs = append(runs, text[j+n:k])
		j = k
	}
	return j, first, seps, runs
}

// number reads the parts of a token with the language's separators, or
// else with the other convention's.
func (c conventions) number(first string, seps []rune, runs []string) (decimal.Decimal, int32, string, bool) {
	if d, p, ok := readParts(c.groups, c.point, first, seps, runs); ok {
		return d, p, "", true
	}
	d, p, ok := readParts(c.foreign.groups, c.foreign.point, first, seps, runs)
	if !ok {
		return decimal.Decimal{}, 0, "", false
	}
	if len(seps) == 1 && len(runs[0]) == 3 && len(first) <= 3 {
		return d, p, "its " + string(seps[0]) + " may separate thousands or decimals: write it with the separators of the language", true
	}
	return d, p, "", true
}

func readParts(groups string, point rune, first string, seps []rune, runs []string) (decimal.Decimal, int32, bool) {
	var b strings.Builder
	b.WriteString(first)
	var group rune
	var places int32
	for k, s := range seps {
		switch {
		case s == point:
			if k != len(seps)-1 {
				return decimal.Decimal{}, 0, false
			}
			b.WriteByte('.')
			b.WriteString(runs[k])
			places = int32(len(runs[k]))
		case strings.ContainsRune(groups, s):
			if (group != 0 && s != group) || len(runs[k]) != 3 || len(first) > 3 {
				return decimal.Decimal{}, 0, false
			}
			group = s
			b.WriteString(runs[k])
		default:
			return decimal.Decimal{}, 0, false
		}
	}
	d, err := decimal.NewFromString(b.String())
	if err != nil {
		return decimal.Decimal{}, 0, false
	}
	return d, places, true
}

// prefixCurrency returns the currency sign or ISO code just before text[i]
// (with at most one space between), and where it starts.
func prefixCurrency(text string, i int) (word, int) {
	k := i
	if r, n := utf8.DecodeLastRuneInString(text[:k]); n > 0 && strings.ContainsRune(spaces, r) {
		k -= n
	}
	for _, s := range prefixSigns {
		if strings.HasSuffix(text[:k], s.text) && !wordBefore(text, k-len(s.text)) {
			return s, k - len(s.text)
		}
	}
	if k >= 3 && !wordBefore(text, k-3) {
		if code := text[k-3 : k]; isoCodes[code] {
			return word{text: code, code: code}, k - 3
		}
	}
	return word{}, 0
}

// isoAt reads an ISO 4217 code at text[k].
func isoAt(text string, k int) (word, int) {
	if k+3 > len(text) || !isoCodes[text[k:k+3]] || !endsWord(text, k+3) {
		return word{}, 0
	}
	return word{text: text[k : k+3], code: text[k : k+3], kind: Money}, k + 3
}

// match returns the first word of ws at text[k] that ends a word, and its end.
func match(text string, k int, ws []word) (word, int) {
	best, end := word{}, 0
	for _, w := range ws {
		n := len(w.text)
		if k+n > len(text) {
			continue
		}
		s := text[k : k+n]
		if s != w.text && (!w.fold || !strings.EqualFold(s, w.text)) {
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(w.text); isWordRune(last) && !endsWord(text, k+n) {
			continue
		}
		if k+n > end {
			best, end = w, k+n
		}
	}
	return best, end
}

// co2Tail skips "CO2e", "of CO2" and the like after tonnes.
func co2Tail(text string, j int) int {
	k := skipSpace(text, j)
	for _, t := range co2Tails {
		if k+len(t) <= len(text) && strings.EqualFold(text[k:k+len(t)], t) && endsWord(text, k+len(t)) {
			return k + len(t)
		}
	}
	return j
}

// hedge returns the bound a hedge word at the end of before gives.
func hedge(before string) Bound {
	s := strings.TrimRight(before, spaces)
	if len(s) == len(before) && before != "" {
		return Exact // a hedge is a word apart
	}
	for _, h := range hedges {
		if len(s) >= len(h.text) && strings.EqualFold(s[len(s)-len(h.text):], h.text) && startsWord(s, len(s)-len(h.text)) {
			return h.bound
		}
	}
	return Exact
}

func currencyDigits(f Figure) int32 {
	for _, code := range f.Signs() {
		if c, err := impact.ParseCurrency(code); err == nil {
			return c.Digits
		}
	}
	return 2
}

func skipSpace(text string, j int) int {
	if r, n := utf8.DecodeRuneInString(text[j:]); n > 0 && strings.ContainsRune(spaces, r) {
		return j + n
	}
	return j
}

// startsWord reports whether a number or word may start at text[i]: not
// glued to a letter or digit, nor after a sign, a footnote caret, a slash,
// a hash, a point or a comma.
func startsWord(text string, i int) bool {
	r, n := utf8.DecodeLastRuneInString(text[:i])
	if n == 0 {
		return true
	}
	if r == ':' {
		p, _ := utf8.DecodeLastRuneInString(text[:i-n])
		return !unicode.IsDigit(p)
	}
	return !isWordRune(r) && !strings.ContainsRune("^#/-−+.,–", r)
}

// wordBefore reports whether a letter or digit comes right before text[i].
func wordBefore(text string, i int) bool {
	r, n := utf8.DecodeLastRuneInString(text[:i])
	return n > 0 && isWordRune(r)
}

// endsWord reports whether a word may end at text[j]: not before a letter
// or digit, nor before a hyphen joining it to one (5 t-shirts).
func endsWord(text string, j int) bool {
	r, n := utf8.DecodeRuneInString(text[j:])
	if r == '-' || r == '‑' {
		next, _ := utf8.DecodeRuneInString(text[j+n:])
		return !isWordRune(next)
	}
	return n == 0 || !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// isoCodes are the ISO 4217 codes read as currencies: the ones a European
// company's posts name. Others (TOP, ALL, CUP, MAD, TRY) are also words.
var isoCodes = map[string]bool{
	"GBP": true, "EUR": true, "USD": true, "CHF": true, "JPY": true, "CNY": true, "CAD": true,
	"AUD": true, "NZD": true, "SEK": true, "NOK": true, "DKK": true, "ISK": true, "PLN": true,
	"CZK": true, "HUF": true, "RON": true, "BGN": true, "INR": true, "BRL": true, "ZAR": true,
	"MXN": true, "SGD": true, "HKD": true, "KRW": true,
}

func digitsEnd(text string, i int) int {
	for i < len(text) && isDigit(text[i]) {
		i++
	}
	return i
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
