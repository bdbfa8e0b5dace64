package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gosimple/slug"
	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/entry"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/internal/symlink"
)

type newCommand struct {
	stdout, stderr io.Writer
	now            func() time.Time
}

// Run writes a new post, a draft with its front matter filled in and its
// impact block commented out, and prints its path. It never overwrites a
// file.
func (c *newCommand) Run(_ context.Context, args []string) error {
	fset := newFlagSet("new", `"TITLE" [-date YYYY-MM-DD] [-tags a,b] [-src DIR]`, c.stderr)
	date := fset.String("date", "", "the post's date, `YYYY-MM-DD` (default: today)")
	tags := fset.String("tags", "", "the post's tags, separated by commas: `impact,carbon`")
	src := fset.String("src", ".", "the blog's `DIR`: the post goes into DIR/posts/")
	// The title may come before, between or after the flags.
	var words []string
	for {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return errUsage
		}
		if fset.NArg() == 0 {
			break
		}
		words = append(words, fset.Arg(0))
		args = fset.Args()[1:]
	}
	title := strings.Join(strings.Fields(strings.Join(words, " ")), " ")
	if title == "" {
		fmt.Fprintln(c.stderr, `impactblog new: give the post's title, such as: impactblog new "Our small victories of 2020"`)
		fset.Usage()
		return errUsage
	}
	cfg := config.DefaultConfig()
	if text, err := os.ReadFile(filepath.Join(*src, config.File)); err == nil {
		var problems []error
		if cfg, problems = parseConfig(text); cfg == nil {
			return report(c.stderr, errors.Join(problems...), "cannot write the post")
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	} else if err := cfg.Validate(); err != nil {
		return err
	}
	day := c.now().In(cfg.Location)
	if *date != "" {
		d, err := time.ParseInLocation("2006-01-02", *date, cfg.Location)
		if err != nil {
			fmt.Fprintf(c.stderr, "impactblog new: -date %q is not a date: write it as 2021-01-15\n", *date)
			return errUsage
		}
		day = d
	}
	// gosimple/slug transliterates ("Joué" → "joue", "&" → "and"); Slugify
	// then keeps only what a post's slug may hold.
	name := post.Slugify(slug.Make(title))
	if name == "" {
		return fmt.Errorf("cannot make a file name from the title %q: give it some letters or digits", title)
	}
	rel := filepath.Join(site.PostsDir, day.Format("2006-01-02")+"-"+name+".md")
	file := filepath.Join(*src, rel)
	// Through an os.Root, as every command reads the blog: a posts/ that
	// is a symbolic link out of the blog is refused, not written through.
	root, err := os.OpenRoot(*src)
	if err != nil {
		return fmt.Errorf("opening the blog's folder %s: %w", *src, err)
	}
	defer root.Close()
	if err := root.MkdirAll(site.PostsDir, 0o755); err != nil {
		if symlink.IsEscape(err) {
			return symlink.EscapeProblem(root.FS(), site.PostsDir)
		}
		return fmt.Errorf("making %s: %w", filepath.Join(*src, site.PostsDir), err)
	}
	f, err := root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists, and new never overwrites a post: edit it, or choose another title or -date", file)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, newPost(title, day, splitTags(*tags), cfg.Currency))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
		return fmt.Errorf("writing %s: %w", file, err)
	}
	fmt.Fprintln(c.stdout, file)
	return nil
}

func parseConfig(text []byte) (*config.Config, []error) {
	cfg, problems := config.Parse(text)
	errs := make([]error, len(problems))
	for i, p := range problems {
		errs[i] = p
	}
	return cfg, errs
}

func splitTags(s string) []string {
	var tags []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

var plainYAML = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} _.-]*$`)

// yamlString writes s as a YAML scalar, quoted unless plainly safe. Go's
// quoted strings are valid YAML double-quoted strings.
func yamlString(s string, alwaysQuote bool) string {
	if !alwaysQuote && plainYAML.MatchString(s) && !strings.HasSuffix(s, " ") {
		switch strings.ToLower(s) {
		case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
		default:
			if _, err := strconv.ParseFloat(s, 64); err != nil {
				return s
			}
		}
	}
	return strconv.Quote(s)
}

// newPost is the text of a new post. Its impact block, commented out, is
// made from package post's schema and shows every field; uncommented, it
// is a valid post.
func newPost(title string, day time.Time, tags []string, currency string) string {
	quoted := make([]string, len(tags))
	for i, t := range tags {
		quoted[i] = yamlString(t, false)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `---
title: %s
date: %s
draft: true            # delete this line to publish the post
tags: [%s]
# summary: "One or two sentences for the front page, the feeds and link previews."
# image: cover.jpg     # the picture shown when the post is shared
#
`, yamlString(title, true), day.Format("2006-01-02"), strings.Join(quoted, ", "))
	b.WriteString(entry.Scaffold(day, currency))
	b.WriteString(`---
Write the post here, in Markdown. The first paragraph is its summary,
unless you end the summary with a line <!--more-->.
`)
	return b.String()
}
