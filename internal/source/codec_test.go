package source

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/impactblog/impactblog/internal/claims"
	"github.com/impactblog/impactblog/internal/claims/figures"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/review"
	"github.com/shopspring/decimal"
)

// TestCodec: a cachedPost reads back as it was written, every exported
// field of it; a value cut short anywhere, or with bytes past its end,
// does not read, and nothing panics.
func TestCodec(t *testing.T) {
	full := cachedPost{
		HTMLLen: 23, SummaryLen: 5, TOC: []byte("<ol></ol>"),
		Refs:     []markdown.Ref{{Dest: "a.md", Line: 3, Col: 7}, {Dest: "b.png", Image: true, Line: 9, Col: 1}},
		Image:    "b.png",
		Warnings: []markdown.Warning{{Line: 2, Col: 4, Msg: "a warning"}},
		Figures:  2, Words: 1234,
		Review: &review.Saved{Lang: "fr-FR",
			Findings: []review.Finding{{File: "posts/x.md", Finding: claims.Finding{Line: 1, Col: 2, Rule: "generic-claim", Severity: "warning", Message: "m", Source: "s", SourceURL: "https://example.org/", Accepted: true, Reason: "r"}}},
			Figures: []review.Figure{{Figure: figures.Figure{Offset: 3, Len: 5, Text: "£112k", Value: decimal.RequireFromString("112000.50"),
				Places: -3, Kind: figures.Money, Currency: "GBP", Sign: "£", Bound: figures.Bound(1), Lang: "en", Ambiguous: "why"}, Line: 4, Col: 5}},
		},
	}
	for i, c := range []cachedPost{full, {}, {HTMLLen: 1, Review: &review.Saved{}}} {
		data, err := appendValue(nil, reflect.ValueOf(&c).Elem())
		if err != nil {
			t.Fatal(err)
		}
		var back cachedPost
		rest, err := readValue(data, reflect.ValueOf(&back).Elem())
		if err != nil || len(rest) != 0 {
			t.Fatalf("%d: %v, %d bytes left", i, err, len(rest))
		}
		if have, want := show(back), show(c); have != want {
			t.Errorf("%d: have %s\nwant: %s", i, have, want)
		}
		if c.Review != nil && len(c.Review.Figures) > 0 && !back.Review.Figures[0].Value.Equal(c.Review.Figures[0].Value) {
			t.Errorf("%d: the decimal: have %v want: %v", i, back.Review.Figures[0].Value, c.Review.Figures[0].Value)
		}
		for n := range len(data) {
			var cut cachedPost
			if rest, err := readValue(data[:n], reflect.ValueOf(&cut).Elem()); err == nil && len(rest) == 0 {
				t.Errorf("%d: cut to %d of %d bytes, it read", i, n, len(data))
			}
		}
	}
}

// show is c as text, what its Review points to included.
func show(c cachedPost) string {
	r := c.Review
	c.Review = nil
	if r == nil {
		return fmt.Sprintf("%+v no review", c)
	}
	return fmt.Sprintf("%+v %+v", c, *r)
}
