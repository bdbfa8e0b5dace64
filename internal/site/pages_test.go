package site

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestPackageDocIsTheSpec: the package comment lists every kind of page
// of the page table, with its template, and the template functions of its
// own (package theme documents the others).
func TestPackageDocIsTheSpec(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "site.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	for _, k := range kinds {
		tmpl := k.Template
		if tmpl == "" {
			tmpl = "(none)"
		}
		if !strings.Contains(doc, "\t"+string(k.Kind)+" ") || !strings.Contains(doc, " "+tmpl+" ") {
			t.Errorf("the package comment does not list the kind %s with its template %s", k.Kind, tmpl)
		}
	}
	for _, name := range []string{"postSummary", "partialCached"} {
		if strings.Count(doc, "\t"+name+" ") != 1 {
			t.Errorf("the package comment does not document the template function %s once", name)
		}
	}
}
