package report

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/impactblog/impactblog/internal/i18n"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
)

// TestWords: every string the report writes itself (w("id", …) in this
// package) is in English, French and German, and executes with the values
// the report gives.
func TestWords(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	idRE := regexp.MustCompile(`\bw\("([A-Za-z0-9.]+)"`)
	var ids []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range idRE.FindAllStringSubmatch(string(b), -1) {
			ids = append(ids, m[1])
		}
	}
	ids = append(ids, "chartItem", "chartSep") // Words.item, Words.list
	if len(ids) < 20 {
		t.Fatalf("found only %d ids: has the way the report calls its words changed?", len(ids))
	}
	for _, lang := range []string{"en-GB", "fr-FR", "de-DE"} {
		tr, problems := i18n.New(noFiles{}, language.MustParse(lang))
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		for _, id := range ids {
			if _, err := tr.Text(id, "Year", "2020", "Span", "2019–2020", "Scope", "1", "Category", "4", "Symbol", "£", "Code", "GBP",
				"Figures", "x", "Name", "x", "Value", "x"); err != nil {
				t.Errorf("%s: %v", lang, err)
			}
		}
		if fb := tr.Fallbacks(); len(fb) > 0 {
			t.Errorf("%s shows %v in English", lang, fb)
		}
	}
}

// TestFrenchReport: a report made with French words writes its rows'
// names, its years' titles and its charts in French.
func TestFrenchReport(t *testing.T) {
	ds, os, rates := ledger(t)
	tot, err := impact.Compute(2, ds, os, impact.WithRates(rates))
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := i18n.New(noFiles{}, language.French)
	words := func(id string, args ...any) string {
		s, err := tr.Text(id, args...)
		if err != nil {
			t.Errorf("%s: %v", id, err)
		}
		return s
	}
	r := New(tot, Options{Rates: rates, Locale: locale.New(language.French), Words: words})
	for _, tt := range []struct{ name, have, want string }{
		{"all years", r.Headlines[0].Name, "Toutes les années, 2020–2021"},
		{"latest year", r.Headlines[1].Name, "En 2021"},
		{"year title", r.Years[0].Title, "Notre impact en 2020"},
		{"year page title", r.Year("2021").Title, "Notre impact en 2021"},
	} {
		if tt.have != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.have, tt.want)
		}
	}
	svg := string(r.Donations.SVG) + string(r.Tonnes.SVG) + string(r.Year("2021").Donations.SVG) + string(r.Year("2020").Tonnes.SVG)
	for _, want := range []string{"Dons par année, en", "Une barre par année", "Tonnes de CO₂e compensées", "Dons en 2021", "\u00a0: "} {
		if !strings.Contains(svg, want) {
			t.Errorf("the charts lack %q", want)
		}
	}
	for _, english := range []string{"Donations", "A bar per year", "One bar", "by recipient", "by provider", "The table below"} {
		if strings.Contains(svg, english) {
			t.Errorf("the charts have %q", english)
		}
	}
}
