package entry

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/registry"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
	"golang.org/x/text/language"
)

// The evidence behind the figures (issue 15): the values of an offset's
// registry, serials, country, vintage, retirement URL and type, and of an
// emission's scope and category, as the rows of impact.go read them; the
// checks of an offset's serial blocks against its keys (checkSerials).
// Package post checks them against each other, within a post and across
// a blog.

// asRegistry is a registry's name, in any case.
func asRegistry[T any](set func(x *T, reg registry.Registry)) value[T] {
	return value[T]{choiceKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		if v.Kind == tree.Null {
			return true
		}
		if v.Kind != tree.Scalar {
			r.Errorf(v, "%s must be one of %s, not %s", key, registries(), v.Kind)
			return false
		}
		reg, err := registry.ParseRegistry(v.Value)
		if err != nil {
			r.Errorf(v, "%v", err)
			return false
		}
		set(x, reg)
		return true
	}}
}

// registries is the registries' names, for messages and docs: "verra |
// gold-standard | … | other".
func registries() string {
	regs := registry.Registries()
	names := make([]string, len(regs))
	for i, reg := range regs {
		names[i] = string(reg)
	}
	return strings.Join(names, " | ")
}

// asOffsetType is an offset's type, in any case.
func asOffsetType[T any](set func(x *T, t impact.OffsetType)) value[T] {
	types := []string{string(impact.Avoidance), string(impact.Removal)}
	return value[T]{choiceKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		if v.Kind == tree.Null {
			return true
		}
		if v.Kind != tree.Scalar {
			r.Errorf(v, "%s must be %s, not %s", key, strings.Join(types, " or "), v.Kind)
			return false
		}
		w := strings.ToLower(strings.TrimSpace(v.Value))
		if slices.Contains(types, w) {
			set(x, impact.OffsetType(w))
			return true
		}
		r.CheckText(v, key)
		if c := suggest.Closest(w, types); c != "" {
			r.Errorf(v, "%s %q is not an offset type: did you mean %s?", key, v.Value, c)
		} else {
			r.Errorf(v, "%s %q is not an offset type: write %s", key, v.Value, strings.Join(types, " or "))
		}
		return false
	}}
}

// asCountry is an ISO 3166 alpha-2 country code, kept in capitals.
func asCountry[T any](set func(x *T, cc string)) value[T] {
	return value[T]{choiceKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		if v.Kind == tree.Null {
			return true
		}
		if v.Kind != tree.Scalar {
			r.Errorf(v, "%s must be a country's two-letter code such as KE, not %s", key, v.Kind)
			return false
		}
		cc := strings.ToUpper(strings.TrimSpace(v.Value))
		reg, err := language.ParseRegion(cc)
		if iso, ok := reservedCountries[cc]; ok {
			reg, err = language.ParseRegion(iso)
		}
		switch {
		case err == nil && reg.IsCountry() && reg.String() == cc && len(cc) == 2:
			set(x, cc)
			return true
		case err == nil && reg.IsCountry() && len(reg.String()) == 2:
			r.Errorf(v, "%s %q: write its ISO 3166 code, %s", key, v.Value, reg.String()) // UK, KEN, 404
		default:
			r.CheckText(v, key)
			r.Errorf(v, "%s %q is not a country's ISO 3166 code: write two letters, such as KE or GB", key, v.Value)
		}
		return false
	}}
}

// reservedCountries are codes ISO 3166 reserves, but does not assign, for
// a country it gives another code, with that code: a registry's serial
// carries the assigned one.
var reservedCountries = map[string]string{"UK": "GB", "EL": "GR"}

// asURL is an http or https address.
func asURL[T any](set func(x *T, s string)) value[T] {
	return value[T]{urlKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		if v.Kind == tree.Null {
			return true
		}
		s := strings.TrimSpace(r.Text(v, key))
		if v.Kind != tree.Scalar {
			return false
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\r\n") {
			r.Errorf(v, "%s must be an http or https address, such as https://registry.example.org/…, not %q", key, v.Value)
			return false
		}
		set(x, s)
		return true
	}}
}

// asWhole is a whole number from lo to hi; want says which, for messages
// ("1, 2 or 3"). Written after a word that is its key ("scope 3"), it is a
// problem that gives the number alone.
func asWhole[T any](lo, hi int, want string, set func(x *T, n int)) value[T] {
	return value[T]{wholeKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		n, ok := r.whole(v, key, lo, hi, want)
		if ok && n != 0 {
			set(x, n)
		}
		return ok
	}}
}

// asYear is a year, such as a vintage. A year more than a year from now or
// before 1900 is a warning, as a date's is.
func asYear[T any](set func(x *T, year int)) value[T] {
	return value[T]{wholeKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		y, ok := r.whole(v, key, 1000, 9999, "a year such as 2022")
		if ok && y != 0 {
			r.CheckYear(tree.Pos{Line: v.Line, Col: v.Col}, key, v.Value, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
			set(x, y)
		}
		return ok
	}}
}

var keyedNumberRE = regexp.MustCompile(`^([A-Za-z ]+?)\s*([0-9]+)$`)

// whole reads a whole number from lo to hi, quoted or not; empty is 0.
func (r *reader) whole(v *tree.Node, key string, lo, hi int, want string) (int, bool) {
	switch v.Kind {
	case tree.Null:
		return 0, true
	case tree.Scalar:
	default:
		r.Errorf(v, "%s must be %s, not %s", key, want, v.Kind)
		return 0, false
	}
	s := strings.TrimSpace(v.Value)
	if m := keyedNumberRE.FindStringSubmatch(s); m != nil && strings.EqualFold(strings.TrimSpace(m[1]), key) {
		r.Errorf(v, "%s %q: write the number alone: %s", key, v.Value, m[2])
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 4 || s[0] == '+' || s[0] == '-' || n < lo || n > hi {
		r.CheckText(v, key)
		r.Errorf(v, "%s must be %s, not %q", key, want, v.Value)
		return 0, false
	}
	return n, true
}

// asSerials is one serial block, or a list of them, each parsed for the
// offset's registry, which must be given, and kept with its position.
func asSerials() value[impact.Offset] {
	return value[impact.Offset]{serialsKind, func(r *reader, o *impact.Offset, v *tree.Node, key string) bool {
		var items []*tree.Node
		switch v.Kind {
		case tree.Null:
			return true
		case tree.Scalar:
			items = []*tree.Node{v}
		case tree.List:
			items = v.Items
		default:
			r.Errorf(v, "%s must be a serial, or a list of serials, not %s", key, v.Kind)
			return false
		}
		if !r.entry.ok("registry") {
			return false // reported
		}
		if o.Registry == "" {
			at := r.entry.m.KeyPos[slices.Index(r.entry.m.Keys, key)]
			r.Problems.Add(r.File, at.Line, at.Col, "%s need registry: add \"registry: verra\"", key)
			return false
		}
		ok := true
		for _, it := range items {
			if it.Kind != tree.Scalar {
				r.Errorf(it, "each of %s must be a serial, not %s", key, it.Kind)
				ok = false
				continue
			}
			b, err := registry.ParseSerial(o.Registry, it.Value)
			if err != nil {
				r.Errorf(it, "%v", err)
				ok = false
				continue
			}
			o.Serials = append(o.Serials, impact.SerialClaim{Block: b, Line: it.Line, Col: it.Col})
		}
		return ok
	}}
}

// checkSerials checks the serial blocks of the offset being read against
// its keys: what each serial says of project, country and vintage, at the
// key that disagrees, and the credits of them all against tonnes, at
// tonnes. It returns false when the credits are not the tonnes.
func (r *reader) checkSerials(o *impact.Offset) bool {
	m := r.entry.m
	if len(o.Serials) == 0 {
		return true
	}
	want := registry.Want{Project: o.ProjectID, Country: o.Country, Vintage: o.Vintage}
	blocks := make([]registry.Block, len(o.Serials))
	for i, s := range o.Serials {
		blocks[i] = s.Block
		for _, mm := range registry.Check(s.Block, want) {
			if len(o.Serials) > 1 {
				mm.Message += fmt.Sprintf(" (the serial at line %d)", s.Line)
			}
			r.Errorf(m.Get(mm.Key), "%s", mm.Message)
		}
	}
	if !r.entry.ok("tonnes", "serials") {
		return true
	}
	if mm := registry.CheckCredits(blocks, m.Get("tonnes").Value); mm != nil {
		r.Errorf(m.Get("tonnes"), "%s: correct tonnes or the serials", mm.Message)
		return false
	}
	return true
}
