package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/impactblog/impactblog/internal/publish"
	theme "github.com/impactblog/impactblog/templates"
)

// frenchImpactBlog is a French blog whose impact pages show every part
// they have: two years, a reporting currency and its rates, gifts in kind
// with a declared value, a sponsorship and a purchase, offsets of both
// types with their evidence, emissions by scope, category and share, and
// illustrative figures.
func frenchImpactBlog() fstest.MapFS {
	return blogOf(
		"site.toml", `title = "Impact & Cie"
base_url = "https://impact.example/"
language = "fr-FR"
currency = "EUR"
reporting_currency = "EUR"
author = "Ada"

[rates.2021]
GBP = "1.16"

[evidence.registry_urls]
other = "https://registry.example.org/other/{project_id}"
`,
		"posts/2021-01-15-dons.md", `---
title: Nos dons
impact:
  donations:
    - recipient: WWF
      amount: 45000
      recipient_id: "Association W751234567"
    - recipient: Oxfam
      amount: 300
      currency: GBP
    - recipient: Play Joué
      kind: in-kind
      items: [{what: smartphone, count: 120}]
      amount: 4500
    - recipient: Marathon
      kind: sponsorship
      amount: 2000
    - recipient: Boutique
      kind: purchase
      amount: 50
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 20
      price_per_tonne: 20
      registry: other
      project_id: "3005"
      serials: [A-1, A-2]
      country: CN
      vintage: 2020
      retired_on: 2021-01-10
      beneficiary: Impact & Cie
      retirement_url: https://registry.example.org/retirements/1
      type: avoidance
    - provider: Forêt
      tonnes: 5
      price_per_tonne: 30
      type: removal
      illustrative: le chiffre exact n’est pas publié
  emissions:
    - {source: Livraisons, tonnes: 17, scope: 3, category: 4, period: 2020, method: spend-based}
    - {source: Bureaux, tonnes: 12, scope: 2}
    - {source: Divers, tonnes: 3}
---
Merci.
`,
		"posts/2020-11-30-carbone.md", `---
title: Vendredi noir
impact:
  offsets:
    - provider: GoodPlanet Foundation
      tonnes: 31.4
      price_per_tonne: 20
  emissions:
    - {source: Livraisons, share: 60}
---
Nous avons compensé.
`,
	)
}

// TestFrenchImpact: a French site's impact pages, /impact/ and each
// year's, and a post's emissions chart, have no English word left.
func TestFrenchImpact(t *testing.T) {
	b := NewBuilder(frenchImpactBlog(), theme.FS, Options{Now: now})
	s, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ws := b.Warnings(); len(ws) > 0 {
		t.Errorf("warnings: %v", ws)
	}
	out := publish.NewMemory()
	if _, err := s.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	const nbsp = "\u00a0"
	have(t, out, map[string][]string{
		"impact/index.html": {
			"<h1>Notre impact</h1>", "Ce que nous avons donné et ce que nous avons compensé, 2020–2021" + nbsp + ": ",
			"Toutes les années, 2020–2021", "En 2021", "montant d’origine" + nbsp + ":", "Coût des compensations",
			"Année par année", "Dons par année, par bénéficiaire", "Tonnes de CO₂e compensées par année",
			"Absorptions et émissions évitées", "Dons en nature", "Émissions par scope", "Scope 3, catégorie 4", "Scope non précisé",
			"Par bénéficiaire", "Par fournisseur de compensation", "Taux de change utilisés", "1 unité en EUR",
			"Les parrainages et les achats (2)", "Téléchargez toutes les entrées" + nbsp + ":",
		},
		"impact/2021/index.html": {
			"<title>Notre impact en 2021 · Impact &amp; Cie</title>", "<h1>Notre impact en 2021</h1>", `aria-label="Années"`,
			"Toutes les années</a>", "Pour citer cette page" + nbsp + ":", "«" + nbsp + "Notre impact en 2021" + nbsp + "»",
			`aria-label="En 2021"`, "Dons par bénéficiaire", "Compensations par fournisseur", "Toutes les entrées de 2021",
			"Compensation" + nbsp + ": 20 t auprès de GoodPlanet Foundation", "Don à WWF", "Don en nature" + nbsp + ": 120 smartphone",
			"Registre" + nbsp + ": other, projet", "Pays" + nbsp + ": CN", "Millésime" + nbsp + ": 2020", "Crédits retirés le ",
			"pour Impact &amp; Cie", "L’enregistrement du retrait par le registre", "Numéros de série" + nbsp + ":",
			"Absorption", "Émissions évitées", "Chiffre à titre d’illustration" + nbsp + ": ", "Parrainage de Marathon",
			"Achat auprès de Boutique", "Parrainages et achats", "méthode" + nbsp + ": spend-based", "Livraisons" + nbsp + ": 17 t",
		},
		"impact/2020/index.html": {"<h1>Notre impact en 2020</h1>", "60" + nbsp + "% des émissions de l’article"},
	})
	// The words these pages showed in English before they were translated.
	english := []string{"Our impact", "Our 20", "What we gave", "All years", "In 2021", "as given", "of which", "declared value",
		"Cost of offsets", "Given", "Offset", "Year by year", "Each year", "Entries", "Donations", "by recipient", "Recipient",
		"The figures of the chart", "Carbon offset", "Tonnes of", "Removals", "removals ", "Avoidance", "avoidance ", "Type not given",
		"Things given", "Per year", "Emissions by scope", "Scope 3, category", "No scope", "no category", "Given as shares",
		"Each emission", "By recipient", "By offset provider", "No donations", "No offsets", "Exchange rates", "Declared in",
		"Currency", "1 unit in", "Sponsorships and purchases", "are payments", "Every figure here", "Download every entry",
		"Cite this", "as of", "As of", "Every entry", "To / through", "Rate<", "Post and source", "Given to", "through",
		"Sponsorship of", "Purchase from", "Registry:", "Country:", "Vintage:", "Retired", "The registry's record", "Serial",
		"Evidence of the donation", "Illustrative figure", "of the post's emissions", "A bar per year", "One bar", "The table below",
		"Where the offset emissions", "Not broken down", "not broken down", "method:", "scope 3 by", ", category"}
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") || !strings.HasPrefix(name, "impact/") && !strings.HasPrefix(name, "posts/") {
			continue
		}
		b, _ := out.Get(name)
		page := string(b)
		for _, e := range english {
			if i := strings.Index(page, e); i >= 0 {
				t.Errorf("%s shows %q, in English: %s", name, e, page[max(0, i-80):min(len(page), i+80)])
			}
		}
	}
}
