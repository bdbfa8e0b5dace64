package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/impactblog/impactblog/internal/claims"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
)

// claimsKey is the table of site.toml that adjusts the claims check
// (package claims) for the whole site:
//
//	[claims]
//	off = { label-claim = "Reviewed 2026-11-02 by legal: every label we name is our own ISO 14024 scheme" }
//
//	[[claims.extra]]                 # a phrase of the site's own
//	id = "superlative"
//	phrases = ["greenest", "most sustainable"]
//	message = 'superlative: "{phrase}" compares us with everyone: say with whom and by what measure'
//	sources = [{ title = "Our style guide", url = "https://example.org/style" }]
//
//	[[claims.extra]]                 # more phrases for a built-in rule
//	id = "generic-claim"
//	phrases = ["kind to nature"]
//
// off turns a rule off site-wide, with the reason (required). An extra
// entry whose id is a built-in rule's adds its phrases (and negatives,
// phrases never to report) to that rule in every language; any other is
// a rule of the site's own: message defaults to naming the phrase, sources
// to this table.
const claimsKey = "claims"

// Claims is the [claims] table of site.toml.
type Claims struct {
	Off   map[string]string // rule id → why the site turns it off
	Extra []claims.Rule
}

// Key is the table's contents as one string: two Claims with the same
// key check posts the same way. "" for nil.
func (c *Claims) Key() string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("%v|%+v", c.Off, c.Extra)
}

var ruleIDRE = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// FigureRule is the rule id of figures typed in prose (package review).
const FigureRule = "figure-in-prose"

// builtinRules are the ids of the rules of every language, and figure-in-prose.
func builtinRules() []string {
	ids := []string{FigureRule}
	for _, l := range claims.Languages() {
		for _, r := range claims.Rules(l) {
			if !slices.Contains(ids, r.ID) {
				ids = append(ids, r.ID)
			}
		}
	}
	return ids
}

// parseClaims reads the [claims] table into c.Claims, and reports every
// problem in it.
func (c *Config) parseClaims(val *tree.Node) problem.List {
	var problems problem.List
	if val.Kind != tree.Map {
		problems.Add(File, val.Line, val.Col, "claims must be a table, such as [claims] with a line off = { generic-claim = \"why\" }; it is %s", describe(val))
		return problems
	}
	cl := &Claims{}
	builtin := builtinRules()
	for i, key := range val.Keys {
		v, at := val.Vals[i], val.KeyPos[i]
		switch key {
		case "off":
			if v.Kind != tree.Map {
				problems.Add(File, v.Line, v.Col, "claims.off must be a table of rule = \"reason\", such as off = { label-claim = \"Reviewed 2026-11-02 by legal: …\" }, not %s", describe(v))
				continue
			}
			cl.Off = map[string]string{}
			for j, id := range v.Keys {
				r, rat := v.Vals[j], v.KeyPos[j]
				if !slices.Contains(builtin, id) {
					problems.Add(File, rat.Line, rat.Col, "claims.off: %q is not a claims rule: %s", id, ruleHint(id, builtin))
					continue
				}
				if r.Kind != tree.Scalar || strings.TrimSpace(r.Value) == "" {
					problems.Add(File, rat.Line, rat.Col, "claims.off: turning %s off needs a reason: write who decided, when and why, such as %s = \"Reviewed 2026-11-02 by legal: …\"", id, id)
					continue
				}
				cl.Off[id] = strings.TrimSpace(r.Value)
			}
		case "extra":
			if v.Kind != tree.List {
				problems.Add(File, v.Line, v.Col, "claims.extra must be a list of rules: start each with a line [[claims.extra]], not %s", describe(v))
				continue
			}
			for _, it := range v.Items {
				if r, ps := parseExtraRule(it, builtin); len(ps) > 0 {
					problems = append(problems, ps...)
				} else {
					cl.Extra = append(cl.Extra, r)
				}
			}
		default:
			hint := "the keys are off and extra"
			if m := suggest.Closest(key, []string{"off", "extra"}); m != "" {
				hint = "did you mean " + m + "?"
			}
			problems.Add(File, at.Line, at.Col, "unknown key %q in [claims]: %s", key, hint)
		}
	}
	if len(cl.Extra) > 0 {
		if _, err := claims.NewChecker(cl.Extra); err != nil {
			problems.Add(File, val.Line, val.Col, "[claims] extra: %v", err)
		}
	}
	c.Claims = cl
	return problems
}

func ruleHint(id string, ids []string) string {
	if m := suggest.Closest(id, ids); m != "" {
		return "did you mean " + m + "?"
	}
	return "the rules are " + strings.Join(ids, ", ") + " (impactblog help claims lists them)"
}

// parseExtraRule reads one [[claims.extra]] entry.
func parseExtraRule(it *tree.Node, builtin []string) (claims.Rule, problem.List) {
	var problems problem.List
	var r claims.Rule
	if it.Kind != tree.Map {
		problems.Add(File, it.Line, it.Col, "each [[claims.extra]] must be a table with id and phrases, not %s", describe(it))
		return r, problems
	}
	strs := func(v *tree.Node, key string) []string {
		if v.Kind != tree.List {
			problems.Add(File, v.Line, v.Col, "claims.extra %s must be a list of phrases in quotes, such as %s = [\"greenest\"], not %s", key, key, describe(v))
			return nil
		}
		var out []string
		for _, p := range v.Items {
			if p.Kind != tree.Scalar || strings.TrimSpace(p.Value) == "" {
				problems.Add(File, p.Line, p.Col, "claims.extra %s: write each phrase in quotes, not %s", key, describe(p))
				continue
			}
			out = append(out, strings.TrimSpace(p.Value))
		}
		return out
	}
	for i, key := range it.Keys {
		v, at := it.Vals[i], it.KeyPos[i]
		switch key {
		case "id":
			r.ID = strings.TrimSpace(v.Value)
			if v.Kind != tree.Scalar || !ruleIDRE.MatchString(r.ID) {
				problems.Add(File, v.Line, v.Col, "claims.extra id %q must be a name of lower-case letters, digits and hyphens, such as \"superlative\"", v.Value)
			}
		case "phrases":
			r.Phrases = strs(v, key)
		case "negatives":
			r.Negatives = strs(v, key)
		case "message", "summary":
			if v.Kind != tree.Scalar {
				problems.Add(File, v.Line, v.Col, "claims.extra %s must be text in quotes, not %s", key, describe(v))
			} else if key == "message" {
				r.Message = v.Value
			} else {
				r.Summary = v.Value
			}
		case "sources":
			if v.Kind != tree.List {
				problems.Add(File, v.Line, v.Col, "claims.extra sources must be a list such as [{ title = \"Our style guide\", url = \"https://example.org/style\" }], not %s", describe(v))
				continue
			}
			for _, s := range v.Items {
				title, u := s.Get("title"), s.Get("url")
				if s.Kind != tree.Map || title == nil || u == nil {
					problems.Add(File, s.Line, s.Col, "each claims.extra source needs a title and a url, such as { title = \"Our style guide\", url = \"https://example.org/style\" }")
					continue
				}
				if pu, err := url.Parse(u.Value); err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
					problems.Add(File, u.Line, u.Col, "claims.extra source url %q is not a web address: write it whole, starting with https://", u.Value)
					continue
				}
				r.Sources = append(r.Sources, claims.Source{Title: title.Value, URL: u.Value})
			}
		default:
			allowed := []string{"id", "phrases", "negatives", "message", "summary", "sources"}
			hint := "the keys are " + strings.Join(allowed, ", ")
			if m := suggest.Closest(key, allowed); m != "" {
				hint = "did you mean " + m + "?"
			}
			problems.Add(File, at.Line, at.Col, "unknown key %q in [[claims.extra]]: %s", key, hint)
		}
	}
	if r.ID == "" && len(problems) == 0 {
		problems.Add(File, it.Line, it.Col, "each [[claims.extra]] needs an id: the name of a built-in rule to add phrases to, or a name of the site's own")
	}
	if len(r.Phrases) == 0 && len(problems) == 0 {
		problems.Add(File, it.Line, it.Col, "[[claims.extra]] %s has no phrases: add phrases = [\"…\"]", r.ID)
	}
	if r.ID == FigureRule {
		problems.Add(File, it.Line, it.Col, "figure-in-prose has no phrases to add: its figures come from the posts' data")
	}
	if !slices.Contains(builtin, r.ID) {
		if r.Message == "" {
			r.Message = r.ID + `: "{phrase}" is on this site's list of claims to review ([claims] in site.toml)`
		}
		if len(r.Sources) == 0 {
			r.Sources = []claims.Source{{Title: "This site's own rules: [claims] in site.toml"}}
		}
		r.Kind, r.Severity = "phrase", "warning"
	}
	return r, problems
}
