package tree

import (
	"strconv"
	"strings"
)

// A tomlPos is where a TOML key was typed and where its value starts. For a
// table header, both are the header's position.
type tomlPos struct{ key, val Pos }

// tomlPositions finds the position of every key of a TOML text, which
// BurntSushi/toml has already accepted, by reading its structure: table
// headers, [[arrays of tables]] (the Nth header is the Nth table), dotted
// keys, inline tables and arrays. The result is keyed by pathKey.
// raw holds the text of every number, boolean and date, by pathKey.
func tomlPositions(data []byte, first int) (ps map[string]tomlPos, raw map[string]string) {
	s := &tomlScanner{text: string(data), lines: newLineIndex(data, first), ps: map[string]tomlPos{}, raw: map[string]string{}, arrays: map[string]int{}}
	s.document()
	return s.ps, s.raw
}

// pathKey is the key of a path of map keys (string) and list indexes (int).
func pathKey(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case string:
			b.WriteString(strconv.Quote(p))
		case int:
			b.WriteString(strconv.Itoa(p))
		}
		b.WriteByte('.')
	}
	return b.String()
}

// lookup returns the position of path, or of its nearest ancestor that has one.
func lookup(ps map[string]tomlPos, path []any) tomlPos {
	for i := len(path); i > 0; i-- {
		if p, ok := ps[pathKey(path[:i])]; ok {
			return p
		}
	}
	return tomlPos{}
}

type tomlScanner struct {
	text   string
	i      int
	lines  *lineIndex
	ps     map[string]tomlPos
	raw    map[string]string // the text of each scalar that is not a string
	arrays map[string]int    // how many [[tables]] each array has so far
}

func (s *tomlScanner) at() Pos { return s.lines.pos(s.i) }

func (s *tomlScanner) set(path []any, key, val Pos) {
	k := pathKey(path)
	if _, ok := s.ps[k]; !ok {
		s.ps[k] = tomlPos{key: key, val: val}
	}
}

// setAll sets path and every table above it that has no position yet:
// [impact.donations] also defines impact.
func (s *tomlScanner) setAll(path []any, at Pos) {
	for i := 1; i <= len(path); i++ {
		s.set(path[:i], at, at)
	}
}

func (s *tomlScanner) peek(prefix string) bool { return strings.HasPrefix(s.text[s.i:], prefix) }

// skipSpace skips spaces and tabs, and also newlines and comments if lines.
func (s *tomlScanner) skipSpace(lines bool) {
	for s.i < len(s.text) {
		switch c := s.text[s.i]; {
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case lines && c == '\n':
			s.i++
		case lines && c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (s *tomlScanner) skipLine() {
	if j := strings.IndexByte(s.text[s.i:], '\n'); j >= 0 {
		s.i += j + 1
	} else {
		s.i = len(s.text)
	}
}

func (s *tomlScanner) document() {
	var table []any
	for {
		s.skipSpace(true)
		if s.i >= len(s.text) {
			return
		}
		start := s.at()
		switch {
		case s.peek("[["):
			s.i += 2
			table = s.resolve(s.key(), true)
			s.setAll(table, start)
		case s.peek("["):
			s.i++
			table = s.resolve(s.key(), false)
			s.setAll(table, start)
		default:
			parts := s.key()
			if len(parts) == 0 {
				s.skipLine()
				continue
			}
			s.keyValue(table, parts, start, 0)
		}
		s.skipLine() // the rest of the Line: "]]", "]" or a comment
	}
}

// resolve turns the keys of a table header into a path, with the index of
// the current table of every array of tables on the way. For [[a.b]] it
// counts one more table in a.b.
func (s *tomlScanner) resolve(parts []string, array bool) []any {
	var path []any
	for j, p := range parts {
		path = append(path, p)
		n, isArray := s.arrays[pathKey(path)]
		switch {
		case array && j == len(parts)-1:
			s.arrays[pathKey(path)] = n + 1
			path = append(path, n)
		case isArray:
			path = append(path, n-1)
		}
	}
	return path
}

// keyValue reads "= value" after the key parts typed at start, in table.
func (s *tomlScanner) keyValue(table []any, parts []string, start Pos, depth int) {
	path := table[:len(table):len(table)]
	for _, p := range parts[:len(parts)-1] {
		path = append(path, p)
		s.set(path, start, start)
	}
	path = append(path, parts[len(parts)-1])
	s.skipSpace(false)
	if s.peek("=") {
		s.i++
	}
	s.skipSpace(false)
	s.set(path, start, s.at())
	s.value(path, depth)
}

// key reads a dotted key: bare, "quoted" or 'literal' parts.
func (s *tomlScanner) key() []string {
	var parts []string
	for {
		s.skipSpace(false)
		if s.i >= len(s.text) {
			return parts
		}
		switch c := s.text[s.i]; {
		case c == '"':
			start := s.i
			s.basicString()
			raw := s.text[start:s.i]
			if u, err := strconv.Unquote(raw); err == nil {
				parts = append(parts, u)
			} else {
				parts = append(parts, strings.Trim(raw, `"`))
			}
		case c == '\'':
			start := s.i
			s.literalString()
			parts = append(parts, strings.Trim(s.text[start:s.i], "'"))
		case isBare(c):
			start := s.i
			for s.i < len(s.text) && isBare(s.text[s.i]) {
				s.i++
			}
			parts = append(parts, s.text[start:s.i])
		default:
			return parts
		}
		s.skipSpace(false)
		if !s.peek(".") {
			return parts
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// basicString skips a "string" on one line.
func (s *tomlScanner) basicString() {
	s.i++
	for s.i < len(s.text) {
		switch s.text[s.i] {
		case '\\':
			s.i += 2
		case '"':
			s.i++
			return
		case '\n':
			return
		default:
			s.i++
		}
	}
	s.i = min(s.i, len(s.text))
}

// literalString skips a 'string' on one line.
func (s *tomlScanner) literalString() {
	s.i++
	for s.i < len(s.text) && s.text[s.i] != '\'' && s.text[s.i] != '\n' {
		s.i++
	}
	if s.i < len(s.text) && s.text[s.i] == '\'' {
		s.i++
	}
}

// multiline skips a """string""" or ”'string”' that starts at s.i.
func (s *tomlScanner) multiline(q string) {
	s.i += 3
	for s.i < len(s.text) {
		if q == `"""` && s.text[s.i] == '\\' {
			s.i += 2
			continue
		}
		if s.peek(q) {
			s.i += 3
			for k := 0; k < 2 && s.peek(q[:1]); k++ { // up to two quotes end the string
				s.i++
			}
			return
		}
		s.i++
	}
	s.i = min(s.i, len(s.text))
}

// value skips the value at s.i, recording the positions of what is inside
// an inline table or array.
func (s *tomlScanner) value(path []any, depth int) {
	if s.i >= len(s.text) || depth > MaxDepth {
		return
	}
	sub := func(k any) []any { return append(path[:len(path):len(path)], k) }
	switch {
	case s.peek(`"""`):
		s.multiline(`"""`)
	case s.peek(`'''`):
		s.multiline(`'''`)
	case s.peek(`"`):
		s.basicString()
	case s.peek(`'`):
		s.literalString()
	case s.peek("["):
		s.i++
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.i >= len(s.text) {
				return
			}
			if s.text[s.i] == ']' {
				s.i++
				return
			}
			at, before := s.at(), s.i
			s.set(sub(n), at, at)
			s.value(sub(n), depth+1)
			s.skipSpace(true)
			if s.peek(",") {
				s.i++
			} else if s.i == before {
				s.i++ // not TOML: move on
			}
		}
	case s.peek("{"):
		s.i++
		for {
			s.skipSpace(true)
			if s.i >= len(s.text) {
				return
			}
			if s.text[s.i] == '}' {
				s.i++
				return
			}
			if s.text[s.i] == ',' {
				s.i++
				continue
			}
			start, before := s.at(), s.i
			if parts := s.key(); len(parts) > 0 {
				s.keyValue(path, parts, start, depth+1)
			}
			if s.i == before {
				s.i++ // not TOML: move on
			}
		}
	default:
		// A number, boolean or date: up to the end of the value. Its text
		// is kept, since a number's text is exact and its float is not.
		start := s.i
		for s.i < len(s.text) && strings.IndexByte(",]}#\r\n", s.text[s.i]) < 0 {
			s.i++
		}
		s.raw[pathKey(path)] = strings.TrimSpace(s.text[start:s.i])
	}
}

// tomlTooDeep returns the offset in a TOML text, valid or not, where its
// values first nest more than MaxDepth levels deep, or -1. BurntSushi/toml
// has no such limit, and 8,000 inline tables in one another take it seconds
// and gigabytes, so the text is measured before it is decoded. A level is
// each part of a table header ([a.b.c] is 3) and of a dotted key (a.b = 1
// adds 2 to its table's), and each [ and { of an array or inline table.
// Strings, however quoted, and comments are skipped as TOML reads them; a
// number's decimal point may count as a level, which is one level too many
// at most.
func tomlTooDeep(text string) int {
	var (
		table   int   // the levels of the current table, from its header
		inTable bool  // inside a table header
		dots    int   // the parts of the key being read, less one
		opened  []int // for each [ or { open, the dots before it
		sum     int   // the sum of opened
		start   = true
	)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case ' ', '\t', '\r':
			continue
		case '\n':
			if len(opened) == 0 {
				dots = 0
			}
			start = true
			continue
		case '#':
			i = skipTo(text, i, "\n") - 1
		case '"', '\'':
			i = skipTOMLString(text, i) - 1
		case '.':
			dots++
		case ',':
			dots = 0
		case '[', '{':
			if start && len(opened) == 0 && c == '[' {
				inTable, table = true, 0
			}
			opened = append(opened, dots)
			sum += dots
			dots = 0
		case ']', '}':
			if len(opened) > 0 {
				sum -= opened[len(opened)-1]
				opened = opened[:len(opened)-1]
			}
			if inTable && len(opened) == 0 {
				inTable, table = false, dots+1
				if text[i-1] == ']' { // [[an array of tables]]
					table++
				}
			}
			if !inTable {
				dots = 0
			}
		}
		start = false
		depth := len(opened) + sum + dots
		if !inTable {
			depth += table
		}
		if depth > MaxDepth {
			return i
		}
	}
	return -1
}

// skipTo returns the offset after the first end in text after i, or the
// text's length.
func skipTo(text string, i int, end string) int {
	if j := strings.Index(text[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(text)
}

// skipTOMLString returns the offset after the string that starts at i with
// " or ': basic strings have escapes, literal strings none, and either may
// be multi-line, between three quotes. A string never closed ends with its
// line, or, multi-line, with the text.
func skipTOMLString(text string, i int) int {
	q := text[i]
	if strings.HasPrefix(text[i:], strings.Repeat(string(q), 3)) {
		for j := i + 3; j < len(text); j++ {
			switch {
			case q == '"' && text[j] == '\\':
				j++
			case text[j] == q && strings.HasPrefix(text[j:], strings.Repeat(string(q), 3)):
				j += 3
				for k := 0; k < 2 && j < len(text) && text[j] == q; k++ { // up to two quotes end the string
					j++
				}
				return j
			}
		}
		return len(text)
	}
	for j := i + 1; j < len(text); j++ {
		switch {
		case q == '"' && text[j] == '\\':
			j++
		case text[j] == q:
			return j + 1
		case text[j] == '\n':
			return j
		}
	}
	return len(text)
}
