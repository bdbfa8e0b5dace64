package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/impactblog/impactblog/internal/claims"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/review"
)

type claimsCommand struct {
	stdout, stderr io.Writer
}

// A claimJSON is one finding of `claims -json`.
type claimJSON struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Col       int    `json:"col"`
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Source    string `json:"source"`
	SourceURL string `json:"source_url"`
	Accepted  bool   `json:"accepted"`
	Reason    string `json:"reason"`
}

// Run prints every claims finding of every post, drafts and future posts
// too, and every accepted one with its reviewer's reason: the report a
// legal or comms reviewer reads. It fails only when the blog does not
// read (a problem in a post that hides its words, or in site.toml).
//
// -json prints one JSON list, for a reviewer's tools. -format json and
// github print each finding as build and check print a warning (see
// format), and an accepted one as a notice with its reason, so that the
// reviewer of a pull request sees what was accepted, and why, beside the
// line.
func (c *claimsCommand) Run(ctx context.Context, args []string) error {
	r := &reporter{stdout: c.stdout, stderr: c.stderr}
	return r.done(c.run(ctx, args, r))
}

func (c *claimsCommand) run(ctx context.Context, args []string, r *reporter) error {
	var bf blogFlags
	fs := newFlagSet("claims", "[-json | -format text|json|github] [-src DIR]", c.stderr)
	bf.register(fs, false)
	asJSON := fs.Bool("json", false, "print a JSON list of findings: file, line, col, rule, severity, message, source, source_url, accepted, reason")
	r.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *asJSON && r.format != textFormat {
		fmt.Fprintf(c.stderr, "impactblog claims: -json is a format of its own: give -json or -format %s, not both\n", r.format)
		return errUsage
	}
	r.src = bf.src
	bf.drafts, bf.future = true, true
	b, err := bf.builder("", "")
	if err != nil {
		return err
	}
	_, err = b.Build(ctx, nil)
	var list problem.List
	if err != nil && !errors.As(err, &list) {
		return err
	}
	findings := b.Findings()
	switch {
	case r.format != textFormat:
		for _, f := range findings {
			d := diagnostic{File: r.path(f.File), Line: f.Line, Col: f.Col, Severity: problem.Warning, Message: f.Message, Rule: f.Rule}
			if f.Accepted {
				d.Severity, d.Reason = problem.Notice, f.Reason
			}
			r.print(d)
		}
		fmt.Fprintln(c.stderr, findingsCount(findings))
	case *asJSON:
		out := make([]claimJSON, 0, len(findings))
		for _, f := range findings {
			out = append(out, claimJSON{f.File, f.Line, f.Col, f.Rule, f.Severity, f.Message, f.Source, f.SourceURL, f.Accepted, f.Reason})
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	default:
		writeFindings(c.stdout, findings)
	}
	if len(list) > 0 {
		// Findings of the posts that did read are above; what hid the rest:
		return r.report(list, "some posts could not be checked")
	}
	return nil
}

// writeFindings prints findings for a reader, each with its source and,
// when accepted, the reason; then a count.
func writeFindings(w io.Writer, findings []review.Finding) {
	for _, f := range findings {
		what := "warning"
		if f.Accepted {
			what = "accepted"
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", f.File, f.Line, f.Col, what, f.Message)
		fmt.Fprintf(w, "\tsource: %s", f.Source)
		if f.SourceURL != "" {
			fmt.Fprintf(w, " <%s>", f.SourceURL)
		}
		fmt.Fprintln(w)
		if f.Accepted {
			fmt.Fprintf(w, "\treason: %s\n", f.Reason)
		}
	}
	fmt.Fprintln(w, findingsCount(findings))
}

// findingsCount is the closing line of the claims report: how many
// findings, in how many posts, and how many of them are accepted.
func findingsCount(findings []review.Finding) string {
	if len(findings) == 0 {
		return "No claims to review: no post makes a claim the rules find."
	}
	posts := map[string]bool{}
	accepted := 0
	for _, f := range findings {
		posts[f.File] = true
		if f.Accepted {
			accepted++
		}
	}
	n := len(findings)
	return fmt.Sprintf("%d finding%s in %d post%s: %d to fix or accept, %d accepted.", n, plural(n), len(posts), plural(len(posts)), n-accepted, accepted)
}

// helpClaims lists the rules of every language with their sources.
func helpClaims(w io.Writer) {
	fmt.Fprint(w, `The claims check reads each post's title, summary and prose (not code or
link addresses) in the post's language (lang:, else the site's language)
and reports, as warnings, the environmental claims its writer may not be
able to defend. check -strict and build -strict fail on them; impactblog
claims [-json] lists them all, accepted ones too.

Accept a rule's findings in one post, with a reviewer's reason (required):

  claims:
    accept:
      generic-claim: "Reviewed 2026-11-02 by legal: 'green' names the Green Team"

Turn a rule off for the site, or add phrases and rules of its own, in site.toml:

  [claims]
  off = { label-claim = "Reviewed 2026-11-02 by legal: ..." }
  [[claims.extra]]
  id = "superlative"
  phrases = ["greenest"]

The rules:
`)
	type row struct {
		langs []string
		rule  claims.Rule
	}
	var rows []*row
	langs := claims.Languages() // English first: its summaries are shown
	slices.SortStableFunc(langs, func(a, b string) int { return boolInt(b == "en") - boolInt(a == "en") })
	for _, l := range langs {
		for _, r := range claims.Rules(l) {
			i := slices.IndexFunc(rows, func(x *row) bool { return x.rule.ID == r.ID })
			if i < 0 {
				rows = append(rows, &row{rule: r})
				i = len(rows) - 1
			}
			rows[i].langs = append(rows[i].langs, l)
		}
	}
	rows = append(rows, &row{langs: claims.Languages(), rule: review.FigureRule})
	for _, r := range rows {
		fmt.Fprintf(w, "\n  %s (%s)\n      %s\n", r.rule.ID, strings.Join(r.langs, ", "), r.rule.Summary)
		for _, s := range r.rule.Sources {
			fmt.Fprintf(w, "      source: %s\n              %s\n", s.Title, s.URL)
		}
	}
	fmt.Fprintf(w, "\nThe phrase lists are in internal/claims/rules/*.toml, one file per language.\n")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
