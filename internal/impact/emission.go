package impact

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// # Emissions
//
// An Emission is where some of a post's emissions came from, with its GHG
// Protocol scope and, for scope 3, its category. Compute (WithEmissions)
// totals them by scope and by scope 3 category, in tonnes where tonnes are
// given; an emission given as a share of a post's emissions stays with its
// post, counted but never turned into tonnes. Emissions are shown beside
// offsets and never subtracted from them: there is no "net" figure.

// An Emission is a part of a post's emissions.
type Emission struct {
	What     string          // where they came from, as written: "Deliveries" (the key source)
	Share    decimal.Decimal // percent of the post's emissions; zero when Tonnes is given
	Tonnes   Tonnes
	Scope    int // 1, 2 or 3; 0 when not given
	Category int // of scope 3: 1 to 15; 0 when not given
	Period   string
	Method   string
	// Illustrative, when not "", says why its figures are illustrative
	// rather than real.
	Illustrative string
	Date         time.Time // the post's
	Source       Source
}

// EmissionTotals are emissions counted, and totalled in tonnes where
// tonnes are given, by GHG Protocol scope and by scope 3 category.
type EmissionTotals struct {
	Count      int                     `json:"count"`
	Tonnes     Tonnes                  `json:"tonnes"`      // of the entries given in tonnes
	AsShares   int                     `json:"as_shares"`   // entries given as a share of a post's emissions, in no tonnes figure
	ByScope    map[string]*EmissionSum `json:"by_scope"`    // "1", "2", "3" or "unspecified"
	ByCategory map[string]*EmissionSum `json:"by_category"` // of scope 3: "1" to "15", or "unspecified"
}

// An EmissionSum is a subtotal of emissions.
type EmissionSum struct {
	Count    int    `json:"count"`
	Tonnes   Tonnes `json:"tonnes"`
	AsShares int    `json:"as_shares"`
}

// Unspecified is the key of a total of entries that do not say what it
// is totalled by: an offset with no type, an emission with no scope.
const Unspecified = "unspecified"

// ScopeKey is the key of an emission's scope in EmissionTotals.ByScope.
func (e *Emission) ScopeKey() string {
	if e.Scope == 0 {
		return Unspecified
	}
	return strconv.Itoa(e.Scope)
}

// CategoryKey is the key of a scope 3 emission's category in
// EmissionTotals.ByCategory; "" for another scope.
func (e *Emission) CategoryKey() string {
	switch {
	case e.Scope != 3:
		return ""
	case e.Category == 0:
		return Unspecified
	}
	return strconv.Itoa(e.Category)
}

func (t *EmissionTotals) add(e *Emission) {
	t.Count++
	shares := 0
	if e.Share.IsPositive() {
		t.AsShares++
		shares = 1
	} else {
		t.Tonnes.Decimal = t.Tonnes.Add(e.Tonnes.Decimal)
	}
	sum := func(m map[string]*EmissionSum, key string) {
		s := m[key]
		if s == nil {
			s = &EmissionSum{}
			m[key] = s
		}
		s.Count++
		s.AsShares += shares
		if shares == 0 {
			s.Tonnes.Decimal = s.Tonnes.Add(e.Tonnes.Decimal)
		}
	}
	sum(t.ByScope, e.ScopeKey())
	if k := e.CategoryKey(); k != "" {
		sum(t.ByCategory, k)
	}
}

// Scopes lists the keys of ByScope: 1, 2, 3, then unspecified.
func (t *EmissionTotals) Scopes() []string { return sortedKeys(t.ByScope, false) }

// Categories lists the keys of ByCategory by number, then unspecified.
func (t *EmissionTotals) Categories() []string {
	keys := sortedKeys(t.ByCategory, false)
	num := func(k string) int {
		n, err := strconv.Atoi(k)
		if err != nil {
			return 99
		}
		return n
	}
	for i := 1; i < len(keys); i++ { // a few keys: insertion sort by number
		for j := i; j > 0 && num(keys[j]) < num(keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

// # Entry ids
//
// An entry's id is made from where it is written, never from its place
// among the site's entries: "entry-" and twelve hexadecimal digits of the
// SHA-256 of its post's file, then "-", a letter for the list it is in
// (d: donations, o: offsets, e: emissions) and its number in that list of
// the post, from 1. Adding a post, or an entry to another post, changes no
// entry's id; moving an entry within its post's list, or renaming the
// post's file, does. The anchors of the years' impact pages
// (/impact/2020/#entry-…) and impact.json and impact.csv use the same id.

// EntryID is the id of the entry at index i (from 0) of the list (d, o
// or e) of the post in file.
func EntryID(file string, list byte, i int) string {
	h := sha256.Sum256([]byte(file))
	var b strings.Builder
	b.Grow(6 + 12 + 2 + 4)
	b.WriteString("entry-")
	b.WriteString(hex.EncodeToString(h[:6]))
	b.WriteByte('-')
	b.WriteByte(list)
	b.WriteString(strconv.Itoa(i + 1))
	return b.String()
}
