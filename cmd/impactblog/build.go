package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/internal/theme"
)

type buildCommand struct {
	stdout, stderr io.Writer
}

// Run builds the site: read, check, total, render, and publish atomically.
func (c *buildCommand) Run(ctx context.Context, args []string) error {
	var bf blogFlags
	fs := newFlagSet("build", "[-src DIR] [-out DIR] [-base-url URL] [-drafts] [-future] [-strict] [-cpuprofile FILE]", c.stderr)
	bf.register(fs, true)
	out := fs.String("out", "", "write the site into `DIR` (default: public/ in the blog)")
	baseURL := fs.String("base-url", "", "the site's absolute `URL`, overriding base_url in site.toml")
	strict := fs.Bool("strict", false, "fail on warnings (template syntax of other generators in a post)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(c.stderr, "impactblog build: -cpuprofile: %v\n", err)
			return errUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(c.stderr, "impactblog build: -cpuprofile: %v\n", err)
			return errUsage
		}
		defer pprof.StopCPUProfile()
	}
	if *out == "" {
		*out = filepath.Join(bf.src, "public")
	}
	if err := checkOut(bf.src, *out); err != nil {
		fmt.Fprintf(c.stderr, "impactblog build: %v\n", err)
		return errUsage
	}
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(c.stderr, "impactblog build: -base-url %q is not an absolute http or https URL, such as https://impact.example.com/\n", *baseURL)
			return errUsage
		}
	}
	start := time.Now()
	// The posts' HTML waits for their pages beside the output, on the
	// disk the site is written to, rather than in memory.
	b, err := bf.builder(*baseURL, existingDir(filepath.Dir(filepath.Clean(*out))))
	if err != nil {
		return err
	}
	s, err := b.Build(ctx, nil)
	if err != nil {
		return failed(c.stderr, err, b.Warnings(), *strict, "build failed, "+*out+" was left as it was")
	}
	if err := warn(c.stderr, s.Warnings, *strict, "build failed, "+*out+" was left as it was"); err != nil {
		return err
	}
	var stats publish.Stats
	// Publish replaces only a folder that an earlier build wrote, the
	// blog's own public/ included: never one that merely has its name.
	err = publish.Publish(*out, func(w publish.Writer) error {
		var err error
		stats, err = s.Render(ctx, w)
		return err
	})
	if err != nil {
		return report(c.stderr, err, "build failed, "+*out+" was left as it was")
	}
	fmt.Fprintf(c.stdout, "Built %d pages (%d files, %s) from %d posts into %s in %s. %s\n",
		stats.Pages, stats.Files, byteSize(stats.Bytes), len(s.Posts), *out,
		time.Since(start).Round(time.Millisecond), headline(s))
	return nil
}

// failed reports the problems of a run that failed, and the warnings
// found beside them: before them, or among them with -strict (see warn).
func failed(stderr io.Writer, err error, warnings problem.List, strict bool, what string) error {
	var list problem.List
	if len(warnings) == 0 || !errors.As(err, &list) {
		return report(stderr, err, what)
	}
	if strict {
		all := append(append(problem.List{}, list...), warnings...).Unique()
		return report(stderr, all, what+" (-strict makes warnings problems)")
	}
	warn(stderr, warnings, false, what)
	return report(stderr, list, what)
}

// checkOut refuses an output folder that a build, which replaces the whole
// folder, would destroy the blog with: the blog itself, a folder holding it,
// or a folder inside posts/ or templates/.
func checkOut(src, out string) error {
	absSrc, err1 := filepath.Abs(src)
	absOut, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if within(absSrc, absOut) {
		return fmt.Errorf("-out %s holds the blog itself, and a build replaces the whole folder: choose a folder such as %s", out, filepath.Join(src, "public"))
	}
	for _, dir := range []string{site.PostsDir, theme.Dir} {
		if within(absOut, filepath.Join(absSrc, dir)) {
			return fmt.Errorf("-out %s is inside the blog's %s/ folder: choose a folder such as %s", out, dir, filepath.Join(src, "public"))
		}
	}
	return nil
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && rel != "..")
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// headline is the one-line summary of the totals.
func headline(s *site.Site) string {
	t := s.Totals
	if t.Empty() {
		return "No figures yet."
	}
	l := s.Locale()
	return fmt.Sprintf("Given: %s in %d donations. Offset: %s t CO2e (cost %s) in %d offsets.",
		l.Sums(t.Donations.Total), t.Donations.Count, l.Tonnes(t.Offsets.Tonnes), l.Sums(t.Offsets.Cost), t.Offsets.Count)
}

// existingDir is dir, or its nearest ancestor that exists when it does not
// yet (Publish makes it).
func existingDir(dir string) string {
	for {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}
