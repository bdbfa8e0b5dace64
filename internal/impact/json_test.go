package impact

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
)

// TestWriteJSON: impact.json written an entry at a time is the document
// json.MarshalIndent makes, with or without entries and a reporting block.
func TestWriteJSON(t *testing.T) {
	donations, offsets := sample(t)
	rates := NewRates(cur(t, "GBP"))
	for _, y := range []int{2020, 2021, 2022} {
		rates.Set(y, "JPY", decimal.RequireFromString("0.0073"))
		rates.Set(y, "KWD", decimal.RequireFromString("2.5"))
	}
	full, err := Compute(2, pointers(donations), pointers(offsets), WithRates(rates))
	if err != nil {
		t.Fatal(err)
	}
	if full.Reporting == nil || len(full.Entries) < 2 {
		t.Fatalf("%d entries, reporting %v: want entries and a reporting block", len(full.Entries), full.Reporting != nil)
	}
	noReporting, noEntries, nilEntries := *full, *full, *full
	noReporting.Reporting = nil
	noEntries.Entries = []Entry{}
	nilEntries.Entries = nil
	for name, tt := range map[string]*Totals{
		"full": full, "without reporting": &noReporting, "no entries": &noEntries, "nil entries": &nilEntries, "nil": nil,
	} {
		want, err := json.MarshalIndent(tt, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		var have bytes.Buffer
		if err := WriteJSON(&have, tt); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(have.Bytes(), want) {
			t.Errorf("%s: WriteJSON wrote\n%s\nwant\n%s", name, have.Bytes(), want)
		}
	}
}
