package impact

import (
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Totals are the computed figures of a set of posts. It is also the
// document written as impact.json and printed by `totals -json`.
type Totals struct {
	Posts     int            `json:"posts"`
	Donations DonationTotals `json:"donations"`
	Offsets   OffsetTotals   `json:"offsets"`
	Entries   []Entry        `json:"entries"`
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

// An Entry is one donation or offset, flattened for impact.json and impact.csv.
type Entry struct {
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
}

// Compute totals posts posts' donations and offsets. It is the only place
// where figures are added up. Entries keep the order given.
func Compute(posts int, donations []Donation, offsets []Offset) *Totals {
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
		Entries: make([]Entry, 0, len(donations)+len(offsets)),
	}
	for _, d := range donations {
		year := strconv.Itoa(d.Date.Year())
		t.Donations.Count++
		t.Donations.Total = t.Donations.Total.Add(d.Money)
		t.Donations.ByYear[year] = t.Donations.ByYear[year].Add(d.Money)
		t.Donations.ByRecipient[d.Recipient] = t.Donations.ByRecipient[d.Recipient].Add(d.Money)
		t.Entries = append(t.Entries, Entry{
			Kind: "donation", Post: d.Source.Post, Source: d.Source.Position(),
			Date: d.Date.Format("2006-01-02"), Recipient: d.Recipient,
			Amount: d.Fixed(), Currency: d.Currency.Code, Project: d.Project, URL: d.URL,
		})
	}
	for _, o := range offsets {
		year := strconv.Itoa(o.Date.Year())
		t.Offsets.Count++
		t.Offsets.Tonnes.Decimal = t.Offsets.Tonnes.Add(o.Tonnes.Decimal)
		addOffset(t.Offsets.ByYear, year, o)
		addOffset(t.Offsets.ByProvider, o.Provider, o)
		e := Entry{
			Kind: "offset", Post: o.Source.Post, Source: o.Source.Position(),
			Date: o.Date.Format("2006-01-02"), Provider: o.Provider,
			Tonnes: o.Tonnes.String(), Project: o.Project, Scope: o.Scope,
		}
		if o.PricePerTonne != nil {
			e.PricePerTonne = o.PricePerTonne.Fixed()
			e.Currency = o.PricePerTonne.Currency.Code
		}
		if o.Cost != nil {
			t.Offsets.Cost = t.Offsets.Cost.Add(*o.Cost)
			e.Cost = o.Cost.Fixed()
			e.Currency = o.Cost.Currency.Code
		}
		t.Entries = append(t.Entries, e)
	}
	return t
}

func addOffset(m map[string]*TonnesAndCost, key string, o Offset) {
	tc := m[key]
	if tc == nil {
		tc = &TonnesAndCost{}
		m[key] = tc
	}
	tc.Count++
	tc.Tonnes.Decimal = tc.Tonnes.Add(o.Tonnes.Decimal)
	if o.Cost != nil {
		tc.Cost = tc.Cost.Add(*o.Cost)
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

// WriteCSV writes every entry as one row of impact.csv.
func WriteCSV(w io.Writer, t *Totals) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range t.Entries {
		year, _, _ := strings.Cut(e.Date, "-")
		row := []string{e.Kind, e.Date, year, e.Post, e.Source, e.Recipient, e.Provider, e.Amount, e.Tonnes, e.PricePerTonne, e.Cost, e.Currency, e.Project, e.Scope, e.URL}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
