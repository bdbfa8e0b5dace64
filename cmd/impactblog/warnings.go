package main

import (
	"fmt"
	"io"

	"github.com/impactblog/impactblog/internal/problem"
)

// warn prints the warnings of a build, one a line, as
// "path:line:col: warning: message". With strict, they are problems
// instead: printed by report, and the command fails.
func warn(stderr io.Writer, warnings problem.List, strict bool, what string) error {
	if len(warnings) == 0 {
		return nil
	}
	if strict {
		return report(stderr, warnings, what+" (-strict makes warnings problems)")
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, problem.New(w.File, w.Line, w.Col, "warning: %v", w.Err).Error())
	}
	return nil
}
