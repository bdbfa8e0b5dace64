package site

import (
	"errors"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
)

// rateProblems turns the missing rates of impact.ComputeIn into problems
// at the entries that need them.
func rateProblems(err error) problem.List {
	if err == nil {
		return nil
	}
	var list problem.List
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var re *impact.RateError
		if errors.As(e, &re) {
			list.Add(re.Source.File, re.Source.Line, 0, "no rate for %s in %d in site.toml: add %s = \"…\" under [rates.%d]", re.Code, re.Year, re.Code, re.Year)
		} else {
			list.Add("", 0, 0, "%v", e)
		}
	}
	return list
}
