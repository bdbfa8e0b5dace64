package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/internal/theme"
)

type buildCommand struct {
	stdout, stderr io.Writer
}

// Run builds the site: read, check, total, render, and publish what
// changed.
func (c *buildCommand) Run(ctx context.Context, args []string) error {
	r := &reporter{stdout: c.stdout, stderr: c.stderr}
	return r.done(c.run(ctx, args, r))
}

func (c *buildCommand) run(ctx context.Context, args []string, r *reporter) error {
	var bf blogFlags
	fs := newFlagSet("build", "[-src DIR] [-out DIR] [-cache DIR] [-base-url URL] [-drafts] [-future] [-strict] [-format text|json|github] [-cpuprofile FILE]", c.stderr)
	bf.register(fs, true)
	r.register(fs)
	out := fs.String("out", "", "write the site into `DIR` (default: public/ in the blog)")
	cache := fs.String("cache", "", "keep what is costly to make again (each post as rendered, images, what -out holds) in `DIR`: never published, always safe to delete (default: impactblog/ in the user's cache folder; off: none)")
	baseURL := fs.String("base-url", "", "the site's absolute `URL`, overriding base_url in site.toml")
	strict := fs.Bool("strict", false, "fail on warnings (template syntax of other generators in a post)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	r.src = bf.src
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
	cacheDir := *cache
	switch cacheDir {
	case "":
		cacheDir = defaultCacheDir()
	case "off":
		cacheDir = ""
	}
	bf.cache = &cacheDir
	if err := checkCache(cacheDir, *out); err != nil {
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
	// The posts' HTML waits for their pages on disk rather than in
	// memory: in the cache folder, or else beside the output.
	spill := existingDir(filepath.Dir(filepath.Clean(*out)))
	if cacheDir != "" && os.MkdirAll(cacheDir, 0o755) == nil {
		spill = cacheDir
	}
	b, err := bf.builder(*baseURL, spill)
	if err != nil {
		return err
	}
	s, err := b.Build(ctx, nil)
	if err != nil {
		return r.failed(err, b.Warnings(), *strict, "build failed, "+*out+" was left as it was")
	}
	if err := r.warn(s.Warnings, *strict, "build failed, "+*out+" was left as it was"); err != nil {
		return err
	}
	var stats publish.Stats
	// Publish writes only into a folder that is empty or that an earlier
	// build wrote, the blog's own public/ included: never one that merely
	// has its name. It writes only what changed, and keeps what the
	// folder holds (its manifest) in the cache.
	var opts publish.Options
	if cacheDir != "" {
		opts.State = filepath.Join(cacheDir, "publish")
	}
	res, err := publish.Into(*out, opts, func(w publish.Writer) error {
		var err error
		stats, err = s.Render(ctx, w)
		return err
	})
	if err != nil {
		return r.report(err, "build failed, "+*out+" was left as it was")
	}
	took := time.Since(start)
	fmt.Fprintf(r.human(), "Built %d pages (%d files, %s) from %d post%s into %s in %s: %d files written (%s), %d unchanged, %d removed. %s\n",
		stats.Pages, stats.Files, byteSize(stats.Bytes), len(s.Posts), plural(len(s.Posts)), *out, took.Round(time.Millisecond),
		res.Written, byteSize(res.BytesWritten), res.Unchanged, res.Removed, headline(s))
	if lo := leftOut(s); lo != "" {
		fmt.Fprintf(r.human(), "Left out %s.\n", strings.TrimPrefix(lo, "; left out "))
	}
	if r.format == jsonFormat {
		b, err := json.Marshal(newBuildSummary(s, stats, res, *out, took))
		if err != nil {
			return err
		}
		_, err = c.stdout.Write(append(b, '\n'))
		return err
	}
	return nil
}

// A buildSummary is the last line of build -format json, when it
// succeeds: what was built, from what, and how long it took.
type buildSummary struct {
	Pages        int          `json:"pages"`
	Files        fileCounts   `json:"files"`
	Bytes        int64        `json:"bytes"`         // of every file of the site
	BytesWritten int64        `json:"bytes_written"` // of the files written
	Posts        int          `json:"posts"`         // published
	Warnings     int          `json:"warnings"`
	Totals       totalsSketch `json:"totals"`
	// DraftsLeftOut and FutureLeftOut are the posts left out as drafts
	// (without -drafts) and as dated in the future (without -future).
	DraftsLeftOut *int    `json:"drafts_left_out"` // never null: a pointer, as it once was
	FutureLeftOut *int    `json:"future_left_out"`
	Out           string  `json:"out"` // the output folder, as -out gives it
	Seconds       float64 `json:"seconds"`
}

// fileCounts are the files of a build: every file of the site, written
// (new or changed) or unchanged, and the files the output folder held that
// the site no longer has, removed (package publish).
type fileCounts struct {
	Total     int  `json:"total"`
	Written   int  `json:"written"`
	Unchanged int  `json:"unchanged"`
	Removed   *int `json:"removed"` // never null: a pointer, as it once was
}

// totalsSketch is the headline of the totals, as build prints it: the
// posts with figures, the gifts and their sums per currency, the offsets,
// their tonnes and their cost. The sums and tonnes are strings of exact
// decimals, as in impact.json: {"GBP": "157000.00"}, "31.4".
type totalsSketch struct {
	Posts     int `json:"posts"`
	Donations struct {
		Count int         `json:"count"`
		Total impact.Sums `json:"total"`
	} `json:"donations"`
	Offsets struct {
		Count  int           `json:"count"`
		Tonnes impact.Tonnes `json:"tonnes"`
		Cost   impact.Sums   `json:"cost"`
	} `json:"offsets"`
}

func newBuildSummary(s *site.Site, stats publish.Stats, res publish.Result, out string, took time.Duration) buildSummary {
	sum := buildSummary{
		Pages:         stats.Pages,
		Files:         fileCounts{Total: stats.Files, Written: res.Written, Unchanged: res.Unchanged, Removed: &res.Removed},
		Bytes:         stats.Bytes,
		BytesWritten:  res.BytesWritten,
		Posts:         len(s.Posts),
		Warnings:      len(s.Warnings),
		Out:           filepath.ToSlash(out),
		DraftsLeftOut: &s.LeftOut.Drafts,
		FutureLeftOut: &s.LeftOut.Future,
		Seconds:       took.Round(time.Millisecond).Seconds(),
	}
	t := s.Totals
	sum.Totals.Posts = t.Posts
	sum.Totals.Donations.Count, sum.Totals.Donations.Total = t.Donations.Count, t.Donations.Total
	sum.Totals.Offsets.Count, sum.Totals.Offsets.Tonnes, sum.Totals.Offsets.Cost = t.Offsets.Count, t.Offsets.Tonnes, t.Offsets.Cost
	return sum
}

// checkOut refuses an output folder that a build, which makes the folder
// hold the site and nothing else, would destroy the blog with: the blog
// itself, a folder holding it, or a folder inside posts/ or templates/.
func checkOut(src, out string) error {
	absSrc, err1 := filepath.Abs(src)
	absOut, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if within(absSrc, absOut) {
		return fmt.Errorf("-out %s holds the blog itself, and a build removes what the folder holds that is not the site: choose a folder such as %s", out, filepath.Join(src, "public"))
	}
	for _, dir := range []string{site.PostsDir, theme.Dir} {
		if within(absOut, filepath.Join(absSrc, dir)) {
			return fmt.Errorf("-out %s is inside the blog's %s/ folder: choose a folder such as %s", out, dir, filepath.Join(src, "public"))
		}
	}
	return nil
}

// checkCache refuses a cache folder in the output folder (it would be
// published, and removed by the next build) or holding it (deleting the
// cache, which is always safe, would delete the site).
func checkCache(cache, out string) error {
	if cache == "" {
		return nil
	}
	absCache, err1 := filepath.Abs(cache)
	absOut, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	if within(absCache, absOut) || within(absOut, absCache) {
		return fmt.Errorf("-cache %s and -out %s overlap: the cache is never published, and always safe to delete; choose a folder beside the site, or -cache off", cache, out)
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

// cacheDir is the cache folder of the command: build's -cache, or for the
// others defaultCacheDir().
func (b *blogFlags) cacheDir() string {
	if b.cache != nil {
		return *b.cache
	}
	return defaultCacheDir()
}
