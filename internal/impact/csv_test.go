package impact

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

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
	tot, err := ComputeIn(rates, 1, []Donation{d}, []Offset{o})
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
