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
	row := rows[1]
	for i, want := range map[int]string{
		5:  `\x1b[2JWWF\x00`,
		12: `Panda\x7f \u009b31m phone \u202eevil`,
		14: `https://wwf.example/\xff`,
	} {
		if row[i] != want {
			t.Errorf("column %s: have %q, want %q", rows[0][i], row[i], want)
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
	if have := strings.Join(rows[1][5:], "|"); have != "World Wide\tFund||45000.00||||GBP|'\t=1+1||first line\nsecond line" {
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
	if have := rows[1][7] + " " + rows[2][10] + " " + rows[1][16]; have != "-45000.00 -628.00 -45000.00" {
		t.Errorf("amount, cost, converted: have %q", have)
	}
}
