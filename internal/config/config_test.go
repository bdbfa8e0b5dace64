package config

import (
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"
)

// TestEveryProblemInOneRun: issue 13, item 6. A value of the wrong type
// hid every problem after it (here an unknown key, an unknown currency, a
// bad time zone and two bad rates): each is now reported, at its line and
// column, in one run.
func TestEveryProblemInOneRun(t *testing.T) {
	src := `title = "T"
posts_per_page = "5"
post_per_pge = 3
currency = "XXY"
timezone = "Europe/Londn"
unsafe_html = "yes"
reporting_currency = "GBP"

[rates.2020]
EURO = "0.9"
USD = "0,8"
`
	want := []string{
		`site.toml:2:18: posts_per_page must be a whole number, such as posts_per_page = 10, not text ("5"): remove the quotes`,
		`site.toml:3:1: unknown setting "post_per_pge": did you mean posts_per_page?`,
		`site.toml:4:12: currency: unknown currency "XXY"`,
		`site.toml:5:12: timezone "Europe/Londn" is not a time zone: write one such as UTC or Europe/London`,
		`site.toml:6:15: unsafe_html must be true or false, such as unsafe_html = false, not text ("yes")`,
		`site.toml:10:1: rates.2020: unknown currency "EURO"`,
		`site.toml:11:7: rates.2020.USD: "0,8" is not a number`,
	}
	_, problems := Parse([]byte(src))
	if len(problems) != len(want) {
		t.Fatalf("have %d problems:\n%v\nwant %d:\n%s", len(problems), problems, len(want), strings.Join(want, "\n"))
	}
	for i, p := range problems {
		if !strings.HasPrefix(p.Error(), want[i]) {
			t.Errorf("have %s\nwant %s…", p, want[i])
		}
	}
}

func TestConfigProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"good", "title = \"T\"\nposts_per_page = 3\nunsafe_html = true\n", nil},
		{"text for a number", "posts_per_page = 2.5\n", []string{`site.toml:1:18: posts_per_page must be a whole number, such as posts_per_page = 10, not a number (2.5)`}},
		{"a number for text", "title = 42\n", []string{`site.toml:1:9: title must be text in quotes, such as title = "Back Market impact", not a number (42)`}},
		{"a table for text", "[title]\nx = 1\n", []string{`site.toml:1:1: title must be text in quotes, such as title = "Back Market impact", not a table`}},
		{"a list for text", "language = [\"en\"]\n", []string{`site.toml:1:12: language must be text in quotes, such as language = "en-GB", not a list`}},
		{"quoted true", "unsafe_html = \"true\"\n", []string{`site.toml:1:15: unsafe_html must be true or false, such as unsafe_html = false, not text ("true"): remove the quotes`}},
		{"a quoted key", "\"base_url\" = \"ftp://x\"\n", []string{`site.toml:1:14: base_url "ftp://x" is not an absolute http or https URL`}},
		{"an unknown key far from any", "colour = \"red\"\n", []string{`site.toml:1:1: unknown setting "colour": the settings are title, base_url, language, currency, author, description, posts_per_page, timezone, unsafe_html, reporting_currency, languages, [rates.YEAR] tables, [[menu]] entries, and the [evidence], [claims], [params] and [language_paths] tables`}},
		{"an unknown key in capitals", "  Title = \"T\"\n", []string{`site.toml:1:3: unknown setting "Title": did you mean title?`}},
		{"an unknown table", "title = \"T\"\n\n[extras]\nx = 1\n", []string{`site.toml:3:1: unknown setting "extras"`}},
		{"a dotted unknown key", "title = \"T\"\nextras.x = 1\n", []string{`site.toml:2:1: unknown setting "extras"`}},
		{"rate instead of rates", "[rate.2020]\nEUR = \"0.9\"\n", []string{`site.toml:1:1: unknown setting "rate": did you mean a [rates.YEAR] table?`}},
		{"rates that are not tables", "rates = \"0.9\"\n", []string{`site.toml:1:9: rates must be tables, one per year, such as [rates.2020] with a line EUR = "0.8897"; it is text ("0.9")`}},
		{"an empty title", "title = \"\"\n", []string{`site.toml:1:9: title is empty`}},
		{"a multi-line title", "title = \"\"\"\n  \"\"\"\n", []string{`site.toml:1:9: title is empty`}},
		{"bad rates behind a bad reporting currency", "reporting_currency = \"pounds\"\n[rates.2020]\nEUR = \"-1\"\n", []string{
			`site.toml:1:22: reporting_currency: unknown currency "pounds"`,
			`site.toml:3:7: rates.2020.EUR must be more than zero`,
		}},
		{"syntax error", "title = \"T\"\ntitle = \n", []string{`site.toml:2:9: not valid TOML: a value is missing after "=": write one, or remove the key`}},
		{"syntax error stops", "posts_per_page = \"5\"\ntitle = \"unclosed\n", []string{`site.toml:2:18: not valid TOML: basic strings cannot have new lines`}},
		{"text without quotes", "title = Our blog\n", []string{`site.toml:1:9: not valid TOML: unexpected character "O" at the start of a value: text must be in quotes`}},
		{"a key given twice", "title = \"T\"\n\n  title = \"U\"\n", []string{`site.toml:3:3: not valid TOML: "title" is given twice (also at line 1): keep one`}},
		{"a table given twice", "[rates.2020]\nEUR = 1\n[rates.2020]\n", []string{`site.toml:3:1: not valid TOML: the table [rates.2020] is given twice (also at line 1)`}},
		{"a control character", "title = \"T\x1b\"\n", []string{`site.toml:1:11: not valid TOML: basic strings cannot have control characters`}},
		{"nested too deep", "x = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", []string{`site.toml:1:205: nested more than 200 levels deep here: flatten it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := Parse([]byte(tt.src))
			if len(problems) != len(tt.want) {
				t.Fatalf("have %d problems:\n%v\nwant %d: %q", len(problems), problems, len(tt.want), tt.want)
			}
			for i, p := range problems {
				if !strings.HasPrefix(p.Error(), tt.want[i]) {
					t.Errorf("have %s\nwant %s…", p, tt.want[i])
				}
				if p.Line < 1 || p.Col < 1 {
					t.Errorf("have %s want: a line and a column", p)
				}
			}
		})
	}
}

// TestSampleConfig: the sample blog's site.toml has no problem.
func TestSampleConfig(t *testing.T) {
	src := `title = "Back Market impact blog"
base_url = "https://impact.example.com/"
posts_per_page = 5
timezone = "Europe/London"
reporting_currency = "GBP"

[rates.2021]
EUR = "0.8596"
JPY = 0.006630
`
	c, problems := Parse([]byte(src))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if c.PostsPerPage != 5 || c.Location.String() != "Europe/London" || c.Title != "Back Market impact blog" {
		t.Errorf("have %+v", c)
	}
	if r, ok := c.Rates.Rate(2021, "JPY"); !ok || r.String() != "0.00663" {
		t.Errorf("JPY in 2021: have %s", r)
	}
}

// TestDocListsEverySetting: the package comment, which is the spec of
// site.toml, shows each setting of the table, and no other.
func TestDocListsEverySetting(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "config.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\t([a-z_]+)\s*=`).FindAllStringSubmatch(doc, -1) {
		documented[m[1]] = true
	}
	for _, s := range settings {
		if !documented[s.key] {
			t.Errorf("%s is not in the package comment", s.key)
		}
		delete(documented, s.key)
	}
	for k := range documented {
		switch k {
		case "EUR", "JPY", "offsets", "from", "verra", "off", "id", "phrases", "name", "url", "weight", "mastodon", "languages": // keys of [rates.YEAR], [evidence], [claims], [[menu]] and [params], and languages
		default:
			t.Errorf("the package comment shows %s, which is no setting", k)
		}
	}
}
