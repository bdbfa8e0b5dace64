package site

import (
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/config"
)

// TestSettingsKey: site.toml read twice gives one key (a pointer in the
// config names what it points to, not where); a setting a post is
// rendered or reviewed with changes it; one only the templates or the
// totals read does not.
func TestSettingsKey(t *testing.T) {
	const base = "title = \"T\"\nbase_url = \"https://example.org/\"\ntimezone = \"Europe/London\"\n[claims]\noff = { generic-claim = \"x\" }\n"
	key := func(src string) string {
		t.Helper()
		cfg, ps := config.Parse([]byte(src))
		if len(ps) > 0 {
			t.Fatal(ps)
		}
		return settingsKey(cfg)
	}
	k := key(base)
	if key(base) != k {
		t.Fatalf("one site.toml, two keys:\n%s", k)
	}
	if !strings.Contains(k, "Europe/London") || !strings.Contains(k, "generic-claim") {
		t.Errorf("the key lacks the time zone or the claims:\n%s", k)
	}
	for _, change := range []string{"unsafe_html = true\n", "language = \"fr-FR\"\n", "currency = \"EUR\"\n"} {
		if key(change+base) == k {
			t.Errorf("%q: the same key", change)
		}
	}
	if key(base+"[params]\nx = 1\n") != k {
		t.Error("[params], for the templates only, changed the key")
	}
}
