// Package blogtest makes synthetic blogs for benchmarks and tests: n posts
// of realistic size and shape, the same for the same seed on every machine.
//
// # The blog
//
// A generated blog is a site.toml (posts_per_page = 10, currency GBP) and
// posts/<slug>.md for each post. Each post has:
//
//   - YAML front matter: title, slug, date (RFC 3339, over the ten years
//     2016–2025, strictly increasing with the post's number, so that every
//     tool orders the posts the same way), author, summary on one post in
//     three, 2–4 tags from a pool of 30 lower-case names;
//   - impact: 0–3 donations and 0–2 offsets across GBP, EUR, USD and JPY,
//     with amounts that never have more decimals than the currency's minor
//     digits, and prices per tonne (so the cost is computed) on some offsets;
//   - a body of 1.5–6 KB of Markdown: headings, emphasis, links, lists, a
//     blockquote, and on some posts a fenced code block and a GFM table.
//
// Every post is valid: a build of a generated blog reports no problem. The
// front matter is also what Hugo reads (title, slug, date, tags), so the same
// posts/ folder can be Hugo's content/posts/.
package blogtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// Config is the site.toml of a generated blog.
const Config = `title          = "Synthetic impact blog"
base_url       = "https://impact.example.com/"
language       = "en-GB"
currency       = "GBP"
author         = "Benchmark"
description    = "A generated blog for benchmarks."
posts_per_page = 10
timezone       = "UTC"
`

// Files returns the files of a blog of n posts, by slash-separated path:
// "site.toml" and "posts/<slug>.md".
func Files(n int, seed int64) map[string][]byte {
	files := make(map[string][]byte, n+1)
	files["site.toml"] = []byte(Config)
	for i := range n {
		name, src := Post(i, n, seed)
		files[name] = src
	}
	return files
}

// FS returns the blog of n posts as an in-memory file system.
func FS(n int, seed int64) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range Files(n, seed) {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// Generate writes the blog of n posts into dir: dir/site.toml and
// dir/posts/*.md. dir is made if needed; files already there are replaced.
func Generate(dir string, n int, seed int64) error {
	if err := os.MkdirAll(filepath.Join(dir, "posts"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(Config), 0o644); err != nil {
		return err
	}
	for i := range n {
		name, src := Post(i, n, seed)
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Post returns the path and content of post i (0 ≤ i < n) of the blog of n
// posts made from seed. It depends only on i, n and seed, so a benchmark can
// make one post again, or an edited version of it with Edit.
func Post(i, n int, seed int64) (name string, src []byte) {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), uint64(i)))}
	return g.post(i, n, 0)
}

// Edit returns post i again with its text changed by edit (edit > 0): the
// same file name, slug, date, tags and figures, another body. It stands for a
// writer's edit in a rebuild benchmark.
func Edit(i, n int, seed int64, edit int) (name string, src []byte) {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), uint64(i)))}
	return g.post(i, n, edit)
}

type gen struct {
	r *rand.Rand
	b strings.Builder
}

var (
	start = time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	span  = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start)

	tagPool = []string{
		"repair", "refurbishment", "e-waste", "recycling", "batteries", "carbon",
		"donations", "digital-divide", "schools", "libraries", "logistics", "packaging",
		"supply-chain", "energy", "water", "forests", "oceans", "community",
		"employees", "volunteering", "partners", "audit", "reporting", "policy",
		"right-to-repair", "smartphones", "laptops", "tablets", "europe", "asia",
	}
	words = strings.Fields(`device phone laptop battery screen repair refurbished warranty
		seller customer team partner school library workshop volunteer carbon tonne forest
		river project year quarter report audit supply chain freight shipping packaging box
		plastic cardboard metal cobalt lithium energy grid solar wind factory warehouse city
		country market price cost budget goal promise progress result measure estimate data
		survey study pupil teacher student family community neighbour donation grant fund`)
	verbs = strings.Fields(`repaired shipped measured reduced counted gave offset planted
		trained opened closed doubled halved audited reviewed collected sorted recycled`)
	recipients = []string{
		"Tokyo Digital Bridge", "Open Door Tech Library", "Emmaüs Connect", "Restart Project",
		"Computer Aid", "Labdoo", "Digital Unite", "Ateliers du Bocage", "Runder Tisch Reparatur",
		"Fundación Esplai", "Good Things Foundation", "iFixit Education Fund",
	}
	providers = []string{
		"GoodPlanet Foundation", "PUR Projet", "Mata Atlântica Restoration Cooperative",
		"Gold Standard Registry", "Ecologi", "Climate Partner", "Peatland Code Trust",
	}
	currencies = []struct {
		code   string
		digits int
		scale  int // typical size of an amount
	}{{"GBP", 2, 5000}, {"EUR", 2, 5000}, {"USD", 2, 6000}, {"JPY", 0, 700000}}
)

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.pick(words)
	}
	return strings.Join(ws, " ")
}

func (g *gen) title() string {
	t := g.words(2+g.r.IntN(4)) + " " + g.pick(verbs) + " " + g.words(1+g.r.IntN(2))
	return strings.ToUpper(t[:1]) + t[1:]
}

func (g *gen) post(i, n, edit int) (string, []byte) {
	title := g.title()
	slug := fmt.Sprintf("p%06d-%s", i, strings.ReplaceAll(strings.ToLower(title), " ", "-"))
	// Strictly increasing dates, spread over ten years.
	step := span / time.Duration(max(n, 1))
	date := start.Add(step*time.Duration(i) + time.Duration(g.r.Int64N(int64(max(step/2, time.Second))))).Truncate(time.Second)
	tags := g.r.Perm(len(tagPool))[:2+g.r.IntN(3)]

	b := &g.b
	b.Reset()
	b.WriteString("---\n")
	fmt.Fprintf(b, "title: %q\n", title)
	fmt.Fprintf(b, "slug: %s\n", slug)
	fmt.Fprintf(b, "date: %s\n", date.Format(time.RFC3339))
	fmt.Fprintf(b, "author: %s\n", g.pick([]string{"Ana Ruiz", "Ben Okafor", "Chloé Martin", "Daisuke Ito"}))
	if g.r.IntN(3) == 0 {
		fmt.Fprintf(b, "summary: %q\n", "In short: we "+g.pick(verbs)+" "+g.words(8)+".")
	}
	b.WriteString("tags: [")
	for k, t := range tags {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tagPool[t])
	}
	b.WriteString("]\n")
	nd, no := g.r.IntN(4), g.r.IntN(3)
	if nd+no > 0 {
		b.WriteString("impact:\n")
	}
	if nd > 0 {
		b.WriteString("  donations:\n")
		for range nd {
			c := currencies[g.r.IntN(len(currencies))]
			fmt.Fprintf(b, "    - recipient: %s\n", g.pick(recipients))
			fmt.Fprintf(b, "      amount: %s\n", g.amount(c.scale, c.digits))
			if c.code != "GBP" || g.r.IntN(2) == 0 {
				fmt.Fprintf(b, "      currency: %s\n", c.code)
			}
			if g.r.IntN(2) == 0 {
				fmt.Fprintf(b, "      project: %s\n", capital(g.words(3)))
			}
			if g.r.IntN(4) == 0 {
				fmt.Fprintf(b, "      date: %s\n", date.AddDate(0, 0, -g.r.IntN(60)).Format("2006-01-02"))
			}
		}
	}
	if no > 0 {
		b.WriteString("  offsets:\n")
		for range no {
			c := currencies[g.r.IntN(len(currencies))]
			fmt.Fprintf(b, "    - provider: %s\n", g.pick(providers))
			fmt.Fprintf(b, "      tonnes: %q\n", strconv.FormatFloat(float64(1+g.r.IntN(99999))/1000, 'f', 3, 64))
			switch g.r.IntN(3) {
			case 0:
				fmt.Fprintf(b, "      price_per_tonne: %s\n", g.amount(c.scale/200, c.digits))
				fmt.Fprintf(b, "      currency: %s\n", c.code)
			case 1:
				fmt.Fprintf(b, "      cost: %s\n", g.amount(c.scale, c.digits))
				fmt.Fprintf(b, "      currency: %s\n", c.code)
			}
			if g.r.IntN(2) == 0 {
				fmt.Fprintf(b, "      scope: %s\n", capital(g.words(4)))
			}
		}
	}
	b.WriteString("---\n\n")
	g.body(1300+g.r.IntN(2600), edit)
	return "posts/" + slug + ".md", []byte(b.String())
}

// amount is a positive amount around scale with at most digits decimals,
// sometimes whole, sometimes quoted.
func (g *gen) amount(scale, digits int) string {
	whole := 1 + g.r.IntN(max(2*scale, 2))
	if digits == 0 || g.r.IntN(2) == 0 {
		return strconv.Itoa(whole)
	}
	frac := g.r.IntN(100)
	return fmt.Sprintf("%q", fmt.Sprintf("%d.%02d", whole, frac))
}

func (g *gen) sentence() string {
	s := g.words(4+g.r.IntN(10)) + " " + g.pick(verbs) + " "
	switch g.r.IntN(5) {
	case 0:
		s += "**" + g.words(2) + "** "
	case 1:
		s += "*" + g.words(1+g.r.IntN(3)) + "* "
	case 2:
		s += "[" + g.words(2) + "](https://example.org/" + g.pick(words) + "/" + strconv.Itoa(g.r.IntN(1000)) + ") "
	case 3:
		s += "`" + g.pick(words) + "` "
	}
	s += g.words(3 + g.r.IntN(8))
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph() {
	for k := range 3 + g.r.IntN(4) {
		if k > 0 {
			g.b.WriteByte(' ')
		}
		g.b.WriteString(g.sentence())
	}
	g.b.WriteString("\n\n")
}

// body writes Markdown until the post has about size bytes.
func (g *gen) body(size, edit int) {
	b := &g.b
	size += b.Len()
	if edit > 0 {
		fmt.Fprintf(b, "*Edited (%d).*\n\n", edit)
	}
	g.paragraph()
	quote, code, table := false, g.r.IntN(3) != 0, g.r.IntN(4) == 0
	for b.Len() < size {
		fmt.Fprintf(b, "## %s\n\n", capital(g.words(3)))
		g.paragraph()
		switch {
		case !quote:
			quote = true
			b.WriteString("> " + g.sentence() + "\n> " + g.sentence() + "\n\n")
		case code:
			code = false
			b.WriteString("```go\nfunc total(xs []int) (n int) {\n\tfor _, x := range xs {\n\t\tn += x\n\t}\n\treturn n\n}\n```\n\n")
		case table:
			table = false
			b.WriteString("| Site | Devices | Tonnes |\n|:-----|--------:|-------:|\n")
			for range 3 + g.r.IntN(4) {
				fmt.Fprintf(b, "| %s | %d | %d.%d |\n", g.pick(words), g.r.IntN(5000), g.r.IntN(100), g.r.IntN(10))
			}
			b.WriteString("\n")
		default:
			mark := "- "
			if g.r.IntN(3) == 0 {
				mark = "1. "
			}
			for range 3 + g.r.IntN(3) {
				b.WriteString(mark + g.sentence() + "\n")
			}
			b.WriteString("\n")
		}
		if g.r.IntN(2) == 0 && b.Len() < size {
			g.paragraph()
		}
	}
}

// WriteTree writes files (slash-separated path → content) under dir,
// making folders as needed, for a test's blog on disk.
func WriteTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
