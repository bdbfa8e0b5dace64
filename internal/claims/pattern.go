package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A pattern is one phrase of a rules file, compiled: a sequence of word
// patterns that must match consecutive tokens of one sentence.
//
// Phrase syntax, word by word (words are separated by spaces, hyphens and
// apostrophes, exactly as text is split into tokens):
//
//	neutral       the word itself, any case
//	neutre~       the word plus one of the language's inflection suffixes
//	              (fr: "", s, e, es → neutre, neutres)
//	umwelt*       any word that begins with "umwelt" (word classes only)
//	vert|verte    one of the alternatives (each may carry ~ or *)
type pattern struct {
	text  string
	words [][]wordPat
}

type wordPat struct {
	word   string
	suffix bool // ~: word + one of the language's suffixes
	prefix bool // *: any word beginning with word
}

// splitPhrase splits a phrase the way tokenize splits text, keeping the
// pattern marks ~, * and | inside words.
func splitPhrase(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !isWordRune(r) && !strings.ContainsRune("~*|", r)
	})
}

func compilePattern(phrase string) pattern {
	p := pattern{text: phrase}
	for _, w := range splitPhrase(phrase) {
		var alts []wordPat
		for _, a := range strings.Split(w, "|") {
			if a == "" {
				continue
			}
			wp := wordPat{}
			switch {
			case strings.HasSuffix(a, "~"):
				wp.suffix, a = true, strings.TrimSuffix(a, "~")
			case strings.HasSuffix(a, "*"):
				wp.prefix, a = true, strings.TrimSuffix(a, "*")
			}
			wp.word = normWord(a)
			alts = append(alts, wp)
		}
		if len(alts) > 0 {
			p.words = append(p.words, alts)
		}
	}
	return p
}

func (w wordPat) match(tok string, suffixes []string) bool {
	switch {
	case w.prefix:
		return strings.HasPrefix(tok, w.word)
	case w.suffix:
		rest, ok := strings.CutPrefix(tok, w.word)
		if !ok {
			return false
		}
		for _, s := range suffixes {
			if rest == s {
				return true
			}
		}
		return false
	}
	return tok == w.word
}

// matchAt reports how many tokens p matches at toks[i:], or 0.
func (p pattern) matchAt(toks []token, i int, suffixes []string) int {
	if len(p.words) == 0 || i+len(p.words) > len(toks) {
		return 0
	}
	for j, alts := range p.words {
		ok := false
		for _, a := range alts {
			if a.match(toks[i+j].norm, suffixes) {
				ok = true
				break
			}
		}
		if !ok {
			return 0
		}
	}
	return len(p.words)
}

// A phraseSet is a list of patterns, longest first, with the patterns
// that may start at a token indexed by the token's first byte: a
// sentence is tried against the few phrases that can match it, not all.
type phraseSet struct {
	pats  []pattern
	first *[256][]int32 // first byte of a token → the patterns that may start there, in order
}

func compileSet(phrases []string) phraseSet {
	var s phraseSet
	for _, ph := range phrases {
		if p := compilePattern(ph); len(p.words) > 0 {
			s.pats = append(s.pats, p)
		}
	}
	// Longest first, so "carbon neutral" wins over "neutral" at one position.
	for i := 1; i < len(s.pats); i++ {
		for j := i; j > 0 && len(s.pats[j].words) > len(s.pats[j-1].words); j-- {
			s.pats[j], s.pats[j-1] = s.pats[j-1], s.pats[j]
		}
	}
	s.first = new([256][]int32)
	for i, p := range s.pats {
		var bytes []byte // the first bytes its first word may have; all of them when one is ""
		for _, a := range p.words[0] {
			if a.word == "" {
				bytes = nil
				for b := range 256 {
					bytes = append(bytes, byte(b))
				}
				break
			}
			bytes = append(bytes, a.word[0])
		}
		for _, b := range bytes {
			if l := s.first[b]; len(l) == 0 || l[len(l)-1] != int32(i) {
				s.first[b] = append(l, int32(i))
			}
		}
	}
	return s
}

// len is the number of patterns.
func (s phraseSet) len() int { return len(s.pats) }

// startingAt are the patterns that may match at toks[i], in order.
func (s phraseSet) startingAt(toks []token, i int) []int32 {
	if len(toks[i].norm) == 0 || s.first == nil {
		return nil
	}
	return s.first[toks[i].norm[0]]
}

// A match is a run of tokens [i, j) of a sentence.
type match struct{ i, j int }

// find returns the non-overlapping matches of s in toks, left to right.
func (s phraseSet) find(toks []token, suffixes []string) []match {
	var ms []match
	for i := 0; i < len(toks); {
		n := 0
		for _, k := range s.startingAt(toks, i) {
			if n = s.pats[k].matchAt(toks, i, suffixes); n > 0 {
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		ms = append(ms, match{i, i + n})
		i += n
	}
	return ms
}

// any reports whether s matches anywhere in toks.
func (s phraseSet) any(toks []token, suffixes []string) bool {
	for i := range toks {
		if s.matchStart(toks, i, suffixes) {
			return true
		}
	}
	return false
}

// matchStart reports whether a pattern of s matches at toks[i].
func (s phraseSet) matchStart(toks []token, i int, suffixes []string) bool {
	if i >= len(toks) {
		return false
	}
	for _, k := range s.startingAt(toks, i) {
		if s.pats[k].matchAt(toks, i, suffixes) > 0 {
			return true
		}
	}
	return false
}

// overlaps reports whether any match of s overlaps m.
func (s phraseSet) overlaps(toks []token, m match, suffixes []string) bool {
	for _, n := range s.find(toks, suffixes) {
		if n.i < m.j && m.i < n.j {
			return true
		}
	}
	return false
}

// headlines reports, for each token of a sentence, whether it stands in a
// headline, where capitals do not mark a proper noun. A sentence in capitals
// ("GOOD FOR THE PLANET") is a headline. Otherwise a sentence that ends with
// a full stop is not one, and the parts of any other sentence, between
// colons, dashes and bars ("Objectif Zéro Émission Nette en 2040 : notre
// feuille de route"), are headlines when they are in title case. tail is the
// text after the sentence's last token.
func headlines(text string, toks []token, tail string) []bool {
	heads := make([]bool, len(toks))
	if shout(text, toks) {
		for i := range heads {
			heads[i] = true
		}
		return heads
	}
	if strings.HasSuffix(strings.TrimRight(tail, spaces+quoteMarks+")]"), ".") {
		return heads
	}
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !strings.ContainsAny(text[toks[j-1].byte1:toks[j].byte0], ":–—|") {
			j++
		}
		if titleCase(toks[i+1 : j]) {
			for k := i; k < j; k++ {
				heads[k] = true
			}
		}
		i = j
	}
	return heads
}

// shout reports whether every word of toks with two letters or more is in
// capitals.
func shout(text string, toks []token) bool {
	n := 0
	for _, t := range toks {
		w := text[t.byte0:t.byte1]
		if t.number || utf8.RuneCountInString(w) < 2 {
			continue
		}
		if strings.ToUpper(w) != w {
			return false
		}
		n++
	}
	return n > 0
}

// titleCase reports whether most longer words of toks (a headline's words
// after its first) are capitalised, as in "Our Carbon Neutral Deliveries".
func titleCase(toks []token) bool {
	long, up := 0, 0
	for _, t := range toks {
		if len([]rune(t.norm)) < 4 || t.number {
			continue
		}
		long++
		if t.upper {
			up++
		}
	}
	return long > 0 && up*10 >= long*6
}

// properNoun reports whether m is part of a name: every word of the match is
// capitalised, it is not in a headline, and the match either does not open
// the sentence or is followed by another capitalised word ("the Green Team",
// "Green Street is closed").
func properNoun(toks []token, m match, headline bool) bool {
	if headline {
		return false
	}
	for _, t := range toks[m.i:m.j] {
		if !t.upper {
			return false
		}
	}
	if m.i > 0 {
		return true
	}
	return m.j < len(toks) && toks[m.j].upper && unicode.IsLetter([]rune(toks[m.j].norm)[0])
}
