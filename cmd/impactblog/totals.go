package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/shopspring/decimal"
)

type totalsCommand struct {
	stdout, stderr io.Writer
}

// Run prints the totals, as a table or as the impact.json document.
func (c *totalsCommand) Run(ctx context.Context, args []string) error {
	var bf blogFlags
	fs := newFlagSet("totals", "[-json] [-src DIR] [-drafts] [-future]", c.stderr)
	bf.register(fs, true)
	asJSON := fs.Bool("json", false, "print the totals as JSON, as in impact.json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	b, err := bf.builder("", "")
	if err != nil {
		return err
	}
	s, err := b.Build(ctx, nil)
	if err != nil {
		return report(c.stderr, err, "cannot compute the totals")
	}
	if *asJSON {
		var b bytes.Buffer
		if err := s.WriteImpactJSON(&b); err != nil {
			return err
		}
		_, err = c.stdout.Write(b.Bytes())
		return err
	}
	return printTotals(c.stdout, s.Totals, s.Locale())
}

// printTotals writes the totals as a readable table. Recipients and
// providers are a writer's text: their control characters are printed as
// escapes (\x1b), never raw, so that no post can clear or rewrite the
// terminal.
func printTotals(w io.Writer, t *impact.Totals, l *locale.Locale) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Posts\t%d\n", t.Posts)
	fmt.Fprintf(tw, "\nDonations\t%d\t%s\n", t.Donations.Count, l.Sums(t.Donations.Total))
	years := t.Years()
	for _, y := range years {
		if d := t.Donations.ByYear[y]; len(d) > 0 {
			fmt.Fprintf(tw, "  in %s\t\t%s\n", y, l.Sums(d))
		}
	}
	for _, r := range t.Recipients() {
		fmt.Fprintf(tw, "  to %s\t\t%s\n", shown(r), l.Sums(t.Donations.ByRecipient[r]))
	}
	if v := t.Donations.Valuations; len(v) > 0 {
		fmt.Fprintf(tw, "  of which declared values of gifts in kind\t\t%s\n", l.Sums(v))
	}
	if t.InKind.Count > 0 {
		fmt.Fprintf(tw, "\nDevices given\t%d\t%s\n", t.InKind.Count, itemsText(l, t.InKind.Items))
		for _, y := range years {
			if c := t.InKind.ByYear[y]; len(c) > 0 {
				fmt.Fprintf(tw, "  in %s\t\t%s\n", y, itemsText(l, c))
			}
		}
		for _, r := range t.Recipients() {
			if c := t.InKind.ByRecipient[r]; len(c) > 0 {
				fmt.Fprintf(tw, "  to %s\t\t%s\n", shown(r), itemsText(l, c))
			}
		}
	}
	fmt.Fprintf(tw, "\nOffsets\t%d\t%s t CO2e\t%s\n", t.Offsets.Count, l.Tonnes(t.Offsets.Tonnes), l.Sums(t.Offsets.Cost))
	if s := t.Offsets.ByType; s.Split() {
		fmt.Fprintf(tw, "  removals\t\t%s t CO2e\n", l.Tonnes(s.Removal))
		fmt.Fprintf(tw, "  avoidance\t\t%s t CO2e\n", l.Tonnes(s.Avoidance))
		if !s.Unspecified.IsZero() {
			fmt.Fprintf(tw, "  type not given\t\t%s t CO2e\n", l.Tonnes(s.Unspecified))
		}
	}
	for _, y := range years {
		if o := t.Offsets.ByYear[y]; o != nil {
			fmt.Fprintf(tw, "  in %s\t\t%s t CO2e\t%s\n", y, l.Tonnes(o.Tonnes), l.Sums(o.Cost))
		}
	}
	for _, p := range t.Providers() {
		o := t.Offsets.ByProvider[p]
		fmt.Fprintf(tw, "  through %s\t\t%s t CO2e\t%s\n", shown(p), l.Tonnes(o.Tonnes), l.Sums(o.Cost))
	}
	if em := t.Emissions; em.Count > 0 {
		fmt.Fprintf(tw, "\nEmissions (beside the offsets, never netted)\t%d\t%s t CO2e given in tonnes\n", em.Count, l.Tonnes(em.Tonnes))
		for _, k := range em.Scopes() {
			fmt.Fprintf(tw, "  scope %s\t%d\t%s t CO2e%s\n", k, em.ByScope[k].Count, l.Tonnes(em.ByScope[k].Tonnes), sharesNote(em.ByScope[k].AsShares))
		}
		for _, k := range em.Categories() {
			fmt.Fprintf(tw, "  scope 3, category %s\t%d\t%s t CO2e%s\n", k, em.ByCategory[k].Count, l.Tonnes(em.ByCategory[k].Tonnes), sharesNote(em.ByCategory[k].AsShares))
		}
	}
	if r := t.Reporting; r != nil {
		fmt.Fprintf(tw, "\nIn %s, each entry at its year's rate\n", r.Currency)
		fmt.Fprintf(tw, "Donations\t\t%s\n", l.Money(r.Donations.Total))
		for _, y := range years {
			if m, ok := r.Donations.ByYear[y]; ok {
				fmt.Fprintf(tw, "  in %s\t\t%s\n", y, l.Money(m))
			}
		}
		for _, rc := range t.Recipients() {
			if m, ok := r.Donations.ByRecipient[rc]; ok {
				fmt.Fprintf(tw, "  to %s\t\t%s\n", shown(rc), l.Money(m))
			}
		}
		fmt.Fprintf(tw, "Cost of offsets\t\t%s\n", l.Money(r.Offsets.Cost))
		for _, y := range years {
			if m, ok := r.Offsets.ByYear[y]; ok {
				fmt.Fprintf(tw, "  in %s\t\t%s\n", y, l.Money(m))
			}
		}
	}
	return tw.Flush()
}

// itemsText writes counts of things given in kind, each kind's name
// escaped as shown does: "120 smartphone, 35 laptop".
func itemsText(l *locale.Locale, c impact.Counts) string {
	parts := make([]string, len(c))
	for i, it := range c {
		parts[i] = l.Number(decimal.NewFromInt(it.Count), 0) + " " + shown(it.What)
	}
	return strings.Join(parts, ", ")
}

// sharesNote says how many emissions were given as shares, in no tonnes figure.
func sharesNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (and %d given as a share of a post's emissions)", n)
}

// shown is a writer's text as the table prints it: every control character,
// tab and line feed too (they would break the table's columns), escaped.
func shown(s string) string { return impact.Visible(s, "") }
