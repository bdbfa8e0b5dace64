package post

import (
	"net/url"
	"strings"

	"github.com/impactblog/impactblog/internal/tree"
	"golang.org/x/text/language"
)

// Lang reads a BCP 47 language tag: "fr", "de-DE", "en-GB".
func (r *reader) Lang(v *tree.Node, key string) string {
	s := strings.TrimSpace(r.Text(v, key))
	if s == "" {
		return ""
	}
	if _, err := language.Parse(s); err != nil {
		r.Errorf(v, "%s %q is not a language tag: write one such as en-GB, fr-FR or de", key, s)
		return ""
	}
	return s
}

// URL reads an absolute http or https address.
func (r *reader) URL(v *tree.Node, key string) string {
	s := strings.TrimSpace(r.Text(v, key))
	if s == "" {
		return ""
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		r.Errorf(v, "%s %q is not a web address: write the whole address of the published plan, starting with https://", key, s)
		return ""
	}
	return s
}

// accepted reads claims: {accept: {rule: "reason"}}. Which rules exist is
// the site's to say (its language and its own rules): the post only
// requires each a reason.
func (r *reader) accepted(v *tree.Node, key string) []Accepted {
	if !r.Table(v, key, "accept") {
		return nil
	}
	r.CheckKeys(v, key, "accept")
	var out []Accepted
	for i, k := range v.Keys {
		if k != "accept" {
			continue
		}
		acc := v.Vals[i]
		if !r.Table(acc, key+".accept", "generic-claim") {
			continue
		}
		for j, rule := range acc.Keys {
			reason, at := acc.Vals[j], acc.KeyPos[j]
			if reason.Kind != tree.Scalar || strings.TrimSpace(reason.Value) == "" {
				r.Problems.Add(r.File, at.Line, at.Col, "accepting the %s findings of this post needs a reason: write who reviewed them, when and why, such as %s: \"Reviewed 2026-11-02 by legal: …\"", rule, rule)
				continue
			}
			out = append(out, Accepted{Rule: rule, Reason: strings.TrimSpace(r.Text(reason, key+".accept."+rule)), At: at})
		}
	}
	return out
}
