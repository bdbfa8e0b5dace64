package tree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// DecodeJSON decodes JSON token by token, keeping numbers as written and
// every value's position. first is the line of the file where data starts.
func DecodeJSON(data []byte, first int) (*Node, error) {
	c := &jsonConv{dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineIndex(data, first)}
	c.dec.UseNumber()
	n, err := c.value(0)
	if err != nil {
		return nil, c.error(err)
	}
	at := c.next()
	if _, err := c.dec.Token(); err != io.EOF {
		return nil, &SyntaxError{Line: at.Line, Col: at.Col, Msg: "front matter is not valid JSON: there is more after the end of the object: remove it, or move it after the front matter"}
	}
	return n, nil
}

type jsonConv struct {
	dec   *json.Decoder
	lines *lineIndex
	open  []Pos // the { and [ not closed yet
}

// next returns the position of the next token: after the last one, spaces,
// commas and colons.
func (c *jsonConv) next() Pos {
	text, i := c.lines.text, int(c.dec.InputOffset())
	for i < len(text) && strings.IndexByte(" \t\r\n,:", text[i]) >= 0 {
		i++
	}
	return c.lines.pos(i)
}

// error positions a JSON syntax error: at the character after the last good
// token, or at the { or [ never closed.
func (c *jsonConv) error(err error) error {
	if se, ok := err.(*SyntaxError); ok {
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
	return &SyntaxError{Line: at.Line, Col: at.Col, Msg: "front matter is not valid JSON: " + msg}
}

func (c *jsonConv) value(depth int) (*Node, error) {
	at := c.next()
	tok, err := c.dec.Token()
	if err != nil {
		return nil, err
	}
	n := &Node{Line: at.Line, Col: at.Col}
	if depth > MaxDepth {
		return nil, &SyntaxError{Line: at.Line, Col: at.Col, Msg: fmt.Sprintf("front matter is nested more than %d levels deep: flatten it", MaxDepth)}
	}
	switch tok := tok.(type) {
	case json.Delim:
		c.open = append(c.open, at)
		switch tok {
		case '{':
			n.Kind = Map
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
			n.Kind = List
			for c.dec.More() {
				v, err := c.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Items = append(n.Items, v)
			}
		}
		if _, err := c.dec.Token(); err != nil { // the closing } or ]
			return nil, err
		}
		c.open = c.open[:len(c.open)-1]
	case string:
		n.Kind, n.Value, n.Str, n.Quoted = Scalar, tok, true, true
	case json.Number:
		n.Kind, n.Value = Scalar, tok.String()
	case bool:
		n.Kind, n.Value = Scalar, strconv.FormatBool(tok)
	case nil:
		n.Kind = Null
	}
	return n, nil
}
