package report

// # Evidence
//
// Each entry of the impact page shows the evidence behind it (Entry.Evidence):
// for an offset, its registry, with a link to the registry's page of its
// project when site.toml gives the registry's URL pattern, its serial
// blocks, vintage, beneficiary, retirement date and the link to the
// registry's record of the retirement; for a donation, its receipt and
// the recipient's registration. The report also has the tonnes of offsets
// by type (removals, avoidance), the things given in kind ("devices
// given") and the emissions by scope: beside the offsets, never
// subtracted from them.

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/shopspring/decimal"
)

// Evidence is what backs an entry, for people: each field "" when not given.
type Evidence struct {
	Registry      string   // "verra"
	ProjectID     string   // "3005"
	ProjectURL    string   // the registry's page of the project, from site.toml's pattern
	Serials       []string // as written
	Country       string
	Vintage       string
	RetiredOn     string // 2006-01-02
	Beneficiary   string
	RetirementURL string
	Type          string // "removal" or "avoidance"
	Receipt       string // a donation's evidence: its URL, or the file's under the post's address
	RecipientID   string
	// Illustrative, when not "", says why the entry's figures are
	// illustrative, not real; it is shown with them, and is not evidence
	// (Any leaves it out).
	Illustrative string
}

// Any reports whether there is any evidence to show.
func (e Evidence) Any() bool {
	return e.Type != "" || e.Registry != "" || e.ProjectID != "" || len(e.Serials) > 0 || e.Country != "" || e.Vintage != "" ||
		e.RetiredOn != "" || e.Beneficiary != "" || e.RetirementURL != "" || e.Receipt != "" || e.RecipientID != ""
}

// evidenceLinks makes the links of the evidence.
type evidenceLinks struct {
	patterns map[string]string // registry → "https://…/{project_id}"
	receipt  func(*impact.Donation) string
}

// ProjectURL is the registry's page of a project, from the pattern of
// its registry in patterns, with {project_id} replaced by the id,
// escaped for a URL path; "" without a pattern or an id.
func ProjectURL(patterns map[string]string, registry, projectID string) string {
	p := patterns[registry]
	if p == "" || strings.TrimSpace(projectID) == "" {
		return ""
	}
	return strings.ReplaceAll(p, "{project_id}", url.PathEscape(strings.TrimSpace(projectID)))
}

func (l evidenceLinks) offset(o *impact.Offset) Evidence {
	e := Evidence{
		Registry: string(o.Registry), ProjectID: o.ProjectID, Country: o.Country,
		Beneficiary: o.Beneficiary, RetirementURL: o.RetirementURL, Type: string(o.Type), Illustrative: o.Illustrative,
		ProjectURL: ProjectURL(l.patterns, string(o.Registry), o.ProjectID),
	}
	for _, s := range o.Serials {
		e.Serials = append(e.Serials, s.Block.Serial)
	}
	if o.Vintage != 0 {
		e.Vintage = strconv.Itoa(o.Vintage)
	}
	if !o.RetiredOn.IsZero() {
		e.RetiredOn = o.RetiredOn.Format("2006-01-02")
	}
	return e
}

func (l evidenceLinks) donation(d *impact.Donation) Evidence {
	e := Evidence{RecipientID: d.RecipientID, Illustrative: d.Illustrative}
	if d.Evidence != "" {
		if l.receipt != nil {
			e.Receipt = l.receipt(d)
		} else {
			e.Receipt = ReceiptURL(d)
		}
	}
	return e
}

// ForOffset is the evidence of o, with its project's page from patterns.
func ForOffset(patterns map[string]string, o *impact.Offset) Evidence {
	return evidenceLinks{patterns: patterns}.offset(o)
}

// ReceiptURL is where a donation's evidence is: its URL as written, or,
// for a file beside the post, the file's address under the post's
// (published with it); "" without evidence.
func ReceiptURL(d *impact.Donation) string {
	ev := strings.TrimSpace(d.Evidence)
	switch {
	case ev == "":
		return ""
	case strings.HasPrefix(ev, "http://") || strings.HasPrefix(ev, "https://"):
		return ev
	}
	return path.Join(d.Source.Post, ev)
}

// ItemsText writes what a gift in kind gave: "120 smartphone, 35 laptop".
func ItemsText(l *locale.Locale, items []impact.Item) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = count(l, it.Count) + " " + it.What
	}
	return strings.Join(parts, ", ")
}

func count(l *locale.Locale, n int64) string { return l.Number(decimal.NewFromInt(n), 0) }

func itemRows(l *locale.Locale, c impact.Counts) []ItemRow {
	rows := make([]ItemRow, len(c))
	for i, it := range c {
		rows[i] = ItemRow{What: it.What, Count: count(l, it.Count)}
	}
	return rows
}

// addEvidence adds to r what the evidence of t's entries gives: offsets
// by type, things given in kind, emissions by scope.
func (r *Report) addEvidence(t *impact.Totals, f *figs) {
	l := f.l
	if t.Offsets.ByType.Split() {
		years := t.Years()
		for i := len(years) - 1; i >= 0; i-- {
			y := years[i]
			if o := t.Offsets.ByYear[y]; o != nil {
				r.Types = append(r.Types, f.typeRow(y, o.ByType, r.yearURL(y)))
			}
		}
		r.Types = append(r.Types, f.typeRow(f.w("allYears"), t.Offsets.ByType, "#years"))
	}
	if len(t.InKind.Items) > 0 {
		r.Items = itemRows(l, t.InKind.Items)
		years := t.Years()
		for i := len(years) - 1; i >= 0; i-- {
			if c := t.InKind.ByYear[years[i]]; len(c) > 0 {
				r.ItemYears = append(r.ItemYears, ItemGroup{Name: years[i], Href: r.yearURL(years[i]), Items: itemRows(l, c)})
			}
		}
		for _, name := range t.Recipients() {
			if c := t.InKind.ByRecipient[name]; len(c) > 0 {
				r.ItemTo = append(r.ItemTo, ItemGroup{Name: name, Items: itemRows(l, c)})
			}
		}
	}
	r.Scopes = scopeRows(f, &t.Emissions)
}

// scopeRows are the rows of em by scope, then of scope 3 by category.
func scopeRows(f *figs, em *impact.EmissionTotals) []ScopeRow {
	var rows []ScopeRow
	row := func(name string, s *impact.EmissionSum) ScopeRow {
		sr := ScopeRow{Name: name, Count: s.Count, AsShares: s.AsShares}
		if s.Count > s.AsShares {
			sr.Tonnes = f.l.Tonnes(s.Tonnes)
		}
		return sr
	}
	for _, k := range em.Scopes() {
		name := f.w("scopeName", "Scope", k)
		if k == impact.Unspecified {
			name = f.w("noScope")
		}
		rows = append(rows, row(name, em.ByScope[k]))
	}
	for _, k := range em.Categories() {
		name := f.w("scope3Category", "Category", k)
		if k == impact.Unspecified {
			name = f.w("scope3NoCategory")
		}
		rows = append(rows, row(name, em.ByCategory[k]))
	}
	return rows
}

// typeRow is a TypeRow. Its figures are not figures a post can quote: their Of is empty.
func (f figs) typeRow(name string, s impact.TypeSplit, href string) TypeRow {
	return TypeRow{
		Name:        name,
		Removal:     f.tonnes(s.Removal, "", href),
		Avoidance:   f.tonnes(s.Avoidance, "", href),
		Unspecified: f.tonnes(s.Unspecified, "", href),
	}
}
