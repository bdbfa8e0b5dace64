package field

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2021-01-15", time.Date(2021, 1, 15, 0, 0, 0, 0, paris), true},
		{" 2021-01-15 ", time.Date(2021, 1, 15, 0, 0, 0, 0, paris), true},
		{"2021-01-15T09:30:00Z", time.Date(2021, 1, 15, 9, 30, 0, 0, time.UTC), true},
		{"2021-01-15T09:30:00.5+01:00", time.Date(2021, 1, 15, 8, 30, 0, 5e8, time.UTC), true},
		{"2016-06-03 13:21:02 -0700", time.Date(2016, 6, 3, 20, 21, 2, 0, time.UTC), true},
		{"2021-01-15 09:30", time.Date(2021, 1, 15, 9, 30, 0, 0, paris), true},
		{"2021-02-30", time.Time{}, false},
		{"15/01/2021", time.Time{}, false},
		{"", time.Time{}, false},
	} {
		have, ok := ParseDate(tt.in, paris)
		if ok != tt.ok || !have.Equal(tt.want) {
			t.Errorf("ParseDate(%q) have: %s, %v want: %s, %v", tt.in, have, ok, tt.want, tt.ok)
		}
	}
}

func TestMeantYear(t *testing.T) {
	for _, tt := range []struct {
		year, want int // want 0: no year
	}{
		{2204, 2024},
		{2042, 2024},
		{2062, 2026}, // swapped: 2026 is this year
		{2072, 2027}, // swapped: 2027, next year, the only one
		{3024, 2024}, // changed
		{1202, 1902}, // changed
		{5555, 0},
		{2240, 0},
	} {
		if have, ok := meantYear(tt.year, 2026); have != tt.want || ok != (tt.want != 0) {
			t.Errorf("meantYear(%d): have %d, %v want %d", tt.year, have, ok, tt.want)
		}
	}
}
