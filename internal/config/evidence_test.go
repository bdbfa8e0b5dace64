package config

import (
	"strings"
	"testing"
)

// TestEvidence: [evidence] is read, and each mistake in it is a problem at
// its place.
func TestEvidence(t *testing.T) {
	c, ps := Parse([]byte("title = \"T\"\n[evidence]\noffsets = [\"registry\", \"serials\", \"beneficiary\"]\nfrom = 2025-01-01\n[evidence.registry_urls]\nverra = \"https://registry.example/p/{project_id}\"\n"))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	ev := c.Evidence
	if have := strings.Join(ev.Offsets, " ") + " " + ev.From.Format("2006-01-02") + " " + ev.RegistryURLs["verra"]; have != "registry serials beneficiary 2025-01-01 https://registry.example/p/{project_id}" {
		t.Errorf("have %q", have)
	}
	for _, tt := range []struct{ src, want string }{
		{"[evidence]\noffsets = [\"benficiary\"]\n", `site.toml:3:12: evidence.offsets: "benficiary" is not an offset's evidence key: did you mean beneficiary?`},
		{"[evidence]\noffsets = \"serials\"\n", `site.toml:3:11: evidence.offsets must be a list of keys`},
		{"[evidence]\nfrom = \"soon\"\n", `site.toml:3:8: evidence.from must be a date, such as from = 2025-01-01, not text ("soon")`},
		{"[evidence]\ncolour = 1\n", `site.toml:3:1: unknown setting evidence.colour`},
		{"[evidence.registry_urls]\nverra = \"https://registry.example/p/\"\n", `site.toml:3:9: evidence.registry_urls.verra has no {project_id}`},
		{"[evidence.registry_urls]\nverra = \"ftp://x/{project_id}\"\n", `site.toml:3:9: evidence.registry_urls.verra is not an absolute http or https URL`},
		{"[evidence.registry_urls]\nvera = \"https://x/{project_id}\"\n", `site.toml:3:1: evidence.registry_urls: unknown registry "vera": did you mean verra?`},
		{"[evidnce]\n", `did you mean the [evidence] table?`},
	} {
		_, ps := Parse([]byte("title = \"T\"\n" + tt.src))
		if len(ps) != 1 || !strings.Contains(ps[0].Error(), tt.want) {
			t.Errorf("%q:\nhave %v\nwant %s", tt.src, ps, tt.want)
		}
	}
}
