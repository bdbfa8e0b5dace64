// Package review checks the words of each post before they are published:
// the environmental claims in its prose (package claims) and the figures
// typed in it (package claims/figures), against the site's rules and the
// data. It is the link between those packages and the posts.
//
// # Two steps
//
// Read runs when a post is read, in parallel with the other posts and only
// again when the post changes: it takes the post's prose — its title and
// summary from the front matter, and every block of its body that package
// markdown lists in Document.Prose (headings, paragraphs, list items,
// table cells, image alt text; never code or link URLs) — checks it for
// claims in the post's language (its lang, else the site's), and finds the
// money amounts, tonnages and percentages typed in it.
//
// Figures runs once the site's totals are known: each figure found must
// match a figure the data makes (Data), or it is a figure-in-prose finding
// that names the closest one. A percentage is only checked in a post that
// records emissions (as shares, or in tonnes, which make shares): elsewhere a percentage ("sales grew 20%",
// "1% for the Planet") is not about the data, and nothing holds it to it.
//
// # Findings, warnings, problems
//
// Every finding is a warning, at the file's line and column, its message
// starting with the rule id. A finding of a rule the post accepts
// (claims: {accept: {rule: "reason"}}) is kept, with the reason, for the
// claims report, but is no warning. A rule the site turns off ([claims]
// off in site.toml) finds nothing. A post accepting a rule that does not
// exist is a problem; one accepting a rule that finds nothing in it is a
// warning, so that acceptances do not outlive the words they were for.
package review

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/impactblog/impactblog/internal/claims"
	"github.com/impactblog/impactblog/internal/claims/figures"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
)

// FigureRule is the rule of figures typed in prose.
var FigureRule = claims.Rule{
	ID:       "figure-in-prose",
	Kind:     "figures",
	Severity: "warning",
	Summary:  "a money amount, tonnage or percentage typed in the prose that matches no figure the data makes",
	Sources: []claims.Source{{
		Title: "CMA, Green Claims Code, principle 1: claims must be truthful and accurate",
		URL:   "https://www.gov.uk/government/publications/green-claims-code-making-environmental-claims/environmental-claims-on-goods-and-services",
	}},
}

// Options are the site's.
type Options struct {
	Lang    string          // the site's language, a BCP 47 tag
	Checker *claims.Checker // the rules, with the site's own; nil: claims.NewChecker(nil)
	Off     map[string]string
}

// A Finding is a claims finding in a post's file.
type Finding struct {
	File string `json:"file"`
	claims.Finding
}

// A Post is what Read found in one post.
type Post struct {
	File     string
	Lang     string
	Findings []Finding // claims, accepted ones too, in order
	Figures  []Figure  // typed in the prose, in order
	Problems problem.List
	accepted []post.Accepted
	unknown  map[string]bool // accepted rules that are no rules
	shares   bool            // the post records emissions: its percentages are shares
}

// A Figure is a figure typed in a post's prose, at its line and column.
type Figure struct {
	figures.Figure
	Line, Col int
}

// Read checks the claims of p, whose body's prose is prose, and finds
// the figures in it.
func Read(p *post.Post, prose []markdown.Prose, opt Options) *Post {
	lang := p.Lang
	if lang == "" {
		lang = opt.Lang
	}
	chk := opt.Checker
	if chk == nil {
		chk, _ = claims.NewChecker(nil)
	}
	r := &Post{File: p.File, Lang: lang, accepted: p.Accepted}
	r.shares = len(p.Emissions) > 0
	var spans []claims.Span
	if at := p.Keys.TextAt("title"); at.Line > 0 && p.Title != "" {
		spans = append(spans, claims.Span{Text: p.Title, Line: at.Line, Col: at.Col})
	}
	if at := p.Keys.TextAt("summary"); at.Line > 0 && p.Summary != "" {
		spans = append(spans, claims.Span{Text: p.Summary, Line: at.Line, Col: at.Col})
	}
	for _, pr := range prose {
		spans = append(spans, claims.Span{Text: pr.Text, Line: p.BodyLine + pr.Line - 1, Col: pr.Col})
	}
	accepted := map[string]string{}
	for _, a := range p.Accepted {
		accepted[a.Rule] = a.Reason
	}
	known := map[string]bool{FigureRule.ID: true}
	for _, rule := range chk.Rules(lang) {
		known[rule.ID] = true
	}
	for _, a := range p.Accepted {
		if !known[a.Rule] {
			ids := make([]string, 0, len(known))
			for id := range known {
				ids = append(ids, id)
			}
			hint := "impactblog help claims lists the rules"
			if m := suggest.Closest(a.Rule, ids); m != "" {
				hint = "did you mean " + m + "?"
			}
			r.Problems.Add(p.File, a.At.Line, a.At.Col, "claims.accept: %q is not a claims rule: %s", a.Rule, hint)
			if r.unknown == nil {
				r.unknown = map[string]bool{}
			}
			r.unknown[a.Rule] = true
		}
	}
	fs, err := chk.Check(spans, claims.Options{
		Lang:           lang,
		RecordsOffsets: len(p.Offsets) > 0,
		HasPlan:        p.PlanURL != "" && p.Verifier != "",
		Accepted:       accepted,
		Off:            opt.Off,
	})
	if err != nil {
		r.Problems.Add(p.File, p.BodyLine, 0, "%v", err)
	}
	for _, f := range fs {
		r.Findings = append(r.Findings, Finding{File: p.File, Finding: f})
	}
	if _, off := opt.Off[FigureRule.ID]; !off {
		for _, sp := range spans {
			for _, f := range figures.Find(sp.Text, lang) {
				if f.Kind == figures.Percent && !r.shares {
					continue
				}
				line, col := at(sp, f.Offset)
				r.Figures = append(r.Figures, Figure{Figure: f, Line: line, Col: col})
			}
		}
	}
	return r
}

// at is the line and column of the byte offset off of the span sp.
func at(sp claims.Span, off int) (line, col int) {
	before := sp.Text[:off]
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		return sp.Line + strings.Count(before, "\n"), 1 + utf8.RuneCountInString(before[i+1:])
	}
	return sp.Line, sp.Col + utf8.RuneCountInString(before)
}

// Check returns every finding of the post, figure-in-prose ones among
// them, sorted by position: own are the figures of the post's own data,
// named first when a figure is wrong, and site those of the whole site.
func (r *Post) Check(own []figures.DataFigure, site *figures.Index) []Finding {
	out := append([]Finding(nil), r.Findings...)
	var reason string
	for _, a := range r.accepted {
		if a.Rule == FigureRule.ID {
			reason = a.Reason
		}
	}
	for _, f := range r.Figures {
		one := []figures.Figure{f.Figure}
		mine := figures.Check(one, own)
		if len(mine) == 0 {
			continue
		}
		m := mine[0]
		if site != nil {
			theirs := site.Check(one)
			if len(theirs) == 0 {
				continue
			}
			if m.Closest == nil {
				m = theirs[0]
			}
		}
		out = append(out, Finding{File: r.File, Finding: claims.Finding{
			Line: f.Line, Col: f.Col, Rule: FigureRule.ID, Severity: FigureRule.Severity,
			Message:   FigureRule.ID + ": " + m.Message + "; claims must be truthful and accurate (CMA Green Claims Code, principle 1): correct the figure, or let the data write it with {{< total … >}}",
			Source:    FigureRule.Sources[0].Title,
			SourceURL: FigureRule.Sources[0].URL,
			Accepted:  reason != "",
			Reason:    reason,
		}})
	}
	sortFindings(out)
	return out
}

// Words returns the claims findings of the post, without checking its
// figures: for a post whose data did not read.
func (r *Post) Words() []Finding { return append([]Finding(nil), r.Findings...) }

// Warnings are the findings that are not accepted, as warnings, and a
// warning for each accepted rule that finds nothing in the post.
func Warnings(r *Post, fs []Finding) problem.List {
	var ws problem.List
	found := map[string]bool{}
	for _, f := range fs {
		found[f.Rule] = true
		if !f.Accepted {
			ws = append(ws, &problem.Problem{File: f.File, Line: f.Line, Col: f.Col, Rule: f.Rule, Err: findingError(f.Finding)})
		}
	}
	for _, a := range r.accepted {
		if !found[a.Rule] && !r.unknown[a.Rule] {
			ws.Add(r.File, a.At.Line, a.At.Col, "claims.accept: %s finds nothing in this post any more: remove the line, so that the acceptance does not cover words written later", a.Rule)
		}
	}
	return ws
}

// findingError is a finding's message, with its source's address for a
// reader to follow.
type findingError claims.Finding

func (f findingError) Error() string { return f.Message }

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}
