package problem

import (
	"errors"
	"testing"
)

func TestList(t *testing.T) {
	var l List
	l.Add("posts/b.md", 3, 7, "amount %q is not a number", "£5")
	l.Add("posts/a.md", 0, 0, "the file is empty")
	l.Add("posts/b.md", 2, 0, "title is missing")
	l.Sort()
	want := "posts/a.md: the file is empty\nposts/b.md:2: title is missing\nposts/b.md:3:7: amount \"£5\" is not a number"
	if have := l.Error(); have != want {
		t.Errorf("have %q\nwant %q", have, want)
	}
	if have := l.Count(); have != "3 problems in 2 files" {
		t.Errorf("Count: have %q", have)
	}
	if have := l[:1].Count(); have != "1 problem in 1 file" {
		t.Errorf("Count: have %q", have)
	}
	var p *Problem
	if !errors.As(error(l), &p) || p.File != "posts/a.md" {
		t.Errorf("errors.As: have %v", p)
	}
	if List(nil).Err() != nil {
		t.Error("an empty list is an error")
	}
	if got := From("x.md", errors.New("boom")); len(got) != 1 || got[0].Error() != "x.md: boom" {
		t.Errorf("From: have %v", got)
	}
}
