package symlink

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestEscape: the links of a blog given as an fstest.MapFS.
func TestEscape(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	fsys := fstest.MapFS{
		"posts/a.md":      {Data: []byte("a")},
		"posts/up":        link("../.."),
		"posts/abs":       link("/etc/passwd"),
		"posts/win":       link(`C:\Windows`),
		"posts/in":        link("../shared"),
		"posts/in2":       link("in/deeper"),
		"posts/out2":      link("in/../../.."),
		"posts/loop":      link("loop"),
		"shared/deeper/f": {Data: []byte("f")},
		"shared/back":     link("../posts/up"),
		"posts/root":      link(".."),
		"posts/root-then": link("../posts/../shared"),
	}
	tests := []struct {
		name string
		link string // "" for none
	}{
		{"posts/a.md", ""},
		{"posts/up", "posts/up"},
		{"posts/up/x", "posts/up"},
		{"posts/abs", "posts/abs"},
		{"posts/win", "posts/win"},
		{"posts/in/deeper/f", ""},
		{"posts/in2/f", ""},
		{"posts/out2", "posts/out2"},
		{"posts/loop", "posts/loop"},
		{"posts/in/back/x", "posts/up"},
		{"posts/root/posts/a.md", ""},
		{"posts/root-then/deeper", ""},
		{"posts/missing", ""},
	}
	for _, tt := range tests {
		o, out := Escape(fsys, tt.name)
		if have := o.Link; have != tt.link || out != (tt.link != "") {
			t.Errorf("Escape(%s): have %q %v, want %q", tt.name, have, out, tt.link)
		}
	}
}
