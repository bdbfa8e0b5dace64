package tree

import (
	"fmt"
	"strings"
	"testing"
)

// frontMatter is the front matter of a post with n donations, in TOML or
// YAML: the shape of the sample posts.
func frontMatter(format string, n int) []byte {
	var b strings.Builder
	if format == "TOML" {
		b.WriteString("title = \"Our small victories of 2020\"\ndate = 2021-01-15\ntags = [\"impact\", \"carbon\"]\nsummary = \"What we gave and what we offset in 2020.\"\n")
		for i := range n {
			fmt.Fprintf(&b, "\n[[impact.donations]]\nrecipient = \"Recipient %d\"\namount = %d.50\ncurrency = \"GBP\"\nproject = \"Project number %d\"\ndate = 2020-12-01\n", i, 1000+i, i)
		}
		b.WriteString("\n[[impact.offsets]]\nprovider = \"GoodPlanet Foundation\"\ntonnes = 31.4\nprice_per_tonne = 20\n")
		return []byte(b.String())
	}
	b.WriteString("title: \"Our small victories of 2020\"\ndate: 2021-01-15\ntags: [impact, carbon]\nsummary: \"What we gave and what we offset in 2020.\"\nimpact:\n  donations:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - recipient: Recipient %d\n      amount: %d.50\n      currency: GBP\n      project: Project number %d\n      date: 2020-12-01\n", i, 1000+i, i)
	}
	b.WriteString("  offsets:\n    - provider: GoodPlanet Foundation\n      tonnes: 31.4\n      price_per_tonne: 20\n")
	return []byte(b.String())
}

// BenchmarkDecode decodes front matter of 5 and of 200 donations.
func BenchmarkDecode(b *testing.B) {
	for _, format := range []string{"TOML", "YAML"} {
		for _, n := range []int{5, 200} {
			data := frontMatter(format, n)
			b.Run(fmt.Sprintf("%s/%d", format, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := decoders[format](data, 2); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
