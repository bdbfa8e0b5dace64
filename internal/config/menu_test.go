package config

import (
	"strings"
	"testing"
)

// TestMenuProblems: each mistake in [[menu]] or [params] is a problem at
// its line, with what to write.
func TestMenuProblems(t *testing.T) {
	tests := []struct{ toml, want string }{
		{"[[menu]]\nname = \"About\"\nurl = \"about\"\n", `site.toml:4:7: menu url "about" must be a path of the site`},
		{"[[menu]]\nname = \"About\"\n", "site.toml:2:1: this [[menu]] entry has no url"},
		{"[[menu]]\nurl = \"/about/\"\n", "site.toml:2:1: this [[menu]] entry has no name"},
		{"[[menu]]\nname = \"About\"\nurl = \"/about/\"\nwieght = 3\n", `site.toml:5:1: unknown key "wieght" in [[menu]]: did you mean weight?`},
		{"[[menu]]\nname = \"About\"\nurl = \"/about/\"\nweight = \"3\"\n", "site.toml:5:10: menu weight must be a whole number"},
		{"menu = \"About\"\n", "site.toml:2:8: menu must be a list of links"},
		{"params = 3\n", "site.toml:2:10: params must be a table"},
	}
	for _, tt := range tests {
		_, ps := Parse([]byte("title = \"T\"\n" + tt.toml))
		if len(ps) != 1 || !strings.Contains(ps[0].Error(), tt.want) {
			t.Errorf("%q:\nhave %v\nwant %s", tt.toml, ps, tt.want)
		}
	}
	c, ps := Parse([]byte("title = \"T\"\n[[menu]]\nurl = \"/tags/\"\nremove = true\n[params]\nx = 1\n"))
	if len(ps) > 0 || len(c.Menu.Entries) != 1 || !c.Menu.Entries[0].Remove || c.Params.Values["x"] == nil {
		t.Errorf("have %+v %+v %v", c.Menu, c.Params, ps)
	}
}
