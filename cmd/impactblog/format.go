package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/impactblog/impactblog/internal/problem"
)

// A format is how build, check and claims print the problems and warnings
// they find (-format):
//
//   - text, the default: "path:line:col: message" on stderr, a warning as
//     "path:line:col: warning: message", the path relative to the blog's
//     folder (-src), as editors and terminals read it.
//   - json: JSON Lines on stdout, one object a problem or warning, with the
//     keys file, line, col (0 when unknown), severity ("error", "warning",
//     or "notice" for a claim a reviewer accepted), message, and rule when a
//     rule found it (a claims finding); reason with an accepted claim. A
//     build that succeeds ends with one summary object (buildSummary),
//     the only line without a severity.
//   - github: GitHub Actions workflow commands on stdout,
//     "::error file=…,line=…,col=…,title=RULE::message" (::warning,
//     ::notice), which GitHub shows on the pull request beside the line.
//
// In json and github, a path is relative to the working directory, with
// slashes ("blog/posts/x.md" for -src blog), and every line meant for a
// person (the closing count, "Built …") goes to stderr, so that stdout
// holds only what a program reads. The exit status is the same in every
// format: 0 on success, 1 on a problem, 2 on bad usage.
type format string

const (
	textFormat   format = "text"
	jsonFormat   format = "json"
	githubFormat format = "github"
)

func (f *format) String() string { return string(*f) }

func (f *format) Set(s string) error {
	switch v := format(s); v {
	case textFormat, jsonFormat, githubFormat:
		*f = v
		return nil
	}
	return errors.New("want text, json or github")
}

// A reporter prints what a command finds in the command's -format.
type reporter struct {
	format         format
	stdout, stderr io.Writer
	src            string // the blog's folder, as -src gives it
}

// register adds -format to fs.
func (r *reporter) register(fs *flag.FlagSet) {
	r.format = textFormat
	fs.Var(&r.format, "format", "print problems and warnings as `text`, json (JSON Lines on stdout) or github (GitHub Actions annotations on stdout)")
}

// human is where the lines for a person go: stdout in text, else stderr.
func (r *reporter) human() io.Writer {
	if r.format == textFormat {
		return r.stdout
	}
	return r.stderr
}

// A diagnostic is one problem, warning or finding, as json and github
// print it.
type diagnostic struct {
	File     string           `json:"file"` // relative to the working directory, slash-separated; "" when none
	Line     int              `json:"line"`
	Col      int              `json:"col"`
	Severity problem.Severity `json:"severity"`
	Message  string           `json:"message"`
	Rule     string           `json:"rule,omitempty"`
	Reason   string           `json:"reason,omitempty"` // the reviewer's, for an accepted claim
}

// print writes d in json or github.
func (r *reporter) print(d diagnostic) {
	if r.format == githubFormat {
		fmt.Fprintln(r.stdout, githubCommand(d))
		return
	}
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // strings and ints only
	}
	r.stdout.Write(append(b, '\n'))
}

// list prints every problem of list at severity, in json or github.
func (r *reporter) list(list problem.List, severity problem.Severity) {
	for _, p := range list {
		msg := ""
		if p.Err != nil {
			msg = p.Err.Error()
		}
		r.print(diagnostic{File: r.path(p.File), Line: p.Line, Col: p.Col, Severity: severity, Message: msg, Rule: p.Rule})
	}
}

// report prints the problems in err (a problem.List), then the closing
// line, "what: 2 problems in 1 file. Fix them and run it again.", on
// stderr; any other error is returned as it is, for done and exitCode.
func (r *reporter) report(err error, what string) error {
	if r.format == textFormat {
		return report(r.stderr, err, what)
	}
	var list problem.List
	if !errors.As(err, &list) {
		return err
	}
	r.list(list, problem.Error)
	fmt.Fprintf(r.stderr, "%s: %s. Fix %s and run it again.\n", what, list.Count(), them(len(list)))
	return err
}

// warn prints the warnings of a run; with strict, they are problems
// instead, printed by report, and the command fails.
func (r *reporter) warn(warnings problem.List, strict bool, what string) error {
	if r.format == textFormat {
		return warn(r.stderr, warnings, strict, what)
	}
	if len(warnings) == 0 {
		return nil
	}
	if strict {
		return r.report(warnings, what+" (-strict makes warnings problems)")
	}
	r.list(warnings, problem.Warning)
	return nil
}

// failed reports the problems of a run that failed, and the warnings
// found beside them: before them, or among them with -strict.
func (r *reporter) failed(err error, warnings problem.List, strict bool, what string) error {
	var list problem.List
	if len(warnings) == 0 || !errors.As(err, &list) {
		return r.report(err, what)
	}
	if strict {
		all := append(append(problem.List{}, list...), warnings...).Unique()
		return r.report(all, what+" (-strict makes warnings problems)")
	}
	r.warn(warnings, false, what)
	return r.report(list, what)
}

// done is the error a command ends with. In json and github, an error
// that is neither bad usage nor a list of problems (printed already), such
// as a -src that is no blog, is printed too, as an error with no file, so
// that a pipeline sees it; exitCode prints it for a person on stderr.
func (r *reporter) done(err error) error {
	var list problem.List
	if err == nil || r.format == textFormat || errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) || errors.As(err, &list) {
		return err
	}
	r.print(diagnostic{Severity: problem.Error, Message: err.Error()})
	return err
}

// path is file, slash-separated and relative to the blog's folder, as
// json and github print it: relative to the working directory, so that
// -src blog gives "blog/posts/x.md". A blog outside the working directory
// keeps the form -src gives it: "../blog/posts/x.md", or an absolute path.
func (r *reporter) path(file string) string {
	if file == "" {
		return ""
	}
	p := filepath.Join(r.src, filepath.FromSlash(file))
	abs, err1 := filepath.Abs(p)
	cwd, err2 := os.Getwd()
	if err1 == nil && err2 == nil && within(abs, cwd) {
		if rel, err := filepath.Rel(cwd, abs); err == nil {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}

// githubCommand is d as a GitHub Actions workflow command: "::warning
// file=blog/posts/x.md,line=3,col=7,title=generic-claim::message". The
// message and the properties are escaped as GitHub's toolkit escapes them
// (escapeData, escapeProperty in @actions/core), so that no text of a
// post can end the line and start a command of its own.
func githubCommand(d diagnostic) string {
	var props []string
	if d.File != "" {
		props = append(props, "file="+escapeProperty(d.File))
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
			if d.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Col))
			}
		}
	}
	if d.Rule != "" {
		title := d.Rule
		if d.Reason != "" {
			title += " (accepted)"
		}
		props = append(props, "title="+escapeProperty(title))
	}
	msg := d.Message
	if d.Reason != "" {
		msg += "\nAccepted: " + d.Reason
	}
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(string(d.Severity))
	if len(props) > 0 {
		b.WriteByte(' ')
		b.WriteString(strings.Join(props, ","))
	}
	b.WriteString("::")
	b.WriteString(escapeData(msg))
	return b.String()
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes the value of a workflow command's property.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
