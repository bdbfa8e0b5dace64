// Package suggest finds the word a writer probably meant: "amout" → amount,
// "GPB" → GBP. Messages use it for their "did you mean …?" hints.
package suggest

import "strings"

// Closest returns the word of list closest to word (ignoring case), or ""
// when none is within two edits. A word that starts the other counts as one
// edit away.
func Closest(word string, list []string) string {
	w := strings.ToLower(word)
	if w == "" {
		return ""
	}
	best, bestD := "", 3
	for _, c := range list {
		d := Distance(w, strings.ToLower(c))
		if strings.HasPrefix(c, w) || strings.HasPrefix(w, c) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, in bytes.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Typo reports whether word is target with one slip of the keyboard,
// ignoring case: a letter added, dropped or changed, or two neighbouring
// letters swapped ("imapct", "impacts", "impct" for impact). It is stricter
// than Closest, for words that are not known to be mistakes: "import" and
// "compact" are not typos of impact.
func Typo(word, target string) bool {
	a, b := strings.ToLower(word), strings.ToLower(target)
	if a == b {
		return false
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	switch {
	case len(a) == len(b):
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] {
			return true // one changed
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // two swapped
	case len(a) == len(b)+1:
		i := 0
		for i < len(b) && a[i] == b[i] {
			i++
		}
		return a[i+1:] == b[i:] // one added
	}
	return false
}
