package report

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/impactblog/impactblog/internal/chart"
	"github.com/impactblog/impactblog/internal/impact"
)

// # A year's report
//
// The impact page is the overview: every figure of the site, by year, by
// recipient and by provider, each year's headline figures, and a link to
// each year's page (Report.Years). A year's page is the report of that
// year alone (Report.Year): its headline figures, its donations and offsets
// as a bar each with a row per recipient and provider, its emissions by
// scope, the rates of that year, and each of its entries, with their
// evidence. An entry's anchor there is its stable id (impact.EntryID), so
// /impact/2020/#entry-3f9a1c2b7e4d-d1 points at the same entry however
// many posts are added, and impact.json and impact.csv give the same id.
// The entries' numbers (N) are their places in their year, for people to
// count; they are not ids.

// Years lists every year an entry of t counts in (a donation, a
// sponsorship or purchase, an offset or an emission), oldest first: the
// years that have a page of their own. t must hold its Entries.
func Years(t *impact.Totals) []string {
	seen := map[int]bool{}
	for i := range t.Entries {
		seen[t.Entries[i].Date().Year()] = true
	}
	ys := make([]int, 0, len(seen))
	for y := range seen {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	out := make([]string, len(ys))
	for i, y := range ys {
		out[i] = strconv.Itoa(y)
	}
	return out
}

// A Year is the report of one year, for its page.
type Year struct {
	Year     string    // "2020"
	Title    string    // "Our 2020 impact"
	URL      string    // its page (Options.YearURL)
	AsOf     time.Time // as the whole report is (Report.AsOf)
	Currency string    // the reporting currency; "" when nothing is converted
	Headline Headline  // the year's figures, each linking to its entries
	// Donations is the year's donations as one bar, stacked by
	// recipient, and a row per recipient with its entries; Tonnes, the
	// year's offsets by provider. nil without any.
	Donations, Tonnes *ChartWithTable
	Scopes            []ScopeRow        // the year's emissions by scope, then scope 3 by category
	Emissions         []*EntryRef       // the year's emissions
	Payments          []*EntryRef       // the year's sponsorships and purchases: in no total
	Rates             []impact.UsedRate // the rates the year's entries are converted at
	Prev, Next        *EntryYear        // the years before and after that have a page; nil at the ends
	refs              []*EntryRef
}

// Entries are the year's donations and offsets, oldest first, written
// out when the page asks for them.
func (y *Year) Entries() []*Entry { return entries(y.refs) }

// A yearSlot holds a year's report once made.
type yearSlot struct {
	once sync.Once
	y    *Year
}

// year is the EntryYear of y; nil when no entry counts in y.
func (r *Report) year(y string) *EntryYear {
	if i, ok := r.yearIndex(y); ok {
		return &r.Years[i]
	}
	return nil
}

// yearIndex is the index of y in r.Years.
func (r *Report) yearIndex(y string) (int, bool) {
	// Years have four digits until the year 10000.
	return sort.Find(len(r.Years), func(i int) int { return strings.Compare(y, r.Years[i].Year) })
}

// Year is the report of year y ("2020"), made the first time a page asks
// for it; nil when no entry counts in y. Its figures are those of y on the
// impact page.
func (r *Report) Year(y string) *Year {
	i, ok := r.yearIndex(y)
	if !ok {
		return nil
	}
	slot := &r.years[i]
	slot.once.Do(func() { slot.y = r.makeYear(i) })
	return slot.y
}

// makeYear makes the report of r.Years[i].
func (r *Report) makeYear(i int) *Year {
	ey := &r.Years[i]
	f := r.f
	y := &Year{Year: ey.Year, Title: ey.Title, URL: ey.URL, AsOf: r.AsOf, Currency: r.Currency, refs: ey.refs}
	if i > 0 {
		y.Prev = &r.Years[i-1]
	}
	if i+1 < len(r.Years) {
		y.Next = &r.Years[i+1]
	}
	inYear := func(refs []*EntryRef) []*EntryRef {
		var out []*EntryRef
		for _, e := range refs {
			if e.year() == ey.Year {
				out = append(out, e)
			}
		}
		return out
	}
	y.Emissions, y.Payments = inYear(r.Emissions), inYear(r.Payments)

	// The year's totals, with its emissions (for the scopes) and its
	// sponsorships and purchases (in no sum): the same sums as the
	// impact page's figures of the year.
	var ds []*impact.Donation
	var os []*impact.Offset
	var es []*impact.Emission
	for _, e := range ey.refs {
		if d := e.e.Donation; d != nil {
			ds = append(ds, d)
		} else {
			os = append(os, e.e.Offset)
		}
	}
	for _, e := range y.Payments {
		ds = append(ds, e.e.Donation)
	}
	for _, e := range y.Emissions {
		es = append(es, e.e.Emission)
	}
	opts := []impact.Option{impact.WithRates(r.rates), impact.SumsOnly}
	if len(es) > 0 {
		opts = append(opts, impact.WithEmissions(es))
	}
	yt, _ := impact.Compute(0, ds, os, opts...) // a missing rate is the site's problem, reported by its totals
	y.Headline = yearHeadline(ey.Year, yt, f, "#entries")
	if yt.Reporting != nil {
		y.Rates = yt.Reporting.UsedRates()
	}
	y.Scopes = scopeRows(f, &yt.Emissions)

	to, through := map[string][]*EntryRef{}, map[string][]*EntryRef{}
	for _, e := range ey.refs {
		if d := e.e.Donation; d != nil {
			to[d.Recipient] = append(to[d.Recipient], e)
		} else {
			through[e.e.Offset.Provider] = append(through[e.e.Offset.Provider], e)
		}
	}
	first := func(es []*EntryRef) string {
		if len(es) == 0 {
			return "#entries"
		}
		return "#" + es[0].ID()
	}
	q := " year=" + ey.Year
	if recipients := yt.Recipients(); len(recipients) > 0 {
		y.Donations = &ChartWithTable{}
		// One unit for the bar: the reporting currency, or the one currency of every donation.
		unit := r.Currency
		if unit == "" && len(yt.Donations.Total) == 1 {
			unit = yt.Donations.Total[0].Currency.Code
		}
		c := chart.Chart{ID: "chart-donations", Series: recipients}
		bar := chart.Bar{Label: ey.Year}
		var desc []string
		for i, name := range recipients {
			es := to[name]
			qr := "donations" + q + " recipient=" + strconv.Quote(name)
			row := Row{Name: name, Year: ey.Year, Entries: es, Items: itemsOf(f.l, yt.InKind.ByRecipient[name])}
			given := yt.Donations.ByRecipient[name]
			if len(given) > 0 {
				row.Given = f.sums(given, qr, first(es))
			}
			var size impact.Money
			var ok bool
			if rep := yt.Reporting; rep != nil {
				if len(given) > 0 {
					size, ok = rep.Donations.ByRecipient[name], true
					row.GivenIn = f.money(size, qr, first(es))
				}
			} else {
				size, ok = given.Get(unit)
			}
			if ok {
				bar.Segments = append(bar.Segments, chart.Segment{Series: i, Size: size.Amount, Label: f.l.Money(size)})
				desc = append(desc, f.w.item(name, f.l.Money(size)))
			}
			y.Donations.Rows = append(y.Donations.Rows, row)
		}
		if unit != "" {
			bar.Value = y.Headline.Given.Text
			if yt.Reporting != nil {
				bar.Value = y.Headline.GivenIn.Text
			}
			cur, _ := impact.ParseCurrency(unit)
			c.Title = f.w("chartYearDonationsTitle", "Year", ey.Year, "Symbol", f.l.Symbol(cur), "Code", unit)
			c.Desc = f.w("chartYearDonationsDesc", "Figures", f.w.list(desc))
			c.Bars = []chart.Bar{bar}
			y.Donations.SVG = c.SVG()
		} else {
			y.Donations.Note = f.w("chartNoCurrency")
		}
	}
	if providers := yt.Providers(); len(providers) > 0 {
		y.Tonnes = &ChartWithTable{}
		c := chart.Chart{ID: "chart-tonnes", Title: f.w("chartYearTonnesTitle", "Year", ey.Year), Series: providers}
		bar := chart.Bar{Label: ey.Year, Value: y.Headline.Tonnes.Text}
		var desc []string
		for i, name := range providers {
			es := through[name]
			o := yt.Offsets.ByProvider[name]
			qp := q + " provider=" + strconv.Quote(name)
			row := Row{Name: name, Year: ey.Year, Entries: es, Tonnes: f.tonnes(o.Tonnes, "offsets.tonnes"+qp, first(es)), Cost: f.sums(o.Cost, "offsets.cost"+qp, first(es))}
			if rep := yt.Reporting; rep != nil {
				if cst, ok := rep.Offsets.ByProvider[name]; ok {
					row.CostIn = f.money(cst, "offsets.cost"+qp, first(es))
				}
			}
			text := f.l.Tonnes(o.Tonnes) + " t"
			bar.Segments = append(bar.Segments, chart.Segment{Series: i, Size: o.Tonnes.Decimal, Label: text})
			desc = append(desc, f.w.item(name, text))
			y.Tonnes.Rows = append(y.Tonnes.Rows, row)
		}
		c.Desc = f.w("chartYearTonnesDesc", "Figures", f.w.list(desc))
		c.Bars = []chart.Bar{bar}
		y.Tonnes.SVG = c.SVG()
	}
	return y
}
