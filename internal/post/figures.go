package post

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/shopspring/decimal"
)

var (
	impactKeys   = []string{"donations", "offsets", "emissions"}
	donationKeys = []string{"recipient", "amount", "currency", "project", "date", "url"}
	offsetKeys   = []string{"provider", "tonnes", "price_per_tonne", "cost", "currency", "project", "scope", "date"}
	emissionKeys = []string{"source", "share", "tonnes"}
)

// misplacedImpact reports a top-level key k, typed at kp, that is not a
// key the post reads but looks meant for the impact block: impact
// misspelled ("imapct", " impact"), its lists outside it ("donations"), or
// the block inside another table ("params.impact"). As written, its
// figures would be in no total. Other unknown keys are kept for templates.
func (r *reader) misplacedImpact(k string, kp pos, v *node) {
	name := strings.ToLower(strings.TrimSpace(k))
	switch {
	case name == "impact":
		r.problems.Add(r.file, kp.line, kp.col, "key %q has spaces around it: write impact", k)
		return
	case suggest.Typo(name, "impact"):
		r.problems.Add(r.file, kp.line, kp.col, "unknown key %q: did you mean impact? As written, its figures are in no total", k)
		return
	}
	for _, ik := range impactKeys {
		if name != ik && !(suggest.Typo(name, ik) && (v.kind == listNode || v.kind == mapNode)) {
			continue
		}
		what := ik + " belongs inside impact"
		if name != ik {
			what = fmt.Sprintf("%q belongs inside impact, as %s", k, ik)
		}
		switch r.format {
		case "TOML":
			r.problems.Add(r.file, kp.line, kp.col, "%s: write [[impact.%s]]", what, ik)
		case "JSON":
			r.problems.Add(r.file, kp.line, kp.col, "%s: move it into \"impact\": { … }", what)
		default:
			r.problems.Add(r.file, kp.line, kp.col, "%s: indent it under a line \"impact:\"", what)
		}
		return
	}
	if v.kind != mapNode {
		return
	}
	for i, ik := range v.keys {
		n := strings.ToLower(strings.TrimSpace(ik))
		if n != "impact" && !suggest.Typo(n, "impact") || v.vals[i].kind != mapNode {
			continue
		}
		for _, sub := range v.vals[i].keys {
			if slices.Contains(impactKeys, sub) {
				r.problems.Add(r.file, v.kpos[i].line, v.kpos[i].col, "impact belongs at the top level, not inside %q: move it out", k)
				break
			}
		}
	}
}

func (r *reader) impact(p *Post, v *node) {
	if !r.mapOf(v, "impact", "donations: …") {
		return
	}
	r.checkKeys(v, "impact", impactKeys...)
	if d := v.get("donations"); d != nil {
		for _, it := range r.listOf(d, "impact.donations") {
			if don, ok := r.donation(it); ok {
				p.Donations = append(p.Donations, don)
			}
		}
	}
	if o := v.get("offsets"); o != nil {
		for _, it := range r.listOf(o, "impact.offsets") {
			if off, ok := r.offset(it); ok {
				p.Offsets = append(p.Offsets, off)
			}
		}
	}
	if e := v.get("emissions"); e != nil {
		total := decimal.Zero
		var first *node
		for _, it := range r.listOf(e, "impact.emissions") {
			if em, ok := r.emission(it); ok {
				p.Emissions = append(p.Emissions, em)
				total = total.Add(em.Share)
				if first == nil {
					first = it
				}
			}
		}
		if total.GreaterThan(decimal.NewFromInt(100)) {
			r.errorf(first, "the emission shares add up to %s%%, more than 100%%: correct them", total.String())
		}
	}
}

// required returns the scalar at key in m, reporting it when missing.
func (r *reader) required(m *node, key, where, example string) *node {
	v := m.get(key)
	if v == nil || v.kind == nullNode || (v.kind == scalarNode && strings.TrimSpace(v.value) == "") {
		at := m
		if v != nil {
			at = v
		}
		r.errorf(at, "%s needs %s: add \"%s: %s\"", where, key, key, example)
		return nil
	}
	if v.kind != scalarNode {
		r.errorf(v, "%s must be a single value, not %s", key, v.kind)
		return nil
	}
	r.checkText(v, key)
	return v
}

func (r *reader) optionalText(m *node, key string) string {
	if v := m.get(key); v != nil {
		return r.text(v, key)
	}
	return ""
}

// number reads a positive decimal.
func (r *reader) number(v *node, key string) (decimal.Decimal, bool) {
	if v.kind != scalarNode {
		r.errorf(v, "%s must be a number, not %s", key, v.kind)
		return decimal.Decimal{}, false
	}
	d, err := impact.ParseNumber(v.value)
	if err != nil {
		r.errorf(v, "%s %v", key, err)
		return decimal.Decimal{}, false
	}
	if !d.IsPositive() {
		r.errorf(v, "%s must be more than zero, not %s", key, v.value)
		return decimal.Decimal{}, false
	}
	return d, true
}

// tonnes reads a positive number of tonnes, to the kilogram at most.
//
// A weight with its unit is refused with the number of tonnes it is: for
// "31,400 kg", 31.4, never 31400.
func (r *reader) tonnes(v *node) (impact.Tonnes, bool) {
	if v.kind == scalarNode {
		if _, err := impact.ParseNumber(v.value); err != nil {
			if w, ok := impact.ReadLoosely(v.value); ok && w.Currency == "" {
				switch w.Unit {
				case "kg":
					r.errorf(v, "tonnes %q is in kilograms: write it in tonnes, without a unit: %s", v.value, w.Number.Shift(-3).String())
					return impact.Tonnes{}, false
				case "t":
					r.errorf(v, "tonnes %q is not a number: write the tonnes alone, without a unit: %s", v.value, w.Text)
					return impact.Tonnes{}, false
				}
			}
		}
	}
	d, ok := r.number(v, "tonnes")
	if !ok {
		return impact.Tonnes{}, false
	}
	if d.Round(impact.TonnesDigits).IsZero() {
		r.errorf(v, "tonnes %s is less than half a kilogram, and tonnes are counted to the kilogram (0.001): leave this entry out, or write the tonnes it is part of", v.value)
		return impact.Tonnes{}, false
	}
	if !d.Equal(d.Truncate(impact.TonnesDigits)) {
		r.errorf(v, "tonnes %s has more than %d decimals: tonnes are counted to the kilogram, so write %s", v.value, impact.TonnesDigits, d.Round(impact.TonnesDigits).StringFixed(impact.TonnesDigits))
		return impact.Tonnes{}, false
	}
	return impact.Tonnes{Decimal: d}, true
}

// money reads an amount in cur. When the currency is unknown (curOK false,
// already reported) the number is still checked.
func (r *reader) money(v *node, key string, cur impact.Currency, curOK bool) (*impact.Money, bool) {
	d, ok := r.number(v, key)
	if !ok || !curOK {
		return nil, false
	}
	if err := impact.CheckAmount(d, cur, key); err != nil {
		r.errorf(v, "%v", err)
		return nil, false
	}
	return &impact.Money{Amount: d, Currency: cur}, true
}

// currency reads the currency of an entry m, by default the site's. what
// names the entry in the message when there is neither.
func (r *reader) currency(m *node, what string) (impact.Currency, bool) {
	v := m.get("currency")
	if v == nil {
		if r.opts.Currency.Code == "" {
			r.errorf(m, "%s needs currency, since the site has no default currency: add \"currency: GBP\"", what)
			return impact.Currency{}, false
		}
		return r.opts.Currency, true
	}
	if v.kind != scalarNode {
		r.errorf(v, "currency must be a code such as GBP, not %s", v.kind)
		return impact.Currency{}, false
	}
	c, err := impact.ParseCurrency(v.value)
	if err != nil {
		r.errorf(v, "%v", err)
		return impact.Currency{}, false
	}
	return c, true
}

func (r *reader) entryDate(m *node) (time.Time, bool) {
	if v := m.get("date"); v != nil {
		t := r.date(v, "date")
		return t, !t.IsZero()
	}
	return time.Time{}, true // the post's date, filled in later
}

func (r *reader) donation(m *node) (impact.Donation, bool) {
	var d impact.Donation
	if !r.mapOf(m, "each donation", "recipient: WWF") {
		return d, false
	}
	r.checkKeys(m, "a donation", donationKeys...)
	ok := true
	if v := r.required(m, "recipient", "a donation", "WWF"); v != nil {
		d.Recipient = strings.TrimSpace(v.value)
	} else {
		ok = false
	}
	amount := r.required(m, "amount", "a donation", "45000")
	var cur impact.Currency
	curOK := true
	if amount != nil || m.get("currency") != nil {
		cur, curOK = r.currency(m, "a donation")
	}
	if amount != nil {
		if amt, good := r.money(amount, "amount", cur, curOK); good {
			d.Money = *amt
		} else {
			ok = false
		}
	} else {
		ok = false
	}
	d.Project = r.optionalText(m, "project")
	d.URL = r.optionalText(m, "url")
	var dateOK bool
	d.Date, dateOK = r.entryDate(m)
	d.Source = impact.Source{File: r.file, Line: m.line}
	return d, ok && dateOK
}

func (r *reader) offset(m *node) (impact.Offset, bool) {
	var o impact.Offset
	if !r.mapOf(m, "each offset", "provider: GoodPlanet Foundation") {
		return o, false
	}
	r.checkKeys(m, "an offset", offsetKeys...)
	ok := true
	if v := r.required(m, "provider", "an offset", "GoodPlanet Foundation"); v != nil {
		o.Provider = strings.TrimSpace(v.value)
	} else {
		ok = false
	}
	tonnesOK := false
	if v := r.required(m, "tonnes", "an offset", "31.4"); v != nil {
		o.Tonnes, tonnesOK = r.tonnes(v)
	}
	priceNode, costNode := m.get("price_per_tonne"), m.get("cost")
	var cur impact.Currency
	curOK := true
	if priceNode != nil || costNode != nil || m.get("currency") != nil {
		cur, curOK = r.currency(m, "an offset")
	}
	moneyOK := curOK
	var price, cost *impact.Money
	if priceNode != nil {
		var good bool
		if price, good = r.money(priceNode, "price_per_tonne", cur, curOK); !good {
			moneyOK = false
		}
	}
	if costNode != nil {
		var good bool
		if cost, good = r.money(costNode, "cost", cur, curOK); !good {
			moneyOK = false
		}
	}
	if tonnesOK && moneyOK {
		c, err := impact.OffsetCost(o.Tonnes.Decimal, price, cost)
		if err != nil {
			r.errorf(costNode, "%v", err)
			moneyOK = false
		}
		o.Cost = c
		o.PricePerTonne = price
	}
	o.Project = r.optionalText(m, "project")
	o.Scope = r.optionalText(m, "scope")
	var dateOK bool
	o.Date, dateOK = r.entryDate(m)
	o.Source = impact.Source{File: r.file, Line: m.line}
	return o, ok && tonnesOK && moneyOK && dateOK
}

func (r *reader) emission(m *node) (Emission, bool) {
	var e Emission
	if !r.mapOf(m, "each emission", "source: Deliveries") {
		return e, false
	}
	r.checkKeys(m, "an emission", emissionKeys...)
	v := r.required(m, "source", "an emission", "Deliveries")
	if v == nil {
		return e, false
	}
	e.Source = v.value
	share, tonnes := m.get("share"), m.get("tonnes")
	switch {
	case share != nil && tonnes != nil:
		r.errorf(tonnes, "an emission takes share or tonnes, not both: keep one")
		return e, false
	case share != nil:
		d, ok := r.number(share, "share")
		if !ok {
			return e, false
		}
		if d.GreaterThan(decimal.NewFromInt(100)) {
			r.errorf(share, "share is a percentage and cannot be more than 100, not %s", share.value)
			return e, false
		}
		e.Share = d
	case tonnes != nil:
		t, ok := r.tonnes(tonnes)
		if !ok {
			return e, false
		}
		e.Tonnes = t
	default:
		r.errorf(m, "an emission needs share (a percentage) or tonnes: add \"share: 60\"")
		return e, false
	}
	return e, true
}

// finishImpact fills in what depends on the whole post: default dates and
// the post's URL in each entry's source.
func (r *reader) finishImpact(p *Post) {
	for i := range p.Donations {
		d := &p.Donations[i]
		if d.Date.IsZero() {
			d.Date = p.Date
		}
		d.Source.Post, d.Source.Title = p.URL(), p.Title
	}
	for i := range p.Offsets {
		o := &p.Offsets[i]
		if o.Date.IsZero() {
			o.Date = p.Date
		}
		o.Source.Post, o.Source.Title = p.URL(), p.Title
	}
}
