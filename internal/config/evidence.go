package config

import (
	"net/url"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/registry"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
)

// evidenceKey is the table of site.toml that says what evidence offsets
// need, and where the registries' project pages are:
//
//	[evidence]
//	offsets = ["registry", "serials", "beneficiary"]  # required on every offset dated on or after from
//	from    = 2025-01-01                              # a date; default: every offset
//
//	[evidence.registry_urls]                          # per registry: its public page of a project
//	verra = "https://registry.example/projects/{project_id}"
//
// The registries' own addresses are not built in: site.toml gives the
// pattern of each registry whose project pages the site links to, with
// {project_id} where the offset's project_id goes (escaped for a URL).
const evidenceKey = "evidence"

// Evidence is the [evidence] table of site.toml.
type Evidence struct {
	Offsets      []string          // the keys every offset dated on or after From must have
	From         time.Time         // zero: every offset
	RegistryURLs map[string]string // registry → "https://…/{project_id}"
}

// EvidenceKeys are the keys of an offset that [evidence] offsets may
// require: the evidence keys of package post.
var EvidenceKeys = []string{"registry", "serials", "project_id", "country", "vintage", "retired_on", "beneficiary", "retirement_url", "type"}

// parseEvidence reads the [evidence] table into c.Evidence, and reports
// every problem in it.
func (c *Config) parseEvidence(val *tree.Node) problem.List {
	var problems problem.List
	if val.Kind != tree.Map {
		problems.Add(File, val.Line, val.Col, "evidence must be a table, such as [evidence] with a line offsets = [\"registry\", \"serials\"]; it is %s", describe(val))
		return problems
	}
	ev := &Evidence{}
	for i, key := range val.Keys {
		v, at := val.Vals[i], val.KeyPos[i]
		switch key {
		case "offsets":
			if v.Kind != tree.List {
				problems.Add(File, v.Line, v.Col, "evidence.offsets must be a list of keys, such as offsets = [\"registry\", \"serials\", \"beneficiary\"], not %s", describe(v))
				continue
			}
			for _, it := range v.Items {
				if it.Kind != tree.Scalar || !it.Str {
					problems.Add(File, it.Line, it.Col, "evidence.offsets: write each key in quotes, such as \"beneficiary\", not %s", describe(it))
					continue
				}
				k := strings.TrimSpace(it.Value)
				if !contains(EvidenceKeys, k) {
					hint := "the keys are " + strings.Join(EvidenceKeys, ", ")
					if m := suggest.Closest(k, EvidenceKeys); m != "" {
						hint = "did you mean " + m + "?"
					}
					problems.Add(File, it.Line, it.Col, "evidence.offsets: %q is not an offset's evidence key: %s", k, hint)
					continue
				}
				if !contains(ev.Offsets, k) {
					ev.Offsets = append(ev.Offsets, k)
				}
			}
		case "from":
			d, err := time.Parse("2006-01-02", v.Value)
			if v.Kind != tree.Scalar || err != nil {
				problems.Add(File, v.Line, v.Col, "evidence.from must be a date, such as from = 2025-01-01, not %s", describe(v))
				continue
			}
			ev.From = d
		case "registry_urls":
			problems = append(problems, ev.parseRegistryURLs(v)...)
		default:
			problems.Add(File, at.Line, at.Col, "unknown setting evidence.%s: the settings of [evidence] are offsets, from and [evidence.registry_urls]", key)
		}
	}
	c.Evidence = ev
	return problems
}

func (ev *Evidence) parseRegistryURLs(v *tree.Node) problem.List {
	var problems problem.List
	if v.Kind != tree.Map {
		problems.Add(File, v.Line, v.Col, "evidence.registry_urls must be a table, such as [evidence.registry_urls] with a line verra = \"https://…/{project_id}\"; it is %s", describe(v))
		return problems
	}
	ev.RegistryURLs = map[string]string{}
	for j, name := range v.Keys {
		u, at := v.Vals[j], v.KeyPos[j]
		r, err := registry.ParseRegistry(name)
		if err != nil {
			problems.Add(File, at.Line, at.Col, "evidence.registry_urls: %v", err)
			continue
		}
		if string(r) != name {
			problems.Add(File, at.Line, at.Col, "evidence.registry_urls: write the registry as %s", r)
			continue
		}
		if u.Kind != tree.Scalar || !u.Str {
			problems.Add(File, u.Line, u.Col, "evidence.registry_urls.%s must be a URL in quotes, such as \"https://…/{project_id}\", not %s", name, describe(u))
			continue
		}
		p, err := url.Parse(strings.ReplaceAll(u.Value, "{project_id}", "x"))
		if err != nil || p.Scheme != "http" && p.Scheme != "https" || p.Host == "" {
			problems.Add(File, u.Line, u.Col, "evidence.registry_urls.%s is not an absolute http or https URL: write one such as \"https://…/{project_id}\"", name)
			continue
		}
		if !strings.Contains(u.Value, "{project_id}") {
			problems.Add(File, u.Line, u.Col, "evidence.registry_urls.%s has no {project_id}: write it where the offset's project_id goes in the registry's address of the project", name)
			continue
		}
		ev.RegistryURLs[name] = u.Value
	}
	return problems
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
