package tree

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// DecodeTOML decodes TOML with BurntSushi/toml. Its values carry no
// positions, so tomlPositions finds them in the text.
func DecodeTOML(data []byte, first int) (*Node, error) {
	if at := tomlTooDeep(string(data)); at >= 0 {
		p := newLineIndex(data, first).pos(at)
		return nil, &SyntaxError{Line: p.Line, Col: p.Col, Msg: fmt.Sprintf("front matter is nested more than %d levels deep here: flatten it", MaxDepth)}
	}
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &SyntaxError{Line: pe.Position.Line + first - 1, Col: tomlErrorCol(data, pe.Position), Msg: "front matter is not valid TOML: " + pe.Message}
		}
		return nil, &SyntaxError{Line: first, Msg: "front matter is not valid TOML: " + err.Error()}
	}
	ps, raw := tomlPositions(data, first)
	root := fromTOML(m, ps, raw, nil, 0)
	root.Line, root.Col = first, 1
	if len(root.KeyPos) > 0 {
		root.Line, root.Col = root.KeyPos[0].Line, root.KeyPos[0].Col
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

// fromTOML turns a decoded TOML value at path into a Node, with the
// positions found by tomlPositions.
func fromTOML(v any, ps map[string]tomlPos, raw map[string]string, path []any, depth int) *Node {
	p := lookup(ps, path)
	n := &Node{Line: p.val.Line, Col: p.val.Col}
	if depth > MaxDepth {
		n.Kind = Null
		return n
	}
	sub := func(k any) []any { return append(path[:len(path):len(path)], k) }
	switch v := v.(type) {
	case map[string]any:
		n.Kind = Map
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			pi, pj := lookup(ps, sub(keys[i])).key, lookup(ps, sub(keys[j])).key
			if pi != pj {
				return pi.Line < pj.Line || pi.Line == pj.Line && pi.Col < pj.Col
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			n.addKey(k, lookup(ps, sub(k)).key, fromTOML(v[k], ps, raw, sub(k), depth+1))
		}
	case []map[string]any:
		n.Kind = List
		for i, it := range v {
			n.Items = append(n.Items, fromTOML(it, ps, raw, sub(i), depth+1))
		}
	case []any:
		n.Kind = List
		for i, it := range v {
			n.Items = append(n.Items, fromTOML(it, ps, raw, sub(i), depth+1))
		}
	case nil:
		n.Kind = Null
	case string:
		n.Value, n.Str = v, true
	case int64:
		n.Value = strconv.FormatInt(v, 10)
		if text, ok := raw[pathKey(path)]; ok && text != n.Value {
			n.Value = strings.ReplaceAll(text, "_", "") // 0x10 is no amount; 1_000 is 1000
		}
	case float64:
		// The number as typed (BurntSushi/toml gives a float, which is not
		// exact); "1e3" and "0x10" then fail as numbers should.
		if text, ok := raw[pathKey(path)]; ok {
			n.Value = strings.ReplaceAll(text, "_", "")
		} else if math.IsInf(v, 0) || math.IsNaN(v) {
			n.Value = fmt.Sprint(v)
		} else {
			n.Value = strconv.FormatFloat(v, 'f', -1, 64)
		}
	case bool:
		n.Value = strconv.FormatBool(v)
	case time.Time:
		// TOML's local dates and times are in the site's zone, as the
		// same text in YAML would be.
		switch v.Location().String() {
		case "date-local":
			n.Value = v.Format("2006-01-02")
		case "datetime-local":
			n.Value = v.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			n.Value = v.Format("15:04:05.999999999")
		default:
			n.Value = v.Format(time.RFC3339Nano)
		}
	default:
		n.Value = fmt.Sprint(v)
	}
	return n
}
