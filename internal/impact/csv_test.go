package impact

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"
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
