package post

import (
	"strings"
	"unicode/utf8"

	"github.com/gosimple/unidecode"
)

// Slugify turns a file name or title into a slug: letters with accents and
// other scripts are transliterated ("Joué" → "joue", by gosimple/unidecode,
// the tables of gosimple/slug), then lower case, runs of anything but ASCII
// letters and digits become one hyphen.
func Slugify(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = unidecode.Unidecode(s)
			break
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}
