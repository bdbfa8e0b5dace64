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

	"io"
	"unicode/utf8"

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
	kpos  []pos   // where each key was typed, parallel to keys
	vals  []*node // map values, parallel to keys
	items []*node // list items
	line  int
	col   int
}

// A pos is a 1-based line and column (in characters) of the file.
type pos struct{ line, col int }

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

// addKey appends key, typed at kp, with its value.
func (n *node) addKey(key string, kp pos, v *node) {
	n.keys = append(n.keys, key)
	n.kpos = append(n.kpos, kp)
	n.vals = append(n.vals, v)
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
// keeps its line. bodyLine is the line of the file where the body starts.
func splitFrontMatter(src []byte) (h *header, body []byte, bodyLine int, err error) {
	lead, delim := firstLine(src)
	h = &header{}
	first := lead + 2 // the line after the opening delimiter
	// tooLarge refuses front matter larger than MaxFrontMatter, before
	// any decoder sees it.
	tooLarge := func(data []byte) bool {
		if len(data) <= MaxFrontMatter {
			return false
		}
		h.err = &syntaxError{line: lead + 1, col: 1, msg: fmt.Sprintf("front matter is %s, more than the %s allowed: move long text into the post's body", sizeText(len(data)), sizeText(MaxFrontMatter))}
		return true
	}
	yamlDecode := func(data []byte, _ any) error {
		h.format = "YAML"
		if !tooLarge(data) {
			h.root, h.err = decodeYAML(data, first)
		}
		return nil
	}
	tomlDecode := func(data []byte, _ any) error {
		h.format = "TOML"
		if !tooLarge(data) {
			h.root, h.err = decodeTOML(data, first)
		}
		return nil
	}
	jsonDecode := func(data []byte, _ any) error {
		h.format = "JSON"
		if !tooLarge(data) {
			h.root, h.err = decodeJSON(data, first)
		}
		return nil
	}
	jsonObject := func(data []byte, _ any) error {
		h.format = "JSON"
		if !tooLarge(data) {
			h.root, h.err = decodeJSON(data, lead+1) // the { line is part of the data
		}
		return nil
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlDecode),
		frontmatter.NewFormat("---yaml", "---", yamlDecode),
		frontmatter.NewFormat("+++", "+++", tomlDecode),
		frontmatter.NewFormat("---toml", "---", tomlDecode),
		frontmatter.NewFormat(";;;", ";;;", jsonDecode),
		frontmatter.NewFormat("---json", "---", jsonDecode),
		{Start: "{", End: "}", Unmarshal: jsonObject, UnmarshalDelims: true, RequiresNewLine: true},
	}
	rest, err := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	if err != nil {
		return nil, nil, 0, err
	}
	// The body as a part of src: adrg/frontmatter's copy of the file is
	// not kept alive by the post.
	body = src[len(src)-len(rest):]
	if h.format == "" {
		switch delim {
		case "---", "+++", ";;;", "---yaml", "---toml", "---json":
			end := delim[:3]
			return nil, nil, 0, &syntaxError{line: lead + 1, col: 1, msg: fmt.Sprintf("front matter opened with %q is never closed: add a line %q after its last key", delim, end)}
		case "{":
			return nil, nil, 0, &syntaxError{line: lead + 1, col: 1, msg: "JSON front matter is never closed: end it with a line holding only \"}\", followed by an empty line"}
		}
		if strings.HasPrefix(delim, "{") {
			return nil, nil, 0, &syntaxError{line: lead + 1, col: 1, msg: "JSON front matter must start with a line holding only \"{\" and end with a line holding only \"}\", followed by an empty line"}
		}
		return nil, nil, 0, &syntaxError{line: lead + 1, col: 1, msg: "no front matter: start the file with a line \"---\", then at least \"title: …\", then a line \"---\""}
	}
	bodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return h, body, bodyLine, nil
}

// firstLine returns the number of blank lines before the first non-blank
// line, and that line trimmed, as adrg/frontmatter trims it.
func firstLine(src []byte) (blank int, line string) {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		var l []byte
		if i < 0 {
			l, src = src, nil
		} else {
			l, src = src[:i], src[i+1:]
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return blank, string(t)
		}
		blank++
	}
	return blank, ""
}

// A lineIndex turns byte offsets of a text into positions of the file.
type lineIndex struct {
	text   []byte
	starts []int // the offset where each line starts
	first  int   // the line of the file where the text starts
}

func newLineIndex(text []byte, first int) *lineIndex {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{text: text, starts: starts, first: first}
}

// pos returns the line and column (in characters) of the byte at offset.
func (x *lineIndex) pos(offset int) pos {
	offset = max(0, min(offset, len(x.text)))
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	return pos{line: x.first + i, col: 1 + utf8.RuneCount(x.text[x.starts[i]:offset])}
}

// maxNodes bounds the values of one front matter, aliases expanded, so that
// a few YAML aliases cannot make it explode.
const maxNodes = 10000

// maxDepth bounds how deeply values may nest.
const maxDepth = 200

// decodeYAML decodes YAML through yaml.Node, which keeps every value's line.
func decodeYAML(data []byte, first int) (*node, error) {
	// YAML ends a line at a CR alone, as old Macs did; the lines of a
	// problem are counted in LFs, as editors and terminals count them.
	for i := bytes.IndexByte(data, '\r'); i >= 0; i = nextCR(data, i) {
		if i+1 == len(data) || data[i+1] != '\n' {
			p := newLineIndex(data, first).pos(i)
			return nil, &syntaxError{line: p.line, col: p.col, msg: "front matter has a line ending that is a carriage return (CR) alone: save the file with LF or CRLF line endings"}
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(data, err, first)
	}
	if len(doc.Content) == 0 {
		return &node{kind: mapNode, line: first, col: 1}, nil
	}
	c := &yamlConv{offset: first - 1, expanding: map[*yaml.Node]bool{}}
	n := c.node(doc.Content[0], 0)
	if c.err != nil {
		return nil, c.err
	}
	return n, nil
}

// nextCR returns the offset of the next CR in data after i, or -1.
func nextCR(data []byte, i int) int {
	if j := bytes.IndexByte(data[i+1:], '\r'); j >= 0 {
		return i + 1 + j
	}
	return -1
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlHints explain yaml.v3's messages for the mistakes writers make most.
var yamlHints = []struct{ problem, hint string }{
	{"mapping values are not allowed", `a value holds ": " and needs quotes, such as title: "Impact: our year", or a line is indented more than the key above it`},
	{"cannot start any token", "a value starts with a character YAML keeps for itself, such as @ or `: put the whole value in quotes"},
	{"found a tab character", "indent with spaces, not tabs"},
	{"found unexpected end of stream", "a quote opened here is never closed"},
	{"did not find expected key", "check the indentation: the keys of one table must line up"},
	{"did not find expected '-' indicator", `check the indentation: the entries of a list must line up under their "-"`},
	{"did not find expected ',' or ']'", `a list opened with "[" here is not closed with "]", or one of its items holds ": " and needs quotes`},
	{"did not find expected ',' or '}'", `a table opened with "{" here is not closed with "}"`},
}

// yamlError positions a YAML syntax error. yaml.v3's line is often the line
// of the enclosing list or table, and missing for the first line, so the
// line is found again: it is the line after the longest run of whole lines
// that still parses.
func yamlError(data []byte, err error, first int) error {
	msg := err.Error()
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		msg = m[2]
	}
	reported := line
	if l := yamlErrorLine(data, line); l > 0 {
		line = l
	}
	for _, l := range []int{line, reported} {
		if col := tabIndent(data, l); col > 0 {
			return &syntaxError{line: l + first - 1, col: col, msg: "front matter is not valid YAML: this line is indented with a tab: indent with spaces, not tabs"}
		}
	}
	for _, h := range yamlHints {
		if strings.Contains(msg, h.problem) {
			msg += ": " + h.hint
			break
		}
	}
	if line > 0 {
		line += first - 1
	}
	return &syntaxError{line: line, msg: "front matter is not valid YAML: " + msg}
}

// tabIndent returns the column of the first tab in the indentation of line
// l (1-based) of data, or 0. YAML allows a tab there only inside some
// values, so it is looked for only once the YAML is found not to parse.
func tabIndent(data []byte, l int) int {
	for i := 1; i < l && len(data) > 0; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return 0
		}
		data = data[j+1:]
	}
	if l < 1 {
		return 0
	}
	for i, c := range data {
		switch c {
		case ' ':
			continue
		case '\t':
			return i + 1
		}
		return 0
	}
	return 0
}

// yamlErrorLine returns the 1-based line of data after the longest prefix of
// whole lines that parses. Each try parses a prefix, and a mistake such as a
// quote never closed is found only at the prefix's end, so trying every
// prefix costs lines × size: it is done only when that is small, as it is
// for any real front matter. Otherwise the prefixes tried are 1, 2, 4, 8…
// lines shorter than the whole, then halves of the gap between the longest
// that failed and the shortest that parsed: about 2 log2(lines) parses,
// of at most MaxFrontMatter bytes each. When yaml.v3's own line (hint, 0
// if none) is where the prefixes start to fail, it is the line, found in
// two parses of the text up to it.
func yamlErrorLine(data []byte, hint int) int {
	var ends []int // the offset after each line
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] < len(data) {
		ends = append(ends, len(data))
	}
	// parses reports whether the first k lines parse; zero lines do.
	parses := func(k int) bool {
		if k == 0 {
			return true
		}
		var doc yaml.Node
		return yaml.Unmarshal(data[:ends[k-1]], &doc) == nil
	}
	n := len(ends) // the whole fails
	if hint > 0 && hint < n && !parses(hint) && parses(hint-1) {
		return hint
	}
	if n*len(data) <= yamlSearchBudget {
		for k := n - 1; k > 0; k-- {
			if parses(k) {
				return k + 1
			}
		}
		return 1
	}
	fails, ok := n, 0 // the first fails lines fail, the first ok lines parse
	for step := 1; ; step *= 2 {
		k := max(fails-step, 0)
		if parses(k) {
			ok = k
			break
		}
		fails = k
	}
	for fails-ok > 1 {
		mid := ok + (fails-ok)/2
		if parses(mid) {
			ok = mid
		} else {
			fails = mid
		}
	}
	return ok + 1
}

// yamlSearchBudget bounds lines × bytes for trying every prefix of YAML
// front matter: 200 lines of 5 KiB.
const yamlSearchBudget = 1 << 20

// yamlConv turns yaml.Nodes into nodes, expanding aliases once each time
// they are used and refusing an alias that contains itself.
type yamlConv struct {
	offset    int // the line of the file before the YAML's first line
	count     int
	expanding map[*yaml.Node]bool
	err       error
}

func (c *yamlConv) fail(y *yaml.Node, format string, args ...any) *node {
	if c.err == nil {
		c.err = &syntaxError{line: y.Line + c.offset, col: y.Column, msg: fmt.Sprintf(format, args...)}
	}
	return &node{kind: nullNode, line: y.Line + c.offset, col: y.Column}
}

func (c *yamlConv) node(y *yaml.Node, depth int) *node {
	c.count++
	if c.err != nil {
		return &node{kind: nullNode}
	}
	if c.count > maxNodes {
		return c.fail(y, "front matter is too large once its aliases (*name) are expanded: write the values out instead")
	}
	if depth > maxDepth {
		return c.fail(y, "front matter is nested more than %d levels deep: flatten it", maxDepth)
	}
	n := &node{line: y.Line + c.offset, col: y.Column}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return c.fail(y, "alias *%s has no anchor &%s: define the anchor before using it", y.Value, y.Value)
		}
		if c.expanding[y.Alias] {
			return c.fail(y, "alias *%s is used inside its own anchor &%s: remove it", y.Value, y.Value)
		}
		c.expanding[y.Alias] = true
		a := c.node(y.Alias, depth+1)
		delete(c.expanding, y.Alias)
		return a
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			n.kind = nullNode
			return n
		}
		return c.node(y.Content[0], depth+1)
	case yaml.MappingNode:
		n.kind = mapNode
		var merged []*node
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Tag == "!!merge" {
				merged = append(merged, c.node(v, depth+1))
				continue
			}
			val := c.node(v, depth+1)
			if val.kind == nullNode {
				// An empty value sits at its key.
				val.line, val.col = k.Line+c.offset, k.Column
			}
			n.addKey(k.Value, pos{k.Line + c.offset, k.Column}, val)
		}
		for _, m := range merged {
			c.merge(n, m)
		}
	case yaml.SequenceNode:
		n.kind = listNode
		for _, it := range y.Content {
			n.items = append(n.items, c.node(it, depth+1))
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

// merge adds the keys of m (a table, or a list of tables) that n does not
// have yet to n, for "<<: *base": the keys written in n win.
func (c *yamlConv) merge(n, m *node) {
	switch m.kind {
	case mapNode:
		for i, k := range m.keys {
			if n.get(k) == nil {
				n.addKey(k, m.kpos[i], m.vals[i])
			}
		}
	case listNode:
		for _, it := range m.items {
			c.merge(n, it)
		}
	}
}

// decodeTOML decodes TOML with BurntSushi/toml. Its values carry no
// positions, so tomlPositions finds them in the text.
func decodeTOML(data []byte, first int) (*node, error) {
	if at := tomlTooDeep(string(data)); at >= 0 {
		p := newLineIndex(data, first).pos(at)
		return nil, &syntaxError{line: p.line, col: p.col, msg: fmt.Sprintf("front matter is nested more than %d levels deep here: flatten it", maxDepth)}
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &syntaxError{line: pe.Position.Line + first - 1, col: tomlErrorCol(data, pe.Position), msg: "front matter is not valid TOML: " + pe.Message}
		}
		return nil, &syntaxError{line: first, msg: "front matter is not valid TOML: " + err.Error()}
	}
	ps, raw := tomlPositions(data, first)
	root := fromTOML(m, ps, raw, nil, 0)
	root.line, root.col = first, 1
	if len(root.kpos) > 0 {
		root.line, root.col = root.kpos[0].line, root.kpos[0].col
	}
	return root, nil
}

// tomlErrorCol is the column of a TOML error; BurntSushi/toml sometimes
// gives one past the end of the line, and then the line's first character
// is the better guess.
func tomlErrorCol(data []byte, p toml.Position) int {
	lines := bytes.Split(data, []byte("\n"))
	if p.Line < 1 || p.Line > len(lines) {
		return 0
	}
	line := bytes.TrimRight(lines[p.Line-1], "\r")
	if p.Col <= utf8.RuneCount(line)+1 {
		return p.Col
	}
	indent := len(line) - len(bytes.TrimLeft(line, " \t"))
	return 1 + indent
}

// fromTOML turns a decoded TOML value at path into a node, with the
// positions found by tomlPositions.
func fromTOML(v any, ps map[string]tomlPos, raw map[string]string, path []any, depth int) *node {
	p := lookup(ps, path)
	n := &node{line: p.val.line, col: p.val.col}
	if depth > maxDepth {
		n.kind = nullNode
		return n
	}
	sub := func(k any) []any { return append(path[:len(path):len(path)], k) }
	switch v := v.(type) {
	case map[string]any:
		n.kind = mapNode
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			pi, pj := lookup(ps, sub(keys[i])).key, lookup(ps, sub(keys[j])).key
			if pi != pj {
				return pi.line < pj.line || pi.line == pj.line && pi.col < pj.col
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			n.addKey(k, lookup(ps, sub(k)).key, fromTOML(v[k], ps, raw, sub(k), depth+1))
		}
	case []map[string]any:
		n.kind = listNode
		for i, it := range v {
			n.items = append(n.items, fromTOML(it, ps, raw, sub(i), depth+1))
		}
	case []any:
		n.kind = listNode
		for i, it := range v {
			n.items = append(n.items, fromTOML(it, ps, raw, sub(i), depth+1))
		}
	case nil:
		n.kind = nullNode
	case string:
		n.value, n.str = v, true
	case int64:
		n.value = strconv.FormatInt(v, 10)
		if text, ok := raw[pathKey(path)]; ok && text != n.value {
			n.value = strings.ReplaceAll(text, "_", "") // 0x10 is no amount; 1_000 is 1000
		}
	case float64:
		// The number as typed (BurntSushi/toml gives a float, which is not
		// exact); "1e3" and "0x10" then fail as numbers should.
		if text, ok := raw[pathKey(path)]; ok {
			n.value = strings.ReplaceAll(text, "_", "")
		} else if math.IsInf(v, 0) || math.IsNaN(v) {
			n.value = fmt.Sprint(v)
		} else {
			n.value = strconv.FormatFloat(v, 'f', -1, 64)
		}
	case bool:
		n.value = strconv.FormatBool(v)
	case time.Time:
		// TOML's local dates and times are in the site's zone, as the
		// same text in YAML would be.
		switch v.Location().String() {
		case "date-local":
			n.value = v.Format("2006-01-02")
		case "datetime-local":
			n.value = v.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			n.value = v.Format("15:04:05.999999999")
		default:
			n.value = v.Format(time.RFC3339Nano)
		}
	default:
		n.value = fmt.Sprint(v)
	}
	return n
}

// decodeJSON decodes JSON token by token, keeping numbers as written and
// every value's position. first is the line of the file where data starts.
func decodeJSON(data []byte, first int) (*node, error) {
	c := &jsonConv{dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineIndex(data, first)}
	c.dec.UseNumber()
	n, err := c.value(0)
	if err != nil {
		return nil, c.error(err)
	}
	at := c.next()
	if _, err := c.dec.Token(); err != io.EOF {
		return nil, &syntaxError{line: at.line, col: at.col, msg: "front matter is not valid JSON: there is more after the end of the object: remove it, or move it after the front matter"}
	}
	return n, nil
}

type jsonConv struct {
	dec   *json.Decoder
	lines *lineIndex
	open  []pos // the { and [ not closed yet
}

// next returns the position of the next token: after the last one, spaces,
// commas and colons.
func (c *jsonConv) next() pos {
	text, i := c.lines.text, int(c.dec.InputOffset())
	for i < len(text) && strings.IndexByte(" \t\r\n,:", text[i]) >= 0 {
		i++
	}
	return c.lines.pos(i)
}

// error positions a JSON syntax error: at the character after the last good
// token, or at the { or [ never closed.
func (c *jsonConv) error(err error) error {
	if se, ok := err.(*syntaxError); ok {
		return se
	}
	at, msg := c.next(), err.Error()
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		msg = "it ends before its last } or ]: close every { with } and every [ with ]"
		if len(c.open) > 0 {
			at = c.open[len(c.open)-1]
			msg = "this { or [ is never closed: close every { with } and every [ with ]"
		}
	}
	return &syntaxError{line: at.line, col: at.col, msg: "front matter is not valid JSON: " + msg}
}

func (c *jsonConv) value(depth int) (*node, error) {
	at := c.next()
	tok, err := c.dec.Token()
	if err != nil {
		return nil, err
	}
	n := &node{line: at.line, col: at.col}
	if depth > maxDepth {
		return nil, &syntaxError{line: at.line, col: at.col, msg: fmt.Sprintf("front matter is nested more than %d levels deep: flatten it", maxDepth)}
	}
	switch tok := tok.(type) {
	case json.Delim:
		c.open = append(c.open, at)
		switch tok {
		case '{':
			n.kind = mapNode
			for c.dec.More() {
				kat := c.next()
				k, err := c.dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := k.(string)
				v, err := c.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.addKey(key, kat, v)
			}
		case '[':
			n.kind = listNode
			for c.dec.More() {
				v, err := c.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, v)
			}
		}
		if _, err := c.dec.Token(); err != nil { // the closing } or ]
			return nil, err
		}
		c.open = c.open[:len(c.open)-1]
	case string:
		n.kind, n.value, n.str = scalarNode, tok, true
	case json.Number:
		n.kind, n.value = scalarNode, tok.String()
	case bool:
		n.kind, n.value = scalarNode, strconv.FormatBool(tok)
	case nil:
		n.kind = nullNode
	}
	return n, nil
}
