package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/report"
	theme "github.com/impactblog/impactblog/templates"
)

// maxImpactOverview is the most bytes /impact/index.html of 1,000
// generated posts may weigh (issue 17): every entry is on its year's page.
const maxImpactOverview = 200_000

// TestImpactOverviewSizeOfAGeneratedBlog builds a generated blog of 1,000
// posts and renders /impact/ and each year's page: the overview stays
// under maxImpactOverview bytes and links to every year's page, and each
// year's page lists that year's entries, and only them.
func TestImpactOverviewSizeOfAGeneratedBlog(t *testing.T) {
	const n = 1000
	s, err := NewBuilder(blogtest.FS(n, 1), theme.FS, Options{Now: now.AddDate(10, 0, 0), Once: true}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]*Page{}
	for _, p := range s.Pages() {
		pages[p.URL] = p
	}
	overview, err := s.RenderPage(pages["/impact/"])
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("/impact/ of %d generated posts: %d bytes", n, len(overview))
	if len(overview) > maxImpactOverview {
		t.Errorf("/impact/ of %d generated posts: have %d bytes want: at most %d", n, len(overview), maxImpactOverview)
	}
	r := s.Report()
	if len(r.Years) < 10 {
		t.Fatalf("have %d years want: the ten of the generated blog", len(r.Years))
	}
	entries := 0
	for _, y := range r.Years {
		url := "/impact/" + y.Year + "/"
		if !bytes.Contains(overview, []byte(`<a href="`+url+`">Our `+y.Year+` impact</a>`)) {
			t.Errorf("/impact/ does not link to %s", url)
		}
		p := pages[url]
		if p == nil || p.Kind != KindImpactYear || p.Title != "Our "+y.Year+" impact" {
			t.Fatalf("the page of %s: %+v", y.Year, p)
		}
		page, err := s.RenderPage(p)
		if err != nil {
			t.Fatal(err)
		}
		ids := entryRowRE.FindAllSubmatch(page, -1)
		if len(ids) != y.Count() {
			t.Errorf("%s lists %d entries, want %d", url, len(ids), y.Count())
		}
		for i, e := range y.Entries() {
			if i < len(ids) && string(ids[i][1]) != e.ID {
				t.Errorf("%s: entry %d is %s, want %s", url, i+1, ids[i][1], e.ID)
			}
			if have := e.Date.Format("2006"); have != y.Year {
				t.Errorf("%s lists %s, of %s", url, e.ID, have)
			}
		}
		entries += len(ids)
	}
	if counted := len(s.Totals.Entries) - len(r.Payments) - len(r.Emissions); entries != counted {
		t.Errorf("the years' pages list %d entries, want %d", entries, counted)
	}
}

// entryRowRE finds an entry's row on a year's page, and its id.
var entryRowRE = regexp.MustCompile(`<tr id="(entry-[0-9a-f]{12}-[doe][0-9]+)"><td data-label="Entry">`)

// sourceRE finds an entry's row with its source (file:line).
var sourceRE = regexp.MustCompile(`<tr id="(entry-[^"]+)"><td data-label="Entry">.*?<code>([^<]+)</code></td></tr>`)

// TestEntryAnchorsStayWhenAPostIsAdded: an entry's anchor is made from its
// post's file and its place there, not from its rank: after a post dated
// before every other is added (its entries first in every order), every
// entry keeps its id, on the page of its year, and impact.json and
// impact.csv give the same ids.
func TestEntryAnchorsStayWhenAPostIsAdded(t *testing.T) {
	_, blog, _ := loadTxtar(t, "testdata/report.txtar")
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	anchors := func(changed []string) (map[string]string, map[string]bool) {
		t.Helper()
		s, err := b.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		out := publish.NewMemory()
		if _, err := s.Render(context.Background(), out); err != nil {
			t.Fatal(err)
		}
		bySource := map[string]string{} // source → "/impact/YYYY/#id"
		for _, name := range out.Names() {
			rest, inImpact := strings.CutPrefix(name, "impact/")
			year, isPage := strings.CutSuffix(rest, "/index.html")
			if !inImpact || !isPage {
				continue
			}
			page, _ := out.Get(name)
			for _, m := range sourceRE.FindAllSubmatch(page, -1) {
				bySource[string(m[2])] = "/impact/" + year + "/#" + string(m[1])
			}
		}
		data, _ := out.Get("impact.json")
		var doc struct {
			Entries []struct{ ID, Source, Kind string }
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		inData := map[string]bool{}
		for _, e := range doc.Entries {
			if e.Kind == "donation" || e.Kind == "offset" {
				inData[e.Source+" "+e.ID] = true
			}
		}
		csv, _ := out.Get("impact.csv")
		for key := range inData {
			if id := key[strings.Index(key, " ")+1:]; !bytes.Contains(csv, []byte(id+",")) {
				t.Errorf("impact.csv has no %s", id)
			}
		}
		return bySource, inData
	}
	before, dataBefore := anchors(nil)
	if len(before) < 5 || len(before) != len(dataBefore) {
		t.Fatalf("before: %d entries on the years' pages, %d in impact.json: %v", len(before), len(dataBefore), before)
	}
	for source, at := range before {
		id := at[strings.Index(at, "#")+1:]
		if !dataBefore[source+" "+id] {
			t.Errorf("%s: %s on its year's page, not in impact.json", source, id)
		}
	}
	blog["posts/2019-01-02-first.md"] = &fstest.MapFile{Data: []byte("---\ntitle: First\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 7\n  offsets:\n    - provider: GoodPlanet\n      tonnes: 1\n---\nThe first.\n")}
	after, dataAfter := anchors([]string{"posts/2019-01-02-first.md"})
	if len(after) != len(before)+2 {
		t.Fatalf("after: %d entries, want %d", len(after), len(before)+2)
	}
	for source, at := range before {
		if after[source] != at {
			t.Errorf("%s: was %s, is %s", source, at, after[source])
		}
	}
	for key := range dataBefore {
		if !dataAfter[key] {
			t.Errorf("impact.json no longer has %s", key)
		}
	}
}

// TestYearPages: /impact/ says what date it is as of (the newest entry's,
// or SourceDate's) and links to each year's page; a year's page has its
// title, the links to the years beside it, a line to cite it, and is in
// the sitemap; a post's shares of each year link to that year's page.
func TestYearPages(t *testing.T) {
	blog := blogOf(
		"site.toml", "title = \"Impact & Co\"\nauthor = \"Co Ltd\"\nbase_url = \"https://example.org/blog/\"\n",
		"posts/black-friday.md", goodPost,
		"posts/gifts.md", giftPost,
	)
	for _, tt := range []struct {
		name string
		date time.Time
		want string
	}{
		{"newest entry", time.Time{}, "2021-01-15"},
		{"SOURCE_DATE_EPOCH", time.Date(2024, 3, 5, 23, 30, 0, 0, time.UTC), "2024-03-05"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := build(t, blog, Options{SourceDate: tt.date})
			if err != nil {
				t.Fatal(err)
			}
			get := func(name string) string {
				data, ok := out.Get(name)
				if !ok {
					t.Fatalf("no %s; have %s", name, strings.Join(out.Names(), " "))
				}
				return string(data)
			}
			overview, y2020, y2021 := get("impact/index.html"), get("impact/2020/index.html"), get("impact/2021/index.html")
			var doc struct {
				AsOf string `json:"as_of"`
			}
			if err := json.Unmarshal([]byte(get("impact.json")), &doc); err != nil || doc.AsOf != tt.want {
				t.Errorf("impact.json: as_of %q (%v), want %s", doc.AsOf, err, tt.want)
			}
			for _, c := range []struct{ page, name, want string }{
				{overview, "as of", fmt.Sprintf(`<p class="as-of">As of <time datetime="%s">`, tt.want)},
				{overview, "link to 2020", `<a href="/blog/impact/2020/">Our 2020 impact</a>`},
				{overview, "link to 2021", `<a href="/blog/impact/2021/">Our 2021 impact</a>`},
				{overview, "the posts that report figures", "computed from the 2 posts that report figures"},
				{y2020, "title", "<title>Our 2020 impact · Impact &amp; Co</title>"},
				{y2020, "heading", "<h1>Our 2020 impact</h1>"},
				{y2020, "cite this", fmt.Sprintf(`<p class="cite"><strong>Cite this:</strong> Co Ltd, “Our 2020 impact”, Impact &amp; Co, as of <time datetime="%s">`, tt.want)},
				{y2020, "its address", `<a href="https://example.org/blog/impact/2020/">https://example.org/blog/impact/2020/</a>`},
				{y2020, "the next year", `<a href="/blog/impact/2021/" rel="next">2021 →</a>`},
				{y2020, "all years", `<a href="/blog/impact/">All years</a>`},
				{y2021, "the year before", `<a href="/blog/impact/2020/" rel="prev">← 2020</a>`},
				{get("posts/gifts/index.html"), "a post's share of 2020", `<a href="/blog/impact/2020/">2020</a>`},
				{get("sitemap.xml"), "sitemap", "<loc>https://example.org/blog/impact/2021/</loc>"},
			} {
				if !strings.Contains(c.page, c.want) {
					t.Errorf("%s: no %s", c.name, c.want)
				}
			}
			// The entries of 2020 (an offset, a donation counted in 2020 by a
			// post of 2021) are on its page, not on 2021's nor the overview.
			if strings.Contains(overview, `<tr id="entry-`) {
				t.Errorf("the overview lists an entry")
			}
			if n := strings.Count(y2020, `<td data-label="Entry">`); n != 2 {
				t.Errorf("2020 lists %d entries, want 2", n)
			}
			if n := strings.Count(y2021, `<td data-label="Entry">`); n != 1 || !strings.Contains(y2021, "Given to Tokyo Bridge") {
				t.Errorf("2021 lists %d entries, want 1, to Tokyo Bridge", n)
			}
		})
	}
}

// TestYearReportOnOtherPages: only a year's page has a YearReport, and a
// year with no entry has no report; an edit of any post shows on every
// year's page (Every: an edit may move an entry from one year to another).
func TestYearReportOnOtherPages(t *testing.T) {
	s, err := NewBuilder(blogOf("posts/gifts.md", giftPost, "posts/black-friday.md", goodPost), theme.FS, Options{Now: now}).Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"posts/gifts.md", "posts/black-friday.md"} {
		var years []string
		for _, p := range s.PagesShowing(file) {
			if p.Kind == KindImpactYear {
				years = append(years, p.Year)
			}
		}
		if have := strings.Join(years, " "); have != "2020 2021" {
			t.Errorf("an edit of %s shows on the years' pages %q, want 2020 2021", file, have)
		}
	}
	for _, p := range s.Pages() {
		if y := p.YearReport(); (y != nil) != (p.Kind == KindImpactYear) || y != nil && y.Year != p.Year {
			t.Errorf("%s: YearReport %v", p.URL, y)
		}
	}
	if y := s.Report().Year("1999"); y != nil {
		t.Errorf("1999: have %+v want: nil", y)
	}
	if have, want := strings.Join(report.Years(s.Totals), " "), "2020 2021"; have != want {
		t.Errorf("years: have %s want: %s", have, want)
	}
}

// TestYearPagesOfEveryLanguage: in a blog of several languages, each
// language's site has a page for every year of the one ledger, also a
// year whose only entries are in a post of another language; the sitemap
// gives each the same page in the other languages; every link of the
// impact pages to a year's page leads to one.
func TestYearPagesOfEveryLanguage(t *testing.T) {
	blog := multilingual("112000")
	blog["posts/2020-02-01-seulement.md"] = blog["posts/2021-02-01-seulement.md"] // given in 2020, in French only
	delete(blog, "posts/2021-02-01-seulement.md")
	out, err := build(t, blog, Options{})
	if err != nil {
		t.Fatal(err)
	}
	linkRE := regexp.MustCompile(`href="(/(?:[a-z]+/)?impact/[0-9]{4}/)`)
	for _, lang := range []string{"", "fr/", "de/"} {
		for _, y := range []string{"2020", "2021"} {
			if _, ok := out.Get(lang + "impact/" + y + "/index.html"); !ok {
				t.Errorf("no %simpact/%s/", lang, y)
			}
			sitemap, _ := out.Get("sitemap.xml")
			if alt := `hreflang="fr-FR" href="https://impact.example/fr/impact/` + y + `/"`; lang == "" && !bytes.Contains(sitemap, []byte(alt)) {
				t.Errorf("sitemap.xml: impact/%s/ has no %s", y, alt)
			}
		}
		for _, name := range []string{lang + "impact/index.html", lang + "impact/2020/index.html"} {
			page, _ := out.Get(name)
			for _, m := range linkRE.FindAllSubmatch(page, -1) {
				if _, ok := out.Get(strings.TrimPrefix(string(m[1]), "/") + "index.html"); !ok {
					t.Errorf("%s links to %s, which is not there", name, m[1])
				}
			}
		}
	}
}
