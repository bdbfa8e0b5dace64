package tree

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
)

// DecodeTOML decodes TOML with go-toml's parser (pelletier/go-toml/v2's
// unstable package), which gives every key and value with its place in the
// text: one reading gives the values, their positions and their text as
// typed. The parser checks the syntax; the rules of TOML about tables (a
// key or a table given twice, a value that is also a table, an inline
// table added to later) and the dates are checked here, as the tree is
// built.
//
// A key's position is where the key starts: for a dotted key, every part is
// at the first one; for a table header, every part is at its "[". A value's
// position is where the value starts (the opening quote of text, the "[" of
// an array, the "{" of an inline table, the "[" of the header of a table).
func DecodeTOML(data []byte, first int) (*Node, error) {
	lines := newLineIndex(data, first)
	if at := tomlTooDeep(string(data)); at >= 0 {
		p := lines.pos(at)
		return nil, &SyntaxError{Line: p.Line, Col: p.Col, Msg: fmt.Sprintf("front matter is nested more than %d levels deep here: flatten it", MaxDepth)}
	}
	b := &tomlBuilder{data: data, lines: lines, how: map[*Node]made{}}
	b.root = &Node{Kind: Map, Line: first, Col: 1}
	b.how[b.root] = byHeader
	b.table = b.root
	var p unstable.Parser
	p.Reset(data)
	for p.NextExpression() {
		if err := b.expression(p.Expression()); err != nil {
			return nil, err
		}
	}
	if err := p.Error(); err != nil {
		return nil, b.parseError(err)
	}
	if len(b.root.KeyPos) > 0 {
		b.root.Line, b.root.Col = b.root.KeyPos[0].Line, b.root.KeyPos[0].Col
	}
	return b.root, nil
}

// made is how a table or list of TOML came to be, which decides what may
// be added to it later.
type made int

const (
	implicitly   made = iota // a table named on the way by a header: [a.b] makes a
	byHeader                 // a table with its own header [a]
	byDottedKey              // a table made by a dotted key: a.b = 1 makes a
	inlineTable              // { … }, closed once written
	arrayOfTable             // a list of tables, one per [[a]]
	staticArray              // a list written [ … ]
)

type tomlBuilder struct {
	data  []byte
	lines *lineIndex
	root  *Node
	table *Node // the table of the last header
	how   map[*Node]made
}

func (b *tomlBuilder) pos(offset int) Pos { return b.lines.pos(offset) }

// fail is a TOML mistake at offset.
func (b *tomlBuilder) fail(offset int, format string, args ...any) error {
	p := b.pos(offset)
	return &SyntaxError{Line: p.Line, Col: p.Col, Msg: "front matter is not valid TOML: " + printable(fmt.Sprintf(format, args...))}
}

// parseError positions an error of the parser at the text it highlights.
func (b *tomlBuilder) parseError(err error) error {
	pe, ok := err.(*unstable.ParserError)
	if !ok {
		return &SyntaxError{Line: b.lines.first, Msg: "front matter is not valid TOML: " + printable(err.Error())}
	}
	offset := cap(b.data) - cap(pe.Highlight)
	if pe.Highlight == nil || offset < 0 || offset > len(b.data) {
		return &SyntaxError{Line: b.lines.first, Msg: "front matter is not valid TOML: " + printable(pe.Message)}
	}
	return b.fail(offset, "%s", tomlMessage(pe.Message))
}

var runeRE = regexp.MustCompile(`U\+[0-9A-F]{4,6}(?: '([^']+)')?`)

// tomlHints explain go-toml's messages for the mistakes writers make most.
var tomlHints = []struct{ problem, hint string }{
	{"at the start of a value", `text must be in quotes, such as title = "Our year"`},
	{"strings must be quoted", `write title = "Our year", not title = Our year`},
	{"expected newline", `write one key = value per line, with text in quotes`},
	{"expected '=' after key", `write key = value, with text in quotes`},
	{"to close table name", `a table's name is written [name] or [[name]], alone on its line`},
}

// tomlMessage turns a message of go-toml into plain English: a character
// is quoted, not numbered, and the common mistakes say what to write.
func tomlMessage(msg string) string {
	if msg == "unexpected character U+000A at start of value" || msg == "unexpected character U+000D at start of value" || msg == "expected value, not end of input" {
		return `a value is missing after "=": write one, or remove the key`
	}
	msg = runeRE.ReplaceAllStringFunc(msg, func(m string) string {
		switch sub := runeRE.FindStringSubmatch(m); {
		case m == "U+000A":
			return "a line break"
		case sub[1] != "" && !strings.ContainsFunc(sub[1], isControl):
			return strconv.Quote(sub[1])
		}
		return m
	})
	msg = strings.Replace(msg, "at start of value", "at the start of a value", 1)
	for _, h := range tomlHints {
		if strings.Contains(msg, h.problem) {
			return msg + ": " + h.hint
		}
	}
	return msg
}

// printable escapes the control characters of a message, which may quote
// the text.
func printable(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var out strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := strconv.QuoteRune(r)
			out.WriteString(q[1 : len(q)-1])
		} else {
			out.WriteRune(r)
		}
	}
	return out.String()
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0x2028 || r == 0x2029 }

func (b *tomlBuilder) expression(e *unstable.Node) error {
	switch e.Kind {
	case unstable.KeyValue:
		_, err := b.keyValue(b.table, e)
		return err
	case unstable.Table, unstable.ArrayTable:
		return b.header(e)
	}
	return nil
}

// keys returns the parts of the key of a key/value or header.
func keys(e *unstable.Node) (parts []*unstable.Node) {
	it := e.Key()
	for it.Next() {
		parts = append(parts, it.Node())
	}
	return parts
}

// keyText is a dotted key as a message writes it: a.b.c.
func keyText(parts []*unstable.Node) string {
	var s strings.Builder
	for i, k := range parts {
		if i > 0 {
			s.WriteByte('.')
		}
		s.Write(k.Data)
	}
	return s.String()
}

// header opens the table of [a.b] or appends one to the list of [[a.b]].
func (b *tomlBuilder) header(e *unstable.Node) error {
	parts := keys(e)
	if len(parts) == 0 {
		return nil
	}
	start := int(parts[0].Raw.Offset)
	for start > 0 && strings.IndexByte(" \t[", b.data[start-1]) >= 0 {
		start--
	}
	at := b.pos(start)
	name := keyText(parts)
	t := b.root
	for _, k := range parts[:len(parts)-1] {
		key := string(k.Data)
		v := t.Get(key)
		switch {
		case v == nil:
			v = &Node{Kind: Map, Line: at.Line, Col: at.Col}
			b.how[v] = implicitly
			t.addKey(key, at, v)
		case v.Kind == List && b.how[v] == arrayOfTable:
			v = v.Items[len(v.Items)-1]
		case v.Kind != Map || b.how[v] == inlineTable:
			return b.fail(int(k.Raw.Offset), "%q is already %s (line %d): it cannot also hold the table [%s]", key, b.what(v), v.Line, name)
		}
		t = v
	}
	last := parts[len(parts)-1]
	key := string(last.Data)
	v := t.Get(key)
	table := &Node{Kind: Map, Line: at.Line, Col: at.Col}
	b.how[table] = byHeader
	if e.Kind == unstable.ArrayTable {
		switch {
		case v == nil:
			v = &Node{Kind: List, Line: at.Line, Col: at.Col}
			b.how[v] = arrayOfTable
			t.addKey(key, at, v)
		case v.Kind != List || b.how[v] != arrayOfTable:
			return b.fail(start, "%q is already %s (line %d): it cannot also be a list of tables [[%s]]", key, b.what(v), v.Line, name)
		}
		v.Items = append(v.Items, table)
		b.table = table
		return nil
	}
	switch {
	case v == nil:
		t.addKey(key, at, table)
	case v.Kind == Map && b.how[v] == implicitly:
		b.how[v] = byHeader
		table = v
	case v.Kind == Map && b.how[v] == byHeader:
		return b.fail(start, "the table [%s] is given twice (also at line %d): keep one, or write [[%s]] for a list of tables", name, v.Line, name)
	default:
		return b.fail(start, "%q is already %s (line %d): it cannot also be the table [%s]", key, b.what(v), v.Line, name)
	}
	b.table = table
	return nil
}

// what says what a node of TOML is, for a message.
func (b *tomlBuilder) what(n *Node) string {
	switch b.how[n] {
	case inlineTable:
		return "an inline table { … }, which cannot be added to"
	case arrayOfTable:
		return "a list of tables [[…]]"
	case byDottedKey:
		if n.Kind == Map {
			return "a table made by a dotted key"
		}
	}
	return n.Kind.String()
}

// keyValue adds key = value to table t, and returns the offset after the
// value.
func (b *tomlBuilder) keyValue(t *Node, e *unstable.Node) (int, error) {
	parts := keys(e)
	if len(parts) == 0 {
		return 0, nil
	}
	at := b.pos(int(parts[0].Raw.Offset))
	for _, k := range parts[:len(parts)-1] {
		key := string(k.Data)
		v := t.Get(key)
		switch {
		case v == nil:
			v = &Node{Kind: Map, Line: at.Line, Col: at.Col}
			b.how[v] = byDottedKey
			t.addKey(key, at, v)
		case v.Kind != Map || b.how[v] != byDottedKey:
			return 0, b.fail(int(k.Raw.Offset), "%q is already %s (line %d): it cannot also hold %s", key, b.what(v), v.Line, keyText(parts))
		}
		t = v
	}
	last := parts[len(parts)-1]
	key := string(last.Data)
	if v := t.Get(key); v != nil {
		return 0, b.fail(int(parts[0].Raw.Offset), "%q is given twice (also at line %d): keep one", key, v.Line)
	}
	value := e.Value()
	start := int(value.Raw.Offset)
	if value.Kind == unstable.Array { // an array has no text of its own: it starts after "="
		start = b.skip(int(last.Raw.Offset+last.Raw.Length), " \t=")
	}
	v, end, err := b.value(value, start)
	if err != nil {
		return 0, err
	}
	t.addKey(key, at, v)
	return end, nil
}

// skip returns the offset after the characters of chars from offset, and
// after comments when chars holds '#'.
func (b *tomlBuilder) skip(offset int, chars string) int {
	for offset < len(b.data) {
		c := b.data[offset]
		switch {
		case c == '#' && strings.IndexByte(chars, '#') >= 0:
			for offset < len(b.data) && b.data[offset] != '\n' {
				offset++
			}
		case strings.IndexByte(chars, c) >= 0:
			offset++
		default:
			return offset
		}
	}
	return offset
}

// between is what may come between the items of an array or inline table.
const between = " \t\r\n,#"

// value builds the node of a value that starts at offset start, and returns
// the offset after it.
func (b *tomlBuilder) value(v *unstable.Node, start int) (*Node, int, error) {
	at := b.pos(start)
	n := &Node{Kind: Scalar, Line: at.Line, Col: at.Col}
	end := start + int(v.Raw.Length)
	switch v.Kind {
	case unstable.String:
		n.Value, n.Str, n.Quoted = string(v.Data), true, true
	case unstable.Bool:
		n.Value = string(v.Data)
	case unstable.Integer, unstable.Float:
		// The number as typed: a float is not exact, and "1e3" and "0x10"
		// then fail as amounts should; 1_000 is 1000.
		n.Value = strings.ReplaceAll(string(v.Data), "_", "")
		var err error
		if v.Kind == unstable.Integer {
			_, err = strconv.ParseInt(n.Value, 0, 64)
		} else {
			_, err = strconv.ParseFloat(n.Value, 64)
		}
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return nil, 0, b.fail(start, "the number %s is too large to read: write it in quotes, as \"%s\"", v.Data, v.Data)
		}
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		text, ok := tomlDate(v.Kind, string(v.Data))
		if !ok {
			return nil, 0, b.fail(start, "%s is not a date and time: write a date as 2021-01-15, or a date and time as 2021-01-15T09:30:00Z", v.Data)
		}
		n.Value = text
	case unstable.Array:
		n.Kind = List
		b.how[n] = staticArray
		end = start + 1
		it := v.Children()
		for it.Next() {
			item := it.Node()
			s := b.skip(end, between)
			if item.Kind != unstable.Array {
				s = int(item.Raw.Offset)
			}
			in, e, err := b.value(item, s)
			if err != nil {
				return nil, 0, err
			}
			n.Items = append(n.Items, in)
			end = e
		}
		end = b.skip(end, between) + 1 // after "]"
	case unstable.InlineTable:
		n.Kind = Map
		b.how[n] = inlineTable
		end = start + 1
		it := v.Children()
		for it.Next() {
			e, err := b.keyValue(n, it.Node())
			if err != nil {
				return nil, 0, err
			}
			end = e
		}
		end = b.skip(end, between) + 1 // after "}"
	}
	return n, end, nil
}

// dateTimeRE is the shape of TOML's dates and times, T and Z in capitals;
// it captures the hours and minutes of an offset.
var dateTimeRE = regexp.MustCompile(`^(?:\d{4}-\d{2}-\d{2})?T?(?:\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-](\d{2}):(\d{2}))?$`)

// tomlDate checks a TOML date or time and returns its text as Go writes
// it: TOML's local dates and times are in the site's zone, as the same
// text in YAML would be.
func tomlDate(kind unstable.Kind, text string) (string, bool) {
	norm := text
	if len(norm) > 10 && (kind == unstable.LocalDateTime || kind == unstable.DateTime) {
		norm = norm[:10] + "T" + norm[11:] // "T", "t" or " "
	}
	norm = strings.ReplaceAll(norm, "z", "Z")
	m := dateTimeRE.FindStringSubmatch(norm)
	if m == nil || m[1] > "23" || m[2] > "59" {
		return "", false // time.Parse allows an hour of one digit, and +12:60
	}
	var layouts []string
	var out string
	switch kind {
	case unstable.LocalDate:
		layouts, out = []string{"2006-01-02"}, "2006-01-02"
	case unstable.LocalTime:
		layouts, out = []string{"15:04:05", "15:04"}, "15:04:05.999999999"
	case unstable.LocalDateTime:
		layouts, out = []string{"2006-01-02T15:04:05", "2006-01-02T15:04"}, "2006-01-02T15:04:05.999999999"
	default:
		layouts, out = []string{time.RFC3339, "2006-01-02T15:04Z07:00"}, time.RFC3339Nano
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, norm); err == nil {
			return t.Format(out), true
		}
	}
	return "", false
}
