// Command impactblog builds a company's impact blog: Markdown posts whose
// front matter carries donations and carbon offsets become a static site in
// which every total is computed, exactly.
//
// Usage:
//
//	impactblog build  [-src DIR] [-out DIR] [-base-url URL] [-drafts] [-future] [-strict] [-format text|json|github] [-cpuprofile FILE]
//	impactblog check  [-src DIR] [-strict] [-format text|json|github]
//	impactblog claims [-json | -format text|json|github] [-src DIR]
//	impactblog new    "TITLE" [-date YYYY-MM-DD] [-tags a,b] [-src DIR]
//	impactblog totals [-json] [-src DIR] [-drafts] [-future]
//	impactblog serve  [-src DIR] [-addr 127.0.0.1:8080] [-drafts] [-future]
//	impactblog version
//	impactblog help
//
// Exit status: 0 on success, 1 when a post, the config or a template has a
// problem (each printed as path:line:col: message), 2 on bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // site.toml's timezone, also where the system has no zoneinfo (a container)

	"github.com/impactblog/impactblog/internal/problem"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// errUsage marks bad usage: exit status 2.
var errUsage = errors.New("bad usage")

// A command is one subcommand.
type command interface {
	Run(ctx context.Context, args []string) error
}

const usage = `impactblog builds an impact blog: Markdown posts with donations and carbon
offsets in their front matter become a static site with exact totals.

Usage:

  impactblog build  [-src DIR] [-out DIR] [-base-url URL] [-drafts] [-future] [-strict]
                    [-format text|json|github] [-cpuprofile FILE]
                    build the site into DIR/public (or -out)
                    (-format json: also a summary of the build, as the last line)
  impactblog check  [-src DIR] [-strict] [-format text|json|github]
                    check every post, the config and the templates; write nothing
                    (-strict: fail on warnings, such as a claim or Liquid tags in a post;
                    -format json: a JSON object a line on stdout, github: annotations
                    GitHub Actions shows on a pull request)
  impactblog new    "TITLE" [-date YYYY-MM-DD] [-tags a,b] [-src DIR]
                    write posts/DATE-TITLE.md, a draft to fill in
  impactblog totals [-json] [-src DIR] [-drafts] [-future]
                    print the computed totals
  impactblog claims [-json | -format text|json|github] [-src DIR]
                    list the environmental claims in the posts, for a reviewer
                    ('impactblog help claims' lists the rules and their sources)
  impactblog serve  [-src DIR] [-addr 127.0.0.1:8080] [-drafts] [-future]
                    preview the blog in a browser; rebuild and reload on every save
  impactblog version
                    print the version, the commit it was built from and the Go release
  impactblog help   print this help

Run 'impactblog COMMAND -h' for a command's flags.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	var cmd command
	switch args[0] {
	case "build":
		cmd = &buildCommand{stdout: stdout, stderr: stderr}
	case "check":
		cmd = &checkCommand{stdout: stdout, stderr: stderr}
	case "new":
		cmd = &newCommand{stdout: stdout, stderr: stderr, now: time.Now}
	case "totals":
		cmd = &totalsCommand{stdout: stdout, stderr: stderr}
	case "serve":
		cmd = &serveCommand{stdout: stdout, stderr: stderr}
	case "claims":
		cmd = &claimsCommand{stdout: stdout, stderr: stderr}
	case "version", "-version", "--version":
		cmd = &versionCommand{stdout: stdout, stderr: stderr}
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[1] == "claims" {
			helpClaims(stdout)
			return nil
		}
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "impactblog: unknown command %q\n\n%s", args[0], usage)
		return errUsage
	}
	return cmd.Run(ctx, args[1:])
}

// exitCode prints err and returns the exit status for it.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	var list problem.List
	if errors.As(err, &list) {
		return 1 // already printed by the command
	}
	fmt.Fprintf(stderr, "impactblog: %v\n", err)
	return 1
}

// newFlagSet returns a flag set that reports errors as usage errors.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: impactblog %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning flag errors into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "impactblog %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// report prints every problem, one a line, and a closing summary line.
func report(stderr io.Writer, err error, what string) error {
	var list problem.List
	if !errors.As(err, &list) {
		return err
	}
	for _, p := range list {
		fmt.Fprintln(stderr, p.Error())
	}
	fmt.Fprintf(stderr, "%s: %s. Fix %s and run it again.\n", what, list.Count(), them(len(list)))
	return err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
