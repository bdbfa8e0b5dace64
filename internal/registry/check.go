package registry

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The entry keys a Mismatch can name.
const (
	KeyProject = "project_id"
	KeyCountry = "country"
	KeyVintage = "vintage"
	KeyTonnes  = "tonnes"
)

// Want is what an entry says about its credits; a zero field was not given
// and is not checked.
type Want struct {
	Project string // project_id
	Country string // country, ISO 3166 alpha-2
	Vintage int    // vintage, a year
}

// A Mismatch is a key of an entry that disagrees with a serial it cites.
type Mismatch struct {
	Key     string // the entry's key to fix: KeyProject, KeyCountry, KeyVintage or KeyTonnes
	Message string // in plain English: the serial is for project 3005, but project_id says 3006
}

func (m Mismatch) Error() string { return m.Message }

// Check compares what block b says with what the entry wants, and returns
// every key that disagrees, in the order project, country, vintage. What the
// serial does not say is not compared.
func Check(b Block, w Want) []Mismatch {
	var ms []Mismatch
	prefix := ""
	if f := formatOf(b.Registry); f != nil {
		prefix = f.prefix
	}
	if w.Project != "" && b.Project != "" && projectKey(b.Project, prefix) != projectKey(w.Project, prefix) {
		ms = append(ms, Mismatch{KeyProject, fmt.Sprintf("the serial is for project %s, but %s says %s",
			b.Project, KeyProject, show(w.Project))})
	}
	if w.Country != "" && b.Country != "" && !strings.EqualFold(strings.TrimSpace(w.Country), b.Country) {
		ms = append(ms, Mismatch{KeyCountry, fmt.Sprintf("the serial is for country %s, but %s says %s",
			b.Country, KeyCountry, show(w.Country))})
	}
	if w.Vintage != 0 && b.Vintage != 0 && w.Vintage != b.Vintage {
		var m string
		if !b.PeriodEnd.IsZero() {
			m = fmt.Sprintf("the serial's vintage is %d, the year its vintage period (%s to %s) ends, but %s says %d",
				b.Vintage, b.PeriodStart.Format("2 January 2006"), b.PeriodEnd.Format("2 January 2006"), KeyVintage, w.Vintage)
		} else {
			m = fmt.Sprintf("the serial's vintage is %d, but %s says %d", b.Vintage, KeyVintage, w.Vintage)
		}
		ms = append(ms, Mismatch{KeyVintage, m})
	}
	return ms
}

// projectKey is a project id without spaces, the registry's prefix and
// leading zeros, in capitals: VCS3005, 3005 and 03005 are 3005.
func projectKey(p, prefix string) string {
	p = strings.ToUpper(strings.TrimSpace(p))
	if prefix != "" && len(p) > len(prefix) && p[:len(prefix)] == prefix {
		p = p[len(prefix):]
	}
	if t := strings.TrimLeft(p, "0"); digits("", p) == "" {
		if t == "" {
			return "0"
		}
		return t
	}
	return p
}

// Credits is how many credits blocks hold together. It is false when one of
// them names no range, so that only the entry knows, or the sum is past
// what an int64 holds.
func Credits(blocks []Block) (int64, bool) {
	var n int64
	for _, b := range blocks {
		if !b.ranged || n > math.MaxInt64-b.Count() {
			return 0, false
		}
		n += b.Count()
	}
	return n, true
}

// CheckCredits compares the credits of an entry's blocks with its tonnes,
// an exact decimal such as "28571" or "28571.000": one credit is one tonne,
// so they must be the same whole number. It says nothing when a block names
// no range (its credits are the tonnes) or there are no blocks.
func CheckCredits(blocks []Block, tonnes string) *Mismatch {
	n, ok := Credits(blocks)
	if !ok || len(blocks) == 0 {
		return nil
	}
	t := strings.TrimSpace(tonnes)
	whole, frac, _ := strings.Cut(t, ".")
	blocksSay := fmt.Sprintf("the serial blocks hold %s %s", thousands(n), plural(n, "credit", "credits"))
	if len(blocks) == 1 {
		blocksSay = fmt.Sprintf("the serial block holds %s %s", thousands(n), plural(n, "credit", "credits"))
	}
	if digits("", whole) != "" || (frac != "" && digits("", frac) != "") || (frac == "" && strings.Contains(t, ".")) {
		return &Mismatch{KeyTonnes, fmt.Sprintf("%s is not a number of tonnes; %s", quote(tonnes), blocksSay)}
	}
	if strings.Trim(frac, "0") != "" {
		return &Mismatch{KeyTonnes, fmt.Sprintf("%s, one tonne each, but %s says %s, which is not a whole number of credits",
			blocksSay, KeyTonnes, t)}
	}
	w := strings.TrimLeft(whole, "0")
	if w == "" {
		w = "0"
	}
	if w != strconv.FormatInt(n, 10) {
		return &Mismatch{KeyTonnes, fmt.Sprintf("%s, one tonne each, but %s says %s", blocksSay, KeyTonnes, t)}
	}
	return nil
}

// thousands writes n with a comma between each group of three digits:
// 28,571.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
