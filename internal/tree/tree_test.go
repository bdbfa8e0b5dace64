package tree

import (
	"errors"
	"strings"
	"testing"
)

// decoders by format, as front matter names them.
var decoders = map[string]func([]byte, int) (*Node, error){
	"YAML": DecodeYAML,
	"TOML": DecodeTOML,
	"JSON": DecodeJSON,
}

// TestDecode: the same values in each format keep their text, whether
// they were strings, their kind, and where they were typed.
func TestDecode(t *testing.T) {
	type val struct {
		path      []any
		kind      Kind
		value     string
		str       bool
		line, col int
	}
	for _, tt := range []struct {
		name   string
		format string
		src    string
		first  int
		keys   string // the root's keys, in order
		want   []val
	}{
		{
			name: "YAML", format: "YAML", first: 2,
			src:  "title: \"Impact: 2020\"\namount: 31.40\ndraft: false\ntags: [a, 'b']\nnone:\nimpact:\n  donations:\n    - recipient: Zoë\n      amount: 1_000\n",
			keys: "title amount draft tags none impact",
			want: []val{
				{[]any{"title"}, Scalar, "Impact: 2020", true, 2, 8},
				{[]any{"amount"}, Scalar, "31.40", false, 3, 9},
				{[]any{"draft"}, Scalar, "false", false, 4, 8},
				{[]any{"tags", 1}, Scalar, "b", true, 5, 11},
				{[]any{"none"}, Null, "", false, 6, 1}, // an empty value sits at its key
				{[]any{"impact", "donations", 0}, Map, "", false, 9, 7},
				{[]any{"impact", "donations", 0, "amount"}, Scalar, "1_000", false, 10, 15},
			},
		},
		{
			name: "YAML aliases and merges", format: "YAML", first: 1,
			src:  "base: &b {recipient: A, amount: 5}\nlist:\n  - <<: *b\n    amount: 6\n",
			keys: "base list",
			want: []val{
				{[]any{"list", 0, "amount"}, Scalar, "6", false, 4, 13},
				{[]any{"list", 0, "recipient"}, Scalar, "A", true, 1, 22}, // a plain YAML string is a !!str,
			},
		},
		{
			name: "TOML", format: "TOML", first: 2,
			src:  "title = \"Impact: 2020\"\namount = 31.40\nbig = 12345678901234567.89\nn = 1_000\nhex = 0x10\ndraft = false\nday = 2020-12-01\n[[impact.donations]]\nrecipient = 'Zoë'\n",
			keys: "title amount big n hex draft day impact",
			want: []val{
				{[]any{"title"}, Scalar, "Impact: 2020", true, 2, 9},
				{[]any{"amount"}, Scalar, "31.40", false, 3, 10},
				{[]any{"big"}, Scalar, "12345678901234567.89", false, 4, 7},
				{[]any{"n"}, Scalar, "1000", false, 5, 5},
				{[]any{"hex"}, Scalar, "0x10", false, 6, 7},
				{[]any{"draft"}, Scalar, "false", false, 7, 9},
				{[]any{"day"}, Scalar, "2020-12-01", false, 8, 7},
				{[]any{"impact", "donations", 0}, Map, "", false, 9, 1},
				{[]any{"impact", "donations", 0, "recipient"}, Scalar, "Zoë", true, 10, 13},
			},
		},
		{
			name: "TOML tables, dotted keys, arrays and dates", format: "TOML", first: 1,
			src: "[a.b]\nx = 1\n[a]\nc.d = [[1, 2], [ # c\n  3], []]\ne = {f = [], g = [{}, [4]]}\n" +
				"ld = 1979-05-27t07:32:00\nod = 1979-05-27 07:32:00.5z\nlt = 07:32:00\n[[l]]\n[[l]]\ny = 0x1F\n",
			keys: "a l",
			want: []val{
				{[]any{"a"}, Map, "", false, 1, 1}, // at the header that named it first
				{[]any{"a", "b", "x"}, Scalar, "1", false, 2, 5},
				{[]any{"a", "c"}, Map, "", false, 4, 1},
				{[]any{"a", "c", "d"}, List, "", false, 4, 7},
				{[]any{"a", "c", "d", 1}, List, "", false, 4, 16},
				{[]any{"a", "c", "d", 1, 0}, Scalar, "3", false, 5, 3},
				{[]any{"a", "c", "d", 2}, List, "", false, 5, 7},
				{[]any{"a", "e", "g", 1}, List, "", false, 6, 23},
				{[]any{"a", "e", "g", 1, 0}, Scalar, "4", false, 6, 24},
				{[]any{"a", "ld"}, Scalar, "1979-05-27T07:32:00", false, 7, 6},
				{[]any{"a", "od"}, Scalar, "1979-05-27T07:32:00.5Z", false, 8, 6},
				{[]any{"a", "lt"}, Scalar, "07:32:00", false, 9, 6},
				{[]any{"l", 1}, Map, "", false, 11, 1},
				{[]any{"l", 1, "y"}, Scalar, "0x1F", false, 12, 5},
			},
		},
		{
			name: "JSON", format: "JSON", first: 1,
			src:  "{\"title\": \"Café\", \"amount\": 31.40, \"draft\": false, \"none\": null,\n \"impact\": {\"donations\": [{\"amount\": \"5\"}]}}",
			keys: "title amount draft none impact",
			want: []val{
				{[]any{"title"}, Scalar, "Café", true, 1, 11},
				{[]any{"amount"}, Scalar, "31.40", false, 1, 29},
				{[]any{"draft"}, Scalar, "false", false, 1, 45},
				{[]any{"none"}, Null, "", false, 1, 60},
				{[]any{"impact", "donations", 0, "amount"}, Scalar, "5", true, 2, 38},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root, err := decoders[tt.format]([]byte(tt.src), tt.first)
			if err != nil {
				t.Fatal(err)
			}
			if have := strings.Join(root.Keys, " "); have != tt.keys {
				t.Errorf("keys have: %s want: %s", have, tt.keys)
			}
			for _, w := range tt.want {
				n := at(t, root, w.path...)
				if n.Kind != w.kind || n.Value != w.value || n.Str != w.str || n.Line != w.line || n.Col != w.col {
					t.Errorf("%v have: %v %q str=%v at %d:%d want: %v %q str=%v at %d:%d", w.path, n.Kind, n.Value, n.Str, n.Line, n.Col, w.kind, w.value, w.str, w.line, w.col)
				}
			}
		})
	}
}

// TestDecodeErrors: a mistake, or text too deep or too large once
// expanded, is a *SyntaxError at its place, and no decoder takes long.
func TestDecodeErrors(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	aliases := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for _, c := range "bcdef" {
		prev := string(c - 1)
		aliases += string(c) + ": &" + string(c) + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", ") + "]\n"
	}
	for _, tt := range []struct {
		name, format, src string
		line, col         int
		msg               string
	}{
		{"YAML quote never closed", "YAML", "title: x\nsummary: \"open\nk: v\n", 3, 0, "front matter is not valid YAML: "},
		{"YAML tab", "YAML", "a:\n\tb: 1\n", 3, 1, "front matter is not valid YAML: this line is indented with a tab"},
		{"YAML CR alone", "YAML", "a: 1\rb: 2\n", 2, 5, "front matter has a line ending that is a carriage return (CR) alone"},
		{"YAML too deep", "YAML", "x: " + deep("[", "]", 300) + "\n", 2, 204, "front matter is nested more than 200 levels deep"},
		{"YAML aliases expand too far", "YAML", aliases, 2, 11, "front matter is too large once its aliases (*name) are expanded"},
		{"YAML alias in its own anchor", "YAML", "a: &a [*a]\n", 2, 8, "alias *a is used inside its own anchor &a"},
		{"TOML bad value", "TOML", "title = \"x\"\namount = £5\n", 3, 10, "front matter is not valid TOML: "},
		{"TOML too deep", "TOML", "x = " + deep("{a=", "}", 300) + "\n", 2, 605, "front matter is nested more than 200 levels deep here"},
		{"TOML key given twice", "TOML", "a = 1\n[t]\nx = 1\n  x = 2\n", 5, 3, `front matter is not valid TOML: "x" is given twice (also at line 4): keep one`},
		{"TOML table given twice", "TOML", "[t]\n[t]\n", 3, 1, "front matter is not valid TOML: the table [t] is given twice (also at line 2): keep one, or write [[t]] for a list of tables"},
		{"TOML a value, then a table", "TOML", "t = 1\n[t.u]\n", 3, 2, `front matter is not valid TOML: "t" is already a single value (line 2): it cannot also hold the table [t.u]`},
		{"TOML an inline table added to", "TOML", "t = {a = 1}\nt.b = 2\n", 3, 1, `front matter is not valid TOML: "t" is already an inline table { … }, which cannot be added to (line 2): it cannot also hold t.b`},
		{"TOML a table, then a list of tables", "TOML", "[t]\n[[t]]\n", 3, 1, `front matter is not valid TOML: "t" is already a table of keys (line 2): it cannot also be a list of tables [[t]]`},
		{"TOML a dotted key into a header's table", "TOML", "[a.b]\nx = 1\n[a]\nb.y = 2\n", 5, 1, `front matter is not valid TOML: "b" is already a table of keys (line 2): it cannot also hold b.y`},
		{"TOML a header over a dotted key's table", "TOML", "a.b = 1\n[a]\n", 3, 1, `front matter is not valid TOML: "a" is already a table made by a dotted key (line 2): it cannot also be the table [a]`},
		{"TOML a day that is not", "TOML", "d = 2021-02-30\n", 2, 5, "front matter is not valid TOML: 2021-02-30 is not a date and time"},
		{"TOML an hour of one digit", "TOML", "d = 2021-02-03T1:30:00Z\n", 2, 5, "front matter is not valid TOML: 2021-02-03T1:30:00Z is not a date and time"},
		{"TOML a number too large", "TOML", "n = 12345678901234567890\n", 2, 5, `front matter is not valid TOML: the number 12345678901234567890 is too large to read: write it in quotes, as "12345678901234567890"`},
		{"TOML text without quotes", "TOML", "title = Our year\n", 2, 9, `front matter is not valid TOML: unexpected character "O" at the start of a value: text must be in quotes`},
		{"TOML a value missing", "TOML", "title =\n", 2, 8, `front matter is not valid TOML: a value is missing after "="`},
		{"TOML a control character, escaped", "TOML", "a = \"\x1b\"\n", 2, 6, `front matter is not valid TOML: basic strings cannot have control characters`},
		{"TOML an unclosed header", "TOML", "[a\n", 2, 3, `front matter is not valid TOML: expected ']' to close table name: a table's name is written [name] or [[name]], alone on its line`},
		{"JSON never closed", "JSON", "{\"a\": [1, 2\n", 2, 7, "front matter is not valid JSON: this { or [ is never closed"},
		{"JSON too deep", "JSON", "{\"a\": " + deep("[", "]", 300) + "}", 2, 207, "front matter is nested more than 200 levels deep"},
		{"JSON more after the end", "JSON", "{}\n{}", 3, 1, "front matter is not valid JSON: there is more after the end"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decoders[tt.format]([]byte(tt.src), 2)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("have: %v want: a *SyntaxError", err)
			}
			if se.Line != tt.line || se.Col != tt.col || !strings.HasPrefix(se.Msg, tt.msg) {
				t.Errorf("have: %d:%d: %s want: %d:%d: %s…", se.Line, se.Col, se.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

// TestToAny: plain values for templates.
func TestToAny(t *testing.T) {
	root, err := DecodeYAML([]byte("a: 5\nb: \"5\"\nc: true\nd: 1.5\ne: [x]\nf:\n"), 1)
	if err != nil {
		t.Fatal(err)
	}
	m := root.ToAny().(map[string]any)
	for k, want := range map[string]any{"a": int64(5), "b": "5", "c": true, "d": "1.5", "f": nil} {
		if m[k] != want {
			t.Errorf("%s have: %#v want: %#v", k, m[k], want)
		}
	}
	if l, ok := m["e"].([]any); !ok || len(l) != 1 || l[0] != "x" {
		t.Errorf("e have: %#v want: [x]", m["e"])
	}
}
