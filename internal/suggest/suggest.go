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
