// Package problem is the one positioned error type of impactblog.
//
// Every mistake a writer can make is reported as a Problem: the file, as a
// slash-separated path relative to the blog's root, the line and column in
// that file as the writer sees it (1-based; 0 when unknown), and what to fix.
// Its Error method prints the form editors and terminals understand:
//
//	posts/2020-black-friday.md:12:11: amount "£112,000" is not a number: write 112000 or "112000.00"
//
// A List collects every problem of a run so that all of them are reported at
// once, sorted by file, line and column.
package problem

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A Problem is an error at a position in a source file.
type Problem struct {
	File string // slash-separated, relative to the blog's root
	Line int    // 1-based; 0 if unknown
	Col  int    // 1-based; 0 if unknown
	Err  error
	// Rule names the check that found it, when one did: a claims rule
	// ("offset-neutrality"); empty for a mistake in the front matter, a
	// link or a template. Error does not print it: the message does.
	Rule string
}

// New returns a Problem at file:line:col with a formatted message.
func New(file string, line, col int, format string, args ...any) *Problem {
	return &Problem{File: file, Line: line, Col: col, Err: fmt.Errorf(format, args...)}
}

func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Err != nil {
		b.WriteString(p.Err.Error())
	}
	return b.String()
}

func (p *Problem) Unwrap() error { return p.Err }

// A Severity says how a command reports a Problem: an Error fails it; a
// Warning does not, unless the command is run with -strict; a Notice is
// for information only (a claim a reviewer accepted). Its value is the
// word that -format json and github print.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Notice  Severity = "notice"
)

// A List is every problem found in one run.
type List []*Problem

// Add appends a problem.
func (l *List) Add(file string, line, col int, format string, args ...any) {
	*l = append(*l, New(file, line, col, format, args...))
}

// Sort orders the list by file, line and column, keeping the order of
// problems at the same position.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Unique returns the list without the problems that print the same as an
// earlier one (the same mistake found by two builds), sorted.
func (l List) Unique() List {
	seen := map[string]bool{}
	var out List
	for _, p := range l {
		if k := p.Error(); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	out.Sort()
	return out
}

// Err returns nil for an empty list, or the list as an error.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error prints one problem per line.
func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Count says how many problems there are and in how many files:
// "1 problem in 1 file", "3 problems in 2 files".
func (l List) Count() string {
	files := map[string]bool{}
	for _, p := range l {
		files[p.File] = true
	}
	return fmt.Sprintf("%d %s in %d %s", len(l), plural(len(l), "problem"), len(files), plural(len(files), "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Unwrap lets errors.Is and errors.As see every problem.
func (l List) Unwrap() []error {
	errs := make([]error, len(l))
	for i, p := range l {
		errs[i] = p
	}
	return errs
}

// From turns any error into a List: a List stays itself, a Problem becomes a
// list of one, and any other error is reported against file with no line.
func From(file string, err error) List {
	if err == nil {
		return nil
	}
	var l List
	if errors.As(err, &l) {
		return l
	}
	var p *Problem
	if errors.As(err, &p) {
		return List{p}
	}
	return List{{File: file, Err: err}}
}
