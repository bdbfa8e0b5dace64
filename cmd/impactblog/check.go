package main

import (
	"context"
	"fmt"
	"io"
)

type checkCommand struct {
	stdout, stderr io.Writer
}

// Run checks every post (drafts and future posts too), the config and the
// templates, and writes nothing.
func (c *checkCommand) Run(ctx context.Context, args []string) error {
	bf := blogFlags{drafts: true, future: true}
	fs := newFlagSet("check", "[-src DIR] [-strict]", c.stderr)
	bf.register(fs, false)
	strict := fs.Bool("strict", false, "fail on warnings (template syntax of other generators in a post)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	b, err := bf.builder("")
	if err != nil {
		return err
	}
	s, err := b.Build(ctx, nil)
	if err == nil {
		err = s.Check(ctx)
	}
	if err != nil {
		return report(c.stderr, err, "check failed")
	}
	if err := warn(c.stderr, s.Warnings, *strict, "check failed"); err != nil {
		return err
	}
	if n := len(s.Warnings); n > 0 {
		fmt.Fprintf(c.stdout, "All %d posts, site.toml and the templates build, with %d warning%s (above).\n", len(s.Posts), n, plural(n))
		return nil
	}
	fmt.Fprintf(c.stdout, "All %d posts, site.toml and the templates are fine.\n", len(s.Posts))
	return nil
}
