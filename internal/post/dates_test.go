package post

import (
	"strings"
	"testing"
	"time"
)

// TestDatesThatAreSurelyTypos: a date more than a year from now, or before
// 1900, is a warning at its value, with the year probably meant when one
// digit swap or change gives it (issue 13, item 9).
func TestDatesThatAreSurelyTypos(t *testing.T) {
	now := time.Date(2026, 11, 30, 14, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, file, src string
		now             time.Time
		want            []string // the warnings, printed
	}{
		{name: "a post's date", src: "---\ntitle: x\ndate: 2204-07-15\n---\n", now: now,
			want: []string{f + ":3:7: date 2204-07-15 is more than a year from now: did you mean 2024?"}},
		{name: "updated", src: "---\ntitle: x\nlastmod: 2062-01-01\n---\n", now: now,
			want: []string{f + ":3:10: lastmod 2062-01-01 is more than a year from now: did you mean 2026?"}},
		{name: "a donation's date", src: "---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 45000\n      date: 2204-07-15\n---\n", now: now,
			want: []string{f + ":7:13: date 2204-07-15 is more than a year from now: did you mean 2024?"}},
		{name: "an offset's date in TOML", src: "+++\ntitle = \"x\"\n[[impact.offsets]]\nprovider = \"P\"\ntonnes = 3\ndate = 3024-02-01\n+++\n", now: now,
			want: []string{f + ":6:8: date 3024-02-01 is more than a year from now: did you mean 2024?"}},
		{name: "before 1900", src: "---\ntitle: x\ndate: 0204-07-15\n---\n", now: now,
			want: []string{f + ":3:7: date 0204-07-15 is before 1900: did you mean 2004?"}},
		{name: "no year within reach", src: "---\ntitle: x\ndate: 5555-05-05\n---\n", now: now,
			want: []string{f + ":3:7: date 5555-05-05 is more than a year from now: check the year"}},
		{name: "the file name's date", file: "posts/2204-07-15-x.md", src: "---\ntitle: x\n---\n", now: now,
			want: []string{"posts/2204-07-15-x.md: the file name's date 2204-07-15 is more than a year from now: did you mean 2024?"}},
		{name: "within a year", src: "---\ntitle: x\ndate: 2027-11-29\nupdated: 1900-01-01\n---\n", now: now},
		{name: "no today given", src: "---\ntitle: x\ndate: 2204-07-15\n---\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = f
			}
			opts := options(t)
			opts.Now = tt.now
			p, probs := Parse(file, text(tt.src), opts)
			if probs != nil {
				t.Fatalf("have: problems %v want: none", probs)
			}
			var have []string
			for _, w := range p.Warnings {
				have = append(have, w.Error())
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("have: %q\nwant: %q", have, tt.want)
			}
		})
	}
}
