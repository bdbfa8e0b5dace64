package site

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/internal/locale"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/theme"
	builtin "github.com/impactblog/impactblog/templates"
	"golang.org/x/text/language"
)

// The theme author's reference, docs/THEMES.md, is held to the code by the
// tests below: every type a template can reach from its Page has a section
// there listing each of its fields and methods (or is listed among the
// "Other values", those templates print or pass to a function), every
// template function is in its
// table, and every template file, defined template and kind of page is
// named. A failure says what to add to the file.

const themesDoc = "../../docs/THEMES.md"

// The headings of docs/THEMES.md the tests look under.
const (
	docFuncsHeading     = "## Template functions"
	docTemplatesHeading = "## Templates"
	docKindsHeading     = "## Kinds of page"
	docOpaqueHeading    = "## Other values"
)

// module is the path of this module: the types a template reaches that
// are defined outside it (time.Time, template.HTML) are Go's, documented
// there.
const module = "github.com/impactblog/impactblog/"

// A docFile is docs/THEMES.md, cut at its headings.
type docFile struct {
	lines []string
}

func readThemesDoc(t *testing.T) *docFile {
	t.Helper()
	b, err := os.ReadFile(themesDoc)
	if err != nil {
		t.Fatalf("the theme author's reference: %v: write docs/THEMES.md", err)
	}
	return &docFile{lines: strings.Split(string(b), "\n")}
}

// headingLevel is the level of a Markdown heading line, 0 for another line.
func headingLevel(line string) int {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	if n == 0 || n > 6 || !strings.HasPrefix(line[n:], " ") {
		return 0
	}
	return n
}

// A docSection is a heading and the lines under it, up to the next
// heading of its level or higher.
type docSection struct {
	heading string
	lines   []string
}

func (s *docSection) text() string { return strings.Join(s.lines, "\n") }

// sections are the doc's sections whose heading satisfies match.
func (d *docFile) sections(match func(heading string) bool) []*docSection {
	var out []*docSection
	for i, l := range d.lines {
		lv := headingLevel(l)
		if lv == 0 || !match(l) {
			continue
		}
		s := &docSection{heading: l}
		for _, m := range d.lines[i+1:] {
			if n := headingLevel(m); n > 0 && n <= lv {
				break
			}
			s.lines = append(s.lines, m)
		}
		out = append(out, s)
	}
	return out
}

// section is the section under the heading h, or nil.
func (d *docFile) section(h string) *docSection {
	s := d.sections(func(l string) bool { return strings.TrimSpace(l) == h })
	if len(s) == 0 {
		return nil
	}
	return s[0]
}

// typeHeadingRE finds the Go type a section documents: "### Page (`site.Page`)".
var typeHeadingRE = regexp.MustCompile("\\(`(\\w+\\.\\w+)`\\)\\s*$")

// A reachedType is a type of this module that a template can reach from
// its Page, and the first way to it: ".Site.Posts.TagList".
type reachedType struct {
	t   reflect.Type
	via string
}

// members are the exported fields (promoted ones too) and methods of t,
// as a template names them.
func members(t reflect.Type) []string {
	var out []string
	if t.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() {
				out = append(out, f.Name)
			}
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		out = append(out, pt.Method(i).Name)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// reachTypes walks from root through the exported fields and the results
// of the methods of every type of this module it finds, breadth first,
// except into those for which stop is true. It returns the types that
// have fields or methods, in the order found.
func reachTypes(root reflect.Type, stop func(reflect.Type) bool) []reachedType {
	var out []reachedType
	seen := map[reflect.Type]bool{}
	queue := []reachedType{{root, ""}}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		t := r.t
		for t.Name() == "" && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map) {
			t = t.Elem()
		}
		if !strings.HasPrefix(t.PkgPath(), module) || seen[t] {
			continue
		}
		seen[t] = true
		if t.Kind() != reflect.Struct && reflect.PointerTo(t).NumMethod() == 0 {
			// A named list or map (post.Keys) is what it holds; a named
			// string (site.Kind) is a string.
			switch t.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map, reflect.Pointer:
				queue = append(queue, reachedType{t.Elem(), r.via})
			}
			continue
		}
		out = append(out, reachedType{t, r.via})
		if stop(t) {
			continue
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map, reflect.Pointer:
			queue = append(queue, reachedType{t.Elem(), r.via})
		case reflect.Struct:
			for _, f := range reflect.VisibleFields(t) {
				if f.IsExported() {
					queue = append(queue, reachedType{f.Type, r.via + "." + f.Name})
				}
			}
		}
		pt := reflect.PointerTo(t)
		for i := range pt.NumMethod() {
			m := pt.Method(i)
			for j := range m.Type.NumOut() {
				queue = append(queue, reachedType{m.Type.Out(j), r.via + "." + m.Name})
			}
		}
	}
	return out
}

// codeNames are the names in the list written as `.Name`.
func codeNames(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`." + n + "`"
	}
	return strings.Join(quoted, ", ")
}

// memberRE finds a member in a section: "`.Title`", "`.TagSlug N`".
func memberRE(name string) *regexp.Regexp {
	return regexp.MustCompile("`\\." + regexp.QuoteMeta(name) + "[` ]")
}

// rowNameRE is the member a table row documents: "| `.Title` | …".
var rowNameRE = regexp.MustCompile("^\\|\\s*`\\.(\\w+)")

// TestThemesDocTypes: every type a template reaches from its Page has a
// section of docs/THEMES.md naming each of its fields and methods, or is
// listed under "Other values"; no section or
// listing names a type or member that is not there.
func TestThemesDocTypes(t *testing.T) {
	doc := readThemesDoc(t)
	opaque := map[string]bool{}
	// Each item of the list names its types before its first ": ":
	// "- `publish.File`, `publish.Stats`: the files a build writes".
	typeRE := regexp.MustCompile("`(\\w+\\.\\w+)`")
	if s := doc.section(docOpaqueHeading); s != nil {
		for _, l := range s.lines {
			if !strings.HasPrefix(l, "- ") {
				continue
			}
			names, _, _ := strings.Cut(l, ": ")
			for _, m := range typeRE.FindAllStringSubmatch(names, -1) {
				opaque[m[1]] = true
			}
		}
	} else {
		t.Errorf("docs/THEMES.md has no heading %q: add it, with a list (\"- `impact.Tonnes`: …\") of the types templates only print, pass to a function or leave to Go code", docOpaqueHeading)
	}
	sections := map[string]*docSection{}
	for _, s := range doc.sections(typeHeadingRE.MatchString) {
		sections[typeHeadingRE.FindStringSubmatch(s.heading)[1]] = s
	}

	reached := reachTypes(reflect.TypeFor[Page](), func(t reflect.Type) bool { return opaque[t.String()] })
	have := map[string]bool{}
	var todo []string
	for _, r := range reached {
		name := r.t.String()
		have[name] = true
		via := r.via
		if via == "" {
			via = "the dot"
		}
		names := members(r.t)
		s := sections[name]
		switch {
		case opaque[name]:
			continue
		case s == nil:
			todo = append(todo, fmt.Sprintf("%s, which a template reaches from its page as %s, has no section: add one with the heading \"### %s (`%s`)\" and a table with a row for each of %s, such as\n    | `.%s` | what it is, for a template |\n  or, if a template should only print it, pass it to a function or leave it to Go code, list it under %q: \"- `%s`: what a template does with it\"",
				name, via, r.t.Name(), name, codeNames(names), names[0], docOpaqueHeading, name))
			continue
		}
		var missing []string
		for _, m := range names {
			if !memberRE(m).MatchString(s.text()) {
				missing = append(missing, m)
			}
		}
		if len(missing) > 0 {
			todo = append(todo, fmt.Sprintf("under %q, add a row for each of %s (fields and methods of %s), such as\n    | `.%s` | what it is, for a template |",
				s.heading, codeNames(missing), name, missing[0]))
		}
		for _, l := range s.lines {
			if m := rowNameRE.FindStringSubmatch(l); m != nil && !slices.Contains(names, m[1]) {
				todo = append(todo, fmt.Sprintf("under %q, the row of `.%s` names no field or method of %s: remove the row, or fix the name (%s has %s)",
					s.heading, m[1], name, name, codeNames(names)))
			}
		}
	}
	for name, s := range sections {
		if !have[name] {
			todo = append(todo, fmt.Sprintf("the section %q documents %s, which no template reaches from its page any more: remove the section, or rename it", s.heading, name))
		}
	}
	for name := range opaque {
		if !have[name] {
			todo = append(todo, fmt.Sprintf("under %q, `%s` is a type no template reaches from its page any more: remove it from the list", docOpaqueHeading, name))
		}
	}
	slices.Sort(todo)
	reportTodo(t, todo)
}

// reportTodo fails t with what to change in docs/THEMES.md.
func reportTodo(t *testing.T, todo []string) {
	t.Helper()
	if len(todo) > 0 {
		t.Errorf("docs/THEMES.md, the theme author's reference, is out of date with the code (internal/site/docs_test.go holds the two together). In docs/THEMES.md:\n- %s", strings.Join(todo, "\n- "))
	}
}

// siteFuncNames are the keys of the template.FuncMap literals in the
// package's own files: the functions the site adds to package theme's.
func siteFuncNames(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			if sel, ok := lit.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "FuncMap" {
				return true
			}
			for _, e := range lit.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.BasicLit); ok && k.Kind == token.STRING {
						name, _ := strconv.Unquote(k.Value)
						names = append(names, name)
					}
				}
			}
			return true
		})
	}
	return names
}

// funcRowRE is the function a row of the functions' table documents: "| `money` | …".
var funcRowRE = regexp.MustCompile("^\\|\\s*`(\\w+)`")

// TestThemesDocFuncs: every template function, package theme's and the
// site's own, has a row in the table under "Template functions", and
// every row there names a function a template can call.
func TestThemesDocFuncs(t *testing.T) {
	doc := readThemesDoc(t)
	s := doc.section(docFuncsHeading)
	if s == nil {
		t.Fatalf("docs/THEMES.md has no heading %q: add it, with a table of every template function", docFuncsHeading)
	}
	listed := map[string]bool{}
	for _, l := range s.lines {
		if m := funcRowRE.FindStringSubmatch(l); m != nil {
			listed[m[1]] = true
		}
	}
	defined := siteFuncNames(t)
	if len(defined) == 0 {
		t.Fatal("found no template.FuncMap in package site's files: the site's own functions (postSummary, partialCached) have moved; change siteFuncNames")
	}
	for name := range theme.Funcs(locale.New(language.BritishEnglish), "https://example.org/") {
		defined = append(defined, name)
	}
	slices.Sort(defined)
	var todo []string
	for _, name := range defined {
		if !listed[name] {
			todo = append(todo, fmt.Sprintf("under %q, add a row for the template function %s, such as\n    | `%s` | its arguments | what it gives |", docFuncsHeading, name, name))
		}
	}
	// Every function listed can be called: parsing a call to it with the
	// functions templates have succeeds.
	tmpl, problems := loadTemplates(fstest.MapFS{}, builtin.FS, locale.New(language.BritishEnglish), "https://example.org/")
	if len(problems) > 0 {
		t.Fatalf("loading the built-in theme: %v", problems)
	}
	for name := range listed {
		c, err := tmpl.Shared.Clone()
		if err == nil {
			_, err = c.New("docs_test").Parse("{{if false}}{{" + name + "}}{{end}}")
		}
		if err != nil {
			todo = append(todo, fmt.Sprintf("under %q, the row of `%s` names no template function (%v): remove the row, or fix the name", docFuncsHeading, name, err))
		}
	}
	slices.Sort(todo)
	reportTodo(t, todo)
}

// TestThemesDocTemplates: every file of the built-in theme, every template
// it defines and every kind of page is named in docs/THEMES.md.
func TestThemesDocTemplates(t *testing.T) {
	doc := readThemesDoc(t)
	s := doc.section(docTemplatesHeading)
	if s == nil {
		t.Fatalf("docs/THEMES.md has no heading %q: add it, with a part for each template file", docTemplatesHeading)
	}
	text := s.text()
	var todo []string
	var files []string
	for _, pattern := range []string{"*.html", "partials/*.html"} {
		names, err := fs.Glob(builtin.FS, pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, names...)
	}
	for _, f := range files {
		if !strings.Contains(text, "`"+f+"`") {
			todo = append(todo, fmt.Sprintf("under %q, describe the template file templates/%s: name it as `%s`, say which pages use it and what data it gets", docTemplatesHeading, f, f))
		}
	}
	tmpl, problems := loadTemplates(fstest.MapFS{}, builtin.FS, locale.New(language.BritishEnglish), "https://example.org/")
	if len(problems) > 0 {
		t.Fatalf("loading the built-in theme: %v", problems)
	}
	defined := map[string]bool{}
	for _, pt := range tmpl.Pages {
		for _, d := range pt.Templates() {
			if n := d.Name(); n != "" && !strings.HasPrefix(n, theme.Dir+"/") {
				defined[n] = true
			}
		}
	}
	for n := range defined {
		if !strings.Contains(text, `"`+n+`"`) {
			todo = append(todo, fmt.Sprintf("under %q, describe the template the built-in theme defines as %q: name it as `{{define %q}}` in the part of the file that defines it, with what it gets", docTemplatesHeading, n, n))
		}
	}
	k := doc.section(docKindsHeading)
	if k == nil {
		t.Fatalf("docs/THEMES.md has no heading %q: add it, with a table of the kinds of page", docKindsHeading)
	}
	for _, pk := range kinds {
		found := false
		for _, l := range k.lines {
			if strings.HasPrefix(l, "|") && strings.Contains(l, "`"+string(pk.Kind)+"`") && (pk.Template == "" || strings.Contains(l, "`"+pk.Template+"`")) {
				found = true
			}
		}
		if !found {
			tmplName := "(none)"
			if pk.Template != "" {
				tmplName = "`" + pk.Template + "`"
			}
			todo = append(todo, fmt.Sprintf("under %q, add a row for the kind of page %s, such as\n    | `%s` | %s | %s | what it shows, and which of Page's fields it sets |", docKindsHeading, pk.Kind, pk.Kind, pk.URL, tmplName))
		}
	}
	slices.Sort(todo)
	reportTodo(t, todo)
}

// The writers' guide, docs/WRITING.md, shows a complete post and quotes
// what check says of the common mistakes made in it.
const (
	writingDoc = "../../docs/WRITING.md"
	// writingPost is where the guide says its example is saved.
	writingPost = "posts/2024-05-04-repair-cafe-day.md"
	// writingExample is the heading above the example, in a ```markdown block.
	writingExample = "## The front matter: a complete example"
)

// writingCheck checks a blog holding post at writingPost as the check
// command does with every post (drafts and future posts included), and
// returns its problems and warnings as check prints them.
func writingCheck(t *testing.T, post string) (problems, warnings []string) {
	t.Helper()
	blog := fstest.MapFS{
		"site.toml": {Data: []byte("title = \"Example impact blog\"\nbase_url = \"https://impact.example.org/\"\nlanguage = \"en-GB\"\ncurrency = \"GBP\"\n")},
		writingPost: {Data: []byte(post)},
	}
	b := NewBuilder(blog, builtin.FS, Options{Drafts: true, Future: true, Once: true, Now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)})
	s, err := b.Build(context.Background(), nil)
	if err == nil {
		err = s.Check(context.Background())
	}
	var list problem.List
	if err != nil && !errors.As(err, &list) {
		t.Fatalf("check: %v", err)
	}
	for _, p := range list {
		problems = append(problems, p.Error())
	}
	for _, w := range b.Warnings() {
		warnings = append(warnings, problem.New(w.File, w.Line, w.Col, "warning: %v", w.Err).Error())
	}
	return problems, warnings
}

// TestWritingDoc: the complete post of docs/WRITING.md passes check with
// no problem and no warning, and for each common mistake the guide
// describes, it quotes word for word what check says (the problems, or
// the warnings when there is no problem).
func TestWritingDoc(t *testing.T) {
	b, err := os.ReadFile(writingDoc)
	if err != nil {
		t.Fatalf("the writers' guide: %v: write docs/WRITING.md", err)
	}
	doc := string(b)
	_, rest, ok := strings.Cut(doc, writingExample+"\n")
	_, rest, ok2 := strings.Cut(rest, "```markdown\n")
	example, _, ok3 := strings.Cut(rest, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatalf("docs/WRITING.md has no ```markdown block under %q: the complete example of a post", writingExample)
	}
	if !strings.Contains(doc, "`"+writingPost+"`") {
		t.Errorf("docs/WRITING.md does not say where its example is saved, `%s`, the file its messages name", writingPost)
	}
	if problems, warnings := writingCheck(t, example); len(problems)+len(warnings) > 0 {
		t.Fatalf("the complete example of docs/WRITING.md does not pass check: fix it there:\n%s", strings.Join(append(problems, warnings...), "\n"))
	}
	// Each mistake, made in the example.
	replace := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("the example of docs/WRITING.md no longer has %q, which this test changes to make a mistake: change the test", old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	add := func(text string) func(string) string {
		return func(s string) string { return s + "\n" + text + "\n" }
	}
	for _, m := range []struct {
		name string
		edit func(string) string
	}{
		{"an amount written with £ and a comma", replace("amount: 2500", "amount: £2,500")},
		{"a misspelt key", replace("- recipient: Hackney", "- recipiant: Hackney")},
		{"impact misspelt", replace("\nimpact:", "\nimapct:")},
		{"a date that does not exist", replace("date: 2024-05-04\nauthor", "date: 2024-13-45\nauthor")},
		{"a date far ahead", replace("date: 2024-05-04\nauthor", "date: 2042-05-04\nauthor")},
		{"no title", replace("title: \"Repair café day: forty laptops saved from the bin\"\n", "")},
		{"a colon in a title without quotes", replace("title: \"Repair café day: forty laptops saved from the bin\"", "title: Repair café day: forty laptops saved")},
		{"a line out of place", replace("      amount: 2500", "     amount: 2500")},
		{"a currency misspelt", replace("currency: GBP", "currency: GPB")},
		{"a receipt that is not there", replace("evidence: https://example.org/receipts/hackney-2024-05.pdf", "evidence: receipt.pdf")},
		{"a link to a post that is not there", add("See [last year's café day](2023-05-06-repair-cafe-day.md).")},
		{"a total misspelt", replace("total donations year", "total donatons year")},
		{"a figure typed in the text", add("We gave £25,000 for tools.")},
		{"carbon neutral", add("Our deliveries are now carbon neutral.")},
		{"eco-friendly", add("Our new packaging is eco-friendly.")},
		{"an accepted claim with no reason", func(s string) string {
			return add("Our new packaging is eco-friendly.")(replace("draft: true\n", "draft: true\nclaims:\n  accept:\n    generic-claim: \"\"\n")(s))
		}},
	} {
		t.Run(m.name, func(t *testing.T) {
			problems, warnings := writingCheck(t, m.edit(example))
			says := problems
			if len(says) == 0 {
				says = warnings
			}
			if len(says) == 0 {
				t.Fatalf("check finds nothing wrong with %s in the example of docs/WRITING.md: take the mistake out of the guide, or out of this test", m.name)
			}
			for _, line := range says {
				if !strings.Contains(doc, "\n"+line+"\n") {
					t.Errorf("docs/WRITING.md does not quote what check says of %s, which is now\n\t%s\nput this line, as it is, in the guide's part about the mistake (in place of the one it quotes)", m.name, line)
				}
			}
		})
	}
}
