package entry

import (
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/registry"
	"github.com/impactblog/impactblog/internal/tree"
	"github.com/shopspring/decimal"
)

// The impact block's schema: its lists, and one table of fields for each
// kind of entry in them. A field is one row; see schema.go.

// An entryList is a list of the impact block, of entries of one schema.
type entryList interface {
	key() string
	read(r *reader, v *tree.Node)
	docLines(b *strings.Builder)
	scaffold(b *strings.Builder, day time.Time, currency string)
	needs() string
	article() string
}

// impactLists are the keys of the impact block, each a list of entries.
var impactLists = [...]entryList{donations, offsets, emissions}

// impactKeys are the keys of impactLists.
var impactKeys = func() []string {
	keys := make([]string, len(impactLists))
	for i, l := range impactLists {
		keys[i] = l.key()
	}
	return keys
}()

var donations = newSchema(schema[impact.Donation]{
	list: "donations", entry: "donation", an: "a donation", doc: "a list; each:",
	of: func(b *Block) *[]impact.Donation { return &b.Donations },
	fields: []row[impact.Donation]{
		{name: "recipient", need: "WWF",
			value: asName(func(d *impact.Donation, s string) { d.Recipient = s })},
		// kind before amount, which an in-kind gift may leave out
		// (donation.go).
		{name: "kind", example: "money", doc: "money (the default) | in-kind | sponsorship | purchase",
			value: asDonationKind(func(d *impact.Donation, k impact.DonationKind) { d.Kind = k })},
		{name: "amount", need: "45000", unless: inKind, doc: `> 0: 112000 or "2500.75", no symbol or separators; optional for in-kind: its declared value`,
			value: asAmount(func(d *impact.Donation, m *impact.Money) { d.Money = *m })},
		{name: "currency", doc: "ISO 4217 code; default: the site's currency",
			value: asCurrency[impact.Donation]()},
		{name: "items", example: "[{what: smartphone, count: 120}]", alt: true, doc: "in-kind only, and required there: a list of what (text) and count (> 0)",
			value: asItems(func(d *impact.Donation, items []impact.Item) { d.Items = items })},
		{name: "project", example: "Waste management in Pejarakan, Bali", doc: "optional text",
			value: asText(func(d *impact.Donation, s string) { d.Project = s })},
		{name: "date", doc: "the day the donation counts for; default: the post's date",
			value: asDate(func(d *impact.Donation, t time.Time) { d.Date = t })},
		{name: "url", example: "https://example.org/pejarakan", doc: "optional text",
			value: asText(func(d *impact.Donation, s string) { d.URL = s })},
		{name: "evidence", example: "https://example.org/receipts/2021-01.pdf", doc: "a receipt or letter: http(s), or a file beside the post (receipt.pdf)",
			value: asEvidence(func(d *impact.Donation, s string) { d.Evidence = s })},
		{name: "recipient_id", example: "England and Wales charity 1081247", doc: "the recipient's registration, as written",
			value: asName(func(d *impact.Donation, s string) { d.RecipientID = s })},
		{name: "illustrative", example: "the post gives no figure", doc: "why its figures are illustrative, not real: one line, shown with them",
			value: asName(func(d *impact.Donation, s string) { d.Illustrative = s })},
	},
	finish: func(r *reader, d *impact.Donation) bool {
		d.Source = impact.Source{File: r.File, Line: r.entry.m.Line}
		return r.checkKind(d)
	},
})

var offsets = newSchema(schema[impact.Offset]{
	list: "offsets", entry: "offset", an: "an offset", doc: "a list; each:",
	of: func(b *Block) *[]impact.Offset { return &b.Offsets },
	fields: []row[impact.Offset]{
		{name: "provider", need: "GoodPlanet Foundation",
			value: asName(func(o *impact.Offset, s string) { o.Provider = s })},
		{name: "tonnes", need: "31.4", doc: "> 0: tonnes of CO2e",
			value: asTonnes(func(o *impact.Offset, t impact.Tonnes) { o.Tonnes = t })},
		{name: "price_per_tonne", example: "20", doc: "optional; cost = tonnes × price, rounded once to the penny",
			value: asAmount(func(o *impact.Offset, m *impact.Money) { o.PricePerTonne = m })},
		{name: "cost", example: "628", doc: "optional; with a price, it must agree",
			value: asAmount(func(o *impact.Offset, m *impact.Money) { o.Cost = m })},
		{name: "currency", doc: "as for donations",
			value: asCurrency[impact.Offset]()},
		{name: "project", example: "Cookstoves in Mali", doc: "optional text",
			value: asText(func(o *impact.Offset, s string) { o.Project = s })},
		{name: "scope", example: "deliveries", doc: "optional text: which emissions it covers (not a GHG scope)",
			value: asText(func(o *impact.Offset, s string) { o.Scope = s })},
		{name: "date", doc: "as for donations",
			value: asDate(func(o *impact.Offset, t time.Time) { o.Date = t })},
		// The evidence (evidence.go): registry before serials, which are
		// read for it.
		{name: "registry", example: "isometric", doc: registries(),
			value: asRegistry(func(o *impact.Offset, reg registry.Registry) { o.Registry = reg })},
		{name: "serials", example: "ret_1J9X4T7QK1S0M2PA", doc: "one serial block, or a list; their credits = tonnes",
			value: asSerials()},
		{name: "project_id", example: "3005", doc: "the registry's project id, as in the serials",
			value: asName(func(o *impact.Offset, s string) { o.ProjectID = s })},
		{name: "country", example: "KE", doc: "the project's country, ISO 3166: as in the serials",
			value: asCountry(func(o *impact.Offset, cc string) { o.Country = cc })},
		{name: "vintage", example: "2020", doc: "the year of the reductions or removals: as in the serials",
			value: asYear(func(o *impact.Offset, y int) { o.Vintage = y })},
		{name: "retired_on", doc: "the day the credits were retired",
			value: asDate(func(o *impact.Offset, t time.Time) { o.RetiredOn = t })},
		{name: "beneficiary", example: "Example Ltd", doc: "on whose behalf they were retired",
			value: asName(func(o *impact.Offset, s string) { o.Beneficiary = s })},
		{name: "retirement_url", example: "https://example.org/retirements/1", doc: "the registry's public record: http(s)",
			value: asURL(func(o *impact.Offset, s string) { o.RetirementURL = s })},
		{name: "type", example: "removal", doc: "avoidance | removal",
			value: asOffsetType(func(o *impact.Offset, t impact.OffsetType) { o.Type = t })},
		{name: "illustrative", example: "the post gives no tonnage", doc: "as for donations",
			value: asName(func(o *impact.Offset, s string) { o.Illustrative = s })},
	},
	finish: func(r *reader, o *impact.Offset) bool {
		o.Source = impact.Source{File: r.File, Line: r.entry.m.Line}
		serialsOK := r.checkSerials(o)
		if !r.entry.ok("tonnes", "price_per_tonne", "cost", "currency") {
			return false
		}
		c, err := impact.OffsetCost(o.Tonnes.Decimal, o.PricePerTonne, o.Cost)
		if err != nil {
			r.Errorf(r.entry.m.Get("cost"), "%v", err)
			return false
		}
		o.Cost = c
		return serialsOK
	},
})

var emissions = newSchema(schema[Emission]{
	list: "emissions", entry: "emission", an: "an emission", doc: "optional: where the offset emissions came from; each:",
	of: func(b *Block) *[]Emission { return &b.Emissions },
	fields: []row[Emission]{
		{name: "source", need: "Deliveries",
			value: asText(func(e *Emission, s string) { e.Source = s })},
		{name: "share", example: "60", doc: "a percentage (the shares of a post add up to 100 at most)",
			value: asPercent(func(e *Emission, d decimal.Decimal) { e.Share = d })},
		{name: "tonnes", example: "18.8", doc: "or tonnes of CO2e", alt: true,
			value: asTonnes(func(e *Emission, t impact.Tonnes) { e.Tonnes = t })},
		{name: "scope", example: "3", doc: "the GHG Protocol's scope: 1, 2 or 3",
			value: asWhole(1, 3, "1, 2 or 3, the GHG Protocol's scope", func(e *Emission, n int) { e.Scope = n })},
		{name: "category", example: "4", doc: "of scope 3 only: 1 to 15 (4: transport paid for, 9: not)",
			value: asWhole(1, 15, "a scope 3 category, from 1 to 15", func(e *Emission, n int) { e.Category = n })},
		{name: "period", example: "Black Friday week", doc: "optional text: when they were emitted",
			value: asText(func(e *Emission, s string) { e.Period = s })},
		{name: "method", example: "spend-based", doc: "optional text: how they were measured",
			value: asText(func(e *Emission, s string) { e.Method = s })},
		{name: "illustrative", example: "the post gives no share for the rest", doc: "as for donations",
			value: asName(func(e *Emission, s string) { e.Illustrative = s })},
	},
	finish: func(r *reader, e *Emission) bool {
		if cat := r.entry.m.Get("category"); e.Category != 0 && r.entry.ok("scope") {
			switch e.Scope {
			case 0:
				r.Errorf(cat, "only scope 3 emissions have a category: add \"scope: 3\"")
				return false
			case 1, 2:
				r.Errorf(cat, "only scope 3 emissions have a category, and this one is scope %d: remove category, or make it scope 3", e.Scope)
				return false
			}
		}
		share, tonnes := r.entry.m.Get("share"), r.entry.m.Get("tonnes")
		switch {
		case share != nil && tonnes != nil:
			r.Errorf(tonnes, "an emission takes share or tonnes, not both: keep one")
			return false
		case share == nil && tonnes == nil:
			r.Errorf(r.entry.m, "an emission needs share (a percentage) or tonnes: add \"share: 60\"")
			return false
		}
		return true
	},
	done: func(r *reader, kept []Emission, first *tree.Node) {
		total := decimal.Zero
		for _, e := range kept {
			total = total.Add(e.Share)
		}
		if total.GreaterThan(decimal.NewFromInt(100)) {
			r.Errorf(first, "the emission shares add up to %s%%, more than 100%%: correct them", total.String())
		}
	},
})

// read reads the impact block v into r.block.
func (r *reader) read(v *tree.Node) {
	if !r.Table(v, "impact", "donations: …") {
		return
	}
	r.CheckKeys(v, "impact", impactKeys...)
	for _, l := range impactLists {
		if lv := v.Get(l.key()); lv != nil {
			l.read(r, lv)
		}
	}
}

// impactDoc is the package doc's list of the impact block's keys, as
// TestDocMatchesSchema wants it.
func impactDoc() string {
	var b strings.Builder
	b.WriteString("impact:\n")
	for _, l := range impactLists {
		l.docLines(&b)
	}
	return b.String()
}

// Scaffold is the impact block of a new post, in YAML and commented out,
// with an entry of each list that shows every field, its currency and
// date filled in with currency and day. With the "# " before its lines
// removed, it is a valid impact block.
func Scaffold(day time.Time, currency string) string {
	needs := make([]string, len(impactLists))
	for i, l := range impactLists {
		needs[i] = l.article() + " needs " + l.needs()
	}
	var b strings.Builder
	line := "#"
	for _, w := range strings.Fields("The figures: remove the \"# \" before the lines you need, fill them in, and delete the rest. " +
		"A" + strings.Join(needs, "; ")[1:] + ".") {
		if len(line)+1+len(w) > 72 {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + w
	}
	b.WriteString(line + "\n# impact:\n")
	for _, l := range impactLists {
		l.scaffold(&b, day, currency)
	}
	return b.String()
}
