package registry

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParseSerial reads any text as a serial of every registry: it never
// panics; a block it returns has a namespace and Start ≤ End, reads back the
// same from its own serial, and overlaps itself in full; an error names its
// registry and has no raw control character.
func FuzzParseSerial(f *testing.F) {
	for _, r := range serials {
		for _, g := range r.good {
			f.Add(g.serial)
		}
		for _, b := range r.bad {
			f.Add(b.serial)
		}
	}
	f.Add("CAR-1-US-1-2-3-KS-2025-1-999999999999999999 to 999999999999999999")
	f.Add("PURO_PR_T_FI_F_2020_I_000000000000000000000000000001-000000000000000000000000000002")
	f.Fuzz(func(t *testing.T, s string) {
		for _, reg := range Registries() {
			b, err := ParseSerial(reg, s)
			if err != nil {
				m := err.Error()
				if !strings.HasPrefix(m, string(reg)+" serial ") || !utf8.ValidString(m) {
					t.Fatalf("%s: %q", reg, m)
				}
				for _, c := range m {
					if unicode.IsControl(c) {
						t.Fatalf("%s: a control character in %q", reg, m)
					}
				}
				continue
			}
			if b.Namespace == "" || b.Start > b.End || b.Start < 0 || b.Registry != reg {
				t.Fatalf("%s %q: %+v", reg, s, b)
			}
			if b.Ranged() && b.Count() != b.End-b.Start+1 || b.Count() < 0 {
				t.Fatalf("%s %q: count %d of %+v", reg, s, b.Count(), b)
			}
			again, err := ParseSerial(reg, b.Serial)
			if err != nil || again != b {
				t.Fatalf("%s %q: read again, %+v, %v; first %+v", reg, s, again, err, b)
			}
			o := Overlaps([]Claim[int]{{b, 0}, {b, 1}})
			if len(o) != 1 || o[0].Count() != b.Count() {
				t.Fatalf("%s %q: overlaps with itself %v", reg, s, o)
			}
		}
	})
}
