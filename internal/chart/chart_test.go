package chart

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func sample() *Chart {
	d := decimal.RequireFromString
	return &Chart{
		ID:     "donations",
		Title:  "Donations per year, in GBP",
		Desc:   "2019: £8,193; 2020: £157,000 & more",
		Series: []string{"PUR Projet", "WWF <Panda>", "Finsbury Fixers"},
		Bars: []Bar{
			{Label: "2019", Value: "£8,193", Segments: []Segment{{Series: 2, Size: d("8193.41"), Label: "£8,193.41"}}},
			{Label: "2020", Value: "£157,000", Segments: []Segment{{Series: 0, Size: d("112000"), Label: "£112,000"}, {Series: 1, Size: d("45000"), Label: "£45,000"}}},
		},
	}
}

// TestSVGIsXMLWithTextAlternative parses the chart as XML and checks the
// text alternative: role="img", aria-labelledby naming a <title> and a
// <desc> with the chart's title and description, and a <title> per segment.
func TestSVGIsXMLWithTextAlternative(t *testing.T) {
	c := sample()
	svg := string(c.SVG())
	dec := xml.NewDecoder(strings.NewReader(svg))
	ids := map[string]string{} // id → text of the element
	var root *xml.StartElement
	var stack []xml.StartElement
	segmentTitles := 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == nil {
				e := tok.Copy()
				root = &e
			}
			stack = append(stack, tok.Copy())
			text.Reset()
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, a := range top.Attr {
				if a.Name.Local == "id" {
					ids[a.Value] = text.String()
				}
			}
			if top.Name.Local == "title" && len(stack) > 0 && stack[len(stack)-1].Name.Local == "rect" {
				segmentTitles++
			}
		}
	}
	if root == nil || root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root: have %v, want svg in the SVG namespace", root)
	}
	attr := map[string]string{}
	for _, a := range root.Attr {
		attr[a.Name.Local] = a.Value
	}
	if attr["role"] != "img" {
		t.Errorf("role: have %q, want img", attr["role"])
	}
	labels := strings.Fields(attr["aria-labelledby"])
	if len(labels) != 2 {
		t.Fatalf("aria-labelledby: have %q, want a title and a desc", attr["aria-labelledby"])
	}
	if have := ids[labels[0]]; have != c.Title {
		t.Errorf("title: have %q, want %q", have, c.Title)
	}
	if have := ids[labels[1]]; have != c.Desc {
		t.Errorf("desc: have %q, want %q", have, c.Desc)
	}
	if segmentTitles != 3 {
		t.Errorf("segments with a <title>: have %d, want 3", segmentTitles)
	}
	for _, want := range []string{"WWF &lt;Panda&gt;", "£157,000", "2020, PUR Projet: £112,000"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}

// TestSeriesHaveDistinctPatterns: readable without colour.
func TestSeriesHaveDistinctPatterns(t *testing.T) {
	seen := map[string]bool{}
	for i, p := range patterns {
		if seen[p.marks] {
			t.Errorf("pattern %d repeats the marks of another", i)
		}
		seen[p.marks] = true
	}
	svg := string(sample().SVG())
	for _, id := range []string{`id="donations-p0"`, `id="donations-p1"`, `id="donations-p2"`} {
		if strings.Count(svg, id) != 1 {
			t.Errorf("%s defined %d times, want once", id, strings.Count(svg, id))
		}
	}
	if a, b := sample().SVG(), sample().SVG(); a != b {
		t.Error("two charts of the same data differ")
	}
}

// TestBarsAreToScale: the longest bar fills the bar area, the others in proportion.
func TestBarsAreToScale(t *testing.T) {
	svg := string(sample().SVG())
	for _, want := range []string{
		`x="44.00" y="10" width="14.19"`,  // 8193.41 / 157000 × 272
		`x="44.00" y="42" width="194.04"`, // 112000 / 157000 × 272
		`x="238.04" y="42" width="77.96"`, // then 45000
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("no segment at %s in\n%s", want, svg)
		}
	}
}
