package registry

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// A place is where a test claims a block: a file and a line.
type place struct {
	file string
	line int
}

func (p place) String() string { return fmt.Sprintf("%s:%d", p.file, p.line) }

func claim(t testing.TB, reg Registry, serial, file string, line int) Claim[place] {
	t.Helper()
	return Claim[place]{mustParse(t, reg, serial), place{file, line}}
}

// describe writes an overlap roughly as the check command would.
func describe(o Overlap[place]) string {
	return fmt.Sprintf("%s and %s: %s", o.A.Source, o.B.Source, o)
}

func TestOverlaps(t *testing.T) {
	const car = "CAR-1-US-1335-31-983-KS-2025-9205-"
	const verra = "-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0"
	for _, tt := range []struct {
		name   string
		claims []Claim[place]
		want   []string
	}{
		{"disjoint", []Claim[place]{
			claim(t, CAR, car+"1 to 5000", "a.md", 1),
			claim(t, CAR, car+"6000 to 7000", "b.md", 1),
		}, nil},
		{"adjacent, not overlapping", []Claim[place]{
			claim(t, CAR, car+"1 to 5000", "a.md", 1),
			claim(t, CAR, car+"5001 to 6000", "b.md", 1),
		}, nil},
		{"split differently across posts", []Claim[place]{
			claim(t, CAR, car+"1 to 5000", "a.md", 3),
			claim(t, CAR, car+"4001 to 6000", "b.md", 7),
		}, []string{
			`a.md:3 and b.md:7: the car serials "` + car + `1 to 5000" and "` + car + `4001 to 6000" share credits 4001 to 5000: 1,000 credits claimed twice`,
		}},
		{"nested", []Claim[place]{
			claim(t, CAR, car+"100 to 200", "a.md", 1),
			claim(t, CAR, car+"1 to 5000", "b.md", 1),
		}, []string{
			`a.md:1 and b.md:1: the car serials "` + car + `100 to 200" and "` + car + `1 to 5000" share credits 100 to 200: 101 credits claimed twice`,
		}},
		{"one credit in common", []Claim[place]{
			claim(t, CAR, car+"1 to 5000", "a.md", 1),
			claim(t, CAR, car+"5000 to 6000", "a.md", 9),
		}, []string{
			`a.md:1 and a.md:9: the car serials "` + car + `1 to 5000" and "` + car + `5000 to 6000" share credits 5000 to 5000: 1 credit claimed twice`,
		}},
		{"identical, in one post", []Claim[place]{
			claim(t, Verra, "19381-941412555-941441125"+verra, "a.md", 4),
			claim(t, Verra, "19381-941412555-941441125"+verra, "a.md", 5),
		}, []string{
			`a.md:4 and a.md:5: the verra serial "19381-941412555-941441125` + verra + `" is claimed twice: 28,571 credits`,
		}},
		{"identical, written differently", []Claim[place]{
			claim(t, ACR, "ACR-FR-1129-2025-2917-30932 to 35143", "a.md", 4),
			claim(t, ACR, "acr-fr-1129-2025-2917-30932  TO  35143", "b.md", 5),
		}, []string{
			`a.md:4 and b.md:5: the acr serial "ACR-FR-1129-2025-2917-30932 to 35143" (also written "acr-fr-1129-2025-2917-30932  TO  35143") is claimed twice: 4,212 credits`,
		}},
		{"three-way", []Claim[place]{
			claim(t, CAR, car+"1 to 5000", "a.md", 1),
			claim(t, CAR, car+"4001 to 6000", "b.md", 1),
			claim(t, CAR, car+"4500 to 4600", "c.md", 1),
		}, []string{
			`a.md:1 and b.md:1: the car serials "` + car + `1 to 5000" and "` + car + `4001 to 6000" share credits 4001 to 5000: 1,000 credits claimed twice`,
			`a.md:1 and c.md:1: the car serials "` + car + `1 to 5000" and "` + car + `4500 to 4600" share credits 4500 to 4600: 101 credits claimed twice`,
			`b.md:1 and c.md:1: the car serials "` + car + `4001 to 6000" and "` + car + `4500 to 4600" share credits 4500 to 4600: 101 credits claimed twice`,
		}},
		{"the same Verra numbers under another batch and project", []Claim[place]{
			claim(t, Verra, "19381-941412555-941441125"+verra, "a.md", 1),
			claim(t, Verra, "19999-941441000-941441200-VCS-VCU-1491-VER-BR-1-513-01012018-31122018-0", "b.md", 1),
		}, []string{
			`a.md:1 and b.md:1: the verra serials "19381-941412555-941441125` + verra + `" and "19999-941441000-941441200-VCS-VCU-1491-VER-BR-1-513-01012018-31122018-0" share credits 941441000 to 941441125: 126 credits claimed twice`,
		}},
		{"the same numbers in two Gold Standard issuances", []Claim[place]{
			claim(t, GoldStandard, "GS1-1-KE-GS11603-16-2025-30256-110-5463", "a.md", 1),
			claim(t, GoldStandard, "GS1-1-KE-GS11603-16-2024-30255-485-12623", "b.md", 1),
		}, nil},
		{"the same numbers in two registries", []Claim[place]{
			claim(t, Other, "CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000", "a.md", 1),
			claim(t, CAR, "CAR-1-US-1335-31-983-KS-2025-9205-1 to 5000", "b.md", 1),
		}, nil},
		{"the same Isometric retirement twice", []Claim[place]{
			claim(t, Isometric, "ret_1J9X4T7QK1S0M2PA", "a.md", 2),
			claim(t, Isometric, "ret_1J9X4T7QK1S0M2PB", "b.md", 2),
			claim(t, Isometric, "ret_1j9x4t7qk1s0m2pa", "c.md", 2),
		}, []string{
			`a.md:2 and c.md:2: the isometric retirement "ret_1J9X4T7QK1S0M2PA" is claimed twice`,
		}},
		{"an id and a range never meet", []Claim[place]{
			claim(t, Other, "X", "a.md", 1),
			claim(t, Other, "X-0 to 5", "b.md", 1),
			claim(t, Other, "X", "c.md", 1),
		}, []string{
			`a.md:1 and c.md:1: the other id "X" is claimed twice`,
		}},
		{"a block that did not parse is skipped", []Claim[place]{
			{Block{}, place{"a.md", 1}},
			{Block{}, place{"b.md", 1}},
		}, nil},
		{"nothing", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var have []string
			for _, o := range Overlaps(tt.claims) {
				have = append(have, describe(o))
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("have:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// naive is Overlaps in O(n²), to check it against.
func naive[S any](claims []Claim[S]) []Overlap[S] {
	var out []Overlap[S]
	for i := range claims {
		for j := i + 1; j < len(claims); j++ {
			a, b := claims[i].Block, claims[j].Block
			if a.Namespace == "" || b.Namespace == "" || a.Registry != b.Registry || a.ranged != b.ranged || a.Namespace != b.Namespace {
				continue
			}
			s, e := max(a.Start, b.Start), min(a.End, b.End)
			if s <= e {
				out = append(out, Overlap[S]{A: claims[i], B: claims[j], Start: s, End: e})
			}
		}
	}
	return out
}

func randomClaims(r *rand.Rand, n, series int, width int64) []Claim[int] {
	claims := make([]Claim[int], n)
	for i := range claims {
		s := r.Int64N(width * int64(n/series+1))
		b := Block{Registry: Other, Namespace: fmt.Sprint("S", r.IntN(series)), Start: s, End: s + r.Int64N(width), ranged: true}
		if r.IntN(10) == 0 {
			b = Block{Registry: Isometric, Namespace: fmt.Sprint("RET_", r.IntN(n))}
		}
		claims[i] = Claim[int]{b, i}
	}
	return claims
}

func TestOverlapsMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		claims := randomClaims(r, r.IntN(60), 1+r.IntN(4), 1+r.Int64N(20))
		have, want := Overlaps(claims), naive(claims)
		if !slices.Equal(have, want) {
			t.Fatalf("round %d, %d claims:\nhave %v\nwant %v", round, len(claims), have, want)
		}
	}
}

// TestOverlapsAtScale claims 100,000 blocks of 1,000 series, none sharing a
// credit, then 1,000 more that each overlap one of them, and finds exactly
// those.
func TestOverlapsAtScale(t *testing.T) {
	claims := disjoint(100_000, 1000)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 1000 {
		c := claims[r.IntN(100_000)]
		c.Block.Start, c.Block.End = c.Block.End, c.Block.End+5 // shares one credit with c
		c.Source = 100_000 + i
		claims = append(claims, c)
	}
	have := Overlaps(claims)
	if len(have) < 1000 {
		t.Fatalf("have %d overlaps, want at least 1000", len(have))
	}
	if want := naiveCount(claims); len(have) != want {
		t.Errorf("have %d overlaps, want %d", len(have), want)
	}
	for _, o := range have {
		if o.B.Source < 100_000 {
			t.Fatalf("an overlap between two disjoint blocks: %v", o)
		}
	}
}

// naiveCount counts overlapping pairs of claims that share a series, by
// series, so that it stays quick at scale.
func naiveCount(claims []Claim[int]) int {
	by := map[string][]Block{}
	for _, c := range claims {
		by[c.Block.Namespace] = append(by[c.Block.Namespace], c.Block)
	}
	n := 0
	for _, bs := range by {
		for i := range bs {
			for j := i + 1; j < len(bs); j++ {
				if max(bs[i].Start, bs[j].Start) <= min(bs[i].End, bs[j].End) {
					n++
				}
			}
		}
	}
	return n
}

// disjoint is n claims of blocks of up to 100 credits in the given number of
// series, in a random order, none sharing a credit.
func disjoint(n, series int) []Claim[int] {
	r := rand.New(rand.NewPCG(5, 6))
	next := make([]int64, series)
	claims := make([]Claim[int], n)
	for i := range claims {
		s := r.IntN(series)
		start := next[s] + 1 + r.Int64N(3) // adjacent or a little apart
		end := start + r.Int64N(100)
		next[s] = end
		b := Block{Registry: CAR, Namespace: fmt.Sprintf("CAR-1-US-%d-31-983-KS-2025-9205", s), Start: start, End: end, ranged: true}
		claims[i] = Claim[int]{b, i}
	}
	r.Shuffle(len(claims), func(i, j int) { claims[i], claims[j] = claims[j], claims[i] })
	for i := range claims {
		claims[i].Source = i
	}
	return claims
}

func BenchmarkOverlaps(b *testing.B) {
	for _, n := range []int{1000, 100_000} {
		claims := disjoint(n, n/100)
		for i := 0; i < n/100; i++ { // 1% overlap another
			c := claims[i*97%n]
			c.Block.End += 10
			claims = append(claims, c)
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Overlaps(claims)
			}
		})
	}
}
