package theme

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

type testPage struct {
	Title string
	Post  *testPost
	Site  struct{ Name string }
}

type testPost struct{ Title, Summary string }

func (p *testPost) Totals() *testTotals { return &testTotals{} }

type testTotals struct{ Donations int }

// TestSuggestField: a misspelt field is answered with the field meant, in
// the type the template was at, and a page's field used inside {{with}}
// with $.
func TestSuggestField(t *testing.T) {
	tests := []struct{ tmpl, want string }{
		{`{{.Titel}}`, `can't evaluate field Titel in type *theme.testPage: did you mean .Title?`},
		{`{{with .Post}}{{.Sumary}}{{end}}`, `in type *theme.testPost: did you mean .Summary?`},
		{`{{with .Post}}{{.Totals.Donatons}}{{end}}`, `in type *theme.testTotals: did you mean .Donations?`},
		{`{{with .Post}}{{.Site.Name}}{{end}}`, `can't evaluate field Site in type *theme.testPost: inside {{with}} or {{range}} the dot is a *theme.testPost: write $.Site for the page's`},
		{`{{.Zzzzzzzz}}`, `can't evaluate field Zzzzzzzz in type *theme.testPage`},
	}
	for _, tt := range tests {
		page := &testPage{Post: &testPost{}}
		err := template.Must(template.New("p.html").Parse(tt.tmpl)).Execute(&bytes.Buffer{}, page)
		if err == nil {
			t.Fatalf("%s: no error", tt.tmpl)
		}
		have := SuggestField(Problem("templates/p.html", err), page).Error()
		if !strings.HasSuffix(have, tt.want) {
			t.Errorf("%s:\nhave %s\nwant …%s", tt.tmpl, have, tt.want)
		}
	}
}
