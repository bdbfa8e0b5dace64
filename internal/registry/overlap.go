package registry

import (
	"cmp"
	"fmt"
	"slices"
)

// A Claim is a block cited somewhere. Source says where (a file and a
// position, an index): Overlaps gives it back untouched.
type Claim[S any] struct {
	Block  Block
	Source S
}

// An Overlap is two claims that share credits.
type Overlap[S any] struct {
	A, B Claim[S] // A was given to Overlaps before B
	// Start and End are the credits both claim, inclusive; both 0 when the
	// claims cite the same whole id (see Block.Ranged).
	Start, End int64
}

// Count is how many credits both claims hold, or 0 when they cite the same
// whole id, whose credits only the entries know.
func (o Overlap[S]) Count() int64 {
	if !o.A.Block.ranged {
		return 0
	}
	return o.End - o.Start + 1
}

// String says in plain English what is claimed twice, without where:
//
//	the car serials "CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000" and "CAR-1-US-1335-31-983-KS-2025-9205-4001 to 6000" share credits 4001 to 5000: 1,000 credits claimed twice
func (o Overlap[S]) String() string {
	a, b := o.A.Block, o.B.Block
	switch {
	case !a.ranged:
		return fmt.Sprintf("the %s %s %s is claimed twice", a.Registry, idNoun(a.Registry), quote(a.Serial))
	case a.Start == b.Start && a.End == b.End:
		serial := quote(a.Serial)
		if a.Serial != b.Serial {
			serial += " (also written " + quote(b.Serial) + ")"
		}
		return fmt.Sprintf("the %s serial %s is claimed twice: %s %s", a.Registry, serial,
			thousands(o.Count()), plural(o.Count(), "credit", "credits"))
	}
	return fmt.Sprintf("the %s serials %s and %s share credits %d to %d: %s %s claimed twice",
		a.Registry, quote(a.Serial), quote(b.Serial), o.Start, o.End,
		thousands(o.Count()), plural(o.Count(), "credit", "credits"))
}

func idNoun(r Registry) string {
	if r == Isometric {
		return "retirement"
	}
	return "id"
}

// Overlaps returns every pair of claims whose blocks share credits: of the
// same registry, both ranges or both whole ids, in the same namespace, with
// ranges that intersect. A claim whose block has no namespace (a zero Block,
// from a serial that did not parse) is skipped. The pairs come in the order
// of their claims: by A's index in claims, then B's.
//
// It sorts the claims by series and start and sweeps them once, keeping the
// claims whose range reaches the current start in a heap by end, then sorts
// the k pairs it finds: O(n log n + k log k).
func Overlaps[S any](claims []Claim[S]) []Overlap[S] {
	// Each series gets a number, so that the sort compares integers only.
	type key struct {
		reg    Registry
		ranged bool
		ns     string
	}
	series := map[key]int{}
	items := make([]item, 0, len(claims))
	for i := range claims {
		b := &claims[i].Block
		if b.Namespace == "" {
			continue
		}
		k := key{b.Registry, b.ranged, b.Namespace}
		n, ok := series[k]
		if !ok {
			n = len(series)
			series[k] = n
		}
		items = append(items, item{n, b.Start, b.End, i})
	}
	slices.SortFunc(items, func(a, b item) int {
		switch {
		case a.series != b.series:
			return cmp.Compare(a.series, b.series)
		case a.start != b.start:
			return cmp.Compare(a.start, b.start)
		case a.end != b.end:
			return cmp.Compare(a.end, b.end)
		}
		return cmp.Compare(a.i, b.i)
	})
	type pair struct {
		a, b       int
		start, end int64
	}
	var pairs []pair
	var active ends
	for k, c := range items {
		if k > 0 && items[k-1].series != c.series {
			active = active[:0]
		}
		for len(active) > 0 && active[0].end < c.start {
			active.pop()
		}
		for _, e := range active { // every one reaches c.start, and starts no later
			pairs = append(pairs, pair{min(c.i, e.i), max(c.i, e.i), c.start, min(c.end, e.end)})
		}
		active.push(end{c.end, c.i})
	}
	slices.SortFunc(pairs, func(p, q pair) int { return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b)) })
	out := make([]Overlap[S], len(pairs))
	for n, p := range pairs {
		out[n] = Overlap[S]{A: claims[p.a], B: claims[p.b], Start: p.start, End: p.end}
	}
	return out
}

// An item is a claim as Overlaps sorts it: its series' number, its range
// and its index.
type item struct {
	series     int
	start, end int64
	i          int
}

// ends is a min-heap of claims by the end of their range.
type ends []end

type end struct {
	end int64
	i   int // the claim's index
}

func (h *ends) push(e end) {
	*h = append(*h, e)
	s := *h
	for c := len(s) - 1; c > 0; {
		p := (c - 1) / 2
		if s[p].end <= s[c].end {
			break
		}
		s[p], s[c] = s[c], s[p]
		c = p
	}
}

func (h *ends) pop() {
	s := *h
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for p := 0; ; {
		c := 2*p + 1
		if c >= len(s) {
			break
		}
		if c+1 < len(s) && s[c+1].end < s[c].end {
			c++
		}
		if s[p].end <= s[c].end {
			break
		}
		s[p], s[c] = s[c], s[p]
		p = c
	}
	*h = s
}
