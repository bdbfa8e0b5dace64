package site

import (
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/chart"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/shopspring/decimal"
)

// rateProblems turns the missing rates of impact.ComputeIn into problems
// at the entries that need them.
func rateProblems(err error) problem.List {
	if err == nil {
		return nil
	}
	var list problem.List
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var re *impact.RateError
		if errors.As(e, &re) {
			list.Add(re.Source.File, re.Source.Line, 0, "no rate for %s in %d in site.toml: add %s = \"…\" under [rates.%d]", re.Code, re.Year, re.Code, re.Year)
		} else {
			list.Add("", 0, 0, "%v", e)
		}
	}
	return list
}

// A Report is the impact page as an annual report: headline figures,
// charts with their tables, figures by recipient and provider, the rates
// used and every entry. Every figure in it comes from impact.ComputeOf
// (the site's totals) or impact.SumOf (the totals of one year's entries),
// and links to the entries that make it.
type Report struct {
	Currency   string // the reporting currency; "" when nothing is converted
	Span       string // "2019–2023"
	Headlines  []Headline
	Donations  *ChartWithTable // nil without donations
	Tonnes     *ChartWithTable // nil without offsets
	Recipients []ReportRow
	Providers  []ReportRow
	Rates      []impact.UsedRate
	Years      []EntryYear // every entry, by year, oldest first
}

// A Fig is one figure of the report, written for people, with what it is
// (Of, in the syntax of figures in posts: `donations year=2020`), whether it
// is as given or converted (As: "given" or "reporting"), its exact value
// ("157000.00 GBP", "3750.00 EUR + 5000.00 GBP", "31.400 t") and a link to
// the entries that make it.
type Fig struct {
	Text, Value, Of, As, Href string
}

// A Headline is the headline figures of a period: all years, or one.
type Headline struct {
	Name, Href               string
	Given, GivenIn           Fig
	Tonnes, Cost, CostIn     Fig
	DonationCount, OffsetCnt int
}

// A ChartWithTable is a chart and the rows of the table beside it.
type ChartWithTable struct {
	SVG  template.HTML
	Note string // why there is no chart, when SVG is empty
	Rows []ReportRow
}

// A ReportRow is one line of a table: a year, a recipient or a provider.
type ReportRow struct {
	Name, ID        string
	Year            string
	Given, GivenIn  Fig
	Tonnes          Fig
	Cost, CostIn    Fig
	Entries         []*EntryRef
	First           bool // the first row of its year, in a table grouped by year
	YearRows        int  // on the first row: how many rows the year has
	YearTotal       Fig  // on the first row: the year's total
	YearTotalGiven  Fig
	YearTotalTonnes Fig
}

// An EntryYear is the entries counted in one year.
type EntryYear struct {
	Year string
	ID   string // "entries-2020"
	refs []*EntryRef
}

// Entries are the year's entries, written out when the page asks for
// them: a blog with hundreds of thousands of entries holds the text of one
// year's at a time, not of all.
func (y EntryYear) Entries() []*ReportEntry {
	out := make([]*ReportEntry, len(y.refs))
	each := make([]ReportEntry, len(y.refs))
	for i, r := range y.refs {
		each[i] = r.entry()
		out[i] = &each[i]
	}
	return out
}

// An EntryRef is an entry of the report as a table row links to it.
type EntryRef struct {
	N    int // numbered oldest first, from 1
	post *Post
	e    *impact.Entry
	f    *figs
	day  int32 // of the entry's date, for sorting: 20200131
}

// ID is the entry's anchor on the impact page: "entry-3".
func (r *EntryRef) ID() string { return "entry-" + strconv.Itoa(r.N) }

// The rest of a ReportEntry, for a template that shows more of a row's
// entries than their links: each writes out the entry.

func (r *EntryRef) Kind() string      { return r.entry().Kind }
func (r *EntryRef) Date() time.Time   { return r.entry().Date }
func (r *EntryRef) Name() string      { return r.entry().Name }
func (r *EntryRef) Project() string   { return r.entry().Project }
func (r *EntryRef) Given() string     { return r.entry().Given }
func (r *EntryRef) Converted() string { return r.entry().Converted }
func (r *EntryRef) Tonnes() string    { return r.entry().Tonnes }
func (r *EntryRef) Rate() string      { return r.entry().Rate }
func (r *EntryRef) Post() *Post       { return r.post }
func (r *EntryRef) Source() string    { return r.entry().Source }

// A ReportEntry is one donation or offset, with where it was written.
type ReportEntry struct {
	N                int
	ID               string // "entry-3"
	Kind             string // "donation" or "offset"
	Date             time.Time
	Name             string // recipient or provider
	Project          string
	Given, Converted string // written for people
	Tonnes           string
	Rate             string
	Post             *Post
	Source           string // "posts/x.md:12"
}

// entry writes out the entry r refers to.
func (r *EntryRef) entry() ReportEntry {
	e, l := r.e, r.f.l
	y, m, d := e.Date().Date()
	re := ReportEntry{N: r.N, ID: r.ID(), Kind: e.Kind(), Date: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Post: r.post, Source: e.Source().Position()}
	var given *impact.Money
	if dn := e.Donation; dn != nil {
		re.Name, re.Project, given = dn.Recipient, dn.Project, &dn.Money
	} else {
		o := e.Offset
		re.Name, re.Project, given = o.Provider, o.Project, o.Cost
		re.Tonnes = l.Tonnes(impact.Tonnes{Decimal: o.Tonnes.Round(impact.TonnesDigits)})
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

// Report is the impact page's report, made the first time a page asks for
// it: a rebuild in serve does not pay for it until the page is shown.
func (s *Site) Report() *Report {
	s.reportOnce.Do(func() { s.report = newReport(s) })
	return s.report
}

// Report is what the post's page shows beside its figures, made the first
// time the page asks for it and kept with the post's totals (hold).
func (p *Post) Report() *PostReport {
	k := p.kept.Load()
	if k == nil {
		return newPostReport(p.site, p)
	}
	k.reportOnce.Do(func() { k.report = newPostReport(p.site, p) })
	return k.report
}

func newReport(s *Site) *Report {
	t, l := s.Totals, s.locale
	r := &Report{}
	if t.Reporting != nil {
		r.Currency = t.Reporting.Currency
		r.Rates = t.Reporting.UsedRates()
	}
	rc := reportingCurrency(s)
	f := &figs{l: l, rc: rc}
	years := t.Years()
	if len(years) == 0 {
		return r
	}
	r.Span = years[len(years)-1]
	if len(years) > 1 {
		r.Span += "–" + years[0]
	}

	// Every entry, numbered oldest first.
	byURL := map[string]*Post{}
	for _, p := range s.Posts {
		byURL[p.URL()] = p
	}
	each := make([]EntryRef, len(t.Entries)) // one allocation
	sorted := make([]*EntryRef, len(t.Entries))
	for i := range t.Entries {
		e := &t.Entries[i]
		y, m, d := e.Date().Date()
		each[i] = EntryRef{post: byURL[e.Source().Post], e: e, f: f, day: int32(y*10000 + int(m)*100 + d)}
		sorted[i] = &each[i]
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].day < sorted[j].day })
	// Sorted by day, each year's entries follow one another.
	lastYear := int32(-1)
	for i, e := range sorted {
		e.N = i + 1
		if y := e.day / 10000; y != lastYear {
			lastYear = y
			ys := strconv.Itoa(int(y))
			r.Years = append(r.Years, EntryYear{Year: ys, ID: "entries-" + ys})
		}
		last := &r.Years[len(r.Years)-1]
		last.refs = append(last.refs, e)
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
	firstHref := func(es []*EntryRef) string {
		if len(es) == 0 {
			return "#entries"
		}
		return "#" + es[0].ID()
	}

	// Headlines: all years, then the latest.
	all := Headline{Name: "All years, " + r.Span, Href: "#entries", DonationCount: t.Donations.Count, OffsetCnt: t.Offsets.Count}
	all.Given = f.sums(t.Donations.Total, "donations", "#entries")
	all.Tonnes = f.tonnes(t.Offsets.Tonnes, "offsets.tonnes", "#entries")
	all.Cost = f.sums(t.Offsets.Cost, "offsets.cost", "#entries")
	if rep := t.Reporting; rep != nil {
		all.GivenIn = f.money(rep.Donations.Total, "donations", "#entries")
		all.CostIn = f.money(rep.Offsets.Cost, "offsets.cost", "#entries")
	}
	r.Headlines = append(r.Headlines, all)
	latest := years[0]
	yt := s.yearTotals(latest)
	hl := Headline{Name: "In " + latest, Href: "#entries-" + latest, DonationCount: yt.Donations.Count, OffsetCnt: yt.Offsets.Count}
	q := " year=" + latest
	hl.Given = f.sums(yt.Donations.Total, "donations"+q, hl.Href)
	hl.Tonnes = f.tonnes(yt.Offsets.Tonnes, "offsets.tonnes"+q, hl.Href)
	hl.Cost = f.sums(yt.Offsets.Cost, "offsets.cost"+q, hl.Href)
	if rep := yt.Reporting; rep != nil {
		hl.GivenIn = f.money(rep.Donations.Total, "donations"+q, hl.Href)
		hl.CostIn = f.money(rep.Offsets.Cost, "offsets.cost"+q, hl.Href)
	}
	r.Headlines = append(r.Headlines, hl)

	// Donations per year, stacked by recipient; tonnes per year.
	r.Donations, r.Tonnes = s.charts(*f, years)

	for _, name := range t.Recipients() {
		es := to[name]
		q := "donations recipient=" + strconv.Quote(name)
		row := ReportRow{Name: name, Entries: es, Given: f.sums(t.Donations.ByRecipient[name], q, firstHref(es))}
		if rep := t.Reporting; rep != nil {
			row.GivenIn = f.money(rep.Donations.ByRecipient[name], q, firstHref(es))
		}
		r.Recipients = append(r.Recipients, row)
	}
	for _, name := range t.Providers() {
		es := through[name]
		o := t.Offsets.ByProvider[name]
		q := " provider=" + strconv.Quote(name)
		row := ReportRow{Name: name, Entries: es, Tonnes: f.tonnes(o.Tonnes, "offsets.tonnes"+q, firstHref(es)), Cost: f.sums(o.Cost, "offsets.cost"+q, firstHref(es))}
		if rep := t.Reporting; rep != nil {
			if c, ok := rep.Offsets.ByProvider[name]; ok {
				row.CostIn = f.money(c, "offsets.cost"+q, firstHref(es))
			}
		}
		r.Providers = append(r.Providers, row)
	}
	return r
}

// reportingCurrency is the currency of the converted figures, or of every
// figure when they are all in one; zero when there is none.
func reportingCurrency(s *Site) impact.Currency {
	if s.Config.Rates != nil {
		return s.Config.Rates.To
	}
	return impact.Currency{}
}

// yearTotals computes the totals of the entries counted in year.
func (s *Site) yearTotals(year string) *impact.Totals {
	s.yearsOnce.Do(func() {
		// Pointers to the posts' own donations and offsets, not copies.
		ds := map[int][]*impact.Donation{}
		os := map[int][]*impact.Offset{}
		for _, p := range s.Posts {
			for i := range p.Donations {
				d := &p.Donations[i]
				ds[d.Date.Year()] = append(ds[d.Date.Year()], d)
			}
			for i := range p.Offsets {
				o := &p.Offsets[i]
				os[o.Date.Year()] = append(os[o.Date.Year()], o)
			}
		}
		s.byYear = map[string]*impact.Totals{}
		for _, y := range s.Totals.Years() {
			year, _ := strconv.Atoi(y)
			s.byYear[y], _ = impact.SumOf(s.Config.Rates, 0, ds[year], os[year])
		}
	})
	if t := s.byYear[year]; t != nil {
		return t
	}
	t, _ := impact.SumIn(s.Config.Rates, 0, nil, nil)
	return t
}

// charts makes the donations chart (stacked by recipient) and the tonnes
// chart, oldest year first, with their tables.
func (s *Site) charts(f figs, years []string) (*ChartWithTable, *ChartWithTable) {
	t, l := s.Totals, s.locale
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
			yt := s.yearTotals(y)
			if yt.Donations.Count == 0 {
				continue
			}
			bar := chart.Bar{Label: y}
			href := "#entries-" + y
			var yearFig, yearGiven Fig
			yearGiven = f.sums(yt.Donations.Total, "donations year="+y, href)
			if yt.Reporting != nil {
				yearFig = f.money(yt.Reporting.Donations.Total, "donations year="+y, href)
				bar.Value = yearFig.Text
			} else {
				bar.Value = yearGiven.Text
			}
			desc = append(desc, y+": "+bar.Value)
			for i, name := range yt.Recipients() {
				q := "donations year=" + y + " recipient=" + strconv.Quote(name)
				row := ReportRow{Year: y, Name: name, Given: f.sums(yt.Donations.ByRecipient[name], q, href)}
				if i == 0 {
					row.First, row.YearRows, row.YearTotal, row.YearTotalGiven = true, len(yt.Recipients()), yearFig, yearGiven
				}
				var size impact.Money
				var ok bool
				if yt.Reporting != nil {
					size, ok = yt.Reporting.Donations.ByRecipient[name], true
					row.GivenIn = f.money(size, q, href)
				} else {
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
			c.Title = "Donations per year, in " + l.Symbol(cur) + " (" + unit + "), by recipient"
			c.Desc = "A bar per year, stacked by recipient. " + strings.Join(desc, "; ") + ". The table below gives every figure."
			don.SVG = c.SVG()
		} else {
			don.Note = "The donations are in several currencies and site.toml declares no reporting currency, so there is no chart: the table gives each currency as given."
		}
	}
	if t.Offsets.Count > 0 {
		ton = &ChartWithTable{}
		c := chart.Chart{ID: "chart-tonnes", Title: "Tonnes of CO₂e offset per year"}
		var desc []string
		for _, y := range asc {
			o := t.Offsets.ByYear[y]
			if o == nil {
				continue
			}
			href := "#entries-" + y
			q := " year=" + y
			row := ReportRow{Year: y, Name: y, Tonnes: f.tonnes(o.Tonnes, "offsets.tonnes"+q, href), Cost: f.sums(o.Cost, "offsets.cost"+q, href)}
			if t.Reporting != nil {
				if cst, ok := t.Reporting.Offsets.ByYear[y]; ok {
					row.CostIn = f.money(cst, "offsets.cost"+q, href)
				}
			}
			ton.Rows = append(ton.Rows, row)
			text := l.Tonnes(o.Tonnes) + " t"
			c.Bars = append(c.Bars, chart.Bar{Label: y, Value: text, Segments: []chart.Segment{{Size: o.Tonnes.Decimal, Label: text}}})
			desc = append(desc, y+": "+text)
		}
		c.Desc = "A bar per year. " + strings.Join(desc, "; ") + ". The table below gives every figure."
		ton.SVG = c.SVG()
	}
	return don, ton
}

// figs makes the report's figures.
type figs struct {
	l  *locale.Locale
	rc impact.Currency
}

func (f figs) sums(s impact.Sums, of, href string) Fig {
	parts := make([]string, len(s))
	for i, m := range s {
		parts[i] = m.String()
	}
	return Fig{Text: f.l.Sums(s), Value: strings.Join(parts, " + "), Of: of, As: "given", Href: href}
}

func (f figs) money(m impact.Money, of, href string) Fig {
	if m.Currency.Code == "" {
		m.Currency = f.rc
	}
	return Fig{Text: f.l.Money(m), Value: m.String(), Of: of, As: "reporting", Href: href}
}

func (f figs) tonnes(t impact.Tonnes, of, href string) Fig {
	return Fig{Text: f.l.Tonnes(t) + " t", Value: t.String() + " t", Of: of, As: "given", Href: href}
}

// figureProblems are the problems of a post's figures in prose, at their
// line and column in the post's file.
func figureProblems(p *post.Post, doc *markdown.Document) problem.List {
	if doc == nil {
		return nil
	}
	var list problem.List
	for _, fp := range doc.Problems {
		list.Add(p.File, p.BodyLine+fp.Line-1, fp.Col, "%v", fp.Err)
	}
	return list
}

// renderFigures renders again the posts that quote figures ({{< total … >}}),
// now that the totals are known. It runs on every build, so a post quoting
// a total is always up to date with every other post's figures.
func (s *Site) renderFigures(md *markdown.Renderer, posts []*Post) {
	for _, p := range posts {
		doc, err := md.RenderWith(p.Body, markdown.Env{Resolve: p.resolve, Figures: figureSource{s: s, post: p}})
		if err != nil {
			s.problems.Add(p.File, p.BodyLine, 0, "rendering Markdown: %v", err)
			continue
		}
		s.problems = append(s.problems, figureProblems(p.Post, doc)...)
		p.setHTML(doc.HTML)
		p.summary = summary{text: doc.Summary}
	}
}

// figureSource gives the figures of the site, or of one post, to a post's text.
type figureSource struct {
	s    *Site
	post *Post
}

// Figure computes one figure with impact.ComputeIn over the entries it
// names, and writes it like the rest of the site.
func (fs figureSource) Figure(f *markdown.Figure) (string, error) {
	s, l := fs.s, fs.s.locale
	own, name := f.Own()
	posts := s.Posts
	if own {
		posts = []*Post{fs.post}
	}
	year, recipient, provider := f.Args["year"], f.Args["recipient"], f.Args["provider"]
	totals, where := s.Totals, "on the site"
	if own {
		totals, where = fs.post.Totals(), "in this post"
	}
	if recipient != "" && totals.Donations.ByRecipient[recipient] == nil {
		return "", fmt.Errorf("no donation to %q %s: the recipients are %s", recipient, where, quoteAll(totals.Recipients()))
	}
	if provider != "" && totals.Offsets.ByProvider[provider] == nil {
		return "", fmt.Errorf("no offset through %q %s: the providers are %s", provider, where, quoteAll(totals.Providers()))
	}
	var ds []impact.Donation
	var os []impact.Offset
	for _, p := range posts {
		for _, d := range p.Donations {
			if (year == "" || strconv.Itoa(d.Date.Year()) == year) && (recipient == "" || d.Recipient == recipient) {
				ds = append(ds, d)
			}
		}
		for _, o := range p.Offsets {
			if (year == "" || strconv.Itoa(o.Date.Year()) == year) && (provider == "" || o.Provider == provider) {
				os = append(os, o)
			}
		}
	}
	t, err := impact.ComputeIn(s.Config.Rates, len(posts), ds, os)
	if err != nil {
		return "", nil // a missing rate: reported at its entry by the site's totals
	}
	money := func(given impact.Sums, reported func(*impact.Reporting) impact.Money) string {
		if code := f.Args["currency"]; code != "" {
			m, ok := given.Get(code)
			if !ok {
				c, _ := impact.ParseCurrency(code)
				m = impact.Money{Amount: decimal.Zero, Currency: c}
			}
			return l.Money(m)
		}
		if t.Reporting != nil {
			return l.Money(reported(t.Reporting))
		}
		if len(given) == 0 {
			return l.Money(impact.Money{Amount: decimal.Zero, Currency: s.Config.Cur})
		}
		return l.Sums(given)
	}
	switch name {
	case "donations":
		return money(t.Donations.Total, func(r *impact.Reporting) impact.Money { return r.Donations.Total }), nil
	case "donations.count":
		return strconv.Itoa(t.Donations.Count), nil
	case "offsets.tonnes":
		return l.Tonnes(t.Offsets.Tonnes), nil
	case "offsets.cost":
		return money(t.Offsets.Cost, func(r *impact.Reporting) impact.Money { return r.Offsets.Cost }), nil
	case "offsets.count":
		return strconv.Itoa(t.Offsets.Count), nil
	case "posts":
		return strconv.Itoa(len(s.Posts)), nil
	}
	return "", fmt.Errorf("unknown figure %q", f.Name)
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	if len(q) == 0 {
		return "none yet"
	}
	return strings.Join(q, ", ")
}

// A PostReport is what a post page shows beside its own figures.
type PostReport struct {
	Shares    []Share       // per year its entries count in, oldest first
	Emissions template.HTML // the emissions breakdown as a bar; empty without one
}

// A Share is a post's part of one year's totals: "£45,000 of £157,000 (28.7%)".
type Share struct {
	Year                     string
	Given, YearGiven, Pct    string // empty when the post gave nothing that year
	Tonnes, YearTonnes, TPct string // empty when it offset nothing that year
}

// percent is part/whole × 100, exact to four decimals, written with one.
func percent(l *locale.Locale, part, whole decimal.Decimal) string {
	if !whole.IsPositive() {
		return ""
	}
	return l.Number(part.Mul(decimal.NewFromInt(100)).DivRound(whole, 4), 1) + "%"
}

func newPostReport(s *Site, p *Post) *PostReport {
	l, t, pt := s.locale, s.Totals, p.Totals()
	r := &PostReport{}
	years := pt.Years()
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		sh := Share{Year: y}
		if given := pt.Donations.ByYear[y]; len(given) > 0 {
			sh.Given, sh.YearGiven = l.Sums(given), l.Sums(t.Donations.ByYear[y])
			switch {
			case pt.Reporting != nil && t.Reporting != nil:
				part, whole := pt.Reporting.Donations.ByYear[y], t.Reporting.Donations.ByYear[y]
				sh.Given, sh.YearGiven = l.Money(part), l.Money(whole)
				sh.Pct = percent(l, part.Amount, whole.Amount)
			case len(given) == 1 && len(t.Donations.ByYear[y]) == 1:
				sh.Pct = percent(l, given[0].Amount, t.Donations.ByYear[y][0].Amount)
			}
		}
		if o := pt.Offsets.ByYear[y]; o != nil {
			whole := t.Offsets.ByYear[y].Tonnes
			sh.Tonnes, sh.YearTonnes = l.Tonnes(o.Tonnes)+" t", l.Tonnes(whole)+" t"
			sh.TPct = percent(l, o.Tonnes.Decimal, whole.Decimal)
		}
		r.Shares = append(r.Shares, sh)
	}
	if len(p.Emissions) > 0 {
		r.Emissions = emissionsBar(l, p)
	}
	return r
}

// emissionsBar draws a post's emissions breakdown as one labelled bar.
func emissionsBar(l *locale.Locale, p *Post) template.HTML {
	c := chart.Chart{ID: "chart-emissions-" + p.Slug, Title: "Where the offset emissions came from"}
	bar := chart.Bar{}
	total := decimal.Zero
	byShare := p.Emissions[0].Share.IsPositive()
	for _, e := range p.Emissions {
		if byShare {
			total = total.Add(e.Share)
		} else {
			total = total.Add(e.Tonnes.Decimal)
		}
	}
	var desc []string
	for i, e := range p.Emissions {
		size, label := e.Share, l.Number(e.Share, 0)+"%"
		if !e.Share.IsPositive() {
			size = e.Tonnes.Decimal
			label = l.Tonnes(e.Tonnes) + " t (" + percent(l, size, total) + ")"
		} else if !e.Share.Equal(e.Share.Truncate(0)) {
			label = e.Share.String() + "%"
		}
		c.Series = append(c.Series, e.Source+": "+label)
		bar.Segments = append(bar.Segments, chart.Segment{Series: i, Size: size, Label: label})
		desc = append(desc, e.Source+": "+label)
	}
	hundred := decimal.NewFromInt(100)
	if byShare && total.LessThan(hundred) {
		rest := hundred.Sub(total)
		label := rest.String() + "%"
		c.Series = append(c.Series, "Not broken down: "+label)
		bar.Segments = append(bar.Segments, chart.Segment{Series: len(c.Series) - 1, Size: rest, Label: label})
		desc = append(desc, "not broken down: "+label)
	}
	if byShare {
		bar.Value = "100%"
	} else {
		bar.Value = l.Tonnes(impact.Tonnes{Decimal: total}) + " t"
	}
	c.Desc = "One bar split by source. " + strings.Join(desc, "; ") + "."
	c.Bars = []chart.Bar{bar}
	return c.SVG()
}
