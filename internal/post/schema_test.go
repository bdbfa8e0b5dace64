package post

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/field"
	"github.com/impactblog/impactblog/internal/tree"
)

// TestDocMatchesSchema: the package doc lists exactly the keys of the
// schema tables, as keysDoc and impactDoc write them. When a row changes,
// paste the list this test prints into doc.go.
func TestDocMatchesSchema(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range []struct{ name, text string }{{"postKeys", keysDoc()}, {"impactLists", impactDoc()}} {
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
	seen := map[string]bool{}
	for _, pk := range postKeys {
		for _, n := range append([]string{pk.name}, pk.aliases...) {
			if seen[n] || n != strings.ToLower(n) {
				t.Errorf("top-level key %q: given twice, or not in lower case", n)
			}
			seen[n] = true
		}
		if pk.doc == "" || (pk.set == nil) == (pk.param == nil) {
			t.Errorf("top-level key %q: want a doc line, and one of set and param", pk.name)
		}
	}
	if postKeys[titleKey].name != "title" || postKeys[dateKey].name != "date" {
		t.Errorf("titleKey, dateKey: have %q, %q", postKeys[titleKey].name, postKeys[dateKey].name)
	}
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

// TestImpactScaffold: new's impact block shows every field of every
// entry, and uncommented is a valid impact block, each entry read with
// every field but the alternatives.
func TestImpactScaffold(t *testing.T) {
	day := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	block := ImpactScaffold(day, "EUR")
	for _, list := range []interface{ allowedKeys() []string }{donations, offsets, emissions} {
		for _, k := range list.allowedKeys() {
			if !strings.Contains(block, "- "+k+": ") && !strings.Contains(block, "#       "+k+": ") && !strings.Contains(block, "# "+k+": ") {
				t.Errorf("the scaffold does not show %s:\n%s", k, block)
			}
		}
	}
	var src strings.Builder
	src.WriteString("---\ntitle: x\n")
	for _, l := range strings.Split(block, "\n") {
		if after, ok := strings.CutPrefix(l, "# "); ok && (after == "impact:" || strings.HasPrefix(after, "  ")) {
			l = after
		}
		src.WriteString(l + "\n")
	}
	src.WriteString("---\n")
	p, problems := Parse("posts/2021-01-15-x.md", []byte(src.String()), Options{})
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

// TestTOCAndImage: Post.TOC and Post.Image are what the front matter asks
// for, exactly as templates read toc and image from Params: at the top,
// or inside extra (Zola) or params (Hugo); toc only as true, not "true".
func TestTOCAndImage(t *testing.T) {
	tests := []struct {
		name, front string
		toc         bool
		image       string
	}{
		{"none", "", false, ""},
		{"toc", "toc: true\n", true, ""},
		{"toc false", "toc: false\n", false, ""},
		{"toc quoted", "toc: \"true\"\n", false, ""},
		{"toc yes", "toc: yes\n", false, ""},
		{"TOC, not toc", "TOC: true\n", false, ""},
		{"toc in extra", "extra:\n  toc: true\n", true, ""},
		{"toc in params", "params:\n  toc: true\n", true, ""},
		{"toc in Extra, not extra", "Extra:\n  toc: true\n", false, ""},
		{"image", "image: cover.jpg\n", false, "cover.jpg"},
		{"image empty", "image: \"\"\n", false, ""},
		{"image a number", "image: 12\n", false, ""},
		{"image.path", "image:\n  path: /img/a.png\n", false, "/img/a.png"},
		{"images", "images: [a.png, b.png]\n", false, "a.png"},
		{"images, first not text", "images: [[a.png], b.png]\n", false, ""},
		{"the top first", "image: top.png\nextra:\n  image: extra.png\n", false, "top.png"},
		{"extra before params", "params:\n  image: params.png\nextra:\n  image: extra.png\n", false, "extra.png"},
		{"image and images", "images: [b.png]\nimage: a.png\n", false, "a.png"},
		{"TOML", "", true, "c.png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: x\n" + tt.front + "---\n"
			if tt.name == "TOML" {
				src = "+++\ntitle = \"x\"\n[extra]\ntoc = true\n[params]\nimages = [\"c.png\"]\n+++\n"
			}
			p, problems := Parse("posts/2021-01-15-x.md", []byte(src), Options{})
			if problems != nil {
				t.Fatal(problems)
			}
			if p.TOC != tt.toc || p.Image != tt.image {
				t.Errorf("have: TOC %v, Image %q want: %v, %q", p.TOC, p.Image, tt.toc, tt.image)
			}
			if p.TOC != wantsTOC(p.Params) || p.Image != frontImage(p.Params) {
				t.Errorf("TOC and Image differ from Params")
			}
			if strings.Contains(tt.front, "toc:") && p.Params["toc"] == nil && p.Params["TOC"] == nil && p.Params["extra"] == nil && p.Params["params"] == nil && p.Params["Extra"] == nil {
				t.Errorf("toc is no longer in Params: %v", p.Params)
			}
		})
	}
}

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
		r := &reader{Reader: field.Reader{File: "f"}}
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
