package site

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/report"
)

// emissionsOf is p's emissions as the site's totals count them
// (impact.WithEmissions), dated and placed as the post is.
func emissionsOf(p *Post) []*impact.Emission {
	if len(p.Emissions) == 0 {
		return nil
	}
	each := make([]impact.Emission, len(p.Emissions))
	out := make([]*impact.Emission, len(p.Emissions))
	for i, e := range p.Emissions {
		each[i] = impact.Emission{
			What: e.Source, Share: e.Share, Tonnes: e.Tonnes, Scope: e.Scope, Category: e.Category,
			Period: e.Period, Method: e.Method, Illustrative: e.Illustrative, Date: p.Date,
			Source: impact.Source{Post: p.URL(), Title: p.Title, File: p.File},
		}
		out[i] = &each[i]
	}
	return out
}

// Generator is the name impact.json gives its generator.
const Generator = "impactblog"

// impactDocument is the site's totals as impact.json and impact.csv give
// them: with the generator and its version, the site's URL for each
// entry's post, and the date they are as of (Options.SourceDate, or the
// newest entry's).
func (s *Site) impactDocument() *impact.Totals {
	doc := *s.Totals // a copy: the totals may be the last build's too
	version := s.version
	if version == "" {
		version = "devel"
	}
	doc.Generator = &impact.Generator{Name: Generator, Version: version}
	doc.BaseURL = s.Config.BaseURL
	if !s.sourceDate.IsZero() {
		doc.AsOf = s.sourceDate.UTC().Format("2006-01-02")
	}
	return &doc
}

// WriteImpactJSON writes impact.json, as the site has it.
func (s *Site) WriteImpactJSON(w io.Writer) error { return impact.WriteJSON(w, s.impactDocument()) }

// WriteImpactCSV writes impact.csv, as the site has it.
func (s *Site) WriteImpactCSV(w io.Writer) error { return impact.WriteCSV(w, s.impactDocument()) }

// registryURLs are the patterns of the registries' project pages
// (site.toml [evidence.registry_urls]), or nil.
func (s *Site) registryURLs() map[string]string {
	if s.Config.Evidence == nil {
		return nil
	}
	return s.Config.Evidence.RegistryURLs
}

// requiredEvidence reports each offset, dated on or after ev.From, that
// lacks a key ev.Offsets requires (site.toml [evidence]), at the offset's
// entry in its post.
func requiredEvidence(ev *config.Evidence, posts []*Post) problem.List {
	if ev == nil || len(ev.Offsets) == 0 {
		return nil
	}
	var list problem.List
	for _, p := range posts {
		for i := range p.Offsets {
			o := &p.Offsets[i]
			if !ev.From.IsZero() && o.Date.Before(ev.From) {
				continue
			}
			var missing, adds []string
			for _, k := range ev.Offsets {
				if !hasEvidence(o, k) {
					missing = append(missing, k)
					adds = append(adds, fmt.Sprintf("%q", k+": …"))
				}
			}
			if len(missing) == 0 {
				continue
			}
			which := "offsets"
			if !ev.From.IsZero() {
				which = "offsets from " + ev.From.Format("2006-01-02")
			}
			list.Add(o.Source.File, o.Source.Line, 0, "%s need %s (site.toml [evidence]): add %s", which, andList(missing), andList(adds))
		}
	}
	return list
}

// hasEvidence reports whether o gives the evidence key k.
func hasEvidence(o *impact.Offset, k string) bool {
	switch k {
	case "registry":
		return o.Registry != ""
	case "serials":
		return len(o.Serials) > 0
	case "project_id":
		return o.ProjectID != ""
	case "country":
		return o.Country != ""
	case "vintage":
		return o.Vintage != 0
	case "retired_on":
		return !o.RetiredOn.IsZero()
	case "beneficiary":
		return o.Beneficiary != ""
	case "retirement_url":
		return o.RetirementURL != ""
	case "type":
		return o.Type != ""
	}
	return true
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// An EntryEvidence is what a post's figures table shows of one entry's
// evidence: its id (the anchor of its row on the impact page), its things
// given in kind, and its evidence.
type EntryEvidence struct {
	ID    string
	Items string // "120 smartphone, 35 laptop"
	report.Evidence
}

// PostEvidence is the evidence of a post's entries, in the order of its
// donations, offsets and emissions.
type PostEvidence struct {
	Donations, Offsets, Emissions []EntryEvidence
}

// Evidence is the evidence of the post's entries, for its figures table.
func (p *Post) Evidence() PostEvidence {
	var ev PostEvidence
	patterns := p.site.registryURLs()
	for i := range p.Donations {
		d := &p.Donations[i]
		e := EntryEvidence{ID: impact.EntryID(p.File, 'd', i), Items: report.ItemsText(p.site.locale, d.Items)}
		e.RecipientID, e.Illustrative = d.RecipientID, d.Illustrative
		if d.Evidence != "" {
			e.Receipt = p.EvidenceURL(d.Evidence)
		}
		ev.Donations = append(ev.Donations, e)
	}
	for i := range p.Offsets {
		ev.Offsets = append(ev.Offsets, EntryEvidence{ID: impact.EntryID(p.File, 'o', i), Evidence: report.ForOffset(patterns, &p.Offsets[i])})
	}
	for i := range p.Emissions {
		ev.Emissions = append(ev.Emissions, EntryEvidence{ID: impact.EntryID(p.File, 'e', i), Evidence: report.Evidence{Illustrative: p.Emissions[i].Illustrative}})
	}
	return ev
}

// JSONLD is the post's schema.org JSON-LD, for a <script
// type="application/ld+json">: a MonetaryGrant per gift of money, funded
// by the site's author (or, without one, its title), its amount a
// MonetaryAmount whose value is the exact amount as a string, its
// recipient the fundedItem. "" when the post gives no money. It is
// template.JS, JSON whose <, > and & are written \u003c, \u003e and
// \u0026, so no text in it can end the script.
func (p *Post) JSONLD() (template.JS, error) {
	type thing struct {
		Type        string `json:"@type"`
		Name        string `json:"name"`
		URL         string `json:"url,omitempty"`
		Identifier  string `json:"identifier,omitempty"`
		Description string `json:"description,omitempty"`
	}
	type amount struct {
		Type     string `json:"@type"`
		Value    string `json:"value"`
		Currency string `json:"currency"`
	}
	type grant struct {
		Type       string `json:"@type"`
		ID         string `json:"@id"`
		Name       string `json:"name"`
		URL        string `json:"url"`
		Funder     thing  `json:"funder"`
		Amount     amount `json:"amount"`
		FundedItem thing  `json:"fundedItem"`
		StartDate  string `json:"startDate"`
		SubjectOf  *thing `json:"subjectOf,omitempty"`
	}
	cfg := p.site.Config
	funder := thing{Type: "Organization", Name: cfg.Author, URL: cfg.BaseURL}
	if funder.Name == "" {
		funder.Name = cfg.Title
	}
	postURL := strings.TrimSuffix(cfg.BaseURL, "/") + p.URL()
	var grants []grant
	for i := range p.Donations {
		d := &p.Donations[i]
		if d.Kind != impact.Gift || !d.Valued() {
			continue
		}
		name := "Donation to " + d.Recipient
		if d.Project != "" {
			name += ": " + d.Project
		}
		g := grant{
			Type: "MonetaryGrant", ID: strings.TrimSuffix(cfg.BaseURL, "/") + yearURL(strconv.Itoa(d.Date.Year())) + "#" + impact.EntryID(p.File, 'd', i),
			Name: name, URL: postURL, Funder: funder,
			Amount:     amount{Type: "MonetaryAmount", Value: d.Fixed(), Currency: d.Currency.Code},
			FundedItem: thing{Type: "Organization", Name: d.Recipient, URL: d.URL, Identifier: d.RecipientID, Description: d.Project},
			StartDate:  d.Date.Format("2006-01-02"),
		}
		if d.Evidence != "" {
			if u := p.EvidenceURL(d.Evidence); u != "" {
				g.SubjectOf = &thing{Type: "DigitalDocument", Name: "Evidence of the donation", URL: absolute(cfg.BaseURL, u)}
			}
		}
		grants = append(grants, g)
	}
	if len(grants) == 0 {
		return "", nil
	}
	doc := struct {
		Context string  `json:"@context"`
		Graph   []grant `json:"@graph"`
	}{"https://schema.org", grants}
	b, err := json.Marshal(doc) // escapes <, > and &
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// absolute makes u, a URL or an address on the site (with the base
// path), absolute.
func absolute(baseURL, u string) string {
	if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		return u
	}
	b, err := url.Parse(baseURL)
	if err != nil {
		return u
	}
	return b.Scheme + "://" + b.Host + u
}
