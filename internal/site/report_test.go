package site

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/report"
	theme "github.com/impactblog/impactblog/templates"
	"github.com/shopspring/decimal"
)

var dataRE = regexp.MustCompile(`<data value="([^"]*)" data-of="([^"]*)" data-as="([^"]*)">`)

// TestImpactPageFromCSV re-derives every figure marked on the impact page
// and on each year's page (<data value data-of data-as>) from impact.csv
// alone: the sums of its amount, cost, tonnes and converted columns,
// filtered as data-of says. A year's page has only figures of its year.
func TestImpactPageFromCSV(t *testing.T) {
	_, report, _ := loadTxtar(t, "testdata/report.txtar")
	blogs := map[string]fs.FS{"report.txtar": report, "the sample blog": os.DirFS("../..")}
	for name, blog := range blogs {
		t.Run(name, func(t *testing.T) {
			out, err := build(t, blog, Options{})
			if err != nil {
				t.Fatal(err)
			}
			data, _ := out.Get("impact.csv")
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			if _, ok := col["converted"]; !ok {
				t.Fatal("impact.csv has no converted column")
			}
			years := map[string]bool{}
			for _, r := range rows[1:] {
				years[r[col["year"]]] = true
			}
			for _, name := range out.Names() {
				rest, inImpact := strings.CutPrefix(name, "impact/")
				year, isPage := strings.CutSuffix(rest, "index.html")
				if !inImpact || !isPage {
					continue
				}
				year = strings.TrimSuffix(year, "/") // "" on the overview
				if year != "" && !years[year] {
					t.Errorf("%s: no entry of impact.csv counts in %s", name, year)
				}
				delete(years, year)
				page, _ := out.Get(name)
				kinds := map[string]int{}
				for _, m := range dataRE.FindAllStringSubmatch(string(page), -1) {
					value, of, as := html.UnescapeString(m[1]), html.UnescapeString(m[2]), m[3]
					if of == "" {
						continue // the tonnes by type, which no post can quote and no data-of names
					}
					f, _, err := markdown.ParseFigure("total " + of)
					if err != nil {
						t.Fatalf("%s: data-of %q: %v", name, of, err)
					}
					kinds[f.Name+" "+as]++
					if want := derive(t, rows[1:], col, f, as); value != want {
						t.Errorf("%s: %s (%s): the page says %q, impact.csv adds up to %q", name, of, as, value, want)
					}
					if f.Args["year"] != year && year != "" {
						t.Errorf("%s: a figure of %q", name, of)
					}
				}
				if year != "" {
					if len(kinds) == 0 {
						t.Errorf("%s: no figure", name)
					}
					continue
				}
				// Every kind of figure is on the overview, as given and converted.
				for _, k := range []string{"donations given", "donations reporting", "offsets.tonnes given", "offsets.cost given", "offsets.cost reporting"} {
					if kinds[k] < 3 {
						t.Errorf("%s: %d figures of %s on the page, want at least 3", name, kinds[k], k)
					}
				}
			}
			if len(years) > 0 {
				t.Errorf("years with entries and no page: %v", years)
			}
		})
	}
}

// derive sums the rows of impact.csv that figure f names.
func derive(t *testing.T, rows [][]string, col map[string]int, f *markdown.Figure, as string) string {
	t.Helper()
	kind, field := "donation", "amount"
	switch f.Name {
	case "offsets.tonnes":
		kind, field = "offset", "tonnes"
	case "offsets.cost":
		kind, field = "offset", "cost"
	}
	if as == "reporting" {
		field = "converted"
	}
	sums := map[string]decimal.Decimal{}
	for _, r := range rows {
		if r[col["kind"]] != kind || r[col[field]] == "" ||
			f.Args["year"] != "" && r[col["year"]] != f.Args["year"] ||
			f.Args["recipient"] != "" && r[col["recipient"]] != f.Args["recipient"] ||
			f.Args["provider"] != "" && r[col["provider"]] != f.Args["provider"] {
			continue
		}
		unit := r[col["currency"]]
		switch field {
		case "tonnes":
			unit = "t"
		case "converted":
			unit = r[col["reporting_currency"]]
		}
		sums[unit] = sums[unit].Add(decimal.RequireFromString(r[col[field]]))
	}
	var parts []string
	for unit, d := range sums {
		if unit == "t" {
			parts = append(parts, d.StringFixed(impact.TonnesDigits)+" t")
			continue
		}
		c, err := impact.ParseCurrency(unit)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, impact.Money{Amount: d, Currency: c}.String())
	}
	sort.Slice(parts, func(i, j int) bool {
		return parts[i][strings.LastIndex(parts[i], " "):] < parts[j][strings.LastIndex(parts[j], " "):]
	})
	return strings.Join(parts, " + ")
}

func TestFiguresInProseProblems(t *testing.T) {
	body := "---\ntitle: A\ndate: 2020-01-01\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 10\n---\nIntro.\n\nWe gave {{< total donation >}} and\n{{< total donations recipient=\"WWX\" >}}.\n"
	_, err := build(t, blogOf("posts/a.md", body), Options{})
	var list problem.List
	if !errors.As(err, &list) {
		t.Fatalf("have %v, want problems", err)
	}
	want := []string{
		`posts/a.md:11:19: unknown figure "donation": did you mean donations?`,
	}
	if len(list) != len(want) {
		t.Fatalf("have %v, want %q", list, want)
	}
	for i := range want {
		if !strings.HasPrefix(list[i].Error(), want[i]) {
			t.Errorf("have %s\nwant %s…", list[i], want[i])
		}
	}
	// Once the syntax is right, the unknown recipient is reported where it is quoted.
	body = strings.Replace(body, "total donation ", "total donations ", 1)
	_, err = build(t, blogOf("posts/a.md", body), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), `posts/a.md:12:1: no donation to "WWX" on the site: the recipients are "WWF"`) {
		t.Errorf("have %v", err)
	}
}

func TestMissingRateIsAProblemAtTheEntry(t *testing.T) {
	blog := blogOf("site.toml", "title = \"T\"\nreporting_currency = \"GBP\"\n[rates.2020]\nEUR = \"0.8897\"\n",
		"posts/a.md", "---\ntitle: A\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 10\n      currency: EUR\n      date: 2020-12-01\n    - recipient: WWF\n      amount: 10\n      currency: EUR\n---\n")
	_, err := build(t, blog, Options{})
	if err == nil || err.Error() != `posts/a.md:10: no rate for EUR in 2021 in site.toml: add EUR = "…" under [rates.2021]` {
		t.Errorf("have %v", err)
	}
}

// TestQuotedFiguresFollowOtherPosts: a post quoting a total is rendered
// again when another post's figures change.
func TestQuotedFiguresFollowOtherPosts(t *testing.T) {
	blog := blogOf("posts/a.md", "---\ntitle: A\ndate: 2020-01-01\n---\nGiven: {{< total donations >}}.\n", "posts/b.md", giftPost)
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	for _, tt := range []struct{ amount, want string }{{"45000", "£45,000"}, {"46000", "£46,000"}} {
		blog["posts/b.md"].Data = []byte(strings.Replace(giftPost, "amount: 45000", "amount: "+tt.amount, 1))
		s, err := b.Build(context.Background(), []string{"posts/b.md"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range s.Posts {
			if c := contentOf(t, p); p.Slug == "a" && !strings.Contains(c, "Given: "+tt.want+" + JP¥150,000.") {
				t.Errorf("post a: have %s, want Given: %s + JP¥150,000.", c, tt.want)
			}
		}
	}
}

// TestEntryRefsShowTheirEntries: an entry a recipient's or provider's row
// links to shows the same as that entry in its year's list of entries, for
// a template that shows more of it than its link; a year's rows link to
// its own entries.
func TestEntryRefsShowTheirEntries(t *testing.T) {
	_, blog, _ := loadTxtar(t, filepath.Join("testdata", "report.txtar"))
	s, err := NewBuilder(blog, theme.FS, Options{Now: now}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Report()
	byID := map[string]*report.Entry{}
	var first *report.Entry
	for _, y := range r.Years {
		for _, e := range y.Entries() {
			byID[e.ID] = e
			if first == nil {
				first = e
			}
		}
	}
	listed := 0 // the donations and offsets: emissions, sponsorships and purchases are listed apart
	for i := range s.Totals.Entries {
		if e := &s.Totals.Entries[i]; e.Emission == nil && e.Counted() {
			listed++
		}
	}
	if len(byID) != listed {
		t.Fatalf("the years list %d entries, want %d", len(byID), listed)
	}
	check := func(where string, rows []report.Row) int {
		seen := 0
		for _, row := range rows {
			for _, ref := range row.Entries {
				e := byID[ref.ID()]
				if e == nil {
					t.Fatalf("%s: %s: entry %s is in no year", where, row.Name, ref.ID())
				}
				have := report.Entry{N: ref.N, ID: ref.ID(), Kind: ref.Kind(), Date: ref.Date(), Name: ref.Name(), Project: ref.Project(),
					Given: ref.Given(), Converted: ref.Converted(), Tonnes: ref.Tonnes(), Rate: ref.Rate(), Post: ref.Post(), Source: ref.Source()}
				want := *e // without what a row's link does not show
				want.Donation, want.Offset, want.Emission, want.Items, want.Evidence = nil, nil, nil, "", report.Evidence{}
				if !reflect.DeepEqual(have, want) {
					t.Errorf("%s: %s: entry %s is\n%+v\nin its row and\n%+v\nin its year", where, row.Name, ref.ID(), have, want)
				}
				if e.Name != row.Name {
					t.Errorf("%s: entry %s of %s's row is for %s", where, ref.ID(), row.Name, e.Name)
				}
				if row.Year != "" && strconv.Itoa(e.Date.Year()) != row.Year {
					t.Errorf("%s: entry %s of %s's row counts in %d", where, ref.ID(), row.Name, e.Date.Year())
				}
				seen++
			}
		}
		return seen
	}
	if seen := check("all years", append(r.Recipients, r.Providers...)); seen != listed || first.Converted == "" || first.Post == nil {
		t.Errorf("the rows link %d entries of %d; the first entry: %+v (want a converted amount and a post)", seen, listed, first)
	}
	seen := 0
	for _, ey := range r.Years {
		y := r.Year(ey.Year)
		var rows []report.Row
		if y.Donations != nil {
			rows = append(rows, y.Donations.Rows...)
		}
		if y.Tonnes != nil {
			rows = append(rows, y.Tonnes.Rows...)
		}
		seen += check(ey.Year, rows)
	}
	if seen != listed {
		t.Errorf("the years' rows link %d entries of %d", seen, listed)
	}
}
