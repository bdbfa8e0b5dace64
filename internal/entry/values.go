package entry

import (
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/tree"
	"github.com/shopspring/decimal"
)

// The readers of an entry's amounts, tonnes and currency: package field
// reads the rest.

// tonnes reads a positive number of tonnes, to the kilogram at most.
//
// A weight with its unit is refused with the number of tonnes it is: for
// "31,400 kg", 31.4, never 31400 (impact.ParseTonnes).
func (r *reader) tonnes(v *tree.Node, key string) (impact.Tonnes, bool) {
	d, ok := r.Number(v, key, impact.ParseTonnes)
	if !ok {
		return impact.Tonnes{}, false
	}
	if d.Round(impact.TonnesDigits).IsZero() {
		r.Errorf(v, "%s %s is less than half a kilogram, and tonnes are counted to the kilogram (0.001): leave this entry out, or write the tonnes it is part of", key, v.Value)
		return impact.Tonnes{}, false
	}
	if !d.Equal(d.Truncate(impact.TonnesDigits)) {
		r.Errorf(v, "%s %s has more than %d decimals: tonnes are counted to the kilogram, so write %s", key, v.Value, impact.TonnesDigits, d.Round(impact.TonnesDigits).StringFixed(impact.TonnesDigits))
		return impact.Tonnes{}, false
	}
	return impact.Tonnes{Decimal: d}, true
}

// money reads an amount in cur. When the currency is unknown (curOK false,
// already reported) the number is still checked.
func (r *reader) money(v *tree.Node, key string, cur impact.Currency, curOK bool) (*impact.Money, bool) {
	if !curOK {
		r.Number(v, key, impact.ParseNumber)
		return nil, false
	}
	site := r.entry.m.Get("currency") == nil // the entry is in the site's currency
	d, ok := r.Number(v, key, func(s string) (decimal.Decimal, error) { return impact.ParseAmount(s, cur, site) })
	if !ok {
		return nil, false
	}
	if err := impact.CheckAmount(d, cur, key); err != nil {
		r.Errorf(v, "%v", err)
		return nil, false
	}
	return &impact.Money{Amount: d, Currency: cur}, true
}

// readCurrency reads the currency of an entry m, by default the site's.
// what names the entry in the message when there is neither.
func (r *reader) readCurrency(m *tree.Node, what string) (impact.Currency, bool) {
	v := m.Get("currency")
	if v == nil {
		if r.site.Code == "" {
			r.Errorf(m, "%s needs currency, since the site has no default currency: add \"currency: GBP\"", what)
			return impact.Currency{}, false
		}
		return r.site, true
	}
	if v.Kind != tree.Scalar {
		r.Errorf(v, "currency must be a code such as GBP, not %s", v.Kind)
		return impact.Currency{}, false
	}
	c, err := impact.ParseCurrency(v.Value)
	if err != nil {
		r.Errorf(v, "%v", err)
		return impact.Currency{}, false
	}
	return c, true
}
