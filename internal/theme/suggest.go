package theme

import (
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
)

var fieldErrRE = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)

// SuggestField adds to a template's problem "can't evaluate field Titel in
// type *site.Post" the field or method meant: "did you mean .Title?". It
// finds the type among those data reaches (the page a template was given:
// its fields, what they hold and what its methods return).
func SuggestField(p *problem.Problem, data any) *problem.Problem {
	m := fieldErrRE.FindStringSubmatch(p.Err.Error())
	if m == nil || data == nil {
		return p
	}
	hint := ""
	if root := reflect.TypeOf(data); root.String() != m[2] && slices.Contains(members(root), m[1]) {
		// Inside {{with .Post}} or {{range}}, the dot is no longer the page.
		hint = "inside {{with}} or {{range}} the dot is a " + m[2] + ": write $." + m[1] + " for the page's"
	} else if s := suggest.Closest(m[1], namesOf(root, m[2])); s != "" {
		hint = "did you mean ." + s + "?"
	}
	if hint == "" {
		return p
	}
	return &problem.Problem{File: p.File, Line: p.Line, Col: p.Col, Rule: p.Rule, Err: suggestion{p.Err, hint}}
}

type suggestion struct {
	err  error
	hint string
}

func (s suggestion) Error() string { return s.err.Error() + ": " + s.hint }
func (s suggestion) Unwrap() error { return s.err }

// namesOf returns the exported fields and methods of the type named name
// (as reflect writes it: "*site.Post") among the types t reaches, or nil.
func namesOf(t reflect.Type, name string) []string {
	seen := map[reflect.Type]bool{}
	queue := []reflect.Type{t}
	for len(queue) > 0 && len(seen) < 500 {
		t := queue[0]
		queue = queue[1:]
		if t == nil || seen[t] {
			continue
		}
		seen[t] = true
		if t.String() == name {
			return members(t)
		}
		for i := 0; i < t.NumMethod(); i++ {
			mt := t.Method(i).Type
			for j := 0; j < mt.NumOut(); j++ {
				queue = append(queue, mt.Out(j))
			}
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			queue = append(queue, t.Elem())
			if t.Kind() == reflect.Pointer {
				queue = append(queue, t.Elem())
			}
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if f := t.Field(i); f.IsExported() {
					queue = append(queue, f.Type, reflect.PointerTo(f.Type))
				}
			}
			queue = append(queue, reflect.PointerTo(t))
		}
	}
	return nil
}

// members are the exported fields (promoted ones too) and methods of t.
func members(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumMethod(); i++ {
		out = append(out, t.Method(i).Name)
	}
	s := t
	if s.Kind() == reflect.Pointer {
		s = s.Elem()
	}
	if s.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(s) {
			if f.IsExported() && !strings.Contains(f.Name, ".") {
				out = append(out, f.Name)
			}
		}
	}
	return out
}
