package config

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/impactblog/impactblog/internal/problem"
)

// tomlFile is site.toml decoded one key at a time, so that a value of the
// wrong type is one problem and not the end of the reading. The positions
// are BurntSushi/toml's own (see offset), the one reader of the file.
type tomlFile struct {
	src  []byte
	md   toml.MetaData
	top  map[string]toml.Primitive
	keys []string // the top-level keys, in the order of the file
}

// readTOML decodes src; only a syntax error stops it.
func readTOML(src []byte) (*tomlFile, *problem.Problem) {
	f := &tomlFile{src: src}
	md, err := toml.Decode(string(src), &f.top)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := f.errorAt(pe.Position)
			return nil, problem.New(File, line, col, "not valid TOML: %s", pe.Message)
		}
		return nil, problem.New(File, 0, 0, "not valid TOML: %w", err)
	}
	f.md = md
	seen := map[string]bool{}
	for _, k := range md.Keys() { // a.b = 1 and [a.b] define a too
		if !seen[k[0]] {
			seen[k[0]] = true
			f.keys = append(f.keys, k[0])
		}
	}
	return f, nil
}

// errProbe is the error of probe: BurntSushi/toml turns it into a
// ParseError at the position of the value being decoded.
var errProbe = errors.New("probe")

type probe struct{}

func (probe) UnmarshalTOML(any) error { return errProbe }

// offset is the byte offset in src where v starts, and the length of its
// text: where the writer put it. For a table made only by its sub-tables'
// headers ([rates.2020] without [rates]), it is where the first of them
// starts; -1 when unknown.
func (f *tomlFile) offset(v toml.Primitive) (start, length int) {
	var pe toml.ParseError
	if err := f.md.PrimitiveDecode(v, &probe{}); errors.As(err, &pe) && pe.Position.Line > 0 {
		return pe.Position.Start, pe.Position.Len
	}
	sub, ok := f.table(v)
	if !ok {
		return -1, 0
	}
	start = -1
	for _, s := range sub {
		if o, n := f.offset(s); o >= 0 && (start < 0 || o < start) {
			start, length = o, n
		}
	}
	return start, length
}

// table decodes v as a table of values, each still to decode; false when v
// is not a table.
func (f *tomlFile) table(v toml.Primitive) (map[string]toml.Primitive, bool) {
	var x any
	if f.md.PrimitiveDecode(v, &x) != nil {
		return nil, false
	}
	if _, ok := x.(map[string]any); !ok {
		return nil, false
	}
	var m map[string]toml.Primitive
	return m, f.md.PrimitiveDecode(v, &m) == nil
}

// valueAt is the line and column of v's value; of its opening quote for
// text, of its "[" for a table header.
func (f *tomlFile) valueAt(v toml.Primitive) (line, col int) {
	o, _ := f.offset(v)
	if o < 0 {
		return 0, 0
	}
	return f.position(f.valueStart(o))
}

// valueStart moves an offset inside a string's quotes to its opening quote,
// and from a list's first item to the list's "[".
func (f *tomlFile) valueStart(o int) int {
	src := f.src
	o = min(o, len(src))
	if o > 0 && (src[o-1] == '"' || src[o-1] == '\'') {
		q := src[o-1]
		for n := 0; n < 3 && o > 0 && src[o-1] == q; n++ {
			o--
		}
	}
	for {
		i := o - 1
		for i >= 0 && strings.IndexByte(" \t\r\n", src[i]) >= 0 {
			i--
		}
		if i < 0 || src[i] != '[' || f.keyStart(i) == i {
			return o
		}
		o = i
	}
}

// keyAt is the line and column of the key of v: of the last part of a
// dotted key; of the "[" of a table header; else of the value.
func (f *tomlFile) keyAt(v toml.Primitive) (line, col int) {
	o, _ := f.offset(v)
	if o < 0 {
		return 0, 0
	}
	o = f.valueStart(o)
	return f.position(f.keyStart(o))
}

// keyStart goes back from a value's offset over " = " to the start of its
// key; it returns o itself when no key is there.
func (f *tomlFile) keyStart(o int) int {
	src := f.src
	i := o - 1
	for i >= 0 && (src[i] == ' ' || src[i] == '\t') {
		i--
	}
	if i < 0 || src[i] != '=' {
		return o
	}
	i--
	for i >= 0 && (src[i] == ' ' || src[i] == '\t') {
		i--
	}
	if i < 0 {
		return o
	}
	if q := src[i]; q == '"' || q == '\'' {
		for j := i - 1; j >= 0 && src[j] != '\n'; j-- {
			if src[j] == q && (q == '\'' || j == 0 || src[j-1] != '\\') {
				return j
			}
		}
		return o
	}
	end := i
	for i >= 0 && isBareKey(src[i]) {
		i--
	}
	if i == end {
		return o
	}
	return i + 1
}

func isBareKey(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// position is the 1-based line and column (in characters) of a byte offset.
func (f *tomlFile) position(o int) (line, col int) {
	o = max(0, min(o, len(f.src)))
	line, start := 1, 0
	for i, c := range f.src[:o] {
		if c == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, 1 + utf8.RuneCount(f.src[start:o])
}

// errorAt is the line and column of a syntax error. BurntSushi/toml's
// offset is sometimes past the end of the line; the line's first
// character is then the better guess.
func (f *tomlFile) errorAt(p toml.Position) (line, col int) {
	if p.Line < 1 {
		return 0, 0
	}
	starts := []int{0}
	for i, c := range f.src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	if p.Line > len(starts) {
		return p.Line, 0
	}
	begin, end := starts[p.Line-1], len(f.src)
	if p.Line < len(starts) {
		end = starts[p.Line] - 1
	}
	if p.Start >= begin && p.Start < end {
		return f.position(p.Start)
	}
	i := begin
	for i < end && (f.src[i] == ' ' || f.src[i] == '\t') {
		i++
	}
	return f.position(i)
}

// raw is the text of v in the file, as written: "0.8897" for a number.
func (f *tomlFile) raw(v toml.Primitive) string {
	o, n := f.offset(v)
	if o < 0 || n <= 0 || o+n > len(f.src) {
		return ""
	}
	return string(f.src[o : o+n])
}

// kindOf describes the value v as the writer wrote it, for a message:
// `text ("5")`, "a number (2.5)", "a table".
func (f *tomlFile) kindOf(v toml.Primitive) string {
	var x any
	if f.md.PrimitiveDecode(v, &x) != nil {
		return "another kind of value"
	}
	switch x := x.(type) {
	case string:
		return fmt.Sprintf("text (%s)", strconv.Quote(clip(x)))
	case int64, float64:
		return fmt.Sprintf("a number (%s)", f.raw(v))
	case bool:
		return fmt.Sprintf("%t", x)
	case time.Time:
		return fmt.Sprintf("a date (%s)", f.raw(v))
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "a list"
	}
	return "another kind of value"
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:37]) + "…"
	}
	return s
}

// sortedKeys returns the keys of m in the order they are written in the file.
func (f *tomlFile) sortedKeys(m map[string]toml.Primitive) []string {
	keys := make([]string, 0, len(m))
	at := map[string]int{}
	for k, v := range m {
		keys = append(keys, k)
		at[k], _ = f.offset(v)
	}
	sort.Slice(keys, func(i, j int) bool {
		if at[keys[i]] != at[keys[j]] {
			return at[keys[i]] < at[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
