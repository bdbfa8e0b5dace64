package impact

import (
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Totals are the computed figures of a set of posts. It is also the
// document written as impact.json and printed by `totals -json`.
type Totals struct {
	Generator *Generator     `json:"generator,omitempty"` // what wrote the document; set by the writer's caller
	AsOf      string         `json:"as_of,omitempty"`     // 2006-01-02: the newest entry's date, unless the caller fixes it
	Posts     int            `json:"posts"`
	Donations DonationTotals `json:"donations"`
	InKind    InKindTotals   `json:"in_kind"`
	Offsets   OffsetTotals   `json:"offsets"`
	Emissions EmissionTotals `json:"emissions"`
	Entries   []Entry        `json:"entries"`
	Reporting *Reporting     `json:"reporting,omitempty"` // nil without rates

	// Payments counts the sponsorships and purchases: entries, never in
	// the sums.
	Payments int `json:"-"`

	// BaseURL, when set, is the site's absolute URL: the files then give
	// each entry's post as an absolute URL too (post_url).
	BaseURL string `json:"-"`
}

// A Generator names the program that wrote impact.json, and its version.
type Generator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// DonationTotals are gifts summed per currency, overall, per year and per
// recipient: gifts of money, and the declared value of gifts in kind that
// have one (also summed apart, as Valuations, so that a reader can see how
// much of the total is a declared value). A sponsorship or a purchase is
// not a gift and is in none of them.
type DonationTotals struct {
	Count       int             `json:"count"` // gifts, of money or in kind
	Total       Sums            `json:"total"`
	Valuations  Sums            `json:"valuations"` // the part of Total that is the declared value of gifts in kind
	ByYear      map[string]Sums `json:"by_year"`
	ByRecipient map[string]Sums `json:"by_recipient"`
}

// InKindTotals are the things given in kind, counted per kind of item
// ("devices given"): overall, per year and per recipient.
type InKindTotals struct {
	Count       int               `json:"count"` // gifts in kind
	Items       Counts            `json:"items"`
	ByYear      map[string]Counts `json:"by_year"`
	ByRecipient map[string]Counts `json:"by_recipient"`
}

// Counts are counts of items per kind of item. Kinds are told apart
// without regard to case or spacing ("Laptop" and "laptop " are one),
// each shown as first written; they are sorted by that folded name. In
// JSON, an object: {"laptop": 35, "smartphone": 120}.
type Counts []Item

// FoldItem is the name items are grouped by: What in lower case, its
// spaces collapsed.
func FoldItem(what string) string { return strings.ToLower(strings.Join(strings.Fields(what), " ")) }

func (c *Counts) add(it Item) {
	key := FoldItem(it.What)
	i := sort.Search(len(*c), func(i int) bool { return FoldItem((*c)[i].What) >= key })
	if i < len(*c) && FoldItem((*c)[i].What) == key {
		(*c)[i].Count += it.Count
		return
	}
	*c = slices.Insert(*c, i, Item{What: strings.Join(strings.Fields(it.What), " "), Count: it.Count})
}

// Total is the number of items of every kind.
func (c Counts) Total() int64 {
	var n int64
	for _, it := range c {
		n += it.Count
	}
	return n
}

// MarshalJSON writes {"laptop": 35, "smartphone": 120}.
func (c Counts) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, it := range c {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(it.What)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(it.Count, 10))
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// OffsetTotals are tonnes and the known cost of offsets, overall, per year
// and per provider, each with its tonnes split by type: removals and
// avoidance are never added up without the split beside them.
type OffsetTotals struct {
	Count      int                       `json:"count"`
	Tonnes     Tonnes                    `json:"tonnes"`
	ByType     TypeSplit                 `json:"by_type"`
	Cost       Sums                      `json:"cost"`
	ByYear     map[string]*TonnesAndCost `json:"by_year"`
	ByProvider map[string]*TonnesAndCost `json:"by_provider"`
}

// TonnesAndCost is a subtotal of offsets.
type TonnesAndCost struct {
	Count  int       `json:"-"`
	Tonnes Tonnes    `json:"tonnes"`
	ByType TypeSplit `json:"by_type"`
	Cost   Sums      `json:"cost"`
}

// A TypeSplit is tonnes of offsets by type: removals, avoidance, and the
// offsets that do not say (Unspecified). The three add up to the total.
type TypeSplit struct {
	Removal     Tonnes `json:"removal"`
	Avoidance   Tonnes `json:"avoidance"`
	Unspecified Tonnes `json:"unspecified"`
}

func (s *TypeSplit) add(o *Offset) {
	t := &s.Unspecified
	switch o.Type {
	case Removal:
		t = &s.Removal
	case Avoidance:
		t = &s.Avoidance
	}
	t.Decimal = t.Add(o.Tonnes.Decimal)
}

// Split reports whether any tonnes have a type: without, the split says
// nothing the total does not.
func (s TypeSplit) Split() bool { return !s.Removal.IsZero() || !s.Avoidance.IsZero() }

// An Entry is one donation, offset or emission of the totals, with its
// conversion into the reporting currency. It points at what it was
// computed from, so that a blog with hundreds of thousands of entries does
// not hold each one's text twice; Row writes it out.
type Entry struct {
	Donation *Donation // or
	Offset   *Offset   // or
	Emission *Emission
	Index    int // in its list (donations, offsets, emissions) of its post, from 0: ID
	// With a reporting currency: the rate used, and the amount or cost
	// converted (Converted.Currency.Code is "" without them).
	Rate      decimal.Decimal
	Converted Money
}

// Kind is "donation" (a gift, of money or in kind), "sponsorship",
// "purchase", "offset" or "emission".
func (e *Entry) Kind() string {
	switch {
	case e.Donation != nil && (e.Donation.Kind == Sponsorship || e.Donation.Kind == Purchase):
		return string(e.Donation.Kind)
	case e.Donation != nil:
		return "donation"
	case e.Offset != nil:
		return "offset"
	}
	return "emission"
}

// Counted reports whether the entry is in the totals: a sponsorship or a
// purchase is shown, never counted.
func (e *Entry) Counted() bool { return e.Donation == nil || e.Donation.Counted() }

// Counted reports whether d is a gift, counted in the totals: not a
// sponsorship or a purchase.
func (d *Donation) Counted() bool { return d.Kind != Sponsorship && d.Kind != Purchase }

// Valued reports whether d has an amount: a gift of money, or a gift in
// kind with a declared value.
func (d *Donation) Valued() bool { return d.Currency.Code != "" }

// ID is the entry's stable id (EntryID): "entry-3f9a1c2b7e4d-d1".
func (e *Entry) ID() string {
	switch {
	case e.Donation != nil:
		return EntryID(e.Donation.Source.File, 'd', e.Index)
	case e.Offset != nil:
		return EntryID(e.Offset.Source.File, 'o', e.Index)
	}
	return EntryID(e.Emission.Source.File, 'e', e.Index)
}

// Source is where the entry is written.
func (e *Entry) Source() Source {
	switch {
	case e.Donation != nil:
		return e.Donation.Source
	case e.Offset != nil:
		return e.Offset.Source
	}
	return e.Emission.Source
}

// Date is the day the entry counts for, as written.
func (e *Entry) Date() time.Time {
	switch {
	case e.Donation != nil:
		return e.Donation.Date
	case e.Offset != nil:
		return e.Offset.Date
	}
	return e.Emission.Date
}

// Compute totals posts posts' donations and offsets (and, WithEmissions,
// emissions): the only place where figures are added up. Entries keep the
// order given, and point at the donations, offsets and emissions given:
// those must not change. Each entry's Index is its place among the
// entries given before it from the same file and list, so a post's
// entries must be given in the post's order (its ID). With WithRates, it
// also converts every counted entry into the reporting currency and totals
// the converted amounts in Totals.Reporting; the error then joins a
// *RateError for each entry that has no rate, and the totals are
// incomplete and must not be shown. Without rates, the error is nil.
func Compute(posts int, donations []*Donation, offsets []*Offset, opts ...Option) (*Totals, error) {
	var o Option
	for _, opt := range opts {
		if opt.rates != nil {
			o.rates = opt.rates
		}
		if opt.emissions != nil {
			o.emissions = opt.emissions
		}
		o.sumsOnly = o.sumsOnly || opt.sumsOnly
	}
	return compute(o.rates, posts, donations, offsets, o.emissions, !o.sumsOnly)
}

// An Option changes what Compute gives. It is a value, not a function, so
// that the many small totals of a site (a post's, a tag's) allocate
// nothing for it.
type Option struct {
	rates     *Rates
	emissions []*Emission
	sumsOnly  bool
}

// WithRates converts every entry into the reporting currency of rates; nil
// converts none.
func WithRates(rates *Rates) Option { return Option{rates: rates} }

// WithEmissions totals emissions too (Totals.Emissions), and lists them
// among the entries after the offsets.
func WithEmissions(emissions []*Emission) Option { return Option{emissions: emissions} }

// SumsOnly leaves Totals.Entries nil: the sums of a part of a site (a post,
// a tag, a year), whose entries the whole site's totals list. The sums and
// the error are those Compute gives without it.
var SumsOnly = Option{sumsOnly: true}

func compute(rates *Rates, posts int, donations []*Donation, offsets []*Offset, emissions []*Emission, entries bool) (*Totals, error) {
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
		InKind: InKindTotals{
			ByYear:      map[string]Counts{},
			ByRecipient: map[string]Counts{},
		},
		Offsets: OffsetTotals{
			ByYear:     map[string]*TonnesAndCost{},
			ByProvider: map[string]*TonnesAndCost{},
		},
		Emissions: EmissionTotals{
			ByScope:    map[string]*EmissionSum{},
			ByCategory: map[string]*EmissionSum{},
		},
	}
	// Each list's entries numbered per file, for their ids.
	var dn, on, en numbering
	if entries {
		t.Entries = make([]Entry, 0, len(donations)+len(offsets)+len(emissions))
	}
	var newest time.Time
	var rep *Reporting
	if rates != nil {
		rep = newReporting(rates.To)
		t.Reporting = rep
	}
	for _, d := range donations {
		e := Entry{Donation: d}
		if d.Date.After(newest) {
			newest = d.Date
		}
		if !d.Counted() {
			t.Payments++
		} else {
			year := strconv.Itoa(d.Date.Year())
			t.Donations.Count++
			if d.Kind == InKind {
				t.InKind.Count++
				for _, it := range d.Items {
					t.InKind.Items.add(it)
					addCount(t.InKind.ByYear, year, it)
					addCount(t.InKind.ByRecipient, d.Recipient, it)
				}
			}
			if d.Valued() {
				t.Donations.Total.add(d.Money)
				if d.Kind == InKind {
					t.Donations.Valuations.add(d.Money)
				}
				addTo(t.Donations.ByYear, year, d.Money)
				addTo(t.Donations.ByRecipient, d.Recipient, d.Money)
				if rep != nil {
					if c, r, ok := convert(d.Money, d.Date, d.Source); ok {
						e.Rate, e.Converted = r, c
						rep.used(year, d.Currency.Code, r)
						rep.Donations.Total.Amount = rep.Donations.Total.Amount.Add(c.Amount)
						addMoney(rep.Donations.ByYear, year, c)
						addMoney(rep.Donations.ByRecipient, d.Recipient, c)
					}
				}
			}
		}
		if entries {
			e.Index = dn.next(d.Source.File)
			t.Entries = append(t.Entries, e)
		}
	}
	for _, o := range offsets {
		year := strconv.Itoa(o.Date.Year())
		if o.Date.After(newest) {
			newest = o.Date
		}
		t.Offsets.Count++
		t.Offsets.Tonnes.Decimal = t.Offsets.Tonnes.Add(o.Tonnes.Decimal)
		t.Offsets.ByType.add(o)
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
			e.Index = on.next(o.Source.File)
			t.Entries = append(t.Entries, e)
		}
	}
	for _, em := range emissions {
		if em.Date.After(newest) {
			newest = em.Date
		}
		t.Emissions.add(em)
		if entries {
			t.Entries = append(t.Entries, Entry{Emission: em, Index: en.next(em.Source.File)})
		}
	}
	if !newest.IsZero() {
		t.AsOf = newest.Format("2006-01-02")
	}
	return t, errors.Join(errs...)
}

// addCount adds it to the counts of key in counts, in place.
func addCount(counts map[string]Counts, key string, it Item) {
	c := counts[key]
	c.add(it)
	counts[key] = c
}

// numbering numbers the entries of one list per file, from 0. A post's
// entries come one after another, so it needs a map only when a file's
// entries do not.
type numbering struct {
	started bool
	last    string
	n       int
	seen    map[string]int // the last number of each file left
}

func (nb *numbering) next(file string) int {
	if nb.started && file == nb.last {
		nb.n++
		return nb.n
	}
	if nb.started {
		if nb.seen == nil {
			nb.seen = map[string]int{}
		}
		nb.seen[nb.last] = nb.n
	}
	nb.started, nb.last = true, file
	if i, ok := nb.seen[file]; ok {
		nb.n = i + 1
	} else {
		nb.n = 0
	}
	return nb.n
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
	tc.ByType.add(o)
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
	for y := range t.InKind.ByYear {
		seen[y] = true
	}
	return sortedKeys(seen, true)
}

// Recipients lists the recipients of gifts, of money or in kind, by name.
func (t *Totals) Recipients() []string {
	if len(t.InKind.ByRecipient) == 0 {
		return sortedKeys(t.Donations.ByRecipient, false)
	}
	seen := map[string]bool{}
	for r := range t.Donations.ByRecipient {
		seen[r] = true
	}
	for r := range t.InKind.ByRecipient {
		seen[r] = true
	}
	return sortedKeys(seen, false)
}

// Providers lists the offset providers, by name.
func (t *Totals) Providers() []string { return sortedKeys(t.Offsets.ByProvider, false) }

// Empty reports whether there is no donation, sponsorship, purchase or
// offset.
func (t *Totals) Empty() bool {
	return t.Donations.Count == 0 && t.Offsets.Count == 0 && t.Payments == 0
}

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
