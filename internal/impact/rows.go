package impact

// impact.json and impact.csv: each entry flattened into a Row, written
// as JSON (json.go) or as a line of CSV, with writers' text kept from
// running as a spreadsheet formula or as a terminal's control sequence.

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Row is the entry flattened for impact.json and impact.csv.
func (e *Entry) Row() Row {
	var rate, converted string
	if e.Converted.Currency.Code != "" {
		rate, converted = e.Rate.String(), e.Converted.Fixed()
	}
	src := e.Source()
	r := Row{ID: e.ID(), Kind: e.Kind(), Post: src.Post, Source: src.Position(), Date: e.Date().Format("2006-01-02"), Rate: rate, Converted: converted}
	if d := e.Donation; d != nil {
		r.Recipient, r.Project, r.URL = d.Recipient, d.Project, d.URL
		if d.Valued() {
			r.Amount, r.Currency = d.Fixed(), d.Currency.Code
		}
		r.DonationKind = string(d.Kind)
		if d.Kind == Gift {
			r.DonationKind = "money"
		}
		r.Valuation = d.Kind == InKind && d.Valued()
		for _, it := range d.Items {
			r.Items = append(r.Items, RowItem(it))
		}
		r.Evidence, r.RecipientID, r.Illustrative = d.Evidence, d.RecipientID, d.Illustrative
		return r
	}
	if em := e.Emission; em != nil {
		r.EmissionSource, r.Period, r.Method, r.Illustrative = em.What, em.Period, em.Method, em.Illustrative
		if em.Share.IsPositive() {
			r.Share = em.Share.String()
		} else {
			r.Tonnes = em.Tonnes.String()
		}
		if em.Scope != 0 {
			r.Scope = strconv.Itoa(em.Scope)
		}
		if em.Category != 0 {
			r.Category = strconv.Itoa(em.Category)
		}
		return r
	}
	o := e.Offset
	r.Provider, r.Tonnes, r.Project, r.Scope = o.Provider, o.Tonnes.String(), o.Project, o.Scope
	if o.PricePerTonne != nil {
		r.PricePerTonne = o.PricePerTonne.Fixed()
		r.Currency = o.PricePerTonne.Currency.Code
	}
	if o.Cost != nil {
		r.Cost = o.Cost.Fixed()
		r.Currency = o.Cost.Currency.Code
	}
	r.Registry, r.ProjectID, r.Country = string(o.Registry), o.ProjectID, o.Country
	for _, s := range o.Serials {
		r.Serials = append(r.Serials, s.Block.Serial)
	}
	if o.Vintage != 0 {
		r.Vintage = strconv.Itoa(o.Vintage)
	}
	if !o.RetiredOn.IsZero() {
		r.RetiredOn = o.RetiredOn.Format("2006-01-02")
	}
	r.Beneficiary, r.RetirementURL, r.Type = o.Beneficiary, o.RetirementURL, string(o.Type)
	r.Illustrative = o.Illustrative
	return r
}

// MarshalJSON writes the entry's Row.
func (e Entry) MarshalJSON() ([]byte, error) { return json.Marshal(e.Row()) }

// A Row is one entry, flattened for impact.json and impact.csv. Each of
// its fields is the key of the front matter it comes from, except where
// that name is taken: kind (the entry's, so the donation's is
// donation_kind), source (where it is written, so an emission's is
// emission_source).
type Row struct {
	ID             string    `json:"id"`   // EntryID: also the entry's anchor on its year's impact page
	Kind           string    `json:"kind"` // "donation", "sponsorship", "purchase", "offset" or "emission"
	Post           string    `json:"post"`
	PostURL        string    `json:"post_url,omitempty"` // absolute, when the site's URL is known
	Source         string    `json:"source"`             // "posts/x.md:12"
	Date           string    `json:"date"`
	Recipient      string    `json:"recipient,omitempty"`
	DonationKind   string    `json:"donation_kind,omitempty"` // "money", "in-kind", "sponsorship" or "purchase"
	Items          []RowItem `json:"items,omitempty"`
	Amount         string    `json:"amount,omitempty"`
	Valuation      bool      `json:"valuation,omitempty"` // the amount is the declared value of a gift in kind
	Provider       string    `json:"provider,omitempty"`
	Tonnes         string    `json:"tonnes,omitempty"`
	PricePerTonne  string    `json:"price_per_tonne,omitempty"`
	Cost           string    `json:"cost,omitempty"`
	Currency       string    `json:"currency,omitempty"`
	Project        string    `json:"project,omitempty"`
	Scope          string    `json:"scope,omitempty"` // an offset's, in the writer's words; an emission's, 1 to 3
	URL            string    `json:"url,omitempty"`
	Evidence       string    `json:"evidence,omitempty"`
	RecipientID    string    `json:"recipient_id,omitempty"`
	Registry       string    `json:"registry,omitempty"`
	Serials        []string  `json:"serials,omitempty"`
	ProjectID      string    `json:"project_id,omitempty"`
	Country        string    `json:"country,omitempty"`
	Vintage        string    `json:"vintage,omitempty"`
	RetiredOn      string    `json:"retired_on,omitempty"`
	Beneficiary    string    `json:"beneficiary,omitempty"`
	RetirementURL  string    `json:"retirement_url,omitempty"`
	Type           string    `json:"type,omitempty"` // an offset's: "avoidance" or "removal"
	EmissionSource string    `json:"emission_source,omitempty"`
	Share          string    `json:"share,omitempty"`
	Category       string    `json:"category,omitempty"`
	Period         string    `json:"period,omitempty"`
	Method         string    `json:"method,omitempty"`
	Illustrative   string    `json:"illustrative,omitempty"` // why the entry's figures are illustrative, not real
	Rate           string    `json:"rate,omitempty"`         // into the reporting currency
	Converted      string    `json:"converted,omitempty"`    // the amount or cost in the reporting currency
}

// A RowItem is an Item of a gift in kind, in impact.json.
type RowItem struct {
	What  string `json:"what"`
	Count int64  `json:"count"`
}

// CSVHeader names the columns of impact.csv: the fields of Row (see it),
// with year after date. A list is one cell: serials separated by spaces,
// items as "smartphone=120; laptop=35"; valuation is "yes" or empty.
var CSVHeader = []string{"id", "kind", "date", "year", "post", "post_url", "source", "recipient", "donation_kind", "items", "provider", "amount", "valuation", "tonnes", "price_per_tonne", "cost", "currency", "project", "scope", "url", "evidence", "recipient_id", "registry", "serials", "project_id", "country", "vintage", "retired_on", "beneficiary", "retirement_url", "type", "emission_source", "share", "category", "period", "method", "illustrative"}

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
		e := t.rowOf(&t.Entries[i])
		year, _, _ := strings.Cut(e.Date, "-")
		items := make([]string, len(e.Items))
		for i, it := range e.Items {
			items[i] = it.What + "=" + strconv.FormatInt(it.Count, 10)
		}
		valuation := ""
		if e.Valuation {
			valuation = "yes"
		}
		row := []string{e.ID, e.Kind, e.Date, year, cell(e.Post), cell(e.PostURL), cell(e.Source), cell(e.Recipient), e.DonationKind, cell(strings.Join(items, "; ")),
			cell(e.Provider), e.Amount, valuation, e.Tonnes, e.PricePerTonne, e.Cost, e.Currency, cell(e.Project), cell(e.Scope), cell(e.URL),
			cell(e.Evidence), cell(e.RecipientID), e.Registry, cell(strings.Join(e.Serials, " ")), cell(e.ProjectID), cell(e.Country), e.Vintage, e.RetiredOn,
			cell(e.Beneficiary), cell(e.RetirementURL), e.Type, cell(e.EmissionSource), e.Share, e.Category, cell(e.Period), cell(e.Method), cell(e.Illustrative)}
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

// rowOf is the Row of e, with its post's absolute URL when t has a BaseURL.
func (t *Totals) rowOf(e *Entry) Row {
	r := e.Row()
	if t.BaseURL != "" && r.Post != "" {
		r.PostURL = strings.TrimSuffix(t.BaseURL, "/") + r.Post
	}
	return r
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
