// Package field reads the values of front matter from its positioned tree
// (package tree), one key at a time, as the row of that key says: text, a
// list of text, true or false, a date, a number more than zero, a table,
// or a list of entries. Each reader returns what it could read, and
// reports every problem in the value at its line and column, naming the
// key, in words the writer can act on. A post's top-level keys (package
// post) and the entries of its impact block (package entry) are read
// through it.
//
// # Text
//
// Text (a title, a summary, a name, a tag, any value read as text) and
// keys may not hold a control character, which a terminal would obey and
// a CSV file would carry, nor a bidirectional override or isolate (U+202A
// to U+202E, U+2066 to U+2069), which can make a name or a figure read
// otherwise than it is. Text may hold tabs, and is one line unless the row
// of its key lets it hold line breaks (LF or CRLF; Reader.Lines): a line
// break in a name would split a line of impact.csv. Keys may hold neither
// tabs nor line breaks.
//
// # Dates
//
// A date is YYYY-MM-DD, RFC 3339, or YYYY-MM-DD HH:MM:SS ±hhmm (ParseDate);
// one without a zone is in Reader.Location. A date more than a year after
// Reader.Now, or before 1900, is surely a typo: a warning (CheckYear),
// with the year probably meant when two neighbouring digits swapped, or
// else one digit changed, give a year between 1900 and next year.
package field

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
	"github.com/shopspring/decimal"
)

// A Reader reads the values of one file's front matter, and keeps the
// problems and warnings found in them.
type Reader struct {
	File     string         // the file, which problems name
	Format   string         // of the front matter, for hints: "YAML", "TOML" or "JSON"
	Location *time.Location // for dates without a zone; nil: UTC
	Now      time.Time      // today, for dates that are surely typos; zero: no such check
	// Lines lets the text being read hold line breaks: the lines column
	// of the row of its key.
	Lines bool

	Problems problem.List
	Warnings problem.List // fatal only with -strict
}

// Errorf reports a problem at the node n; with no node, in the file.
func (r *Reader) Errorf(n *tree.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Col
	}
	r.Problems.Add(r.File, line, col, format, args...)
}

// Text reads the text v of key; empty is "".
func (r *Reader) Text(v *tree.Node, key string) string {
	switch v.Kind {
	case tree.Scalar:
		r.CheckText(v, key)
		return v.Value
	case tree.Null:
		return ""
	}
	r.Errorf(v, "%s must be text, not %s", key, v.Kind)
	return ""
}

// List reads a list of text: a list, one text, or "a, b".
func (r *Reader) List(v *tree.Node, key string) []string {
	switch v.Kind {
	case tree.Scalar:
		r.CheckText(v, key)
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
				r.Errorf(it, "each of %s must be text, not %s", key, it.Kind)
				continue
			}
			r.CheckText(it, key)
			out = append(out, it.Value)
		}
		return out
	}
	r.Errorf(v, "%s must be a list such as [impact, carbon], not %s", key, v.Kind)
	return nil
}

// Bool reads true or false, unquoted; empty is false.
func (r *Reader) Bool(v *tree.Node, key string) bool {
	switch {
	case v.Kind == tree.Null:
		return false
	case v.Kind != tree.Scalar:
		r.Errorf(v, "%s must be true or false, not %s", key, v.Kind)
	case v.Str && (v.Value == "true" || v.Value == "false"):
		r.Errorf(v, "%s must be true or false without quotes, not %q", key, v.Value)
	case !v.Str && v.Value == "true":
		return true
	case !v.Str && v.Value == "false":
		return false
	default:
		r.Errorf(v, "%s must be true or false, not %q", key, v.Value)
	}
	return false
}

// Date reads a date (ParseDate), and warns of one that is surely a typo
// (CheckYear); it is zero when v is not a date.
func (r *Reader) Date(v *tree.Node, key string) time.Time {
	if v.Kind != tree.Scalar {
		r.Errorf(v, "%s must be a date such as 2021-01-15, not %s", key, v.Kind)
		return time.Time{}
	}
	loc := r.Location
	if loc == nil {
		loc = time.UTC
	}
	t, ok := ParseDate(v.Value, loc)
	if !ok {
		r.Errorf(v, "%s %q is not a date: write it as 2021-01-15, 2021-01-15T09:30:00Z or \"2021-01-15 09:30:00 +0100\"", key, v.Value)
	} else {
		r.CheckYear(tree.Pos{Line: v.Line, Col: v.Col}, key, v.Value, t)
	}
	return t
}

// Table reports whether v is a table of keys; what is not, and is not
// empty, is a problem that names it what, with example as a key to write.
func (r *Reader) Table(v *tree.Node, what, example string) bool {
	if v.Kind == tree.Map {
		return true
	}
	if v.Kind != tree.Null {
		r.Errorf(v, "%s must be a table of keys such as %q, not %s", what, example, v.Kind)
	}
	return false
}

// Entries returns the items of the list v, named what in problems, with
// the way to write a list in the front matter's format.
func (r *Reader) Entries(v *tree.Node, what string) []*tree.Node {
	switch v.Kind {
	case tree.List:
		return v.Items
	case tree.Null:
		return nil
	case tree.Map:
		switch r.Format {
		case "TOML":
			r.Errorf(v, "%s must be a list: start each entry with a line [[%s]]", what, what)
		case "JSON":
			r.Errorf(v, "%s must be a list: write its entries in [ … ]", what)
		default:
			r.Errorf(v, "%s must be a list: start each entry with \"- \"", what)
		}
		return nil
	}
	r.Errorf(v, "%s must be a list of entries, not %s", what, v.Kind)
	return nil
}

// CheckKeys reports the keys of m that are not in allowed, with a hint, and
// the keys given twice: either would silently drop or change a figure.
func (r *Reader) CheckKeys(m *tree.Node, where string, allowed ...string) {
	for i, k := range m.Keys {
		kp := m.KeyPos[i]
		if j := slices.Index(m.Keys, k); j < i {
			r.Problems.Add(r.File, kp.Line, kp.Col, "%q is given twice in %s (also at line %d): keep one", k, where, m.KeyPos[j].Line)
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
		r.Problems.Add(r.File, kp.Line, kp.Col, "%s", msg)
	}
}

// Required returns v, the scalar at key in the entry m, or reports it
// missing, or not a single value, and returns nil.
func (r *Reader) Required(m, v *tree.Node, key, where, example string) *tree.Node {
	if v == nil || v.Kind == tree.Null || (v.Kind == tree.Scalar && strings.TrimSpace(v.Value) == "") {
		at := m
		if v != nil {
			at = v
		}
		r.Errorf(at, "%s needs %s: add \"%s: %s\"", where, key, key, example)
		return nil
	}
	if v.Kind != tree.Scalar {
		r.Errorf(v, "%s must be a single value, not %s", key, v.Kind)
		return nil
	}
	return v
}

// Number reads a positive decimal, parsed by parse, whose errors are the
// hints: package impact's ParseNumber, or ParseAmount or ParseTonnes,
// whose hints are written for what is counted.
func (r *Reader) Number(v *tree.Node, key string, parse func(string) (decimal.Decimal, error)) (decimal.Decimal, bool) {
	if v.Kind != tree.Scalar {
		r.Errorf(v, "%s must be a number, not %s", key, v.Kind)
		return decimal.Decimal{}, false
	}
	d, err := parse(v.Value)
	if err != nil {
		r.Errorf(v, "%s %v", key, err)
		return decimal.Decimal{}, false
	}
	if !d.IsPositive() {
		r.Errorf(v, "%s must be more than zero, not %s", key, v.Value)
		return decimal.Decimal{}, false
	}
	return d, true
}
