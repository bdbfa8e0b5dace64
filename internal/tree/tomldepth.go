package tree

import "strings"

// tomlTooDeep returns the offset in a TOML text, valid or not, where its
// values first nest more than MaxDepth levels deep, or -1. go-toml's parser
// allows 10,000 levels of arrays and inline tables, and none of table
// headers or dotted keys, so the text is measured before it is parsed, and
// the tree built from it never nests deeper than MaxDepth. A level is
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
