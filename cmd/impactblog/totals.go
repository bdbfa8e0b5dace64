package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/impactblog/impactblog/internal/site"
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
	b, err := bf.builder("")
	if err != nil {
		return err
	}
	s, err := b.Build(ctx, nil)
	if err != nil {
		return report(c.stderr, err, "cannot compute the totals")
	}
	if *asJSON {
		b, err := site.ImpactJSON(s.Totals)
		if err != nil {
			return err
		}
		_, err = c.stdout.Write(b)
		return err
	}
	return printTotals(c.stdout, s)
}

// printTotals writes the totals as a readable table.
func printTotals(w io.Writer, s *site.Site) error {
	t, l := s.Totals, s.Locale()
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Posts\t%d\n", t.Posts)
	fmt.Fprintf(tw, "\nDonations\t%d\t%s\n", t.Donations.Count, l.Sums(t.Donations.Total))
	for _, y := range s.Impact.Years {
		if len(y.Donations) > 0 {
			fmt.Fprintf(tw, "  in %s\t\t%s\n", y.Name, l.Sums(y.Donations))
		}
	}
	for _, r := range s.Impact.Recipients {
		fmt.Fprintf(tw, "  to %s\t\t%s\n", r.Name, l.Sums(r.Donations))
	}
	fmt.Fprintf(tw, "\nOffsets\t%d\t%s t CO2e\t%s\n", t.Offsets.Count, l.Tonnes(t.Offsets.Tonnes), l.Sums(t.Offsets.Cost))
	for _, y := range s.Impact.Years {
		if !y.Tonnes.IsZero() {
			fmt.Fprintf(tw, "  in %s\t\t%s t CO2e\t%s\n", y.Name, l.Tonnes(y.Tonnes), l.Sums(y.Cost))
		}
	}
	for _, p := range s.Impact.Providers {
		fmt.Fprintf(tw, "  through %s\t\t%s t CO2e\t%s\n", p.Name, l.Tonnes(p.Tonnes), l.Sums(p.Cost))
	}
	return tw.Flush()
}
