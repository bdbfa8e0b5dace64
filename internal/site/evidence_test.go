package site

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/templates"
)

// TestRequiredEvidence: site.toml [evidence] makes keys required on every
// offset dated on or after from, a problem at the offset's entry.
func TestRequiredEvidence(t *testing.T) {
	blog := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"T\"\n[evidence]\noffsets = [\"registry\", \"beneficiary\"]\nfrom = 2025-01-01\n")},
		"posts/2025-02-01-new.md": {Data: []byte("---\ntitle: New\ndate: 2025-02-01\nimpact:\n  offsets:\n    - provider: P\n      tonnes: 1\n      registry: verra\n    - provider: Q\n      tonnes: 2\n      date: 2024-12-31\n---\nText.\n")},
		"posts/2024-06-01-old.md": {Data: []byte("---\ntitle: Old\ndate: 2024-06-01\nimpact:\n  offsets:\n    - provider: P\n      tonnes: 1\n---\nText.\n")},
	}
	_, err := NewBuilder(blog, templates.FS, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}).Build(context.Background(), nil)
	want := `posts/2025-02-01-new.md:6: offsets from 2025-01-01 need beneficiary (site.toml [evidence]): add "beneficiary: …"`
	if err == nil || strings.TrimSpace(err.Error()) != want {
		t.Errorf("have %v\nwant %s", err, want)
	}
}

// TestJSONLD: a post with a gift of money carries schema.org JSON-LD that
// parses, with exact amounts as strings, and a recipient whose name holds
// </script> cannot end the script.
func TestJSONLD(t *testing.T) {
	blog := fstest.MapFS{
		"site.toml":                 {Data: []byte("title = \"T\"\nauthor = \"Back Market\"\nbase_url = \"https://impact.example/\"\n")},
		"posts/2021-01-15-gifts.md": {Data: []byte("---\ntitle: Gifts\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: \"</script><script>alert(1)</script>\"\n      amount: 112000\n    - recipient: Shop\n      amount: 5\n      kind: purchase\n---\nText.\n")},
	}
	out, err := build(t, blog, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := out.Get("posts/gifts/index.html")
	const open = `<script type="application/ld+json">`
	_, rest, ok := strings.Cut(string(page), open)
	if !ok {
		t.Fatalf("no JSON-LD in:\n%s", page)
	}
	body, _, _ := strings.Cut(rest, "</script>")
	var doc struct {
		Context string `json:"@context"`
		Graph   []struct {
			Type   string `json:"@type"`
			ID     string `json:"@id"`
			Funder struct{ Name string }
			Amount struct {
				Type     string `json:"@type"`
				Value    string `json:"value"`
				Currency string `json:"currency"`
			} `json:"amount"`
			FundedItem struct{ Name string } `json:"fundedItem"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, body)
	}
	if len(doc.Graph) != 1 {
		t.Fatalf("have %d grants, want 1 (a purchase is no grant): %s", len(doc.Graph), body)
	}
	g := doc.Graph[0]
	have := strings.Join([]string{doc.Context, g.Type, g.Funder.Name, g.Amount.Type, g.Amount.Value, g.Amount.Currency, g.FundedItem.Name}, "|")
	if want := "https://schema.org|MonetaryGrant|Back Market|MonetaryAmount|112000.00|GBP|</script><script>alert(1)</script>"; have != want {
		t.Errorf("have %s\nwant %s", have, want)
	}
	if want := "https://impact.example/impact/2021/#" + impact.EntryID("posts/2021-01-15-gifts.md", 'd', 0); g.ID != want { // on its year's page
		t.Errorf("@id: have %s, want %s", g.ID, want)
	}
	if strings.Contains(body, "<") {
		t.Errorf("a raw < in the script: %s", body)
	}
}
