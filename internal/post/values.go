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

// The readers of values: each reads a node as one kind of value, and
// reports a problem at it, naming key, when it is not one.

func (r *reader) text(v *tree.Node, key string) string {
	switch v.Kind {
	case tree.Scalar:
		r.checkText(v, key)
		return v.Value
	case tree.Null:
		return ""
	}
	r.errorf(v, "%s must be text, not %s", key, v.Kind)
	return ""
}

func (r *reader) list(v *tree.Node, key string) []string {
	switch v.Kind {
	case tree.Scalar:
		r.checkText(v, key)
		// One string, or "a, b".
		if strings.Contains(v.Value, ",") {
			return strings.Split(v.Value, ",")
		}
		return []string{v.Value}
	case tree.Null:
		return nil
	case tree.List:
		var out []string
		for _, it := range v.Items {
			if it.Kind != tree.Scalar {
				r.errorf(it, "each of %s must be text, not %s", key, it.Kind)
				continue
			}
			r.checkText(it, key)
			out = append(out, it.Value)
		}
		return out
	}
	r.errorf(v, "%s must be a list such as [impact, carbon], not %s", key, v.Kind)
	return nil
}

func (r *reader) boolean(v *tree.Node, key string) bool {
	switch {
	case v.Kind == tree.Null:
		return false
	case v.Kind != tree.Scalar:
		r.errorf(v, "%s must be true or false, not %s", key, v.Kind)
	case v.Str && (v.Value == "true" || v.Value == "false"):
		r.errorf(v, "%s must be true or false without quotes, not %q", key, v.Value)
	case !v.Str && v.Value == "true":
		return true
	case !v.Str && v.Value == "false":
		return false
	default:
		r.errorf(v, "%s must be true or false, not %q", key, v.Value)
	}
	return false
}

func (r *reader) date(v *tree.Node, key string) time.Time {
	if v.Kind != tree.Scalar {
		r.errorf(v, "%s must be a date such as 2021-01-15, not %s", key, v.Kind)
		return time.Time{}
	}
	t, ok := ParseDate(v.Value, r.opts.Location)
	if !ok {
		r.errorf(v, "%s %q is not a date: write it as 2021-01-15, 2021-01-15T09:30:00Z or \"2021-01-15 09:30:00 +0100\"", key, v.Value)
	} else {
		r.checkYear(tree.Pos{Line: v.Line, Col: v.Col}, key, v.Value, t)
	}
	return t
}

func (r *reader) mapOf(v *tree.Node, what, example string) bool {
	if v.Kind == tree.Map {
		return true
	}
	if v.Kind != tree.Null {
		r.errorf(v, "%s must be a table of keys such as %q, not %s", what, example, v.Kind)
	}
	return false
}

func (r *reader) listOf(v *tree.Node, what string) []*tree.Node {
	switch v.Kind {
	case tree.List:
		return v.Items
	case tree.Null:
		return nil
	case tree.Map:
		switch r.format {
		case "TOML":
			r.errorf(v, "%s must be a list: start each entry with a line [[%s]]", what, what)
		case "JSON":
			r.errorf(v, "%s must be a list: write its entries in [ … ]", what)
		default:
			r.errorf(v, "%s must be a list: start each entry with \"- \"", what)
		}
		return nil
	}
	r.errorf(v, "%s must be a list of entries, not %s", what, v.Kind)
	return nil
}

// checkKeys reports the keys of m that are not in allowed, with a hint, and
// the keys given twice: either would silently drop or change a figure.
func (r *reader) checkKeys(m *tree.Node, where string, allowed ...string) {
	for i, k := range m.Keys {
		kp := m.KeyPos[i]
		if j := slices.Index(m.Keys, k); j < i {
			r.problems.Add(r.file, kp.Line, kp.Col, "%q is given twice in %s (also at line %d): keep one", k, where, m.KeyPos[j].Line)
			continue
		}
		if slices.Contains(allowed, k) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q in %s", k, where)
		if s := suggest.Closest(k, allowed); s != "" {
			msg += fmt.Sprintf(": did you mean %s?", s)
		} else {
			msg += ": the keys allowed are " + strings.Join(allowed, ", ")
		}
		r.problems.Add(r.file, kp.Line, kp.Col, "%s", msg)
	}
}

// required returns v, the scalar at key in the entry m, or reports it
// missing, or not a single value, and returns nil.
func (r *reader) required(m, v *tree.Node, key, where, example string) *tree.Node {
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
	return v
}

// number reads a positive decimal, parsed by parse: impact.ParseNumber, or
// ParseAmount or ParseTonnes, whose hints are written for what is counted.
func (r *reader) number(v *tree.Node, key string, parse func(string) (decimal.Decimal, error)) (decimal.Decimal, bool) {
	if v.Kind != tree.Scalar {
		r.errorf(v, "%s must be a number, not %s", key, v.Kind)
		return decimal.Decimal{}, false
	}
	d, err := parse(v.Value)
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
// "31,400 kg", 31.4, never 31400 (impact.ParseTonnes).
func (r *reader) tonnes(v *tree.Node, key string) (impact.Tonnes, bool) {
	d, ok := r.number(v, key, impact.ParseTonnes)
	if !ok {
		return impact.Tonnes{}, false
	}
	if d.Round(impact.TonnesDigits).IsZero() {
		r.errorf(v, "%s %s is less than half a kilogram, and tonnes are counted to the kilogram (0.001): leave this entry out, or write the tonnes it is part of", key, v.Value)
		return impact.Tonnes{}, false
	}
	if !d.Equal(d.Truncate(impact.TonnesDigits)) {
		r.errorf(v, "%s %s has more than %d decimals: tonnes are counted to the kilogram, so write %s", key, v.Value, impact.TonnesDigits, d.Round(impact.TonnesDigits).StringFixed(impact.TonnesDigits))
		return impact.Tonnes{}, false
	}
	return impact.Tonnes{Decimal: d}, true
}

// money reads an amount in cur. When the currency is unknown (curOK false,
// already reported) the number is still checked.
func (r *reader) money(v *tree.Node, key string, cur impact.Currency, curOK bool) (*impact.Money, bool) {
	if !curOK {
		r.number(v, key, impact.ParseNumber)
		return nil, false
	}
	site := r.entry.m.Get("currency") == nil // the entry is in the site's currency
	d, ok := r.number(v, key, func(s string) (decimal.Decimal, error) { return impact.ParseAmount(s, cur, site) })
	if !ok {
		return nil, false
	}
	if err := impact.CheckAmount(d, cur, key); err != nil {
		r.errorf(v, "%v", err)
		return nil, false
	}
	return &impact.Money{Amount: d, Currency: cur}, true
}

// readCurrency reads the currency of an entry m, by default the site's.
// what names the entry in the message when there is neither.
func (r *reader) readCurrency(m *tree.Node, what string) (impact.Currency, bool) {
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
