package post

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/impact"
)

func TestZZExplore(t *testing.T) {
	dir := os.Getenv("EXPLORE")
	if dir == "" {
		t.Skip()
	}
	ents, _ := os.ReadDir(dir)
	gbp, _ := impact.ParseCurrency("GBP")
	for _, e := range ents {
		src, _ := os.ReadFile(dir + "/" + e.Name())
		name := strings.ReplaceAll(e.Name(), "__", "/")
		p, probs := Parse(name, src, Options{Currency: gbp})
		fmt.Printf("=== %s\n", name)
		for _, pr := range probs {
			fmt.Printf("  %s\n", pr)
		}
		if p != nil {
			fmt.Printf("  title=%q slug=%q date=%s bodyline=%d tags=%q summary=%q aliases=%q params=%v\n", p.Title, p.Slug, p.Date, p.BodyLine, p.Tags, p.Summary, p.Aliases, p.Params)
			for _, d := range p.Donations {
				fmt.Printf("  don %s %s %s %s\n", d.Recipient, d.Money, d.Date.Format("2006-01-02"), d.Source.Position())
			}
			for _, o := range p.Offsets {
				fmt.Printf("  off %s %s %v %v %s %s\n", o.Provider, o.Tonnes, o.PricePerTonne, o.Cost, o.Date.Format("2006-01-02"), o.Source.Position())
			}
		}
	}
}
