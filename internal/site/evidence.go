package site

import (
	"fmt"
	"io"
	"strings"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
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
			Period: e.Period, Method: e.Method, Date: p.Date,
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
