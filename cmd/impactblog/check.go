package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/site"
)

type checkCommand struct {
	stdout, stderr io.Writer
}

// Run checks every post (drafts and future posts too), the config and the
// templates, and writes nothing.
func (c *checkCommand) Run(ctx context.Context, args []string) error {
	r := &reporter{stdout: c.stdout, stderr: c.stderr}
	return r.done(c.run(ctx, args, r))
}

func (c *checkCommand) run(ctx context.Context, args []string, r *reporter) error {
	var bf blogFlags
	fs := newFlagSet("check", "[-src DIR] [-strict] [-format text|json|github]", c.stderr)
	bf.register(fs, false)
	strict := fs.Bool("strict", false, "fail on warnings (template syntax of other generators in a post)")
	r.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	r.src = bf.src
	// The published site, then every post: a draft may be fine on its own
	// and still break the published build (a link to it, say).
	var problems, warnings problem.List
	var s *site.Site
	for _, all := range []bool{false, true} {
		bf.drafts, bf.future = all, all
		b, err := bf.builder("", "")
		if err != nil {
			return err
		}
		built, err := b.Build(ctx, nil)
		warnings = append(warnings, b.Warnings()...)
		if err == nil {
			err = built.Check(ctx)
		}
		var list problem.List
		switch {
		case errors.As(err, &list):
			problems = append(problems, list...)
		case err != nil:
			return err
		default:
			s = built
		}
	}
	warnings = warnings.Unique()
	if len(problems) > 0 {
		return r.failed(problems.Unique(), warnings, *strict, "check failed")
	}
	if err := r.warn(warnings, *strict, "check failed"); err != nil {
		return err
	}
	if n := len(warnings); n > 0 {
		fmt.Fprintf(r.human(), "%s%s, site.toml and the templates build, with %d warning%s (above).\n", allPosts(s), andPages(s), n, plural(n))
		return nil
	}
	fmt.Fprintf(r.human(), "%s%s, site.toml and the templates are fine.\n", allPosts(s), andPages(s))
	return nil
}

// andPages is ", 2 pages" for a site with standalone pages, else "".
func andPages(s *site.Site) string {
	if n := len(s.Standalone); n > 0 {
		return fmt.Sprintf(", %d page%s", n, plural(n))
	}
	return ""
}

// allPosts is "All 6 posts", or "The post" for one.
func allPosts(s *site.Site) string {
	if len(s.Posts) == 1 {
		return "The post"
	}
	return fmt.Sprintf("All %d posts", len(s.Posts))
}
