package tree

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DecodeYAML decodes YAML through yaml.Node, which keeps every value's line.
func DecodeYAML(data []byte, first int) (*Node, error) {
	// YAML ends a line at a CR alone, as old Macs did; the lines of a
	// problem are counted in LFs, as editors and terminals count them.
	for i := bytes.IndexByte(data, '\r'); i >= 0; i = nextCR(data, i) {
		if i+1 == len(data) || data[i+1] != '\n' {
			p := newLineIndex(data, first).pos(i)
			return nil, &SyntaxError{Line: p.Line, Col: p.Col, Msg: "front matter has a line ending that is a carriage return (CR) alone: save the file with LF or CRLF line endings"}
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(data, err, first)
	}
	if len(doc.Content) == 0 {
		return &Node{Kind: Map, Line: first, Col: 1}, nil
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
			return &SyntaxError{Line: l + first - 1, Col: col, Msg: "front matter is not valid YAML: this line is indented with a tab: indent with spaces, not tabs"}
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
	return &SyntaxError{Line: line, Msg: "front matter is not valid YAML: " + msg}
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

func (c *yamlConv) fail(y *yaml.Node, format string, args ...any) *Node {
	if c.err == nil {
		c.err = &SyntaxError{Line: y.Line + c.offset, Col: y.Column, Msg: fmt.Sprintf(format, args...)}
	}
	return &Node{Kind: Null, Line: y.Line + c.offset, Col: y.Column}
}

func (c *yamlConv) node(y *yaml.Node, depth int) *Node {
	c.count++
	if c.err != nil {
		return &Node{Kind: Null}
	}
	if c.count > MaxNodes {
		return c.fail(y, "front matter is too large once its aliases (*name) are expanded: write the values out instead")
	}
	if depth > MaxDepth {
		return c.fail(y, "front matter is nested more than %d levels deep: flatten it", MaxDepth)
	}
	n := &Node{Line: y.Line + c.offset, Col: y.Column}
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
			n.Kind = Null
			return n
		}
		return c.node(y.Content[0], depth+1)
	case yaml.MappingNode:
		n.Kind = Map
		var merged []*Node
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Tag == "!!merge" {
				merged = append(merged, c.node(v, depth+1))
				continue
			}
			val := c.node(v, depth+1)
			if val.Kind == Null {
				// An empty value sits at its key.
				val.Line, val.Col = k.Line+c.offset, k.Column
			}
			n.addKey(k.Value, Pos{k.Line + c.offset, k.Column}, val)
		}
		for _, m := range merged {
			c.merge(n, m)
		}
	case yaml.SequenceNode:
		n.Kind = List
		for _, it := range y.Content {
			n.Items = append(n.Items, c.node(it, depth+1))
		}
	case yaml.ScalarNode:
		if y.Tag == "!!null" {
			n.Kind = Null
			return n
		}
		n.Kind = Scalar
		n.Value = y.Value
		n.Quoted = y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
		n.Str = n.Quoted || y.Tag == "!!str"
	default:
		n.Kind = Null
	}
	return n
}

// merge adds the keys of m (a table, or a list of tables) that n does not
// have yet to n, for "<<: *base": the keys written in n win.
func (c *yamlConv) merge(n, m *Node) {
	switch m.Kind {
	case Map:
		for i, k := range m.Keys {
			if n.Get(k) == nil {
				n.addKey(k, m.KeyPos[i], m.Vals[i])
			}
		}
	case List:
		for _, it := range m.Items {
			c.merge(n, it)
		}
	}
}
