package main

import (
	"strings"
	"testing"
)

// TestCheckDoubleClaims: check fails on a blog whose two posts claim
// overlapping Verra blocks, naming both files and lines, and passes when
// the blocks are apart.
func TestCheckDoubleClaims(t *testing.T) {
	offset := func(title, date, serial, tonnes string) string {
		return "---\ntitle: " + title + "\ndate: " + date + "\nimpact:\n  offsets:\n    - provider: GoodPlanet Foundation\n      tonnes: " + tonnes +
			"\n      registry: verra\n      serials: " + serial + "\n---\nText.\n"
	}
	const a = "19381-941412555-941441125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0"     // 28,571 credits
	const b = "19382-941441000-941441999-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0"     // 1,000, 126 of them in a
	const apart = "19382-941441126-941442125-VCS-VCU-1310-VER-CN-13-3005-01012022-31102022-0" // 1,000, none in a
	tests := []struct {
		name   string
		second string
		want   []string
	}{
		{"overlapping", b, []string{
			"posts/2022-11-30-a.md:9:16: ", "posts/2022-12-01-b.md:9:16: ", "126 credits claimed twice",
		}},
		{"apart", apart, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{
				"site.toml":             "title = \"T\"\nbase_url = \"https://x.example/\"\ncurrency = \"GBP\"\n",
				"posts/2022-11-30-a.md": offset("A", "2022-11-30", a, "28571"),
				"posts/2022-12-01-b.md": offset("B", "2022-12-01", tt.second, "1000"),
			})
			code, _, stderr := runCmd(t, "check", "-src", dir)
			if tt.want == nil {
				if code != 0 {
					t.Fatalf("exit %d, want 0:\n%s", code, stderr)
				}
				return
			}
			if code != 1 {
				t.Fatalf("exit %d, want 1:\n%s", code, stderr)
			}
			if testing.Verbose() {
				t.Log(stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("want %q in:\n%s", w, stderr)
				}
			}
		})
	}
}
