// Package tree is a positioned tree of values decoded from YAML, TOML or
// JSON: what front matter and site.toml are read into.
//
// A [Node] is one value, whatever the format it was written in: a table of
// keys ([Map]), a list ([List]), a single value ([Scalar]) or nothing
// ([Null]). Every node keeps the line and column (1-based, in characters)
// where the writer typed it, and a table keeps the position of each of its
// keys, in the order they were written, duplicates included, so that a
// reader can report every problem at once, at the place to fix it.
//
// A scalar keeps its text as written: "31.4" stays "31.4", "1_000" in TOML
// is "1000", 0x10 and 1e3 stay as typed so that they fail as amounts, and
// dates keep their text. Str says whether the value was a string (quoted,
// or a YAML !!str); true, false and plain numbers are not.
//
// [DecodeYAML], [DecodeTOML] and [DecodeJSON] take the text and the line of
// the file where it starts, and return the root node or a [*SyntaxError] at
// the place of the mistake, with a message in plain English that says what
// to do, and no control character. The messages name the text "front
// matter"; a reader of another file (site.toml) names it in its position.
//
// Each format has one reader, which gives values and positions at once:
// YAML through yaml.v3's Node, JSON token by token with encoding/json, and
// TOML through go-toml's parser (pelletier/go-toml/v2/unstable), whose
// every key and value comes with its place in the text. TOML's rules about
// tables are checked as the tree is built: a key or a [table] given twice,
// a value that is also a table, an inline table added to later, [[list]]
// over a table, and dates that are not. No input makes them run long or use much memory: values nest at
// most [MaxDepth] levels deep, and YAML's aliases expand to at most
// [MaxNodes] values.
package tree

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// A Node is one value, whatever its format, with the position where the
// writer typed it.
type Node struct {
	Kind   Kind
	Value  string // a scalar's text as written ("31.4", "2020-12-01", "PUR Projet")
	Str    bool   // the scalar was quoted, or came from a string
	Quoted bool   // the scalar was written in quotes: its text starts at Col+1
	Keys   []string
	KeyPos []Pos   // where each key was typed, parallel to Keys
	Vals   []*Node // map values, parallel to Keys
	Items  []*Node // list items
	Line   int
	Col    int
}

// A Pos is a 1-based line and column (in characters) of the file.
type Pos struct{ Line, Col int }

// A Kind is what a node holds.
type Kind int

const (
	Scalar Kind = iota // a single value: text, a number, a boolean, a date
	Map                // a table of keys
	List               // a list of values
	Null               // nothing: an empty value, or YAML's null
)

// String says what the kind is, for a message to a writer ("not a list").
func (k Kind) String() string {
	switch k {
	case Map:
		return "a table of keys"
	case List:
		return "a list"
	case Null:
		return "empty"
	}
	return "a single value"
}

// Get returns the value of key in a map node, or nil; with a key given
// twice, the first.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for i, k := range n.Keys {
		if k == key {
			return n.Vals[i]
		}
	}
	return nil
}

// addKey appends key, typed at kp, with its value.
func (n *Node) addKey(key string, kp Pos, v *Node) {
	n.Keys = append(n.Keys, key)
	n.KeyPos = append(n.KeyPos, kp)
	n.Vals = append(n.Vals, v)
}

// ToAny turns the node into plain Go values for templates: a map, a slice,
// nil, a bool or an int64 for a plain true, false or integer, and a string
// for every other scalar.
func (n *Node) ToAny() any {
	switch n.Kind {
	case Map:
		m := make(map[string]any, len(n.Keys))
		for i, k := range n.Keys {
			m[k] = n.Vals[i].ToAny()
		}
		return m
	case List:
		l := make([]any, len(n.Items))
		for i, it := range n.Items {
			l[i] = it.ToAny()
		}
		return l
	case Null:
		return nil
	}
	if !n.Str {
		if n.Value == "true" {
			return true
		}
		if n.Value == "false" {
			return false
		}
		if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			return i
		}
	}
	return n.Value
}

// A SyntaxError is a syntax error at a line and column of the file (Col 0
// when only the line is known, Line 0 when neither is).
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string { return e.Msg }

// MaxNodes bounds the values of one text, aliases expanded, so that a few
// YAML aliases cannot make it explode.
const MaxNodes = 10000

// MaxDepth bounds how deeply values may nest.
const MaxDepth = 200

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

// pos returns the line and column (in characters) of the byte at offset,
// or of the character it is part of.
func (x *lineIndex) pos(offset int) Pos {
	offset = max(0, min(offset, len(x.text)))
	for offset > 0 && offset < len(x.text) && !utf8.RuneStart(x.text[offset]) {
		offset--
	}
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > offset }) - 1
	return Pos{Line: x.first + i, Col: 1 + utf8.RuneCount(x.text[x.starts[i]:offset])}
}
