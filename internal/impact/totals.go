package impact

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Totals are the computed figures of a set of posts. It is also the
// document written as impact.json and printed by `totals -json`.
type Totals struct {
	Posts     int            `json:"posts"`
	Donations DonationTotals `json:"donations"`
	Offsets   OffsetTotals   `json:"offsets"`
	Entries   []Entry        `json:"entries"`
	Reporting *Reporting     `json:"reporting,omitempty"` // nil without rates
}

// DonationTotals are donations summed per currency, overall, per year and per recipient.
type DonationTotals struct {
	Count       int             `json:"count"`
	Total       Sums            `json:"total"`
	ByYear      map[string]Sums `json:"by_year"`
	ByRecipient map[string]Sums `json:"by_recipient"`
}

// OffsetTotals are tonnes and the known cost of offsets, overall, per year and per provider.
type OffsetTotals struct {
	Count      int                       `json:"count"`
	Tonnes     Tonnes                    `json:"tonnes"`
	Cost       Sums                      `json:"cost"`
	ByYear     map[string]*TonnesAndCost `json:"by_year"`
	ByProvider map[string]*TonnesAndCost `json:"by_provider"`
}

// TonnesAndCost is a subtotal of offsets.
type TonnesAndCost struct {
	Count  int    `json:"-"`
	Tonnes Tonnes `json:"tonnes"`
	Cost   Sums   `json:"cost"`
}

// An Entry is one donation or offset of the totals, with its conversion
// into the reporting currency. It points at the donation or offset it was
// computed from, so that a blog with hundreds of thousands of entries does
// not hold each one's text twice; Row writes it out.
type Entry struct {
	Donation *Donation // or
	Offset   *Offset
	// With a reporting currency: the rate used, and the amount or cost
	// converted (Converted.Currency.Code is "" without them).
	Rate      decimal.Decimal
	Converted Money
}

// Kind is "donation" or "offset".
func (e *Entry) Kind() string {
	if e.Donation != nil {
		return "donation"
	}
	return "offset"
}

// Source is where the entry is written.
func (e *Entry) Source() Source {
	if e.Donation != nil {
		return e.Donation.Source
	}
	return e.Offset.Source
}

// Date is the day the entry counts for, as written.
func (e *Entry) Date() time.Time {
	if e.Donation != nil {
		return e.Donation.Date
	}
	return e.Offset.Date
}

// Row is the entry flattened for impact.json and impact.csv.
func (e *Entry) Row() Row {
	var rate, converted string
	if e.Converted.Currency.Code != "" {
		rate, converted = e.Rate.String(), e.Converted.Fixed()
	}
	if d := e.Donation; d != nil {
		return Row{
			Kind: "donation", Post: d.Source.Post, Source: d.Source.Position(),
			Date: d.Date.Format("2006-01-02"), Recipient: d.Recipient,
			Amount: d.Fixed(), Currency: d.Currency.Code, Project: d.Project, URL: d.URL,
			Rate: rate, Converted: converted,
		}
	}
	o := e.Offset
	r := Row{
		Kind: "offset", Post: o.Source.Post, Source: o.Source.Position(),
		Date: o.Date.Format("2006-01-02"), Provider: o.Provider,
		Tonnes: o.Tonnes.String(), Project: o.Project, Scope: o.Scope,
		Rate: rate, Converted: converted,
	}
	if o.PricePerTonne != nil {
		r.PricePerTonne = o.PricePerTonne.Fixed()
		r.Currency = o.PricePerTonne.Currency.Code
	}
	if o.Cost != nil {
		r.Cost = o.Cost.Fixed()
		r.Currency = o.Cost.Currency.Code
	}
	return r
}

// MarshalJSON writes the entry's Row.
func (e Entry) MarshalJSON() ([]byte, error) { return json.Marshal(e.Row()) }

// A Row is one donation or offset, flattened for impact.json and impact.csv.
type Row struct {
	Kind          string `json:"kind"` // "donation" or "offset"
	Post          string `json:"post"`
	Source        string `json:"source"` // "posts/x.md:12"
	Date          string `json:"date"`
	Recipient     string `json:"recipient,omitempty"`
	Amount        string `json:"amount,omitempty"`
	Provider      string `json:"provider,omitempty"`
	Tonnes        string `json:"tonnes,omitempty"`
	PricePerTonne string `json:"price_per_tonne,omitempty"`
	Cost          string `json:"cost,omitempty"`
	Currency      string `json:"currency,omitempty"`
	Project       string `json:"project,omitempty"`
	Scope         string `json:"scope,omitempty"`
	URL           string `json:"url,omitempty"`
	Rate          string `json:"rate,omitempty"`      // into the reporting currency
	Converted     string `json:"converted,omitempty"` // the amount or cost in the reporting currency
}

// Compute totals posts posts' donations and offsets: the only place where
// figures are added up. Entries keep the order given, and point at the
// donations and offsets given: those must not change. With WithRates, it
// also converts every entry into the reporting currency and totals the
// converted amounts in Totals.Reporting; the error then joins a *RateError
// for each entry that has no rate, and the totals are incomplete and must
// not be shown. Without rates, the error is nil.
func Compute(posts int, donations []*Donation, offsets []*Offset, opts ...Option) (*Totals, error) {
	var rates *Rates
	sumsOnly := false
	for _, o := range opts {
		if o.rates != nil {
			rates = o.rates
		}
		sumsOnly = sumsOnly || o.sumsOnly
	}
	return compute(rates, posts, donations, offsets, !sumsOnly)
}

// An Option changes what Compute gives. It is a value, not a function, so
// that the many small totals of a site (a post's, a tag's) allocate
// nothing for it.
type Option struct {
	rates    *Rates
	sumsOnly bool
}

// WithRates converts every entry into the reporting currency of rates; nil
// converts none.
func WithRates(rates *Rates) Option { return Option{rates: rates} }

// SumsOnly leaves Totals.Entries nil: the sums of a part of a site (a post,
// a tag, a year), whose entries the whole site's totals list. The sums and
// the error are those Compute gives without it.
var SumsOnly = Option{sumsOnly: true}

func compute(rates *Rates, posts int, donations []*Donation, offsets []*Offset, entries bool) (*Totals, error) {
	var errs []error
	convert := func(m Money, date time.Time, src Source) (Money, decimal.Decimal, bool) {
		c, rate, err := rates.Convert(m, date.Year())
		if err != nil {
			re := err.(*RateError)
			re.Source = src
			errs = append(errs, re)
			return Money{}, rate, false
		}
		return c, rate, true
	}
	t := &Totals{
		Posts: posts,
		Donations: DonationTotals{
			ByYear:      map[string]Sums{},
			ByRecipient: map[string]Sums{},
		},
		Offsets: OffsetTotals{
			ByYear:     map[string]*TonnesAndCost{},
			ByProvider: map[string]*TonnesAndCost{},
		},
	}
	if entries {
		t.Entries = make([]Entry, 0, len(donations)+len(offsets))
	}
	var rep *Reporting
	if rates != nil {
		rep = newReporting(rates.To)
		t.Reporting = rep
	}
	for _, d := range donations {
		year := strconv.Itoa(d.Date.Year())
		t.Donations.Count++
		t.Donations.Total.add(d.Money)
		addTo(t.Donations.ByYear, year, d.Money)
		addTo(t.Donations.ByRecipient, d.Recipient, d.Money)
		e := Entry{Donation: d}
		if rep != nil {
			if c, r, ok := convert(d.Money, d.Date, d.Source); ok {
				e.Rate, e.Converted = r, c
				rep.used(year, d.Currency.Code, r)
				rep.Donations.Total.Amount = rep.Donations.Total.Amount.Add(c.Amount)
				addMoney(rep.Donations.ByYear, year, c)
				addMoney(rep.Donations.ByRecipient, d.Recipient, c)
			}
		}
		if entries {
			t.Entries = append(t.Entries, e)
		}
	}
	for _, o := range offsets {
		year := strconv.Itoa(o.Date.Year())
		t.Offsets.Count++
		t.Offsets.Tonnes.Decimal = t.Offsets.Tonnes.Add(o.Tonnes.Decimal)
		addOffset(t.Offsets.ByYear, year, o)
		addOffset(t.Offsets.ByProvider, o.Provider, o)
		e := Entry{Offset: o}
		if o.Cost != nil {
			t.Offsets.Cost.add(*o.Cost)
			if rep != nil {
				if c, r, ok := convert(*o.Cost, o.Date, o.Source); ok {
					e.Rate, e.Converted = r, c
					rep.used(year, o.Cost.Currency.Code, r)
					rep.Offsets.Cost.Amount = rep.Offsets.Cost.Amount.Add(c.Amount)
					addMoney(rep.Offsets.ByYear, year, c)
					addMoney(rep.Offsets.ByProvider, o.Provider, c)
				}
			}
		}
		if entries {
			t.Entries = append(t.Entries, e)
		}
	}
	return t, errors.Join(errs...)
}

// add adds m to the total of its currency in place: unlike Add, for the
// sums compute makes and no one else holds yet.
func (s *Sums) add(m Money) {
	i := sort.Search(len(*s), func(i int) bool { return (*s)[i].Currency.Code >= m.Currency.Code })
	if i < len(*s) && (*s)[i].Currency.Code == m.Currency.Code {
		(*s)[i].Amount = (*s)[i].Amount.Add(m.Amount)
		return
	}
	*s = slices.Insert(*s, i, m)
}

// addTo adds m to the sums of key in sums, in place (Sums.add).
func addTo(sums map[string]Sums, key string, m Money) {
	s := sums[key]
	s.add(m)
	sums[key] = s
}

func addOffset(m map[string]*TonnesAndCost, key string, o *Offset) {
	tc := m[key]
	if tc == nil {
		tc = &TonnesAndCost{}
		m[key] = tc
	}
	tc.Count++
	tc.Tonnes.Decimal = tc.Tonnes.Add(o.Tonnes.Decimal)
	if o.Cost != nil {
		tc.Cost.add(*o.Cost)
	}
}

// Position is "file:line", or the file alone when the line is unknown.
func (s Source) Position() string {
	if s.Line == 0 {
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// Years lists the years that have donations or offsets, newest first.
func (t *Totals) Years() []string {
	seen := map[string]bool{}
	for y := range t.Donations.ByYear {
		seen[y] = true
	}
	for y := range t.Offsets.ByYear {
		seen[y] = true
	}
	return sortedKeys(seen, true)
}

// Recipients lists the recipients of donations, by name.
func (t *Totals) Recipients() []string { return sortedKeys(t.Donations.ByRecipient, false) }

// Providers lists the offset providers, by name.
func (t *Totals) Providers() []string { return sortedKeys(t.Offsets.ByProvider, false) }

// Empty reports whether there is no donation and no offset.
func (t *Totals) Empty() bool { return t.Donations.Count == 0 && t.Offsets.Count == 0 }

func sortedKeys[V any](m map[string]V, reverse bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if reverse {
		for i, j := 0, len(keys)-1; i < j; i, j = i+1, j-1 {
			keys[i], keys[j] = keys[j], keys[i]
		}
	}
	return keys
}

// CSVHeader names the columns of impact.csv.
var CSVHeader = []string{"kind", "date", "year", "post", "source", "recipient", "provider", "amount", "tonnes", "price_per_tonne", "cost", "currency", "project", "scope", "url"}

// CSVReportingHeader names the columns impact.csv gains with a reporting
// currency: the rate used and the amount (or cost) converted, per entry.
var CSVReportingHeader = []string{"rate", "converted", "reporting_currency"}

// WriteCSV writes every entry as one row of impact.csv. With a reporting
// currency, each row also has its rate and converted amount, so that the
// converted totals are the sums of that column.
func WriteCSV(w io.Writer, t *Totals) error {
	cw := csv.NewWriter(w)
	header := CSVHeader
	if t.Reporting != nil {
		header = append(header[:len(header):len(header)], CSVReportingHeader...)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range t.Entries {
		e := t.Entries[i].Row()
		year, _, _ := strings.Cut(e.Date, "-")
		row := []string{e.Kind, e.Date, year, cell(e.Post), cell(e.Source), cell(e.Recipient), cell(e.Provider), e.Amount, e.Tonnes, e.PricePerTonne, e.Cost, e.Currency, cell(e.Project), cell(e.Scope), cell(e.URL)}
		if t.Reporting != nil {
			cur := ""
			if e.Converted != "" {
				cur = t.Reporting.Currency
			}
			row = append(row, e.Rate, e.Converted, cur)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell makes a writer's text safe for impact.csv.
//
// Its control characters are written as visible escapes (see Visible), except
// for tab and line feed, which text may hold and which the CSV writer
// quotes: a reader of the file never gets a raw NUL or ESC.
//
// Then, so that a spreadsheet does not run the text as a formula, text that
// starts with = + - @, a tab, a carriage return or a line feed, or with
// spaces before any of these (OWASP's list for CSV injection), gets a
// leading apostrophe, which spreadsheets show as text. Only writers' text
// goes through cell: the figures (amounts, tonnes, rates), which may be
// negative, are written as they are.
func cell(s string) string {
	s = Visible(s, "\t\n")
	if formulaStart(s) {
		return "'" + s
	}
	return s
}

// formulaStart reports whether a spreadsheet might read s as a formula.
func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	if strings.ContainsRune("=+-@\t\r\n", rune(s[0])) {
		return true
	}
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	return t != s && t != "" && strings.ContainsRune("=+-@", rune(t[0]))
}

// Visible returns s with its control characters written as escapes that a
// terminal or a spreadsheet shows as text: \x1b for a C0 control or DEL,
// \u009b for a C1 control, \u202e for a character that reorders text
// (bidirectional overrides and isolates), and \xff for a byte that is not
// UTF-8. The characters of keep are left as they are. A writer cannot,
// through a recipient's name, clear a terminal or hide a figure.
func Visible(s, keep string) string {
	shown := func(r rune) bool { return !hidden(r) || strings.ContainsRune(keep, r) }
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !shown(r) }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case !shown(r):
			if r < 0x80 {
				fmt.Fprintf(&b, "\\x%02x", r)
			} else {
				fmt.Fprintf(&b, "\\u%04x", r)
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// hidden reports whether r is a control character (C0, DEL, C1) or one that
// reorders the text around it.
func hidden(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}
