package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/templates"
)

// TestRequiredEvidence: site.toml [evidence] makes keys required on every
// offset dated on or after from, a problem at the offset's entry.
func TestRequiredEvidence(t *testing.T) {
	blog := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"T\"\n[evidence]\noffsets = [\"registry\", \"beneficiary\"]\nfrom = 2025-01-01\n")},
		"posts/2025-02-01-new.md": {Data: []byte("---\ntitle: New\ndate: 2025-02-01\nimpact:\n  offsets:\n    - provider: P\n      tonnes: 1\n      registry: verra\n    - provider: Q\n      tonnes: 2\n      date: 2024-12-31\n---\nText.\n")},
		"posts/2024-06-01-old.md": {Data: []byte("---\ntitle: Old\ndate: 2024-06-01\nimpact:\n  offsets:\n    - provider: P\n      tonnes: 1\n---\nText.\n")},
	}
	_, err := NewBuilder(blog, templates.FS, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}).Build(context.Background(), nil)
	want := `posts/2025-02-01-new.md:6: offsets from 2025-01-01 need beneficiary (site.toml [evidence]): add "beneficiary: …"`
	if err == nil || strings.TrimSpace(err.Error()) != want {
		t.Errorf("have %v\nwant %s", err, want)
	}
}
