package field

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/tree"
)

var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	time.RFC3339Nano,
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
}

// ParseDate reads a date as the front matter allows it; a date without a
// zone is in loc.
func ParseDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// CheckYear warns of a date t, written as text at at, that is surely a
// typo: more than a year after Now, or before 1900. A donation dated 2204
// would count in the totals of 2204. what names it: "date", "the file
// name's date".
func (r *Reader) CheckYear(at tree.Pos, what, text string, t time.Time) {
	now := r.Now
	if now.IsZero() {
		return
	}
	var msg string
	switch {
	case t.After(now.AddDate(1, 0, 0)):
		msg = fmt.Sprintf("%s %s is more than a year from now", what, text)
	case t.Year() < 1900:
		msg = fmt.Sprintf("%s %s is before 1900", what, text)
	default:
		return
	}
	if y, ok := meantYear(t.Year(), now.Year()); ok {
		msg += fmt.Sprintf(": did you mean %d?", y)
	} else {
		msg += ": check the year"
	}
	r.Warnings.Add(r.File, at.Line, at.Col, "%s", msg)
}

// meantYear returns the year between 1900 and next year that year was
// probably meant to be, when there is one: two neighbouring digits swapped
// (2204 for 2024), preferring a year not after this one; else one digit
// changed (3024 for 2024). It is not sure, and says so, when two years are
// as likely.
func meantYear(year, thisYear int) (int, bool) {
	digits := fmt.Sprintf("%04d", year)
	var swapped, changed []int
	add := func(list []int, b []byte) []int {
		y, err := strconv.Atoi(string(b))
		if err != nil || y == year || y < 1900 || y > thisYear+1 || slices.Contains(list, y) {
			return list
		}
		return append(list, y)
	}
	for i := 0; i+1 < len(digits); i++ {
		b := []byte(digits)
		b[i], b[i+1] = b[i+1], b[i]
		swapped = add(swapped, b)
	}
	var past []int
	for _, y := range swapped {
		if y <= thisYear {
			past = append(past, y)
		}
	}
	switch {
	case len(past) == 1:
		return past[0], true
	case len(past) > 1:
		return 0, false
	case len(swapped) == 1:
		return swapped[0], true
	case len(swapped) > 1:
		return 0, false
	}
	for i := range len(digits) {
		for c := byte('0'); c <= '9'; c++ {
			b := []byte(digits)
			b[i] = c
			changed = add(changed, b)
		}
	}
	if len(changed) == 1 {
		return changed[0], true
	}
	return 0, false
}
