package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// fakeFigures writes a figure as its name and sorted arguments.
type fakeFigures struct{}

func (fakeFigures) Figure(f *Figure) (string, error) {
	if f.Args["recipient"] == "Nobody" {
		return "", fmt.Errorf("no donation to %q", "Nobody")
	}
	s := "[" + f.Name
	for _, k := range FigureKeys {
		if v, ok := f.Args[k]; ok {
			s += " " + k + "=" + v
		}
	}
	return s + " & co]", nil
}

func TestFigures(t *testing.T) {
	r := New(Options{Figures: true})
	tests := []struct {
		name, src, html string
	}{
		{"site total", "We gave {{< total donations >}}.", "<p>We gave [donations &amp; co].</p>\n"},
		{"year", "In 2020: {{< total donations year=2020 >}}!", "<p>In 2020: [donations year=2020 &amp; co]!</p>\n"},
		{"tonnes", "{{< total offsets.tonnes >}} t", "<p>[offsets.tonnes &amp; co] t</p>\n"},
		{"quoted recipient and currency", `To WWF: {{<total donations recipient="WWF \"Panda\"" currency=GBP>}}`, "<p>To WWF: [donations recipient=WWF &#34;Panda&#34; currency=GBP &amp; co]</p>\n"},
		{"the post's own", "This post: {{< total post.donations >}}", "<p>This post: [post.donations &amp; co]</p>\n"},
		{"in emphasis", "*{{< total offsets.count >}}*", "<p><em>[offsets.count &amp; co]</em></p>\n"},
		{"in code it stays code", "`{{< total donations >}}`", "<p><code>{{&lt; total donations &gt;}}</code></p>\n"},
		{"another shortcode is left alone", "{{< youtube abc >}}", "<p>{{&lt; youtube abc &gt;}}</p>\n"},
		{"unclosed is text", "{{< total donations", "<p>{{&lt; total donations</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.RenderWith([]byte(tt.src), Env{Figures: fakeFigures{}})
			if err != nil {
				t.Fatal(err)
			}
			if string(doc.HTML) != tt.html {
				t.Errorf("have %q\nwant %q", doc.HTML, tt.html)
			}
			if len(doc.Problems) > 0 {
				t.Errorf("problems: %v", doc.Problems)
			}
		})
	}
	// Without the option, nothing is parsed.
	doc, _ := New(Options{}).Render([]byte("{{< total donations >}}"))
	if doc.Figures != 0 || !strings.Contains(string(doc.HTML), "total donations") {
		t.Errorf("figures without the option: %q", doc.HTML)
	}
	// The summary carries the value.
	doc, _ = r.RenderWith([]byte("So far: {{< total donations >}}.\n\nMore."), Env{Figures: fakeFigures{}})
	if doc.Summary != "So far: [donations & co]." {
		t.Errorf("summary: have %q", doc.Summary)
	}
}

func TestFigureProblems(t *testing.T) {
	r := New(Options{Figures: true})
	tests := []struct {
		name, src string
		line, col int
		want      string
	}{
		{"unknown figure", "Intro.\n\nWe gave {{< total donation >}}.", 3, 19, `unknown figure "donation": did you mean donations?`},
		{"unknown post figure", "{{< total post.offset.tonnes >}}", 1, 11, `unknown figure "post.offset.tonnes": did you mean post.offsets.tonnes?`},
		{"no figure", "é {{< total >}}", 1, 13, "which total?"},
		{"unknown argument", "A\nB {{< total donations yaer=2020 >}}", 2, 23, `unknown argument "yaer": did you mean year?`},
		{"bad year", "- item {{< total donations year=20 >}}", 1, 28, `year "20" is not a year`},
		{"recipient of offsets", "{{< total offsets.tonnes recipient=\"WWF\" >}}", 1, 26, "recipient goes with donations"},
		{"currency of tonnes", "{{< total offsets.tonnes currency=EUR >}}", 1, 26, "currency goes with donations or offsets.cost"},
		{"bad currency", "{{< total donations currency=euro >}}", 1, 21, `unknown currency "euro"`},
		{"not key=value", "{{< total donations 2020 >}}", 1, 21, `"2020" is not a key=value argument`},
		{"twice", "{{< total donations year=2020 year=2021 >}}", 1, 31, "year is given twice"},
		{"posts of a post", "{{< total post.posts >}}", 1, 11, `unknown figure "post.posts"`},
		{"from the source", "x\n\n\n  {{< total donations recipient=\"Nobody\" >}}", 4, 3, `no donation to "Nobody"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.RenderWith([]byte(tt.src), Env{Figures: fakeFigures{}})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Problems) != 1 {
				t.Fatalf("have %d problems %v, want 1", len(doc.Problems), doc.Problems)
			}
			p := doc.Problems[0]
			if p.Line != tt.line || p.Col != tt.col || !strings.Contains(p.Err.Error(), tt.want) {
				t.Errorf("have %d:%d: %v\nwant %d:%d: …%s…", p.Line, p.Col, p.Err, tt.line, tt.col, tt.want)
			}
		})
	}
}
