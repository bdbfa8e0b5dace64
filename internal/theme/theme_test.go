package theme

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/impactblog/impactblog/internal/locale"
)

// TestPackageDocIsTheSpec: the package comment documents every template
// function of Funcs, once.
func TestPackageDocIsTheSpec(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "theme.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	for name := range Funcs(locale.New(language.BritishEnglish), "https://impact.example/") {
		if strings.Count(doc, "\t"+name+" ") != 1 {
			t.Errorf("the package comment does not document the template function %s once", name)
		}
	}
}

func TestAbs(t *testing.T) {
	for _, tt := range []struct{ base, u, want string }{
		{"https://impact.example/", "/posts/x/", "https://impact.example/posts/x/"},
		{"https://impact.example/blog/", "/posts/x/", "https://impact.example/blog/posts/x/"},
		{"http://localhost:8080/", "/", "http://localhost:8080/"},
	} {
		if have := Abs(tt.base, tt.u); have != tt.want {
			t.Errorf("Abs(%q, %q): have %q, want %q", tt.base, tt.u, have, tt.want)
		}
	}
}
