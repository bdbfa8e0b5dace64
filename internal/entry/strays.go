package entry

import (
	"fmt"
	"strings"

	"github.com/impactblog/impactblog/internal/field"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
)

// Figures count only inside the impact block. A key the post does not
// read is kept for templates, but when it looks meant for the impact block,
// or holds what looks like figures, its figures would silently be in no
// total: this file finds those, at any depth of the tables kept for
// templates, and reports each at its key, with the fix.

// figureKeys are the keys of an entry that make a list of tables look like
// figures, and the list of impact each belongs in.
var figureKeys = [...]struct{ key, list string }{
	{"amount", "donations"}, {"recipient", "donations"},
	{"tonnes", "offsets"}, {"provider", "offsets"},
}

// Stray reports the value v of a key k, typed at kp, that the post does
// not read, when it looks meant for the impact block, as the package doc
// says. in is the path of the tables around k ("extra.params"), "" for a
// top-level key.
func Stray(r *field.Reader, in, k string, kp tree.Pos, v *tree.Node) {
	strays{r}.strayFigures(in, k, kp, v)
}

// strays reports figures outside the impact block.
type strays struct{ *field.Reader }

// strayFigures reports the value v of a key k, typed at kp, that the post
// does not read, when it looks meant for the impact block. in is the path
// of the tables around k ("extra.params"), "" for a top-level key. The
// walk goes no deeper than the decoders let values nest (tree.MaxDepth),
// and stops at the first problem in a value: one problem a key.
func (r strays) strayFigures(in, k string, kp tree.Pos, v *tree.Node) {
	if r.strayKey(in, k, kp, v) || r.figuresList(k, kp, v) {
		return
	}
	switch v.Kind {
	case tree.Map:
		path := k
		if in != "" {
			path = in + "." + k
		}
		for i, sub := range v.Keys {
			r.strayFigures(path, sub, v.KeyPos[i], v.Vals[i])
		}
	case tree.List:
		// The entries of a list are under its key: [{impact: …}] in
		// extra is inside "extra".
		for _, it := range v.Items {
			if it.Kind == tree.Map || it.Kind == tree.List {
				r.strayFigures(in, k, kp, it)
			}
		}
	}
}

// strayKey reports k when its name is meant for the impact block: impact
// misspelled or inside another table, impact.donations written as one key,
// a list of impact outside it.
func (r strays) strayKey(in, k string, kp tree.Pos, v *tree.Node) bool {
	name := strings.ToLower(strings.TrimSpace(k))
	holds := v.Kind == tree.Map || v.Kind == tree.List
	if rest, ok := cutImpactPrefix(name); ok {
		ik := impactKeyLike(rest)
		if ik == "" {
			r.Problems.Add(r.File, kp.Line, kp.Col, "key %q starts as impact, but is not the impact block, so figures in it are in no total: write figures under impact (%s), and name other keys without \"impact\"", k, strings.Join(impactKeys, ", "))
			return true
		}
		why := ""
		if strings.Contains(name, ".") {
			switch r.Format {
			case "TOML":
				why = ": in quotes, it is one key"
			case "YAML":
				why = ": YAML has no dotted keys"
			default:
				why = ": it is one key"
			}
		}
		r.Problems.Add(r.File, kp.Line, kp.Col, "key %q is not %s inside impact%s, so its figures are in no total: %s", k, ik, why, r.writeUnderImpact(ik))
		return true
	}
	if in == "" {
		return r.strayTopKey(k, kp, v)
	}
	if !holds {
		return false // extra.impact: high, extra.offset: 3
	}
	if name == "impact" || suggest.Typo(name, "impact") {
		if v.Kind == tree.List && !hasTable(v) {
			return false
		}
		r.Problems.Add(r.File, kp.Line, kp.Col, "impact belongs at the top level, not inside %q: move it out", in)
		return true
	}
	if ik := impactKeyLike(name); ik != "" && (v.Kind == tree.Map || hasTable(v)) {
		what := ik + " belongs inside impact"
		if name != ik {
			what = fmt.Sprintf("%q belongs inside impact, as %s", k, ik)
		}
		r.Problems.Add(r.File, kp.Line, kp.Col, "%s, not inside %q, so its figures are in no total: move it to impact.%s", what, in, ik)
		return true
	}
	return false
}

// strayTopKey reports a top-level key k that is impact misspelled
// ("imapct", " impact"), or one of its lists outside it ("donations").
func (r strays) strayTopKey(k string, kp tree.Pos, v *tree.Node) bool {
	name := strings.ToLower(strings.TrimSpace(k))
	switch {
	case name == "impact":
		r.Problems.Add(r.File, kp.Line, kp.Col, "key %q has spaces around it: write impact", k)
		return true
	case suggest.Typo(name, "impact"):
		r.Problems.Add(r.File, kp.Line, kp.Col, "unknown key %q: did you mean impact? As written, its figures are in no total", k)
		return true
	}
	ik := impactKeyLike(name)
	if ik == "" || ik != name && v.Kind != tree.List && v.Kind != tree.Map {
		return false
	}
	what := ik + " belongs inside impact"
	if name != ik {
		what = fmt.Sprintf("%q belongs inside impact, as %s", k, ik)
	}
	switch r.Format {
	case "TOML":
		r.Problems.Add(r.File, kp.Line, kp.Col, "%s: write [[impact.%s]]", what, ik)
	case "JSON":
		r.Problems.Add(r.File, kp.Line, kp.Col, "%s: move it into \"impact\": { … }", what)
	default:
		r.Problems.Add(r.File, kp.Line, kp.Col, "%s: indent it under a line \"impact:\"", what)
	}
	return true
}

// figuresList reports k when v is a list of tables that look like figures:
// an entry has amount, tonnes, recipient or provider.
func (r strays) figuresList(k string, kp tree.Pos, v *tree.Node) bool {
	if v.Kind != tree.List {
		return false
	}
	for _, it := range v.Items {
		for i, ek := range it.Keys { // none unless it is a table
			name := strings.ToLower(strings.TrimSpace(ek))
			for _, fk := range figureKeys {
				if name == fk.key {
					r.Problems.Add(r.File, kp.Line, kp.Col, "%q looks like figures (it has %s), but figures count only inside impact: move it under impact.%s", k, it.Keys[i], fk.list)
					return true
				}
			}
		}
	}
	return false
}

// cutImpactPrefix returns name without "impact." or "impact_" before it.
func cutImpactPrefix(name string) (string, bool) {
	if rest, ok := strings.CutPrefix(name, "impact."); ok {
		return rest, true
	}
	return strings.CutPrefix(name, "impact_")
}

// impactKeyLike is the key of impact that name is, or is one slip from:
// "donation" is donations; "" for none.
func impactKeyLike(name string) string {
	for _, ik := range impactKeys {
		if name == ik || suggest.Typo(name, ik) {
			return ik
		}
	}
	return ""
}

// hasTable reports whether the list v holds a table.
func hasTable(v *tree.Node) bool {
	for _, it := range v.Items {
		if it.Kind == tree.Map {
			return true
		}
	}
	return false
}

// writeUnderImpact says how to write the list ik of impact, in the front
// matter's format.
func (r strays) writeUnderImpact(ik string) string {
	switch r.Format {
	case "TOML":
		return "write [[impact." + ik + "]] before each entry"
	case "JSON":
		return "write \"impact\": { \"" + ik + "\": [ … ] }"
	}
	return "write a line \"impact:\", and \"" + ik + ":\" indented under it"
}
