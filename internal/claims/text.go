package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A token is one word of a span: a maximal run of letters, digits and
// combining marks. Hyphens, apostrophes, punctuation and spaces separate
// tokens, so "eco-friendly" is two tokens and "greenhouse" is one.
type token struct {
	norm    string // lower case, NFKC ("CO₂" → "co2")
	rune0   int    // offset of the first character in the span, in runes
	byte0   int    // byte offsets in the span's text
	byte1   int
	upper   bool // the first letter is upper case
	number  bool // every character is a digit
	percent bool // a number followed by "%"
	hyphen  bool // followed by "-"
	// A quotation mark right before or after the word (spaces between
	// allowed, as in « neutre »).
	quoteBefore, quoteAfter bool
}

// quoteMarks open or close a quotation in en, fr and de.
const quoteMarks = "\"'“”„‚‘’«»‹›"

// spaces may sit between a word and its quotation mark.
const spaces = " \u00a0\u202f\u2009"

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// normWord lower-cases s after NFKC normalisation. ASCII, most words,
// needs no normalisation, and a word already in lower case no copy.
func normWord(s string) string {
	lower := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.ToLower(norm.NFKC.String(s))
		case 'A' <= c && c <= 'Z':
			lower = false
		}
	}
	if lower {
		return s
	}
	return strings.ToLower(s)
}

// tokenize splits text into tokens with their positions.
func tokenize(text string) []token {
	var toks []token
	runeIdx := 0
	start, startRune := -1, 0
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		first, _ := utf8.DecodeRuneInString(w)
		t := token{norm: normWord(w), rune0: startRune, byte0: start, byte1: end, upper: unicode.IsUpper(first), number: true}
		for _, r := range w {
			if !unicode.IsDigit(r) {
				t.number = false
				break
			}
		}
		t.hyphen = strings.HasPrefix(text[end:], "-")
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text[:start], spaces)); strings.ContainsRune(quoteMarks, r) {
			t.quoteBefore = true
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[end:], spaces)); strings.ContainsRune(quoteMarks, r) {
			t.quoteAfter = true
		}
		if t.number {
			rest := strings.TrimLeft(text[end:], spaces)
			t.percent = strings.HasPrefix(rest, "%")
		}
		toks = append(toks, t)
		start = -1
	}
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start, startRune = i, runeIdx
			}
		} else {
			flush(i)
		}
		runeIdx++
	}
	flush(len(text))
	return toks
}

// sentences returns the byte offsets at which the sentences of text end
// (exclusive), the last one being len(text). A sentence ends at ".", "!",
// "?" or "…" followed by a space or the end of the text, unless the "." ends
// an abbreviation of the language or sits between digits; a blank line also
// ends a sentence.
func sentences(text string, abbrev map[string]bool) []int {
	var ends []int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		next := i + size
		switch r {
		case '.', '!', '?', '…':
			// Closing quotes and brackets belong to the sentence.
			j := next
			for j < len(text) {
				c, sz := utf8.DecodeRuneInString(text[j:])
				if !strings.ContainsRune("\"'’”»)]", c) {
					break
				}
				j += sz
			}
			if j < len(text) {
				c, _ := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsSpace(c) {
					break
				}
			}
			if r == '.' && abbrev[normWord(lastWord(text[:i]))] {
				break
			}
			ends = append(ends, j)
			next = j
		case '\n':
			rest := strings.TrimLeft(text[next:], " \t\r")
			if strings.HasPrefix(rest, "\n") {
				ends = append(ends, i)
			}
		}
		i = next
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(text) {
		ends = append(ends, len(text))
	}
	return ends
}

// lastWord returns the word (letters and inner dots, as in "e.g") that ends s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) && r != '.' {
			break
		}
		i -= size
	}
	return strings.Trim(s[i:], ".")
}
