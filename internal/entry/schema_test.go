package entry

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/field"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/tree"
)

// readBlock reads the impact block of the YAML src, as a post's reader
// does, for a post dated date.
func readBlock(t *testing.T, src string, currency impact.Currency, date time.Time) (Block, problem.List) {
	t.Helper()
	root, err := tree.DecodeYAML([]byte(src), 1)
	if err != nil {
		t.Fatal(err)
	}
	fr := &field.Reader{File: "posts/2021-01-15-x.md", Format: "YAML"}
	var r Reader
	var b Block
	r.Read(&b, fr, root.Get("impact"), currency)
	b.Finish(date, "/posts/x/", "x")
	return b, fr.Problems
}

// TestDocMatchesSchema: the package doc lists exactly the keys of the
// schema tables, as impactDoc writes them. When a row changes, paste the
// list this test prints into doc.go.
func TestDocMatchesSchema(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []struct{ name, text string }{{"impactLists", impactDoc()}} {
		var want strings.Builder
		for _, l := range strings.SplitAfter(strings.TrimSuffix(list.text, "\n"), "\n") {
			want.WriteString("//\t" + l)
		}
		want.WriteString("\n//\n")
		if !strings.Contains(string(doc), want.String()) {
			t.Errorf("doc.go does not list the keys of %s as they are; want, followed by an empty comment line:\n%s", list.name, want.String())
		}
	}
}

// TestSchemaRows: names are unique within a table, every row says what it
// is, and a required field is its entry's first or says so in the scaffold.
func TestSchemaRows(t *testing.T) {
	for _, l := range impactLists {
		var b strings.Builder
		l.docLines(&b)
		if strings.Count(b.String(), "\n") < 2 {
			t.Errorf("%s: no fields", l.key())
		}
	}
	for _, s := range []interface{ keysUnique() string }{donations, offsets, emissions} {
		if dup := s.keysUnique(); dup != "" {
			t.Errorf("key %q is in a schema twice", dup)
		}
	}
}

func (s *schema[T]) keysUnique() string {
	seen := map[string]bool{}
	for _, k := range s.allowed {
		if seen[k] {
			return k
		}
		seen[k] = true
	}
	for _, f := range s.fields {
		if f.doc == "" && f.need == "" {
			return f.name + " (no doc)"
		}
	}
	return ""
}

// TestScaffold: new's impact block shows every field of every entry, and
// uncommented is a valid impact block, each entry read with every field
// but the alternatives.
func TestScaffold(t *testing.T) {
	day := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	block := Scaffold(day, "EUR")
	for _, list := range []interface{ allowedKeys() []string }{donations, offsets, emissions} {
		for _, k := range list.allowedKeys() {
			if !strings.Contains(block, "- "+k+": ") && !strings.Contains(block, "#       "+k+": ") && !strings.Contains(block, "# "+k+": ") {
				t.Errorf("the scaffold does not show %s:\n%s", k, block)
			}
		}
	}
	var src strings.Builder
	for _, l := range strings.Split(block, "\n") {
		if after, ok := strings.CutPrefix(l, "# "); ok && (after == "impact:" || strings.HasPrefix(after, "  ")) {
			l = after
		}
		src.WriteString(l + "\n")
	}
	p, problems := readBlock(t, src.String(), impact.Currency{}, day)
	if problems != nil {
		t.Fatalf("uncommented, the scaffold has problems:\n%v\n%s", problems, src.String())
	}
	if len(p.Donations) != 1 || len(p.Offsets) != 1 || len(p.Emissions) != 1 {
		t.Fatalf("have %d donations, %d offsets, %d emissions; want one of each\n%s", len(p.Donations), len(p.Offsets), len(p.Emissions), src.String())
	}
	d, o, e := p.Donations[0], p.Offsets[0], p.Emissions[0]
	if d.Recipient == "" || d.Money.String() != "45000.00 EUR" || d.Project == "" || d.URL == "" || !d.Date.Equal(day) {
		t.Errorf("donation: %+v", d)
	}
	if o.Provider == "" || o.Tonnes.String() != "31.400" || o.PricePerTonne == nil || o.Cost == nil || o.Cost.String() != "628.00 EUR" || o.Project == "" || o.Scope == "" || !o.Date.Equal(day) {
		t.Errorf("offset: %+v", o)
	}
	if e.Source == "" || e.Share.String() != "60" {
		t.Errorf("emission: %+v", e)
	}
}

func (s *schema[T]) allowedKeys() []string { return s.allowed }

// TestFieldAliases: a field may be written under another name, and
// under both is a problem; the machinery the next fields will use.
func TestFieldAliases(t *testing.T) {
	type entry struct{ Evidence, Note string }
	s := newSchema(schema[entry]{
		list: "things", entry: "thing", an: "a thing", doc: "a list; each:",
		fields: []row[entry]{
			{name: "evidence", aliases: []string{"proof"}, need: "https://example.org",
				value: asText(func(x *entry, s string) { x.Evidence = s })},
			{name: "note", doc: "optional text", value: asText(func(x *entry, s string) { x.Note = s })},
		},
	})
	tests := []struct {
		src, want string
		ok        bool // as a key given twice, a second name leaves the entry usable
		problems  string
	}{
		{"evidence: a\nnote: b\n", "a|b", true, ""},
		{"proof: a\n", "a|", true, ""},
		{"evidence: a\nproof: b\n", "a|", true, `2:1: "proof" is evidence, given already as "evidence" (at line 1) in a thing: keep one`},
		{"note: b\n", "|b", false, `1:1: a thing needs evidence: add "evidence: https://example.org"`},
		{"evidense: a\n", "|", false, `1:1: unknown key "evidense" in a thing: did you mean evidence?` + "\n" + `1:1: a thing needs evidence`},
	}
	for _, tt := range tests {
		m, err := tree.DecodeYAML([]byte(tt.src), 1)
		if err != nil {
			t.Fatal(err)
		}
		r := &reader{Reader: &field.Reader{File: "f"}}
		var x entry
		ok := s.entryInto(r, m, &x)
		if have := x.Evidence + "|" + x.Note; have != tt.want || ok != tt.ok {
			t.Errorf("%q: have %q, ok %v want %q", tt.src, have, ok, tt.want)
		}
		var have []string
		for _, p := range r.Problems {
			have = append(have, strings.TrimPrefix(p.Error(), "f:"))
		}
		got := strings.Join(have, "\n")
		if tt.problems == "" && got != "" {
			t.Errorf("%q: have problems %q want none", tt.src, got)
		}
		for _, w := range strings.Split(tt.problems, "\n") {
			if !strings.Contains(got, w) {
				t.Errorf("%q: have problems %q want %q", tt.src, got, w)
			}
		}
	}
}

// TestAliasGivenTwiceNamesTheKeysLine: a field given under its name and
// an alias names the line of the first key.
func TestAliasGivenTwiceNamesTheKeysLine(t *testing.T) {
	type entry struct{ Evidence string }
	s := newSchema(schema[entry]{
		list: "things", entry: "thing", an: "a thing", doc: "a list; each:",
		fields: []row[entry]{
			{name: "evidence", aliases: []string{"proof"}, need: "https://example.org",
				value: asText(func(x *entry, s string) { x.Evidence = s })},
		},
	})
	m, err := tree.DecodeYAML([]byte("evidence:\n  a\nproof: b\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	r := &reader{Reader: &field.Reader{File: "f"}}
	s.entryInto(r, m, new(entry))
	const want = `f:3:1: "proof" is evidence, given already as "evidence" (at line 1) in a thing: keep one`
	if have := r.Problems.Error(); !strings.Contains(have, want) {
		t.Errorf("have: %s\nwant: %s", have, want)
	}
}

// TestLinesColumn: no entry's field lets its text hold line breaks: a
// name, a project or a source that a total or impact.csv shows is one
// line.
func TestLinesColumn(t *testing.T) {
	for _, f := range donations.fields {
		if f.lines {
			t.Errorf("donation field %s: have lines want one line", f.name)
		}
	}
	for _, f := range offsets.fields {
		if f.lines {
			t.Errorf("offset field %s: have lines want one line", f.name)
		}
	}
	for _, f := range emissions.fields {
		if f.lines {
			t.Errorf("emission field %s: have lines want one line", f.name)
		}
	}
}
