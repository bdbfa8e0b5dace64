package field

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/impactblog/impactblog/internal/tree"
)

// controlNames are the names of the C0 control characters, and DEL.
var controlNames = [...]string{"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"}

// Control returns the first control character of s, as "U+001B ESC",
// and its place in s, counted in characters from 1; "" when there is none.
// Tab and line breaks are allowed when lines is true, as text may hold
// them. A control character printed by a terminal can clear it or hide
// text, and a spreadsheet or feed reader may choke on one.
func Control(s string, lines bool) (string, int) {
	n := 0
	for i, c := range s {
		n++
		switch {
		case lines && (c == '\t' || c == '\n' || c == '\r' && strings.HasPrefix(s[i:], "\r\n")):
		case c < 0x20:
			return fmt.Sprintf("U+%04X %s", c, controlNames[c]), n
		case c == 0x7f:
			return "U+007F DEL", n
		case c >= 0x80 && c < 0xa0:
			return fmt.Sprintf("U+%04X", c), n
		}
	}
	return "", 0
}

// Printable escapes the control characters of a decoder's message, which
// may quote the writer's text: "'\\\n'", not a line break.
func Printable(msg string) string {
	if c, _ := Control(msg, false); c == "" {
		return msg
	}
	var b strings.Builder
	for _, c := range msg {
		if c < 0x20 || c >= 0x7f && c < 0xa0 {
			q := strconv.QuoteRune(c)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// CheckText reports what the text value v of key may not hold: a control
// character; a bidirectional override or isolate, which can make a name
// or a figure read otherwise than it is; and, unless r.Lines lets it hold
// line breaks (the lines column of its key's row), a line break, which
// would split a line of impact.csv or of totals.
func (r *Reader) CheckText(v *tree.Node, key string) {
	if c, at := Control(v.Value, true); c != "" {
		r.Errorf(v, "%s holds a control character (%s) at character %d: remove it", key, c, at)
		return
	}
	if c, at := bidi(v.Value); c != "" {
		r.Errorf(v, "%s holds %s at character %d: remove it", key, c, at)
		return
	}
	if r.Lines {
		return
	}
	switch i := strings.IndexAny(v.Value, "\r\n\u2028\u2029"); {
	case i < 0:
	case strings.TrimRight(v.Value, "\r\n") == v.Value[:i] && r.Format == "YAML":
		r.Errorf(v, "%s ends with a line break: write it on one line, without one (>- or |- rather than > or |)", key)
	case strings.TrimRight(v.Value, "\r\n") == v.Value[:i]:
		r.Errorf(v, "%s ends with a line break: write it on one line, without one", key)
	default:
		r.Errorf(v, "%s is on more than one line: write it on one line", key)
	}
}

// bidiNames are the names of the bidirectional embeddings, overrides and
// isolates, U+202A to U+202E and U+2066 to U+2069.
var bidiNames = map[rune]string{
	0x202a: "LEFT-TO-RIGHT EMBEDDING", 0x202b: "RIGHT-TO-LEFT EMBEDDING", 0x202c: "POP DIRECTIONAL FORMATTING",
	0x202d: "LEFT-TO-RIGHT OVERRIDE", 0x202e: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
}

// bidi returns the first bidirectional override or isolate of s, as
// "U+202E RIGHT-TO-LEFT OVERRIDE", and its place in s, counted in
// characters from 1; "" when there is none.
func bidi(s string) (string, int) {
	n := 0
	for _, c := range s {
		n++
		if c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 {
			return fmt.Sprintf("U+%04X %s", c, bidiNames[c]), n
		}
	}
	return "", 0
}

// CheckKeyText reports every key of n, at any depth, that holds a control
// character or a bidirectional override or isolate.
func (r *Reader) CheckKeyText(n *tree.Node) {
	for i, k := range n.Keys {
		if c, at := Control(k, false); c != "" {
			r.Problems.Add(r.File, n.KeyPos[i].Line, n.KeyPos[i].Col, "a key holds a control character (%s) at character %d: remove it", c, at)
		} else if c, at := bidi(k); c != "" {
			r.Problems.Add(r.File, n.KeyPos[i].Line, n.KeyPos[i].Col, "a key holds %s at character %d: remove it", c, at)
		}
		r.CheckKeyText(n.Vals[i])
	}
	for _, it := range n.Items {
		r.CheckKeyText(it)
	}
}
