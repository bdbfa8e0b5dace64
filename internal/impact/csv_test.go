package impact

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// TestCSVNoControlCharacters: issue 13, item 17. The control characters of
// a writer's text (here ESC, NUL, DEL, a C1 CSI, a right-to-left override and
// a byte that is not UTF-8) reach impact.csv as visible escapes; tab and
// line feed, which CSV quotes, stay.
func TestCSVNoControlCharacters(t *testing.T) {
	donations, _ := sample(t)
	d := donations[1]
	d.Recipient = "\x1b[2JWWF\x00"
	d.Project = "Panda\x7f \u009b31m phone \u202eevil"
	d.URL = "https://wwf.example/\xff"
	var b bytes.Buffer
	if err := WriteCSV(&b, totals(1, []Donation{d}, nil)); err != nil {
		t.Fatal(err)
	}
	for _, c := range b.String() {
		if c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c == 0x202e || c == utf8.RuneError {
			t.Errorf("impact.csv holds %U:\n%q", c, b.String())
		}
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"recipient": `\x1b[2JWWF\x00`,
		"project":   `Panda\x7f \u009b31m phone \u202eevil`,
		"url":       `https://wwf.example/\xff`,
	} {
		if have := column(t, rows, 1, name); have != want {
			t.Errorf("column %s: have %q, want %q", name, have, want)
		}
	}
}

// TestCSVKeepsTabsAndLines: tab and line feed are text (CSV quotes the
// line feed), and a cell they start is guarded as a formula would be.
func TestCSVKeepsTabsAndLines(t *testing.T) {
	donations, _ := sample(t)
	d := donations[1]
	d.Recipient = "World Wide\tFund"
	d.Project = "\t=1+1"
	d.URL = "first line\nsecond line"
	var b bytes.Buffer
	if err := WriteCSV(&b, totals(1, []Donation{d}, nil)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, name := range []string{"recipient", "provider", "amount", "currency", "project", "url"} {
		cells = append(cells, column(t, rows, 1, name))
	}
	if have := strings.Join(cells, "|"); have != "World Wide\tFund||45000.00|GBP|'\t=1+1|first line\nsecond line" {
		t.Errorf("have %q", have)
	}
}

// TestCSVNumbersAsTheyAre: the formula guard is for writers' text; a
// negative figure (a refund) is a number, written as it is.
func TestCSVNumbersAsTheyAre(t *testing.T) {
	donations, offsets := sample(t)
	d := donations[1]
	d.Money = *money(t, "-45000", "GBP")
	o := offsets[0]
	o.Cost = money(t, "-628", "GBP")
	gbp, _ := ParseCurrency("GBP")
	rates := NewRates(gbp)
	var b bytes.Buffer
	tot, err := Compute(1, pointers([]Donation{d}), pointers([]Offset{o}), WithRates(rates))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, tot); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		for _, c := range r {
			if strings.HasPrefix(c, "'") {
				t.Errorf("a figure is guarded as text: %q in %q", c, r)
			}
		}
	}
	if have := column(t, rows, 1, "amount") + " " + column(t, rows, 2, "cost") + " " + column(t, rows, 1, "converted"); have != "-45000.00 -628.00 -45000.00" {
		t.Errorf("amount, cost, converted: have %q", have)
	}
}

// column is the cell of the column name in row i of rows, under the header rows[0].
func column(t *testing.T, rows [][]string, i int, name string) string {
	t.Helper()
	for j, h := range rows[0] {
		if h == name {
			return rows[i][j]
		}
	}
	t.Fatalf("no column %s in %q", name, rows[0])
	return ""
}

// TestIllustrativeInFiles: an entry's illustrative reason reaches
// impact.json and impact.csv, for a donation, an offset and an emission,
// its text made safe as a writer's text is; an entry without one has
// none.
func TestIllustrativeInFiles(t *testing.T) {
	donations, offsets := sample(t)
	d, plain, o := donations[1], donations[0], offsets[0]
	d.Illustrative = "the post gives no device counts"
	o.Illustrative = "=the post gives no tonnage"
	es := []*Emission{{What: "Site activity", Share: decimal.NewFromInt(40), Illustrative: "the post gives no share for the rest",
		Date: day(t, "2020-11-27"), Source: o.Source}}
	tot, err := Compute(1, pointers([]Donation{d, plain}), pointers([]Offset{o}), WithEmissions(es))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"the post gives no device counts", "", "=the post gives no tonnage", "the post gives no share for the rest"}
	for i, e := range tot.Entries {
		if have := e.Row().Illustrative; have != want[i] {
			t.Errorf("entry %d: row: have %q want: %q", i, have, want[i])
		}
	}
	var j bytes.Buffer
	if err := WriteJSON(&j, tot); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Entries []map[string]any `json:"entries"`
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for i, e := range doc.Entries {
		have, ok := e["illustrative"]
		if want[i] == "" && ok || want[i] != "" && have != want[i] {
			t.Errorf("impact.json entry %d: illustrative: have %v (%v) want: %q", i, have, ok, want[i])
		}
	}
	var c bytes.Buffer
	if err := WriteCSV(&c, tot); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want[2] = "'" + want[2] // a formula guarded, through cell
	for i := range want {
		if have := column(t, rows, i+1, "illustrative"); have != want[i] {
			t.Errorf("impact.csv row %d: illustrative: have %q want: %q", i+1, have, want[i])
		}
	}
}
