package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/tree"
)

// readTOML reads site.toml into a tree, with the reader of TOML front
// matter: every key and value keeps the line and column where it was
// typed. Only a syntax error, after which nothing can be read, stops it.
func readTOML(src []byte) (*tree.Node, *problem.Problem) {
	root, err := tree.DecodeTOML(src, 1)
	var se *tree.SyntaxError
	switch {
	case errors.As(err, &se):
		// The reader's messages name the front matter of a post; here the
		// position names the file.
		return nil, problem.New(File, se.Line, se.Col, "%s", strings.TrimPrefix(se.Msg, "front matter is "))
	case err != nil:
		return nil, problem.New(File, 0, 0, "not valid TOML: %w", err)
	}
	return root, nil
}

// set sets the field (a pointer, as setting.field returns) to the value v;
// false when v is not of the field's kind.
func set(field any, v *tree.Node) bool {
	if v.Kind != tree.Scalar {
		return false
	}
	switch f := field.(type) {
	case *string:
		if v.Str {
			*f = v.Value
			return true
		}
	case *int:
		if n, err := strconv.ParseInt(v.Value, 0, strconv.IntSize); err == nil && !v.Str {
			*f = int(n)
			return true
		}
	case *bool:
		if !v.Str && (v.Value == "true" || v.Value == "false") {
			*f = v.Value == "true"
			return true
		}
	}
	return false
}

var dateRE = regexp.MustCompile(`^(?:\d{4}-\d{2}-\d{2}|\d{2}:\d{2})`)

// describe says what the value v is, as the writer wrote it, for a
// message: `text ("5")`, "a number (2.5)", "a table".
func describe(v *tree.Node) string {
	switch {
	case v.Kind == tree.Map:
		return "a table"
	case v.Kind == tree.List:
		return "a list"
	case v.Kind != tree.Scalar:
		return "another kind of value"
	case v.Str:
		return fmt.Sprintf("text (%s)", strconv.Quote(clip(v.Value)))
	case v.Value == "true" || v.Value == "false":
		return v.Value
	case dateRE.MatchString(v.Value):
		return fmt.Sprintf("a date (%s)", v.Value)
	}
	return fmt.Sprintf("a number (%s)", v.Value)
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:37]) + "…"
	}
	return s
}

// unquoteHint is ": remove the quotes" when the value is text that, without
// its quotes, is of the kind the setting takes: posts_per_page = "5".
func unquoteHint(v *tree.Node, s *setting) string {
	if v.Kind != tree.Scalar || !v.Str {
		return ""
	}
	text := strings.TrimSpace(v.Value)
	switch s.field(&Config{}).(type) {
	case *int:
		if _, err := strconv.Atoi(text); err != nil {
			return ""
		}
	case *bool:
		if text != "true" && text != "false" {
			return ""
		}
	default:
		return ""
	}
	return ": remove the quotes"
}
