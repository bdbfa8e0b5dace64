package post

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// A node is one value of the front matter, whatever its format, with the
// position where the writer typed it.
type node struct {
	kind  nodeKind
	value string // a scalar's text as written ("31.4", "2020-12-01", "PUR Projet")
	str   bool   // the scalar was quoted, or came from a string
	keys  []string
	vals  []*node // map values, parallel to keys
	items []*node // list items
	line  int
	col   int
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	mapNode
	listNode
	nullNode
)

func (k nodeKind) String() string {
	switch k {
	case mapNode:
		return "a table of keys"
	case listNode:
		return "a list"
	case nullNode:
		return "empty"
	}
	return "a single value"
}

// get returns the value of key in a map node, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// keyPos returns the position of key in a map node.
func (n *node) keyLine(key string) (int, int) {
	if v := n.get(key); v != nil {
		return v.line, v.col
	}
	return n.line, n.col
}

// toAny turns the node into plain Go values for templates.
func (n *node) toAny() any {
	switch n.kind {
	case mapNode:
		m := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			m[k] = n.vals[i].toAny()
		}
		return m
	case listNode:
		l := make([]any, len(n.items))
		for i, it := range n.items {
			l[i] = it.toAny()
		}
		return l
	case nullNode:
		return nil
	}
	if !n.str {
		if n.value == "true" {
			return true
		}
		if n.value == "false" {
			return false
		}
		if i, err := strconv.ParseInt(n.value, 10, 64); err == nil {
			return i
		}
	}
	return n.value
}

// header is what the front matter decoders fill in.
type header struct {
	format string // "YAML", "TOML" or "JSON"
	root   *node
	err    error // a syntax error, positioned in the file
}

// A syntaxError is a front-matter syntax error at a line of the file.
type syntaxError struct {
	line, col int
	msg       string
}

func (e *syntaxError) Error() string { return e.msg }

// splitFrontMatter separates the front matter from the body with
// adrg/frontmatter, decoding it with our own decoders so that every value
// keeps its line. first is the line of the file where the front matter's
// content starts; bodyLine the line where the body starts.
func splitFrontMatter(src []byte) (h *header, body []byte, bodyLine int, err error) {
	lead, delim := firstLine(src)
	h = &header{}
	first := lead + 2 // the line after the opening delimiter
	if data, rest, ok := splitYAML(src); ok {
		// The common case, without adrg/frontmatter's copy of the file.
		h.format = "YAML"
		h.root, h.err = decodeYAML(data, first)
		return h, rest, 1 + bytes.Count(src[:len(src)-len(rest)], []byte("\n")), nil
	}
	yamlDecode := func(data []byte, _ any) error {
		h.format = "YAML"
		h.root, h.err = decodeYAML(data, first)
		return nil
	}
	tomlDecode := func(data []byte, _ any) error {
		h.format = "TOML"
		h.root, h.err = decodeTOML(data, first)
		return nil
	}
	jsonDecode := func(data []byte, _ any) error {
		h.format = "JSON"
		h.root, h.err = decodeJSON(data, lead+1)
		return nil
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlDecode),
		frontmatter.NewFormat("---yaml", "---", yamlDecode),
		frontmatter.NewFormat("+++", "+++", tomlDecode),
		frontmatter.NewFormat("---toml", "---", tomlDecode),
		frontmatter.NewFormat(";;;", ";;;", jsonDecode),
		frontmatter.NewFormat("---json", "---", jsonDecode),
		{Start: "{", End: "}", Unmarshal: jsonDecode, UnmarshalDelims: true, RequiresNewLine: true},
	}
	body, err = frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	if err != nil {
		return nil, nil, 0, err
	}
	if h.format == "" {
		switch delim {
		case "---", "+++", ";;;", "---yaml", "---toml", "---json":
			end := strings.TrimSuffix(delim, "yaml")
			end = strings.TrimSuffix(strings.TrimSuffix(end, "toml"), "json")
			return nil, nil, 0, &syntaxError{line: lead + 1, col: 1, msg: fmt.Sprintf("front matter opened with %q is never closed: add a line %q after its last key", delim, end)}
		case "{":
			return nil, nil, 0, &syntaxError{line: lead + 1, col: 1, msg: "JSON front matter is never closed: end it with a line holding only \"}\", followed by an empty line"}
		}
		return nil, nil, 0, errNoFrontMatter
	}
	bodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return h, body, bodyLine, nil
}

var errNoFrontMatter = errors.New("no front matter")

// splitYAML splits front matter between "---" lines, as adrg/frontmatter
// does: blank lines may come first, and the delimiter lines may have spaces
// around them. data is what lies between the two delimiter lines; body all
// that follows the closing one. ok is false for anything else (other
// formats, or front matter that is never closed), left to adrg/frontmatter.
func splitYAML(src []byte) (data, body []byte, ok bool) {
	start := -1
	for i := 0; i < len(src); {
		end := bytes.IndexByte(src[i:], '\n')
		next := len(src)
		if end >= 0 {
			next = i + end + 1
		}
		line := bytes.TrimSpace(src[i:next])
		switch {
		case start < 0 && len(line) == 0:
		case start < 0:
			if string(line) != "---" {
				return nil, nil, false
			}
			start = next
		case string(line) == "---":
			return src[start:i], src[next:], true
		}
		i = next
	}
	return nil, nil, false
}

// firstLine returns the number of blank lines before the first non-blank
// line, and that line trimmed.
func firstLine(src []byte) (blank int, line string) {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		var l []byte
		if i < 0 {
			l, src = src, nil
		} else {
			l, src = src[:i], src[i+1:]
		}
		if t := strings.TrimSpace(string(l)); t != "" {
			return blank, t
		}
		blank++
	}
	return blank, ""
}

// decodeYAML decodes YAML through yaml.Node, which keeps every value's line.
func decodeYAML(data []byte, first int) (*node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err, first)
	}
	if len(doc.Content) == 0 {
		return &node{kind: mapNode, line: first, col: 1}, nil
	}
	return fromYAML(doc.Content[0], first-1), nil
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func yamlError(err error, first int) error {
	msg := err.Error()
	line := 0
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  ")
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	} else if m := regexp.MustCompile(`^line (\d+): (.*)$`).FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if line > 0 {
		line += first - 1
	}
	return &syntaxError{line: line, msg: "front matter is not valid YAML: " + msg}
}

func fromYAML(y *yaml.Node, offset int) *node {
	n := &node{line: y.Line + offset, col: y.Column}
	switch y.Kind {
	case yaml.AliasNode:
		return fromYAML(y.Alias, offset)
	case yaml.MappingNode:
		n.kind = mapNode
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Tag == "!!merge" {
				m := fromYAML(v, offset)
				n.keys = append(n.keys, m.keys...)
				n.vals = append(n.vals, m.vals...)
				continue
			}
			val := fromYAML(v, offset)
			if val.kind == nullNode {
				// An empty value sits at its key.
				val.line, val.col = k.Line+offset, k.Column
			}
			n.keys = append(n.keys, k.Value)
			n.vals = append(n.vals, val)
		}
	case yaml.SequenceNode:
		n.kind = listNode
		for _, it := range y.Content {
			n.items = append(n.items, fromYAML(it, offset))
		}
	case yaml.ScalarNode:
		if y.Tag == "!!null" {
			n.kind = nullNode
			return n
		}
		n.kind = scalarNode
		n.value = y.Value
		n.str = y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 || y.Tag == "!!str"
	default:
		n.kind = nullNode
	}
	return n
}

// decodeTOML decodes TOML with BurntSushi/toml. TOML values carry no
// positions there, so each key's line is found in the text.
func decodeTOML(data []byte, first int) (*node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &syntaxError{line: pe.Position.Line + first - 1, col: pe.Position.Col, msg: "front matter is not valid TOML: " + pe.Message}
		}
		return nil, &syntaxError{msg: "front matter is not valid TOML: " + err.Error()}
	}
	loc := newLocator(data, first)
	return fromAny(m, loc, nil), nil
}

// decodeJSON decodes JSON, keeping numbers as written.
func decodeJSON(data []byte, first int) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		line := 0
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = first + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		}
		return nil, &syntaxError{line: line, msg: "front matter is not valid JSON: " + err.Error()}
	}
	loc := newLocator(data, first)
	return fromAny(m, loc, nil), nil
}

func fromAny(v any, loc *locator, path []any) *node {
	line, col := loc.find(path)
	n := &node{line: line, col: col}
	switch v := v.(type) {
	case map[string]any:
		n.kind = mapNode
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			li, _ := loc.find(append(path[:len(path):len(path)], keys[i]))
			lj, _ := loc.find(append(path[:len(path):len(path)], keys[j]))
			if li != lj {
				return li < lj
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			n.keys = append(n.keys, k)
			n.vals = append(n.vals, fromAny(v[k], loc, append(path[:len(path):len(path)], k)))
		}
	case []map[string]any:
		n.kind = listNode
		for i, it := range v {
			n.items = append(n.items, fromAny(it, loc, append(path[:len(path):len(path)], i)))
		}
	case []any:
		n.kind = listNode
		for i, it := range v {
			n.items = append(n.items, fromAny(it, loc, append(path[:len(path):len(path)], i)))
		}
	case nil:
		n.kind = nullNode
	case string:
		n.value, n.str = v, true
	case json.Number:
		n.value = v.String()
	case int64:
		n.value = strconv.FormatInt(v, 10)
	case float64:
		// The shortest form that reads back as the same float: for any
		// number a person types (15 significant digits or fewer) this is
		// the number as typed.
		if math.IsInf(v, 0) || math.IsNaN(v) {
			n.value = fmt.Sprint(v)
		} else {
			n.value = strconv.FormatFloat(v, 'f', -1, 64)
		}
	case bool:
		n.value = strconv.FormatBool(v)
	case time.Time:
		n.value = v.Format(time.RFC3339)
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			n.value = v.Format("2006-01-02")
		}
	default:
		n.value = fmt.Sprint(v)
	}
	return n
}

// A locator finds the line of a key path in TOML or JSON text, by looking
// for each key in turn after the previous one. It is a best effort: YAML,
// the common case, has exact positions.
type locator struct {
	lines []string
	first int
	cache map[string][2]int
}

func newLocator(data []byte, first int) *locator {
	return &locator{lines: strings.Split(string(data), "\n"), first: first, cache: map[string][2]int{}}
}

func (l *locator) find(path []any) (int, int) {
	key := fmt.Sprint(path...)
	if p, ok := l.cache[key]; ok {
		return p[0], p[1]
	}
	line, col := 0, 1
	for i, p := range path {
		switch p := p.(type) {
		case string:
			line, col = l.findKey(p, line)
		case int:
			// The i-th item of a list: the (p+1)-th appearance of the
			// next key, or of the list's table header.
			if i+1 < len(path) {
				if next, ok := path[i+1].(string); ok {
					for range p {
						line, _ = l.findKey(next, line)
						line++
					}
				}
			}
		}
	}
	if len(path) == 0 {
		line = 0
	}
	l.cache[key] = [2]int{line + l.first, col}
	return line + l.first, col
}

// findKey returns the 0-based line at or after from where key is defined.
func (l *locator) findKey(key string, from int) (int, int) {
	re := regexp.MustCompile(`(^|[\s{,.\[])"?` + regexp.QuoteMeta(key) + `"?\s*[:=\].]`)
	for i := from; i < len(l.lines); i++ {
		if loc := re.FindStringIndex(l.lines[i]); loc != nil {
			return i, loc[0] + strings.Index(l.lines[i][loc[0]:], key) + 1
		}
	}
	return from, 1
}
