package report

import (
	"html/template"

	"github.com/impactblog/impactblog/internal/chart"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/shopspring/decimal"
)

// A PostReport is what a post page shows beside its own figures.
type PostReport struct {
	Shares    []Share       // per year its entries count in, oldest first
	Emissions template.HTML // the emissions breakdown as a bar; empty without one
}

// A Share is a post's part of one year's totals: "£45,000 of £157,000 (28.7%)".
type Share struct {
	Year                     string
	Href                     string // the year's page, set by the caller
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

// ForPost makes what a post's page shows beside its figures: pt, the
// post's own sums, as shares of t, the site's, and the breakdown of its
// emissions (its slug names the chart), its words w's (nil: English).
func ForPost(t, pt *impact.Totals, emissions []post.Emission, slug string, l *locale.Locale, w Words) *PostReport {
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
	if len(emissions) > 0 {
		r.Emissions = emissionsBar(l, w.or(), emissions, slug)
	}
	return r
}

// emissionsBar draws a post's emissions breakdown as one labelled bar.
func emissionsBar(l *locale.Locale, w Words, emissions []post.Emission, slug string) template.HTML {
	c := chart.Chart{ID: "chart-emissions-" + slug, Title: w("chartEmissionsTitle")}
	bar := chart.Bar{}
	total := decimal.Zero
	byShare := emissions[0].Share.IsPositive()
	for _, e := range emissions {
		if byShare {
			total = total.Add(e.Share)
		} else {
			total = total.Add(e.Tonnes.Decimal)
		}
	}
	var desc []string
	for i, e := range emissions {
		size, label := e.Share, l.Number(e.Share, 0)+"%"
		if !e.Share.IsPositive() {
			size = e.Tonnes.Decimal
			label = l.Tonnes(e.Tonnes) + " t (" + percent(l, size, total) + ")"
		} else if !e.Share.Equal(e.Share.Truncate(0)) {
			label = e.Share.String() + "%"
		}
		c.Series = append(c.Series, w.item(e.Source, label))
		bar.Segments = append(bar.Segments, chart.Segment{Series: i, Size: size, Label: label})
		desc = append(desc, w.item(e.Source, label))
	}
	hundred := decimal.NewFromInt(100)
	if byShare && total.LessThan(hundred) {
		rest := hundred.Sub(total)
		label := rest.String() + "%"
		c.Series = append(c.Series, w("chartNotBrokenDown", "Value", label))
		bar.Segments = append(bar.Segments, chart.Segment{Series: len(c.Series) - 1, Size: rest, Label: label})
		desc = append(desc, w("chartNotBrokenDownDesc", "Value", label))
	}
	if byShare {
		bar.Value = "100%"
	} else {
		bar.Value = l.Tonnes(impact.Tonnes{Decimal: total}) + " t"
	}
	c.Desc = w("chartEmissionsDesc", "Figures", w.list(desc))
	c.Bars = []chart.Bar{bar}
	return c.SVG()
}
