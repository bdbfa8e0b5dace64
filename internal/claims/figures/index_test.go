package figures

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// TestIndexAgreesWithCheck: an Index says what Check says, on the cases of
// TestCheck and on random figures and data.
func TestIndexAgreesWithCheck(t *testing.T) {
	texts := []string{
		"We gave £121,000 to PUR Projet.", "We gave £112,000 (£112k), £1.2m in 2020, €2,750.30, 31.4 t, 31 tonnes, 60% and $4,250.50.",
		"We gave about £120,000 and 31.5 t.", "We gave £1.3m in 2020.", "We gave CHF 500.", "We emitted 31.4 tons.",
		"We gave more than £2m, less than £100, nearly £113,000 and at least 5 t.",
	}
	for _, text := range texts {
		figs := Find(text, "en")
		if have, want := NewIndex(data()).Check(figs), Check(figs, data()); !slices.EqualFunc(have, want, sameMismatch) {
			t.Errorf("%s:\nindex %v\ncheck %v", text, have, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	units := []struct {
		kind Kind
		cur  string
		fmt  string
	}{{Money, "GBP", "£%s"}, {Money, "EUR", "€%s"}, {Tonnes, "", "%s t"}, {Percent, "", "%s%%"}}
	hedges := []string{"", "about ", "more than ", "less than ", "nearly "}
	value := func() decimal.Decimal {
		return decimal.New(r.Int64N(2000), -r.Int32N(3)) // 0 to 1999, 0 to 2 places
	}
	for round := range 300 {
		var d []DataFigure
		for i := range r.IntN(30) {
			u := units[r.IntN(len(units))]
			d = append(d, DataFigure{Value: value(), Kind: u.kind, Currency: u.cur, Label: fmt.Sprint("figure ", i)})
		}
		text := ""
		for range 5 {
			u := units[r.IntN(len(units))]
			text += hedges[r.IntN(len(hedges))] + fmt.Sprintf(u.fmt, value().String()) + " and "
		}
		figs := Find(text, "en")
		if have, want := NewIndex(d).Check(figs), Check(figs, d); !slices.EqualFunc(have, want, sameMismatch) {
			t.Fatalf("round %d: %s\ndata %v\nindex %v\ncheck %v", round, text, d, have, want)
		}
	}
}

func sameMismatch(a, b Mismatch) bool {
	return a.Message == b.Message && a.Figure.Offset == b.Figure.Offset
}

// BenchmarkIndex checks a post's five figures against the data of a site
// of 10,000 posts (25,000 entries and their totals).
func BenchmarkIndex(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var d []DataFigure
	for i := range 25000 {
		d = append(d, DataFigure{Value: decimal.New(r.Int64N(10_000_000), -2), Kind: Money, Currency: "GBP", Label: fmt.Sprint("entry ", i)})
	}
	figs := Find("We gave £121,000, about £45,000, £3.2m, more than £10k and £7,312.44 in all.", "en")
	b.ResetTimer()
	for b.Loop() {
		NewIndex(d).Check(figs)
	}
}
