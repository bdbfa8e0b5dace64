package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// genTags are the tags generated posts draw from.
var genTags = []string{"carbon", "donations", "repair", "employees", "energy", "transport", "packaging", "suppliers"}

var genRecipients = []string{"WWF", "PUR Projet", "Hackney Fixers Collective", "Tokyo Bridge", "Repair Café Lyon"}

// genPost is the deterministic text of the i-th generated post: about 3 KB,
// two or three tags and 0–3 donations (every seventh post also offsets).
func genPost(i int, extra string) string {
	var b strings.Builder
	date := time.Date(1996, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
	fmt.Fprintf(&b, "---\ntitle: \"Generated post number %d\"\ndate: %s\n", i, date.Format("2006-01-02"))
	fmt.Fprintf(&b, "tags: [%s, %s", genTags[i%len(genTags)], genTags[(i/3+1)%len(genTags)])
	if i%4 == 0 {
		fmt.Fprintf(&b, ", %s", genTags[(i/7+2)%len(genTags)])
	}
	b.WriteString("]\n")
	if n := i % 4; n > 0 || i%7 == 0 {
		b.WriteString("impact:\n")
		if n > 0 {
			b.WriteString("  donations:\n")
		}
		for d := range n {
			fmt.Fprintf(&b, "    - recipient: %s\n      amount: \"%d.%02d\"\n", genRecipients[(i+d)%len(genRecipients)], 10+(i*37+d*11)%5000, (i+d)%100)
		}
		if i%7 == 0 {
			fmt.Fprintf(&b, "  offsets:\n    - provider: GoodPlanet Foundation\n      tonnes: %d.%d\n      price_per_tonne: 20\n", 1+i%40, i%10)
		}
	}
	b.WriteString("---\n\n")
	fmt.Fprintf(&b, "This is generated post %d. %s\n\n", i, extra)
	for p := 0; b.Len() < 3000; p++ {
		fmt.Fprintf(&b, "## Part %d\n\nWe repaired, refurbished and resold devices, and we wrote down what it cost the planet. "+
			"Paragraph %d of post %d keeps the text near three kilobytes, with *emphasis*, a [link](https://example.org/%d) and `code`.\n\n", p+1, p, i, i)
	}
	return b.String()
}

// genPostName is the file of the i-th generated post, spread over folders.
func genPostName(i int) string {
	return fmt.Sprintf("posts/%02d/post-%05d.md", i%50, i)
}

// genBlog writes a blog of n generated posts into dir.
func genBlog(tb testing.TB, dir string, n int) {
	tb.Helper()
	files := map[string]string{
		"site.toml": "title = \"Generated\"\nbase_url = \"https://gen.example/\"\nlanguage = \"en-GB\"\ncurrency = \"GBP\"\nposts_per_page = 10\ntimezone = \"Europe/London\"\n",
	}
	for i := range n {
		files[genPostName(i)] = genPost(i, "")
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
