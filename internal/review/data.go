package review

import (
	"cmp"
	"maps"
	"slices"

	"github.com/impactblog/impactblog/internal/claims/figures"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/shopspring/decimal"
)

// Own lists the figures of a post's own data: each entry's amount,
// tonnes, cost, price per tonne and emission share, and the post's totals.
func Own(p *post.Post) []figures.DataFigure {
	var d data
	var given impact.Sums
	for i := range p.Donations {
		dn := &p.Donations[i]
		d.entry(&impact.Entry{Donation: dn})
		if dn.Counted() && dn.Valued() {
			given = given.Add(dn.Money)
		}
	}
	var tonnes decimal.Decimal
	var cost impact.Sums
	for i := range p.Offsets {
		o := &p.Offsets[i]
		d.entry(&impact.Entry{Offset: o})
		tonnes = tonnes.Add(o.Tonnes.Decimal)
		if o.Cost != nil {
			cost = cost.Add(*o.Cost)
		}
	}
	var emitted decimal.Decimal
	for i := range p.Emissions {
		e := &p.Emissions[i]
		if !e.Share.IsZero() {
			d.add(e.Share, figures.Percent, "", "the share of "+e.Source+" in the emissions")
		}
		if !e.Tonnes.IsZero() {
			d.add(e.Tonnes.Decimal, figures.Tonnes, "", "the emissions of "+e.Source)
			emitted = emitted.Add(e.Tonnes.Decimal)
		}
	}
	if !emitted.IsZero() {
		// Emissions given in tonnes make shares too: 5,310.25 t of 8,000 t is 66.4%.
		d.add(emitted, figures.Tonnes, "", "this post's emissions")
		d.add(decimal.NewFromInt(100), figures.Percent, "", "all of this post's emissions")
		for i := range p.Emissions {
			if e := &p.Emissions[i]; !e.Tonnes.IsZero() {
				d.add(e.Tonnes.Mul(decimal.NewFromInt(100)).DivRound(emitted, 2), figures.Percent, "", "the share of "+e.Source+" in this post's emissions")
			}
		}
	}
	if len(p.Donations) > 1 {
		d.sums(given, "this post's donations")
	}
	if len(p.Offsets) > 1 {
		d.add(tonnes, figures.Tonnes, "", "this post's offsets")
		d.sums(cost, "the cost of this post's offsets")
	}
	return d
}

// Site indexes the figures the whole site's data makes: every entry, and
// the totals overall, per year, per recipient and per provider, in the
// site's currencies and, with rates, in the reporting currency.
func Site(t *impact.Totals) *figures.Index {
	var d data
	if t == nil {
		return figures.NewIndex(nil)
	}
	d.sums(t.Donations.Total, "all donations")
	for _, y := range sortedKeys(t.Donations.ByYear) {
		d.sums(t.Donations.ByYear[y], "the donations of "+y)
	}
	for _, r := range sortedKeys(t.Donations.ByRecipient) {
		d.sums(t.Donations.ByRecipient[r], "all donations to "+r)
	}
	d.add(t.Offsets.Tonnes.Decimal, figures.Tonnes, "", "all offsets")
	d.add(t.Emissions.Tonnes.Decimal, figures.Tonnes, "", "all emissions given in tonnes")
	for _, sc := range sortedKeys(t.Emissions.ByScope) {
		d.add(t.Emissions.ByScope[sc].Tonnes.Decimal, figures.Tonnes, "", "the scope "+sc+" emissions")
	}
	d.sums(t.Offsets.Cost, "the cost of all offsets")
	for _, y := range sortedKeys(t.Offsets.ByYear) {
		d.add(t.Offsets.ByYear[y].Tonnes.Decimal, figures.Tonnes, "", "the offsets of "+y)
		d.sums(t.Offsets.ByYear[y].Cost, "the cost of the offsets of "+y)
	}
	for _, pr := range sortedKeys(t.Offsets.ByProvider) {
		d.add(t.Offsets.ByProvider[pr].Tonnes.Decimal, figures.Tonnes, "", "all offsets through "+pr)
		d.sums(t.Offsets.ByProvider[pr].Cost, "the cost of all offsets through "+pr)
	}
	if rp := t.Reporting; rp != nil {
		d.money(rp.Donations.Total, "all donations, converted")
		for _, y := range sortedKeys(rp.Donations.ByYear) {
			d.money(rp.Donations.ByYear[y], "the donations of "+y+", converted")
		}
		for _, r := range sortedKeys(rp.Donations.ByRecipient) {
			d.money(rp.Donations.ByRecipient[r], "all donations to "+r+", converted")
		}
	}
	for i := range t.Entries {
		e := &t.Entries[i]
		d.entry(e)
		if !e.Converted.Amount.IsZero() {
			d.money(e.Converted, "an entry, converted")
		}
	}
	return figures.NewIndex(d)
}

type data []figures.DataFigure

func (d *data) add(v decimal.Decimal, k figures.Kind, cur, label string) {
	*d = append(*d, figures.DataFigure{Value: v, Kind: k, Currency: cur, Label: label})
}

func (d *data) money(m impact.Money, label string) {
	if m.Currency.Code != "" {
		d.add(m.Amount, figures.Money, m.Currency.Code, label)
	}
}

func (d *data) sums(s impact.Sums, label string) {
	for _, m := range s {
		d.money(m, label)
	}
}

// entry adds the figures of one entry.
func (d *data) entry(e *impact.Entry) {
	switch {
	case e.Donation != nil:
		dn := e.Donation
		what := "the donation to "
		switch dn.Kind {
		case impact.Sponsorship:
			what = "the sponsorship of "
		case impact.Purchase:
			what = "the purchase from "
		case impact.InKind:
			what = "the declared value of the gift to "
		}
		d.money(dn.Money, what+dn.Recipient)
	case e.Offset != nil:
		o := e.Offset
		d.add(o.Tonnes.Decimal, figures.Tonnes, "", "the offset through "+o.Provider)
		if o.Cost != nil {
			d.money(*o.Cost, "the cost of the offset through "+o.Provider)
		}
		if o.PricePerTonne != nil {
			d.money(*o.PricePerTonne, "the price a tonne of the offset through "+o.Provider)
		}
	case e.Emission != nil:
		em := e.Emission
		if !em.Share.IsZero() {
			d.add(em.Share, figures.Percent, "", "the share of "+em.What+" in the emissions")
		}
		if !em.Tonnes.IsZero() {
			d.add(em.Tonnes.Decimal, figures.Tonnes, "", "the emissions of "+em.What)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.SortedFunc(maps.Keys(m), func(a, b string) int { return cmp.Compare(a, b) })
}
