package post

import (
	"fmt"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/registry"
)

// Credits claimed twice: two serial blocks of a post that share credits
// are a problem at both, found as the post is read (claimedTwice); across
// the posts of a blog, the site finds them with Claims and DoubleClaims.

// claimedTwice reports the credits that the offsets of the post being
// read claim twice.
func (r *reader) claimedTwice(offsets []impact.Offset) {
	var claims []registry.Claim[Citation]
	for i := range offsets {
		claims = appendClaims(claims, &offsets[i])
	}
	r.Problems = append(r.Problems, doubleClaims(claims, true)...)
}

// A Citation is where a serial is written: a post's file, and the line
// and column of the serial in it.
type Citation struct {
	File      string
	Line, Col int
}

func (c Citation) String() string { return fmt.Sprintf("%s:%d:%d", c.File, c.Line, c.Col) }

// Claims returns the serial blocks that the offsets of posts cite, each
// with where it is written, in the order of posts, their offsets and
// their serials: what registry.Overlaps takes to find the credits that
// the posts of a blog claim twice. See DoubleClaims.
func Claims(posts ...*Post) []registry.Claim[Citation] {
	var claims []registry.Claim[Citation]
	for _, p := range posts {
		for i := range p.Offsets {
			claims = appendClaims(claims, &p.Offsets[i])
		}
	}
	return claims
}

func appendClaims(claims []registry.Claim[Citation], o *impact.Offset) []registry.Claim[Citation] {
	for _, s := range o.Serials {
		claims = append(claims, registry.Claim[Citation]{Block: s.Block, Source: Citation{o.Source.File, s.Line, s.Col}})
	}
	return claims
}

// DoubleClaims returns, for every two claims whose blocks share credits,
// a problem at each of them that names the credits and the other's place:
//
//	posts/a.md:9:9: the verra serials "…" and "…" share credits 941412555 to 941412654: 100 credits claimed twice, here and at posts/b.md:12:9
//
// Two claims in one file are left out: Parse reports them.
func DoubleClaims(claims []registry.Claim[Citation]) problem.List {
	return doubleClaims(claims, false)
}

// doubleClaims is DoubleClaims, with the overlaps within a file too when
// sameFile is true.
func doubleClaims(claims []registry.Claim[Citation], sameFile bool) problem.List {
	var l problem.List
	for _, o := range registry.Overlaps(claims) {
		a, b := o.A.Source, o.B.Source
		if (a.File == b.File) != sameFile {
			continue
		}
		l.Add(a.File, a.Line, a.Col, "%s, here and at %s", o, b.from(a))
		l.Add(b.File, b.Line, b.Col, "%s, here and at %s", o, a.from(b))
	}
	return l
}

// from is where c is, seen from here: its line when in the same file.
func (c Citation) from(here Citation) string {
	if c.File == here.File {
		return fmt.Sprintf("line %d", c.Line)
	}
	return c.String()
}
