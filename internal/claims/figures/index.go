package figures

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"
)

// An Index holds the data figures of a whole site, sorted, so that a
// figure is checked against thousands of them in a few comparisons: what
// Check does, for a site of 10,000 posts.
type Index struct {
	groups map[unit][]indexed
}

// unit is what a data figure may be compared with: its kind and, for money, currency.
type unit struct {
	kind     Kind
	currency string
}

type indexed struct {
	value decimal.Decimal
	order int // of the figure in the list given to NewIndex: the earlier is named first
	fig   *DataFigure
}

// NewIndex indexes data. Where several data figures have one value, a
// Mismatch names the first of them in data: put the post's own first.
func NewIndex(data []DataFigure) *Index {
	ix := &Index{groups: map[unit][]indexed{}}
	for i := range data {
		d := &data[i]
		u := unit{d.Kind, ""}
		if d.Kind == Money {
			u.currency = d.Currency
		}
		ix.groups[u] = append(ix.groups[u], indexed{d.Value, i, d})
	}
	for _, g := range ix.groups {
		slices.SortFunc(g, func(a, b indexed) int {
			if c := a.value.Cmp(b.value); c != 0 {
				return c
			}
			return cmp.Compare(a.order, b.order)
		})
	}
	return ix
}

// Check returns the figures that match no figure of the index, in order,
// as Check does with the same data.
func (ix *Index) Check(figs []Figure) []Mismatch {
	var out []Mismatch
	for _, f := range figs {
		if f.Ambiguous != "" {
			out = append(out, mismatch(f, nil))
			continue
		}
		var groups [][]indexed
		for _, u := range ix.units(f) {
			if g := ix.groups[u]; len(g) > 0 {
				groups = append(groups, g)
			}
		}
		if slices.ContainsFunc(groups, func(g []indexed) bool { return matchesAny(f, g) }) {
			continue
		}
		var closest *indexed
		var best decimal.Decimal
		for _, g := range groups {
			// The closest value is next to where f's would be.
			i, _ := slices.BinarySearchFunc(g, f.Value, func(e indexed, v decimal.Decimal) int { return e.value.Cmp(v) })
			for _, j := range [...]int{i - 1, i} {
				if j < 0 || j >= len(g) {
					continue
				}
				c := &g[firstEqual(g, j)]
				r := relDiff(f.Value, c.value)
				if closest == nil || r.LessThan(best) || r.Equal(best) && c.order < closest.order {
					closest, best = c, r
				}
			}
		}
		var d *DataFigure
		if closest != nil {
			d = closest.fig
		}
		out = append(out, mismatch(f, d))
	}
	return out
}

// firstEqual returns the index of the first entry of g with g[j]'s value:
// the one given first to NewIndex.
func firstEqual(g []indexed, j int) int {
	for j > 0 && g[j-1].value.Equal(g[j].value) {
		j--
	}
	return j
}

// units are the groups a figure may match: its kind, and for money each
// currency its sign may mean.
func (ix *Index) units(f Figure) []unit {
	if f.Kind != Money {
		return []unit{{f.Kind, ""}}
	}
	var us []unit
	for _, c := range f.Signs() {
		us = append(us, unit{Money, c})
	}
	return us
}

// matchesAny reports whether a value of the sorted group g bears out f.
// Every value that may match lies within one unit of f's last place (of
// its loose place, when hedged) or on the side its bound allows, so only
// those are tried.
func matchesAny(f Figure, g []indexed) bool {
	search := func(v decimal.Decimal) int {
		i, _ := slices.BinarySearchFunc(g, v, func(e indexed, v decimal.Decimal) int { return e.value.Cmp(v) })
		return i
	}
	switch f.Bound {
	case AtLeast:
		return g[len(g)-1].value.GreaterThanOrEqual(f.Value)
	case AtMost:
		return g[0].value.LessThanOrEqual(f.Value)
	}
	p := f.Places
	if f.Bound != Exact {
		p = loosePlaces(f)
	}
	step := decimal.New(1, -p)
	for i := search(f.Value.Sub(step)); i < len(g) && g[i].value.LessThanOrEqual(f.Value.Add(step)); i++ {
		if Matches(f, g[i].value) {
			return true
		}
	}
	return false
}

// mismatch is the Mismatch of a figure, naming the closest data figure.
func mismatch(f Figure, closest *DataFigure) Mismatch {
	if f.Ambiguous != "" {
		return Mismatch{Figure: f, Message: f.Text + " is unclear: " + f.Ambiguous}
	}
	msg := f.Text + " matches no figure of this post or the site: "
	if closest == nil {
		msg += "they record " + none(f)
	} else {
		msg += "did you mean " + write(f, closest) + ", " + closest.Label + "?"
	}
	return Mismatch{Figure: f, Closest: closest, Message: msg}
}
