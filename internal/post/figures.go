package post

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
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
func (r *reader) misplacedImpact(k string, kp tree.Pos, v *tree.Node) {
	name := strings.ToLower(strings.TrimSpace(k))
	switch {
	case name == "impact":
		r.problems.Add(r.file, kp.Line, kp.Col, "key %q has spaces around it: write impact", k)
		return
	case suggest.Typo(name, "impact"):
		r.problems.Add(r.file, kp.Line, kp.Col, "unknown key %q: did you mean impact? As written, its figures are in no total", k)
		return
	}
	for _, ik := range impactKeys {
		if name != ik && !(suggest.Typo(name, ik) && (v.Kind == tree.List || v.Kind == tree.Map)) {
			continue
		}
		what := ik + " belongs inside impact"
		if name != ik {
			what = fmt.Sprintf("%q belongs inside impact, as %s", k, ik)
		}
		switch r.format {
		case "TOML":
			r.problems.Add(r.file, kp.Line, kp.Col, "%s: write [[impact.%s]]", what, ik)
		case "JSON":
			r.problems.Add(r.file, kp.Line, kp.Col, "%s: move it into \"impact\": { … }", what)
		default:
			r.problems.Add(r.file, kp.Line, kp.Col, "%s: indent it under a line \"impact:\"", what)
		}
		return
	}
	if v.Kind != tree.Map {
		return
	}
	for i, ik := range v.Keys {
		n := strings.ToLower(strings.TrimSpace(ik))
		if n != "impact" && !suggest.Typo(n, "impact") || v.Vals[i].Kind != tree.Map {
			continue
		}
		for _, sub := range v.Vals[i].Keys {
			if slices.Contains(impactKeys, sub) {
				r.problems.Add(r.file, v.KeyPos[i].Line, v.KeyPos[i].Col, "impact belongs at the top level, not inside %q: move it out", k)
				break
			}
		}
	}
}

func (r *reader) impact(p *Post, v *tree.Node) {
	if !r.mapOf(v, "impact", "donations: …") {
		return
	}
	r.checkKeys(v, "impact", impactKeys...)
	if d := v.Get("donations"); d != nil {
		for _, it := range r.listOf(d, "impact.donations") {
			if don, ok := r.donation(it); ok {
				p.Donations = append(p.Donations, don)
			}
		}
	}
	if o := v.Get("offsets"); o != nil {
		for _, it := range r.listOf(o, "impact.offsets") {
			if off, ok := r.offset(it); ok {
				p.Offsets = append(p.Offsets, off)
			}
		}
	}
	if e := v.Get("emissions"); e != nil {
		total := decimal.Zero
		var first *tree.Node
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
func (r *reader) required(m *tree.Node, key, where, example string) *tree.Node {
	v := m.Get(key)
	if v == nil || v.Kind == tree.Null || (v.Kind == tree.Scalar && strings.TrimSpace(v.Value) == "") {
		at := m
		if v != nil {
			at = v
		}
		r.errorf(at, "%s needs %s: add \"%s: %s\"", where, key, key, example)
		return nil
	}
	if v.Kind != tree.Scalar {
		r.errorf(v, "%s must be a single value, not %s", key, v.Kind)
		return nil
	}
	r.checkText(v, key)
	return v
}

func (r *reader) optionalText(m *tree.Node, key string) string {
	if v := m.Get(key); v != nil {
		return r.text(v, key)
	}
	return ""
}

// number reads a positive decimal.
func (r *reader) number(v *tree.Node, key string) (decimal.Decimal, bool) {
	if v.Kind != tree.Scalar {
		r.errorf(v, "%s must be a number, not %s", key, v.Kind)
		return decimal.Decimal{}, false
	}
	d, err := impact.ParseNumber(v.Value)
	if err != nil {
		r.errorf(v, "%s %v", key, err)
		return decimal.Decimal{}, false
	}
	if !d.IsPositive() {
		r.errorf(v, "%s must be more than zero, not %s", key, v.Value)
		return decimal.Decimal{}, false
	}
	return d, true
}

// tonnes reads a positive number of tonnes, to the kilogram at most.
//
// A weight with its unit is refused with the number of tonnes it is: for
// "31,400 kg", 31.4, never 31400.
func (r *reader) tonnes(v *tree.Node) (impact.Tonnes, bool) {
	if v.Kind == tree.Scalar {
		if _, err := impact.ParseNumber(v.Value); err != nil {
			if w, ok := impact.ReadLoosely(v.Value); ok && w.Currency == "" {
				switch w.Unit {
				case "kg":
					r.errorf(v, "tonnes %q is in kilograms: write it in tonnes, without a unit: %s", v.Value, w.Number.Shift(-3).String())
					return impact.Tonnes{}, false
				case "t":
					r.errorf(v, "tonnes %q is not a number: write the tonnes alone, without a unit: %s", v.Value, w.Text)
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
		r.errorf(v, "tonnes %s is less than half a kilogram, and tonnes are counted to the kilogram (0.001): leave this entry out, or write the tonnes it is part of", v.Value)
		return impact.Tonnes{}, false
	}
	if !d.Equal(d.Truncate(impact.TonnesDigits)) {
		r.errorf(v, "tonnes %s has more than %d decimals: tonnes are counted to the kilogram, so write %s", v.Value, impact.TonnesDigits, d.Round(impact.TonnesDigits).StringFixed(impact.TonnesDigits))
		return impact.Tonnes{}, false
	}
	return impact.Tonnes{Decimal: d}, true
}

// money reads an amount in cur. When the currency is unknown (curOK false,
// already reported) the number is still checked.
func (r *reader) money(v *tree.Node, key string, cur impact.Currency, curOK bool) (*impact.Money, bool) {
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
func (r *reader) currency(m *tree.Node, what string) (impact.Currency, bool) {
	v := m.Get("currency")
	if v == nil {
		if r.opts.Currency.Code == "" {
			r.errorf(m, "%s needs currency, since the site has no default currency: add \"currency: GBP\"", what)
			return impact.Currency{}, false
		}
		return r.opts.Currency, true
	}
	if v.Kind != tree.Scalar {
		r.errorf(v, "currency must be a code such as GBP, not %s", v.Kind)
		return impact.Currency{}, false
	}
	c, err := impact.ParseCurrency(v.Value)
	if err != nil {
		r.errorf(v, "%v", err)
		return impact.Currency{}, false
	}
	return c, true
}

func (r *reader) entryDate(m *tree.Node) (time.Time, bool) {
	if v := m.Get("date"); v != nil {
		t := r.date(v, "date")
		return t, !t.IsZero()
	}
	return time.Time{}, true // the post's date, filled in later
}

func (r *reader) donation(m *tree.Node) (impact.Donation, bool) {
	var d impact.Donation
	if !r.mapOf(m, "each donation", "recipient: WWF") {
		return d, false
	}
	r.checkKeys(m, "a donation", donationKeys...)
	ok := true
	if v := r.required(m, "recipient", "a donation", "WWF"); v != nil {
		d.Recipient = strings.TrimSpace(v.Value)
	} else {
		ok = false
	}
	amount := r.required(m, "amount", "a donation", "45000")
	var cur impact.Currency
	curOK := true
	if amount != nil || m.Get("currency") != nil {
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
	d.Source = impact.Source{File: r.file, Line: m.Line}
	return d, ok && dateOK
}

func (r *reader) offset(m *tree.Node) (impact.Offset, bool) {
	var o impact.Offset
	if !r.mapOf(m, "each offset", "provider: GoodPlanet Foundation") {
		return o, false
	}
	r.checkKeys(m, "an offset", offsetKeys...)
	ok := true
	if v := r.required(m, "provider", "an offset", "GoodPlanet Foundation"); v != nil {
		o.Provider = strings.TrimSpace(v.Value)
	} else {
		ok = false
	}
	tonnesOK := false
	if v := r.required(m, "tonnes", "an offset", "31.4"); v != nil {
		o.Tonnes, tonnesOK = r.tonnes(v)
	}
	priceNode, costNode := m.Get("price_per_tonne"), m.Get("cost")
	var cur impact.Currency
	curOK := true
	if priceNode != nil || costNode != nil || m.Get("currency") != nil {
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
	o.Source = impact.Source{File: r.file, Line: m.Line}
	return o, ok && tonnesOK && moneyOK && dateOK
}

func (r *reader) emission(m *tree.Node) (Emission, bool) {
	var e Emission
	if !r.mapOf(m, "each emission", "source: Deliveries") {
		return e, false
	}
	r.checkKeys(m, "an emission", emissionKeys...)
	v := r.required(m, "source", "an emission", "Deliveries")
	if v == nil {
		return e, false
	}
	e.Source = v.Value
	share, tonnes := m.Get("share"), m.Get("tonnes")
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
			r.errorf(share, "share is a percentage and cannot be more than 100, not %s", share.Value)
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
