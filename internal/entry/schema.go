package entry

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/tree"
	"github.com/shopspring/decimal"
)

// This file is the machinery of an entry's schema: a table of fields, one
// row per key, from which follow the keys an entry allows (and the "did
// you mean" hints for the others), which are required, how each is read
// and set into the typed entry, the package doc's key list (checked by
// TestDocMatchesSchema) and new's scaffold (Scaffold). The tables
// themselves are in impact.go.

// A schema is the keys of one kind of entry, T (impact.Donation), kept in
// a list of the block (Block.Donations).
type schema[T any] struct {
	list   string // the key of the list in the impact block: "donations"
	entry  string // one entry, for messages: "donation"
	an     string // the entry with its article: "a donation"
	doc    string // the list's doc line: "a list; each:"
	fields []row[T]
	// finish, when not nil, sets and checks what depends on several
	// fields (an offset's cost on its price) or on the entry as a whole,
	// once every field is read; it returns false when the entry cannot be
	// used.
	finish func(r *reader, x *T) bool
	// done, when not nil, checks the list as a whole: the entries kept,
	// and the first of them as written.
	done func(r *reader, kept []T, first *tree.Node)
	// of is the block's list of these entries.
	of func(b *Block) *[]T

	// Made by newSchema, for messages:
	allowed []string // the fields' names and aliases
	path    string   // "impact.donations"
	each    string   // "each donation"
	first   string   // the first field with its example: "recipient: WWF"
}

// newSchema returns s, ready to read.
func newSchema[T any](s schema[T]) *schema[T] {
	for _, f := range s.fields {
		s.allowed = append(s.allowed, f.name)
		s.allowed = append(s.allowed, f.aliases...)
	}
	s.path, s.each = "impact."+s.list, "each "+s.entry
	s.first = s.fields[0].name + ": " + s.fields[0].need
	return &s
}

func (s *schema[T]) key() string     { return s.list }
func (s *schema[T]) article() string { return s.an }

// A row is one key of an entry, one field: a row of its schema.
type row[T any] struct {
	name    string
	aliases []string // other names it may be written under
	// need, when not "", makes the field required: it is the example in
	// the problem when the field is missing ("a donation needs amount:
	// add \"amount: 45000\"") and in new's scaffold.
	need string
	// unless, when not nil, lets a required field be left out of an
	// entry for which it reports true, given the fields before it (a
	// donation's amount, when it is in kind); doc says when.
	unless  func(r *reader, x *T) bool
	example string // the value in new's scaffold, when need is ""; "" for the kind's: the site's currency, the post's date
	doc     string // what the field is, in one line: for the package doc and new's scaffold
	alt     bool   // commented out in new's scaffold: an alternative to the field before it, or a field of another kind of entry
	lines   bool   // its text may hold line breaks; else it is one line, as a name must be
	value   value[T]
}

// A kind is how a field's value is written.
type kind int

const (
	textKind     kind = iota // any text
	amountKind               // an amount of money, in the entry's currency
	currencyKind             // an ISO 4217 code; default: the site's currency
	tonnesKind               // tonnes of CO2e, to the kilogram
	percentKind              // a number from 0 to 100
	dateKind                 // a date; default: the post's
	choiceKind               // one of a few words: a registry, an offset's type
	wholeKind                // a whole number in a range: a year, a scope, a category
	urlKind                  // an http or https address
	serialsKind              // one serial, or a list of them
	itemsKind                // a list of tables of what and count
	evidenceKind             // an http or https address, or a file beside the post
)

// A value is a field's kind and how it is set into the entry x. set
// reports a problem, and returns false when the entry cannot be used.
type value[T any] struct {
	kind kind
	set  func(r *reader, x *T, v *tree.Node, key string) bool
}

// asText is a text field; a problem in it leaves the entry usable.
func asText[T any](set func(x *T, s string)) value[T] {
	return value[T]{textKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		set(x, r.Text(v, key))
		return true
	}}
}

// asName is a text field whose spaces around are dropped: a name that
// entries are totalled by.
func asName[T any](set func(x *T, s string)) value[T] {
	return value[T]{textKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		set(x, strings.TrimSpace(r.Text(v, key)))
		return true
	}}
}

// asAmount is an amount of money in the entry's currency.
func asAmount[T any](set func(x *T, m *impact.Money)) value[T] {
	return value[T]{amountKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		cur, curOK := r.currency()
		m, ok := r.money(v, key, cur, curOK)
		if ok {
			set(x, m)
		}
		return ok
	}}
}

// asCurrency is the entry's currency, which its amounts are read in.
func asCurrency[T any]() value[T] {
	return value[T]{currencyKind, func(r *reader, _ *T, _ *tree.Node, _ string) bool {
		_, ok := r.currency()
		return ok
	}}
}

// asTonnes is a positive number of tonnes.
func asTonnes[T any](set func(x *T, t impact.Tonnes)) value[T] {
	return value[T]{tonnesKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		t, ok := r.tonnes(v, key)
		if ok {
			set(x, t)
		}
		return ok
	}}
}

// asPercent is a positive percentage, at most 100.
func asPercent[T any](set func(x *T, d decimal.Decimal)) value[T] {
	return value[T]{percentKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		d, ok := r.Number(v, key, impact.ParseNumber)
		if !ok {
			return false
		}
		if d.GreaterThan(decimal.NewFromInt(100)) {
			r.Errorf(v, "%s is a percentage and cannot be more than 100, not %s", key, v.Value)
			return false
		}
		set(x, d)
		return true
	}}
}

// asDate is the day an entry counts for; left zero, it is the post's date,
// filled in by Block.Finish.
func asDate[T any](set func(x *T, t time.Time)) value[T] {
	return value[T]{dateKind, func(r *reader, x *T, v *tree.Node, key string) bool {
		t := r.Date(v, key)
		set(x, t)
		return !t.IsZero()
	}}
}

// An entryState is what the reader knows of the entry it is reading.
type entryState struct {
	m     *tree.Node // the entry's table
	an    string     // "a donation"
	bad   []string   // the fields that cannot be used
	cur   impact.Currency
	curOK bool
	curIn bool // cur is read
}

// ok reports whether none of the fields keys is bad.
func (e *entryState) ok(keys ...string) bool {
	for _, k := range keys {
		if slices.Contains(e.bad, k) {
			return false
		}
	}
	return true
}

// get returns the value of f in m, and the key it was written under: its
// name, or else its first alias that m has. A second of them is a problem.
func (f *row[T]) get(r *reader, m *tree.Node) (*tree.Node, string) {
	v, key := m.Get(f.name), f.name
	for _, a := range f.aliases {
		av := m.Get(a)
		switch {
		case av == nil:
		case v == nil:
			v, key = av, a
		default:
			at, first := m.KeyPos[slices.Index(m.Keys, a)], m.KeyPos[slices.Index(m.Keys, key)]
			r.Problems.Add(r.File, at.Line, at.Col, "%q is %s, given already as %q (at line %d) in %s: keep one", a, f.name, key, first.Line, r.entry.an)
		}
	}
	return v, key
}

// read reads the list v of entries into the block.
func (s *schema[T]) read(r *reader, v *tree.Node) {
	list := s.of(r.block)
	var first *tree.Node
	start := len(*list)
	for _, m := range r.Entries(v, s.path) {
		// The entry is read in place, at the end of the list, and dropped
		// when it cannot be used.
		*list = append(*list, *new(T))
		if s.entryInto(r, m, &(*list)[len(*list)-1]) {
			if first == nil {
				first = m
			}
		} else {
			*list = (*list)[:len(*list)-1]
		}
	}
	if s.done != nil {
		s.done(r, (*list)[start:], first)
	}
}

// entryInto reads the entry m into x, and reports whether it can be used.
func (s *schema[T]) entryInto(r *reader, m *tree.Node, x *T) bool {
	if !r.Table(m, s.each, s.first) {
		return false
	}
	r.CheckKeys(m, s.an, s.allowed...)
	r.entry = entryState{m: m, an: s.an, bad: r.entry.bad[:0]}
	e := &r.entry
	for i := range s.fields {
		f := &s.fields[i]
		v, key := f.get(r, m)
		switch {
		case f.need != "" && (f.unless == nil || !f.unless(r, x)):
			if v = r.Required(m, v, key, s.an, f.need); v == nil {
				e.bad = append(e.bad, f.name)
				continue
			}
			if f.value.kind != textKind {
				r.CheckText(v, key) // text checks itself
			}
		case v == nil:
			continue
		case f.need != "" && (v.Kind == tree.Null || v.Kind == tree.Scalar && strings.TrimSpace(v.Value) == ""):
			continue // required, but not of this entry: left empty
		}
		r.Lines = f.lines
		if !f.value.set(r, x, v, key) {
			e.bad = append(e.bad, f.name)
		}
		r.Lines = false
	}
	ok := len(e.bad) == 0
	if s.finish != nil && !s.finish(r, x) {
		ok = false
	}
	return ok
}

// currency reads the currency of the entry being read, once, when its
// first amount or its currency field is read: by default the site's.
func (r *reader) currency() (impact.Currency, bool) {
	e := &r.entry
	if !e.curIn {
		e.curIn = true
		e.cur, e.curOK = r.readCurrency(e.m, e.an)
	}
	return e.cur, e.curOK
}

// docLines writes the schema's part of the package doc's key list.
func (s *schema[T]) docLines(b *strings.Builder) {
	docLine(b, "  "+s.list+":", s.doc)
	for i, f := range s.fields {
		lead := "      "
		if i == 0 {
			lead = "    - "
		}
		d := f.doc
		if f.need != "" {
			d = strings.TrimSuffix("required, "+d, ", ")
		}
		docLine(b, lead+f.name+":", d)
		for _, a := range f.aliases {
			docLine(b, "      "+a+":", "read as "+f.name)
		}
	}
}

// docLine writes a line of a key list: the key, and its doc from column 24.
func docLine(b *strings.Builder, key, doc string) {
	if doc == "" {
		fmt.Fprintf(b, "%s\n", key)
		return
	}
	fmt.Fprintf(b, "%-24s%s\n", key, doc)
}

// scaffold writes the schema's part of new's commented impact block, one
// entry with every field.
func (s *schema[T]) scaffold(b *strings.Builder, day time.Time, currency string) {
	scaffoldLine(b, "#   "+s.list+":", s.doc)
	for i, f := range s.fields {
		lead := "#       "
		if i == 0 {
			lead = "#     - "
		}
		if f.alt {
			lead += "# "
		}
		ex := f.need
		if ex == "" {
			ex = f.example
		}
		if ex == "" {
			switch f.value.kind {
			case currencyKind:
				ex = currency
			case dateKind:
				ex = day.Format("2006-01-02")
			}
		}
		d := f.doc
		if f.need != "" {
			d = strings.TrimSuffix("required, "+d, ", ")
		}
		scaffoldLine(b, lead+f.name+": "+ex, d)
	}
}

// scaffoldLine writes a line of new's scaffold, with its comment from
// column 34.
func scaffoldLine(b *strings.Builder, line, comment string) {
	if comment == "" {
		fmt.Fprintf(b, "%s\n", line)
		return
	}
	fmt.Fprintf(b, "%-32s  # %s\n", line, comment)
}

// needs is what an entry needs, for new's scaffold: "recipient and amount".
func (s *schema[T]) needs() string {
	var names []string
	for _, f := range s.fields {
		if f.need != "" {
			names = append(names, f.name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
