// Package report turns totals into what people read: the impact page as
// an annual report (New), what a post's page shows beside its own figures
// (ForPost), and the figures a post's text quotes (Quotes). It is made
// from impact.Totals alone, so it is tested from a ledger of entries
// without building a site.
//
// # Words
//
// An entry is one donation or offset (impact.Entry), written in a post's
// front matter. A figure is a number computed from entries and written
// for people: a Figure of the report, with its exact value and a link to
// the entries that make it, or a figure quoted in prose,
// {{< total donations year=2020 >}} (markdown.Figure), which Quotes
// computes over the site's entries, or a post's own (post.…).
//
// # The impact page and the years' pages
//
// The impact page is an overview, of a size that does not grow with the
// number of entries: Report.Headlines are all years and the latest;
// Donations and Tonnes are a chart per year with the table beside it;
// Recipients and Providers, a row each with links to the years of their
// entries; Rates, the rates used; Years, each year's figures and a link to
// its page; AsOf, the date it is as of. Each year has a page of its own
// (Report.Year, year.go) with every entry of that year, anchored by its
// stable id. A figure's Of names it in the syntax of figures in prose, so
// that a reader can quote it; its Href goes to the entries that make it,
// on their year's page. Each year's figures are impact.Compute (SumsOnly)
// of the year's entries; the rest are the site's totals.
package report

import (
	"html/template"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/chart"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
)

// A Report is the impact page as an annual report: headline figures,
// charts with their tables, figures by recipient and provider, the rates
// used and every entry. Every figure in it comes from the totals it is
// made from or from impact.Compute (the totals of one year's entries), and
// links to the entries that make it.
type Report struct {
	Currency   string    // the reporting currency; "" when nothing is converted
	Span       string    // "2019–2023"
	AsOf       time.Time // the date the report is as of: Options.AsOf, or the newest entry's
	Posts      int       // how many posts report the donations and offsets counted
	Headlines  []Headline
	Donations  *ChartWithTable // nil without donations
	Tonnes     *ChartWithTable // nil without offsets
	Recipients []Row
	Providers  []Row
	Rates      []impact.UsedRate
	Years      []EntryYear // every year an entry is in, oldest first: its figures, page and entries

	// What the issue-15 evidence adds.
	Types     []TypeRow   // offsets by type (removals, avoidance, unspecified), per year then all years; nil without typed offsets
	Items     []ItemRow   // things given in kind, per kind of item: "devices given"
	ItemYears []ItemGroup // the same per year, oldest first
	ItemTo    []ItemGroup // and per recipient
	Scopes    []ScopeRow  // emissions by GHG Protocol scope, then scope 3 by category
	Emissions []*EntryRef // every emission, oldest first
	Payments  []*EntryRef // sponsorships and purchases, oldest first: shown, never counted as given

	// What Year makes each year's report from.
	f          *figs
	rates      *impact.Rates
	yearURL    func(year string) string
	yearTotals func(year string) *impact.Totals // nil without counted entries
	years      []yearSlot                       // by the index of Years
}

// A TypeRow is the tonnes of offsets of a year (or of all years) by type.
type TypeRow struct {
	Name                            string // "2024", or "All years"
	Removal, Avoidance, Unspecified Figure
}

// An ItemRow is a count of one kind of thing given in kind.
type ItemRow struct {
	What  string
	Count string // written for people: "1,200"
}

// An ItemGroup is the things given in kind in one year or to one recipient.
type ItemGroup struct {
	Name  string
	Href  string // a year's page; "" for a recipient
	Items []ItemRow
}

// A ScopeRow is the emissions of one scope, or of one scope 3 category.
type ScopeRow struct {
	Name     string // "Scope 1", "Scope 3, category 4", "No scope given"
	Count    int
	Tonnes   string // written for people, "" when none is in tonnes
	AsShares int    // entries given as a share of their post's emissions
}

// A Figure is one figure of the report, written for people, with what it is
// (Of, in the syntax of figures in posts: `donations year=2020`), whether it
// is as given or converted (As: "given" or "reporting"), its exact value
// ("157000.00 GBP", "3750.00 EUR + 5000.00 GBP", "31.400 t") and a link to
// the entries that make it.
type Figure struct {
	Text, Value, Of, As, Href string
}

// A Headline is the headline figures of a period: all years, or one.
type Headline struct {
	Name, Href               string
	Given, GivenIn           Figure
	Tonnes, Cost, CostIn     Figure
	DonationCount, OffsetCnt int
	Removal, Avoidance       Figure    // the tonnes by type; Text "" when no offset has a type
	Valuations               Figure    // the part of Given that is the declared value of gifts in kind; Text "" when none
	Items                    []ItemRow // the things given in kind
}

// A ChartWithTable is a chart and the rows of the table beside it.
type ChartWithTable struct {
	SVG  template.HTML
	Note string // why there is no chart, when SVG is empty
	Rows []Row
}

// A Row is one line of a table: a year, a recipient or a provider.
type Row struct {
	Name, ID        string
	Items           string // a recipient's gifts in kind: "120 smartphone, 35 laptop"
	Year            string
	Given, GivenIn  Figure
	Tonnes          Figure
	Cost, CostIn    Figure
	Entries         []*EntryRef // a recipient's or provider's entries, oldest first
	Years           []Link      // on the impact page: the years of its entries, each linking to the first there
	First           bool        // the first row of its year, in a table grouped by year
	YearRows        int         // on the first row: how many rows the year has
	YearTotal       Figure      // on the first row: the year's total
	YearTotalGiven  Figure
	YearTotalTonnes Figure
}

// A Link is a link, with its text.
type Link struct{ Text, Href string }

// An EntryYear is one year of the report: its page, its headline figures
// and the entries counted in it.
type EntryYear struct {
	Year     string
	ID       string // "entries-2020"
	URL      string // its page (Options.YearURL)
	Title    string // its page's: "Our 2020 impact" (the string yearTitle)
	Headline Headline
	refs     []*EntryRef
}

// Entries are the year's entries, written out when the page asks for
// them: a blog with hundreds of thousands of entries holds the text of one
// year's at a time, not of all.
func (y EntryYear) Entries() []*Entry { return entries(y.refs) }

// Count is how many entries the year counts.
func (y EntryYear) Count() int { return len(y.refs) }

func entries(refs []*EntryRef) []*Entry {
	out := make([]*Entry, len(refs))
	each := make([]Entry, len(refs))
	for i, r := range refs {
		each[i] = r.entry()
		out[i] = &each[i]
	}
	return out
}

// An EntryRef is an entry of the report as a table row links to it.
type EntryRef struct {
	N    int // its place in its year, oldest first, from 1: not an id (ID is)
	post any // the post it is written in (Options.Post)
	e    *impact.Entry
	f    *figs
	day  int32 // of the entry's date, for sorting: 20200131
}

// ID is the entry's anchor on its year's page, its stable id
// (impact.EntryID), as impact.json and impact.csv give it.
func (r *EntryRef) ID() string { return r.e.ID() }

// year is the year the entry counts in: "2020".
func (r *EntryRef) year() string { return strconv.Itoa(int(r.day / 10000)) }

// Entry writes out the whole entry, evidence included.
func (r *EntryRef) Entry() *Entry {
	e := r.entry()
	return &e
}

// The rest of a Entry, for a template that shows more of a row's
// entries than their links: each writes out the entry.

func (r *EntryRef) Kind() string      { return r.entry().Kind }
func (r *EntryRef) Date() time.Time   { return r.entry().Date }
func (r *EntryRef) Name() string      { return r.entry().Name }
func (r *EntryRef) Project() string   { return r.entry().Project }
func (r *EntryRef) Given() string     { return r.entry().Given }
func (r *EntryRef) Converted() string { return r.entry().Converted }
func (r *EntryRef) Tonnes() string    { return r.entry().Tonnes }
func (r *EntryRef) Rate() string      { return r.entry().Rate }
func (r *EntryRef) Post() any         { return r.post }
func (r *EntryRef) Source() string    { return r.entry().Source }

// A Entry is one donation, offset or emission, with where it was written,
// and the donation, offset or emission itself, for its evidence.
type Entry struct {
	N                int    // its place in its year (EntryRef.N)
	ID               string // the stable id: "entry-3f9a1c2b7e4d-d1"
	Kind             string // "donation", "sponsorship", "purchase", "offset" or "emission"
	Date             time.Time
	Name             string // recipient or provider
	Project          string
	Given, Converted string // written for people
	Tonnes           string
	Rate             string
	Post             any    // the post it is written in (Options.Post), or nil
	Source           string // "posts/x.md:12"

	Donation *impact.Donation // or
	Offset   *impact.Offset   // or
	Emission *impact.Emission
	Items    string // a gift in kind's items, written for people: "120 smartphone, 35 laptop"
	Evidence Evidence
}

// entry writes out the entry r refers to.
func (r *EntryRef) entry() Entry {
	e, l := r.e, r.f.l
	y, m, d := e.Date().Date()
	re := Entry{N: r.N, ID: r.ID(), Kind: e.Kind(), Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Post: r.post, Source: e.Source().Position(),
		Donation: e.Donation, Offset: e.Offset, Emission: e.Emission}
	var given *impact.Money
	switch {
	case e.Donation != nil:
		dn := e.Donation
		re.Name, re.Project = dn.Recipient, dn.Project
		if dn.Valued() {
			given = &dn.Money
		}
		re.Items = ItemsText(l, dn.Items)
		re.Evidence = r.f.evidence.donation(dn)
	case e.Offset != nil:
		o := e.Offset
		re.Name, re.Project, given = o.Provider, o.Project, o.Cost
		re.Tonnes = l.Tonnes(impact.Tonnes{Decimal: o.Tonnes.Round(impact.TonnesDigits)})
		re.Evidence = r.f.evidence.offset(o)
	default:
		em := e.Emission
		re.Name = em.What
		re.Evidence.Illustrative = em.Illustrative
		if !em.Share.IsPositive() {
			re.Tonnes = l.Tonnes(impact.Tonnes{Decimal: em.Tonnes.Round(impact.TonnesDigits)})
		}
	}
	if given != nil {
		re.Given = l.Money(rounded(*given))
	}
	if e.Converted.Currency.Code != "" {
		re.Rate, re.Converted = e.Rate.String(), l.Money(rounded(e.Converted))
	}
	return re
}

// rounded is m to its currency's minor unit, as impact.json writes it.
func rounded(m impact.Money) impact.Money {
	m.Amount = m.Amount.Round(m.Currency.Digits)
	return m
}

// Options are what a report needs besides the totals.
type Options struct {
	Rates  *impact.Rates        // the rates the totals were converted at, or nil
	Locale *locale.Locale       // how figures are written
	Post   func(url string) any // the post at a URL, for the entries' links; may be nil
	// RegistryURLs are the patterns of registries' project pages, by
	// registry: "https://…/{project_id}" (site.toml [evidence.registry_urls]).
	RegistryURLs map[string]string
	// Receipt is the address of a donation's evidence; nil: ReceiptURL.
	Receipt func(*impact.Donation) string
	// YearURL is the address of a year's page, for the links to it: a
	// figure of a year links there, one of several years to its first
	// entry there. nil: "#entries-2020".
	YearURL func(year string) string
	// AsOf is the date the report is as of (Report.AsOf); zero: the
	// newest entry's.
	AsOf time.Time
	// Words are the report's own words in the site's language; nil: English.
	Words Words
}

// New makes the report of t, the totals of every post of a site with
// their Entries (impact.Compute).
func New(t *impact.Totals, o Options) *Report {
	l := o.Locale
	r := &Report{yearURL: o.YearURL}
	if r.yearURL == nil {
		r.yearURL = func(y string) string { return "#entries-" + y }
	}
	if t.Reporting != nil {
		r.Currency = t.Reporting.Currency
		r.Rates = t.Reporting.UsedRates()
	}
	r.AsOf = o.AsOf
	if r.AsOf.IsZero() && t.AsOf != "" {
		r.AsOf, _ = time.Parse(time.DateOnly, t.AsOf)
	}
	var rc impact.Currency // the currency of the converted figures
	if o.Rates != nil {
		rc = o.Rates.To
	}
	f := &figs{l: l, w: o.Words.or(), rc: rc, evidence: evidenceLinks{patterns: o.RegistryURLs, receipt: o.Receipt}}
	r.f, r.rates = f, o.Rates

	// Every entry, each year's numbered oldest first.
	postOf := func(string) any { return nil }
	if o.Post != nil {
		postOf = o.Post
	}
	each := make([]EntryRef, len(t.Entries)) // one allocation
	sorted := make([]*EntryRef, 0, len(t.Entries))
	posts := map[string]bool{}
	for i := range t.Entries {
		e := &t.Entries[i]
		y, m, d := e.Date().Date()
		each[i] = EntryRef{post: postOf(e.Source().Post), e: e, f: f, day: int32(y*10000 + int(m)*100 + d)}
		switch {
		case e.Emission != nil:
			r.Emissions = append(r.Emissions, &each[i])
		case !e.Counted():
			r.Payments = append(r.Payments, &each[i])
		default:
			sorted = append(sorted, &each[i])
			posts[e.Source().Post] = true
		}
	}
	r.Posts = len(posts)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].day < sorted[j].day })
	sort.SliceStable(r.Payments, func(i, j int) bool { return r.Payments[i].day < r.Payments[j].day })
	sort.SliceStable(r.Emissions, func(i, j int) bool { return r.Emissions[i].day < r.Emissions[j].day })
	// A year for every year an entry is in, oldest first; each holds its
	// counted entries, which follow one another sorted by day.
	for _, y := range Years(t) {
		r.Years = append(r.Years, EntryYear{Year: y, ID: "entries-" + y, URL: r.yearURL(y), Title: f.w("yearTitle", "Year", y)})
	}
	r.years = make([]yearSlot, len(r.Years))
	for _, e := range sorted {
		yr := r.year(e.year())
		e.N = len(yr.refs) + 1
		yr.refs = append(yr.refs, e)
	}
	years := t.Years()
	if len(years) == 0 {
		return r
	}
	yearTotals := byYear(t, o.Rates)
	r.yearTotals = yearTotals
	r.Span = years[len(years)-1]
	if len(years) > 1 {
		r.Span += "–" + years[0]
	}
	// Each recipient's and provider's entries, oldest first.
	to, through := map[string][]*EntryRef{}, map[string][]*EntryRef{}
	for _, e := range sorted {
		if d := e.e.Donation; d != nil {
			to[d.Recipient] = append(to[d.Recipient], e)
		} else {
			through[e.e.Offset.Provider] = append(through[e.e.Offset.Provider], e)
		}
	}
	// A figure of several years links to the first of its entries, on its year's page.
	firstHref := func(es []*EntryRef) string {
		if len(es) == 0 {
			return "#years"
		}
		return r.yearURL(es[0].year()) + "#" + es[0].ID()
	}

	// Headlines: all years, then the latest; and each year's.
	all := Headline{Name: f.w("allYearsSpan", "Span", r.Span), Href: "#years", DonationCount: t.Donations.Count, OffsetCnt: t.Offsets.Count}
	all.Given = f.sums(t.Donations.Total, "donations", all.Href)
	all.Tonnes = f.tonnes(t.Offsets.Tonnes, "offsets.tonnes", all.Href)
	all.Cost = f.sums(t.Offsets.Cost, "offsets.cost", all.Href)
	if rep := t.Reporting; rep != nil {
		all.GivenIn = f.money(rep.Donations.Total, "donations", all.Href)
		all.CostIn = f.money(rep.Offsets.Cost, "offsets.cost", all.Href)
	}
	headlineEvidence(&all, t, f, all.Href)
	r.Headlines = append(r.Headlines, all)
	for i := range r.Years {
		y := &r.Years[i]
		y.Headline = yearHeadline(y.Year, yearTotals(y.Year), f, y.URL)
	}
	latest := r.year(years[0]).Headline
	latest.Name = f.w("inYear", "Year", latest.Name)
	r.Headlines = append(r.Headlines, latest)

	// Donations per year, stacked by recipient; tonnes per year.
	r.Donations, r.Tonnes = charts(t, yearTotals, *f, years, r.yearURL)

	for _, name := range t.Recipients() {
		es := to[name]
		q := "donations recipient=" + strconv.Quote(name)
		row := Row{Name: name, Entries: es, Years: r.yearLinks(es), Given: f.sums(t.Donations.ByRecipient[name], q, firstHref(es))}
		row.Items = itemsOf(l, t.InKind.ByRecipient[name])
		// A recipient given only in kind, with no value declared, has no money figure to convert.
		if rep := t.Reporting; rep != nil && len(t.Donations.ByRecipient[name]) > 0 {
			row.GivenIn = f.money(rep.Donations.ByRecipient[name], q, firstHref(es))
		}
		r.Recipients = append(r.Recipients, row)
	}
	for _, name := range t.Providers() {
		es := through[name]
		o := t.Offsets.ByProvider[name]
		q := " provider=" + strconv.Quote(name)
		row := Row{Name: name, Entries: es, Years: r.yearLinks(es), Tonnes: f.tonnes(o.Tonnes, "offsets.tonnes"+q, firstHref(es)), Cost: f.sums(o.Cost, "offsets.cost"+q, firstHref(es))}
		if rep := t.Reporting; rep != nil {
			if c, ok := rep.Offsets.ByProvider[name]; ok {
				row.CostIn = f.money(c, "offsets.cost"+q, firstHref(es))
			}
		}
		r.Providers = append(r.Providers, row)
	}
	r.addEvidence(t, f)
	return r
}

// yearHeadline is the headline figures of year y, whose totals are yt,
// each linking to href.
func yearHeadline(y string, yt *impact.Totals, f *figs, href string) Headline {
	hl := Headline{Name: y, Href: href, DonationCount: yt.Donations.Count, OffsetCnt: yt.Offsets.Count}
	q := " year=" + y
	hl.Given = f.sums(yt.Donations.Total, "donations"+q, href)
	hl.Tonnes = f.tonnes(yt.Offsets.Tonnes, "offsets.tonnes"+q, href)
	hl.Cost = f.sums(yt.Offsets.Cost, "offsets.cost"+q, href)
	if rep := yt.Reporting; rep != nil {
		hl.GivenIn = f.money(rep.Donations.Total, "donations"+q, href)
		hl.CostIn = f.money(rep.Offsets.Cost, "offsets.cost"+q, href)
	}
	headlineEvidence(&hl, yt, f, href)
	return hl
}

// yearLinks links to each year of es (sorted by day), at its first entry there.
func (r *Report) yearLinks(es []*EntryRef) []Link {
	var links []Link
	for _, e := range es {
		if y := e.year(); len(links) == 0 || links[len(links)-1].Text != y {
			links = append(links, Link{Text: y, Href: r.yearURL(y) + "#" + e.ID()})
		}
	}
	return links
}

// headlineEvidence adds to h what t's evidence gives: tonnes by type,
// declared values, things given in kind.
func headlineEvidence(h *Headline, t *impact.Totals, f *figs, href string) {
	if s := t.Offsets.ByType; s.Split() {
		h.Removal, h.Avoidance = f.tonnes(s.Removal, "", href), f.tonnes(s.Avoidance, "", href)
	}
	if len(t.Donations.Valuations) > 0 {
		h.Valuations = f.sums(t.Donations.Valuations, "", href)
	}
	h.Items = itemRows(f.l, t.InKind.Items)
}

// itemsOf writes counts of things given in kind: "120 smartphone, 35 laptop".
func itemsOf(l *locale.Locale, c impact.Counts) string { return ItemsText(l, c) }

// byYear sums the entries of t counted in each year, in the order of
// t.Entries (each post's donations, then each post's offsets): the
// totals of a year, by year ("2020").
func byYear(t *impact.Totals, rates *impact.Rates) func(year string) *impact.Totals {
	// Pointers to the entries' own donations and offsets, not copies.
	ds := map[int][]*impact.Donation{}
	os := map[int][]*impact.Offset{}
	for i := range t.Entries {
		e := &t.Entries[i]
		if d := e.Donation; d != nil {
			ds[d.Date.Year()] = append(ds[d.Date.Year()], d)
		} else if o := e.Offset; o != nil {
			os[o.Date.Year()] = append(os[o.Date.Year()], o)
		}
	}
	years := map[string]*impact.Totals{}
	for _, y := range t.Years() {
		year, _ := strconv.Atoi(y)
		years[y], _ = impact.Compute(0, ds[year], os[year], impact.WithRates(rates), impact.SumsOnly)
	}
	return func(year string) *impact.Totals {
		if t := years[year]; t != nil {
			return t
		}
		t, _ := impact.Compute(0, nil, nil, impact.WithRates(rates), impact.SumsOnly)
		return t
	}
}

// charts makes the donations chart (stacked by recipient) and the tonnes
// chart, oldest year first, with their tables.
func charts(t *impact.Totals, yearTotals func(string) *impact.Totals, f figs, years []string, yearURL func(string) string) (*ChartWithTable, *ChartWithTable) {
	l := f.l
	asc := make([]string, len(years))
	for i, y := range years {
		asc[len(years)-1-i] = y
	}
	var don, ton *ChartWithTable
	if t.Donations.Count > 0 {
		don = &ChartWithTable{}
		// One unit for the bars: the reporting currency, or the one currency of every donation.
		unit := ""
		if t.Reporting != nil {
			unit = t.Reporting.Currency
		} else if len(t.Donations.Total) == 1 {
			unit = t.Donations.Total[0].Currency.Code
		}
		recipients := t.Recipients()
		index := map[string]int{}
		for i, name := range recipients {
			index[name] = i
		}
		c := chart.Chart{ID: "chart-donations", Series: recipients}
		var desc []string
		for _, y := range asc {
			yt := yearTotals(y)
			if yt.Donations.Count == 0 {
				continue
			}
			bar := chart.Bar{Label: y}
			href := yearURL(y)
			var yearFig, yearGiven Figure
			yearGiven = f.sums(yt.Donations.Total, "donations year="+y, href)
			if yt.Reporting != nil {
				yearFig = f.money(yt.Reporting.Donations.Total, "donations year="+y, href)
				bar.Value = yearFig.Text
			} else {
				bar.Value = yearGiven.Text
			}
			desc = append(desc, f.w.item(y, bar.Value))
			for i, name := range yt.Recipients() {
				q := "donations year=" + y + " recipient=" + strconv.Quote(name)
				row := Row{Year: y, Name: name, Given: f.sums(yt.Donations.ByRecipient[name], q, href)}
				if i == 0 {
					row.First, row.YearRows, row.YearTotal, row.YearTotalGiven = true, len(yt.Recipients()), yearFig, yearGiven
				}
				var size impact.Money
				var ok bool
				if yt.Reporting != nil && len(yt.Donations.ByRecipient[name]) > 0 {
					size, ok = yt.Reporting.Donations.ByRecipient[name], true
					row.GivenIn = f.money(size, q, href)
				} else if yt.Reporting == nil {
					size, ok = yt.Donations.ByRecipient[name].Get(unit)
				}
				if ok {
					bar.Segments = append(bar.Segments, chart.Segment{Series: index[name], Size: size.Amount, Label: l.Money(size)})
				}
				don.Rows = append(don.Rows, row)
			}
			c.Bars = append(c.Bars, bar)
		}
		if unit != "" {
			cur, _ := impact.ParseCurrency(unit)
			c.Title = f.w("chartDonationsTitle", "Symbol", l.Symbol(cur), "Code", unit)
			c.Desc = f.w("chartDonationsDesc", "Figures", f.w.list(desc))
			don.SVG = c.SVG()
		} else {
			don.Note = f.w("chartNoCurrency")
		}
	}
	if t.Offsets.Count > 0 {
		ton = &ChartWithTable{}
		c := chart.Chart{ID: "chart-tonnes", Title: f.w("chartTonnesTitle")}
		var desc []string
		for _, y := range asc {
			o := t.Offsets.ByYear[y]
			if o == nil {
				continue
			}
			href := yearURL(y)
			q := " year=" + y
			row := Row{Year: y, Name: y, Tonnes: f.tonnes(o.Tonnes, "offsets.tonnes"+q, href), Cost: f.sums(o.Cost, "offsets.cost"+q, href)}
			if t.Reporting != nil {
				if cst, ok := t.Reporting.Offsets.ByYear[y]; ok {
					row.CostIn = f.money(cst, "offsets.cost"+q, href)
				}
			}
			ton.Rows = append(ton.Rows, row)
			text := l.Tonnes(o.Tonnes) + " t"
			c.Bars = append(c.Bars, chart.Bar{Label: y, Value: text, Segments: []chart.Segment{{Size: o.Tonnes.Decimal, Label: text}}})
			desc = append(desc, f.w.item(y, text))
		}
		c.Desc = f.w("chartTonnesDesc", "Figures", f.w.list(desc))
		ton.SVG = c.SVG()
	}
	return don, ton
}

// figs makes the report's figures.
type figs struct {
	l        *locale.Locale
	w        Words
	rc       impact.Currency
	evidence evidenceLinks
}

func (f figs) sums(s impact.Sums, of, href string) Figure {
	parts := make([]string, len(s))
	for i, m := range s {
		parts[i] = m.String()
	}
	return Figure{Text: f.l.Sums(s), Value: strings.Join(parts, " + "), Of: of, As: "given", Href: href}
}

func (f figs) money(m impact.Money, of, href string) Figure {
	if m.Currency.Code == "" {
		m.Currency = f.rc
	}
	return Figure{Text: f.l.Money(m), Value: m.String(), Of: of, As: "reporting", Href: href}
}

func (f figs) tonnes(t impact.Tonnes, of, href string) Figure {
	return Figure{Text: f.l.Tonnes(t) + " t", Value: t.String() + " t", Of: of, As: "given", Href: href}
}
