package registry

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxSerial is the longest serial ParseSerial reads, in bytes. The longest
// real ones (puro) are about 80.
const MaxSerial = 200

// A SerialError is a serial that does not have its registry's shape.
type SerialError struct {
	Registry Registry
	Serial   string   // as written
	Reason   string   // what is wrong with it, in plain English
	Looks    Registry // the registry whose shape it has instead, or ""
}

func (e *SerialError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s serial %s: %s", e.Registry, quote(e.Serial), e.Reason)
	if e.Looks != "" {
		fmt.Fprintf(&b, " (it has the shape of a %s serial: is the registry %s?)", e.Looks, e.Looks)
	}
	if f := formatOf(e.Registry); f != nil {
		fmt.Fprintf(&b, "; write it as %s, such as %s", f.shape, f.example)
	}
	return b.String()
}

// ParseSerial reads serial s of registry reg, in the shape the package
// comment gives for it. A serial of another shape is a *SerialError.
func ParseSerial(reg Registry, s string) (Block, error) {
	f := formatOf(reg)
	if f == nil {
		_, err := ParseRegistry(string(reg))
		return Block{}, err
	}
	s = strings.TrimSpace(s)
	fail := func(reason string) (Block, error) {
		return Block{}, &SerialError{Registry: reg, Serial: s, Reason: reason, Looks: looksLike(reg, s)}
	}
	switch {
	case s == "":
		return Block{}, &SerialError{Registry: reg, Reason: "it is empty"}
	case len(s) > MaxSerial:
		return Block{}, &SerialError{Registry: reg, Serial: s,
			Reason: fmt.Sprintf("it is %d bytes long, and no serial is longer than %d", len(s), MaxSerial)}
	}
	if reason := plain(s); reason != "" {
		return Block{}, &SerialError{Registry: reg, Serial: s, Reason: reason}
	}
	b, reason := f.parse(s)
	if reason != "" {
		return fail(reason)
	}
	b.Registry, b.Serial = reg, s
	return b, nil
}

// looksLike is the registry, other than reg and other, whose shape s has.
func looksLike(reg Registry, s string) Registry {
	for _, f := range formats {
		if f.reg == reg || f.reg == Other {
			continue
		}
		if _, reason := f.parse(s); reason == "" {
			return f.reg
		}
	}
	return ""
}

// plain says why s is not printable ASCII, or "". Everything before the
// first other character is ASCII, so its byte offset counts characters.
func plain(s string) string {
	for i, r := range s {
		if r < ' ' || r > '~' {
			return fmt.Sprintf("it has the character %U at character %d, and a serial is plain letters, digits and punctuation", r, i+1)
		}
	}
	return ""
}

// The parsers take a serial already trimmed and checked by plain, and
// return the block or why s is not one of theirs.

func parseVerra(s string) (Block, string) {
	f := strings.Split(s, "-")
	switch {
	case len(f) == 13 && strings.EqualFold(f[3], "VCS"):
		f = append(f[:3:3], f[4:]...)
	case len(f) == 13:
		return Block{}, fmt.Sprintf("its fourth part is %s, where VCS belongs", quote(f[3]))
	case len(f) != 12, strings.EqualFold(f[3], "VCS"):
		return Block{}, parts(len(f), "13", "hyphens")
	}
	// BATCH START END VCU CODE REG CC SCOPE PROJECT FROM TO F
	var b Block
	r := first(
		digits("BATCH", f[0]),
		word("the unit", f[3], "VCU"),
		digits("CODE", f[4]),
		letters("REG, the issuing registry,", f[5], 3),
		country(&b, f[6]),
		digits("SCOPE", f[7]),
		digits("PROJECT", f[8]),
		period(&b, f[9], f[10]),
		digits("F", f[11]),
	)
	if r == "" && len(f[11]) != 1 {
		r = fmt.Sprintf("its last part is %s, where one digit belongs (1 for credits with an additional certification, 0 without)", quote(f[11]))
	}
	if r == "" {
		r = span(&b, f[1], f[2])
	}
	b.Project = f[8]
	b.Namespace = "VCU-" + strings.ToUpper(f[5])
	return b, r
}

func parseGoldStandard(s string) (Block, string) {
	f := strings.Split(s, "-")
	if len(f) != 9 {
		return Block{}, parts(len(f), "9", "hyphens")
	}
	// GS1 1 CC GSPROJECT TYPE YEAR ISSUANCE START END
	var b Block
	r := first(
		prefixed("the registry", f[0], "GS"),
		digits("the unit", f[1]),
		country(&b, f[2]),
		prefixed("GSPROJECT", f[3], "GS"),
		digits("TYPE", f[4]),
		year(&b, "YEAR", f[5]),
		digits("ISSUANCE", f[6]),
		span(&b, f[7], f[8]),
	)
	b.Project = strings.ToUpper(f[3])
	b.Namespace = strings.ToUpper(strings.Join(f[:7], "-"))
	return b, r
}

func parseCAR(s string) (Block, string) {
	f, end, r := toRange(s, 10)
	if r != "" {
		return Block{}, r
	}
	// CAR UNIT CC PROJECT TYPE DEVELOPER ST YEAR BATCH START
	var b Block
	r = first(
		word("the registry", f[0], "CAR"),
		unitCAR(f[1]),
		country(&b, f[2]),
		digits("PROJECT", f[3]),
		digits("TYPE", f[4]),
		digits("DEVELOPER", f[5]),
		letters("ST, the state,", f[6], 2),
		year(&b, "YEAR", f[7]),
		digits("BATCH", f[8]),
		span(&b, f[9], end),
	)
	b.Project, b.Methodology = f[3], f[4]
	b.Namespace = strings.ToUpper(strings.Join(f[:9], "-"))
	return b, r
}

func unitCAR(v string) string {
	if v == "1" || strings.EqualFold(v, "ROC") {
		return ""
	}
	return fmt.Sprintf("UNIT is %s, where 1 (Climate Reserve Tonnes) or ROC belongs", quote(v))
}

func parseACR(s string) (Block, string) {
	f, end, r := toRange(s, 6)
	if r != "" {
		return Block{}, r
	}
	// ACR CC PROJECT YEAR BATCH START
	var b Block
	r = first(
		word("the registry", f[0], "ACR"),
		country(&b, f[1]),
		digits("PROJECT", f[2]),
		year(&b, "YEAR", f[3]),
		digits("BATCH", f[4]),
		span(&b, f[5], end),
	)
	b.Project = f[2]
	b.Namespace = strings.ToUpper(strings.Join(f[:5], "-"))
	return b, r
}

func parsePuro(s string) (Block, string) {
	f := strings.Split(s, "_")
	if len(f) != 8 {
		return Block{}, parts(len(f), "8", "underscores")
	}
	// PURO PR TYPE CC FACILITY YEAR ISSUANCE START-END
	var b Block
	n := strings.Split(f[7], "-")
	r := first(
		word("the standard", f[0], "PURO"),
		id("the registry", f[1], ""),
		id("TYPE", f[2], "+"),
		country(&b, f[3]),
		id("FACILITY", f[4], ""),
		year(&b, "YEAR", f[5]),
		id("ISSUANCE", f[6], "-"),
	)
	if r == "" && len(n) != 2 {
		r = fmt.Sprintf("its last part is %s, where START-END belongs", quote(f[7]))
	}
	ns := strings.ToUpper(strings.Join(f[:7], "_"))
	if r == "" {
		var gsrn string
		n[0], n[1], gsrn = splitGSRN(n[0], n[1])
		if gsrn != "" {
			ns += "_" + gsrn
		}
		r = span(&b, n[0], n[1])
	}
	b.Project = strings.ToUpper(f[4])
	b.Namespace = ns
	return b, r
}

// splitGSRN splits puro's older credit numbers, an 18-digit GSRN and a
// 12-digit sequence, into the sequences and the GSRN they share.
func splitGSRN(start, end string) (string, string, string) {
	const gsrn, seq = 18, 12
	if len(start) != gsrn+seq || len(end) != gsrn+seq || start[:gsrn] != end[:gsrn] ||
		digits("", start) != "" || digits("", end) != "" {
		return start, end, ""
	}
	return start[gsrn:], end[gsrn:], start[:gsrn]
}

func parseIsometric(s string) (Block, string) {
	if len(s) < 4 || !strings.EqualFold(s[:4], "ret_") {
		return Block{}, "it does not start with ret_, as a retirement's id does"
	}
	if s[4:] == "" {
		return Block{}, "it has nothing after ret_"
	}
	for _, c := range s[4:] {
		if !isAlnum(c) {
			return Block{}, fmt.Sprintf("it has %s after ret_, where only letters and digits belong", quote(string(c)))
		}
	}
	return Block{Namespace: "RET_" + strings.ToUpper(s[4:])}, ""
}

func parseOther(s string) (Block, string) {
	if strings.ContainsAny(s, " \t") {
		f, end, r := toRange(s, 0)
		if r != "" {
			return Block{}, r
		}
		prefix := strings.Join(f[:len(f)-1], "-")
		var b Block
		r = first(id("PREFIX", prefix, "._-:/+"), span(&b, f[len(f)-1], end))
		b.Namespace = strings.ToUpper(prefix)
		return b, r
	}
	const max = 100
	if len(s) > max {
		return Block{}, fmt.Sprintf("it is %d bytes long, and an id is at most %d", len(s), max)
	}
	if r := id("the id", s, "._-:/+"); r != "" {
		return Block{}, r
	}
	return Block{Namespace: strings.ToUpper(s)}, ""
}

// toRange splits "P1-P2-…-START to END" into its hyphen-separated parts,
// the last of which is START, and END. With want > 0, there must be want
// parts; otherwise at least two.
func toRange(s string, want int) ([]string, string, string) {
	w := strings.Fields(s)
	if len(w) != 3 || !strings.EqualFold(w[1], "to") {
		return nil, "", `it is not a prefix and a range written "START to END"`
	}
	f := strings.Split(w[0], "-")
	switch {
	case want > 0 && len(f) != want:
		return nil, "", parts(len(f), strconv.Itoa(want), "hyphens before the range")
	case want == 0 && len(f) < 2:
		return nil, "", "it has no prefix before START"
	}
	return f, w[2], ""
}

func parts(have int, want, sep string) string {
	noun := "parts"
	if have == 1 {
		noun = "part"
	}
	return fmt.Sprintf("it has %d %s separated by %s, not %s", have, noun, sep, want)
}

// first returns the first reason that is not "".
func first(reasons ...string) string {
	for _, r := range reasons {
		if r != "" {
			return r
		}
	}
	return ""
}

func digits(name, v string) string {
	if v == "" {
		return name + " is missing"
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return fmt.Sprintf("%s is %s, where a number belongs", name, quote(v))
		}
	}
	return ""
}

func letters(name, v string, n int) string {
	ok := len(v) == n
	for _, c := range v {
		ok = ok && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
	}
	if !ok {
		return fmt.Sprintf("%s is %s, where %d letters belong", name, quote(v), n)
	}
	return ""
}

func word(name, v, want string) string {
	if !strings.EqualFold(v, want) {
		return fmt.Sprintf("%s is %s, where %s belongs", name, quote(v), want)
	}
	return ""
}

// prefixed checks v is prefix followed by a number, such as GS11603.
func prefixed(name, v, prefix string) string {
	if len(v) <= len(prefix) || !strings.EqualFold(v[:len(prefix)], prefix) || digits("", v[len(prefix):]) != "" {
		return fmt.Sprintf("%s is %s, where %s and a number belong", name, quote(v), prefix)
	}
	return ""
}

// id checks v is letters, digits and the punctuation in extra.
func id(name, v, extra string) string {
	if v == "" {
		return name + " is missing"
	}
	for _, c := range v {
		if !isAlnum(c) && !strings.ContainsRune(extra, c) {
			return fmt.Sprintf("%s is %s, which has %s", name, quote(v), quote(string(c)))
		}
	}
	return ""
}

func isAlnum(c rune) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func country(b *Block, v string) string {
	if r := letters("CC, the country,", v, 2); r != "" {
		return r
	}
	b.Country = strings.ToUpper(v)
	return ""
}

// The first and last vintage a serial may give.
const minYear, maxYear = 1900, 9999

func year(b *Block, name, v string) string {
	y, err := strconv.Atoi(v)
	if len(v) != 4 || err != nil || digits("", v) != "" || y < minYear {
		return fmt.Sprintf("%s is %s, where a year such as 2022 belongs", name, quote(v))
	}
	b.Vintage = y
	return ""
}

// period reads verra's vintage period, two dates written DDMMYYYY; the
// vintage is the year of the second.
func period(b *Block, from, to string) string {
	var t [2]time.Time
	for i, v := range []string{from, to} {
		d, err := time.Parse("02012006", v)
		if len(v) != 8 || err != nil || d.Year() < minYear {
			return fmt.Sprintf("%s is not a date written DDMMYYYY, such as 31102022", quote(v))
		}
		t[i] = d
	}
	if t[1].Before(t[0]) {
		return fmt.Sprintf("its vintage period ends (%s) before it starts (%s)", to, from)
	}
	b.PeriodStart, b.PeriodEnd, b.Vintage = t[0], t[1], t[1].Year()
	return ""
}

// maxDigits is the longest credit number read: 18 digits fit an int64.
const maxDigits = 18

// span reads a block's range.
func span(b *Block, start, end string) string {
	var n [2]int64
	for i, v := range []string{start, end} {
		name := [2]string{"START", "END"}[i]
		if r := digits(name, v); r != "" {
			return r
		}
		if t := strings.TrimLeft(v, "0"); len(t) > maxDigits {
			return fmt.Sprintf("%s is %s, longer than any credit number (%d digits at most)", name, quote(v), maxDigits)
		}
		n[i], _ = strconv.ParseInt(v, 10, 64)
	}
	if n[0] > n[1] {
		return fmt.Sprintf("its range ends (%d) before it starts (%d)", n[1], n[0])
	}
	b.Start, b.End, b.ranged = n[0], n[1], true
	return ""
}
