package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// claimsBlog writes a blog of one post with the given front matter (after
// title and date) and body, and returns its folder.
func claimsBlog(t *testing.T, front, body string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "posts"), 0o755)
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\ncurrency = \"GBP\"\nlanguage = \"en-GB\"\n"), 0o644)
	src := "---\ntitle: Our year\ndate: 2021-01-15\n" + front + "---\n" + body
	os.WriteFile(filepath.Join(dir, "posts", "2021-01-15-x.md"), []byte(src), 0o644)
	return dir
}

const (
	offsets = "impact:\n  offsets:\n    - provider: GoodPlanet Foundation\n      tonnes: \"31.4\"\n      price_per_tonne: \"20\"\n"
	gift    = "impact:\n  donations:\n    - recipient: PUR Projet\n      amount: 112000\n"
)

// TestClaimsDoneWhen: the cases of issue 16's "Done when": check -strict
// fails on each claim, at its line and column with its rule, and passes a
// post that only states what its data holds.
func TestClaimsDoneWhen(t *testing.T) {
	tests := []struct {
		name, front, body string
		want              string // in stderr of check -strict; "" passes
	}{
		{"offset neutrality", offsets, "Our Black Friday deliveries were carbon neutral.\n",
			`posts/2021-01-15-x.md:10:34: offset-neutrality: "carbon neutral" rests on offsets`},
		{"eco-friendly", "", "Every order ships in eco-friendly packaging.\n",
			`posts/2021-01-15-x.md:5:22: generic-claim: "eco-friendly"`},
		{"net zero by 2030", "", "We will be net zero by 2030.\n",
			`posts/2021-01-15-x.md:5:12: future-claim: "net zero"`},
		{"net zero with a plan", "plan_url: https://example.org/plan\nverifier: An independent auditor\n", "We will be net zero by 2030.\n", ""},
		{"French", "lang: fr\n" + offsets, "Nos livraisons sont neutres en carbone.\n",
			`posts/2021-01-15-x.md:11:21: offset-neutrality: "neutres en carbone"`},
		{"a typed figure", gift, "We gave £121,000 to PUR Projet.\n",
			`posts/2021-01-15-x.md:9:9: figure-in-prose: £121,000 matches no figure of this post or the site: did you mean £112,000, the donation to PUR Projet?`},
		{"figures only", gift + "  offsets:\n    - provider: GoodPlanet Foundation\n      tonnes: \"31.4\"\n      price_per_tonne: \"20\"\n",
			"We gave £112,000 to PUR Projet and offset 31.4 tonnes through the GoodPlanet Foundation at £20 a tonne, {{< total donations >}} in all.\n", ""},
		{"in code", "", "Our CSS class is `eco-friendly`, see <https://example.org/green>.\n\n```\ncarbon neutral\n```\n", ""},
		{"accepted", "claims:\n  accept:\n    generic-claim: \"Reviewed 2026-11-02 by legal: the packaging is FSC certified, said on the next line\"\n",
			"Every order ships in eco-friendly packaging.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := claimsBlog(t, tt.front, tt.body)
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), []string{"check", "-strict", "-src", dir}, &stdout, &stderr), &stderr)
			if tt.want == "" {
				if code != 0 {
					t.Errorf("check -strict failed:\n%s", &stderr)
				}
				return
			}
			if code != 1 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("have exit %d:\n%s\nwant exit 1 and %q", code, &stderr, tt.want)
			}
			// Without -strict, a warning.
			stderr.Reset()
			code = exitCode(run(context.Background(), []string{"check", "-src", dir}, &stdout, &stderr), &stderr)
			if code != 0 || !strings.Contains(stderr.String(), "warning: ") {
				t.Errorf("check without -strict: exit %d\n%s", code, &stderr)
			}
		})
	}
}

// TestClaimsReport: claims -json gives every finding, accepted ones with
// their reason, as objects of the shape; the text report names
// each finding's source; a missing reason is a problem.
func TestClaimsReport(t *testing.T) {
	dir := claimsBlog(t, offsets+"claims:\n  accept:\n    generic-claim: \"Reviewed 2026-11-02 by legal: 'green' names our Green Team\"\n",
		"Our deliveries were carbon neutral, in green packaging.\n")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"claims", "-json", "-src", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, &stderr)
	}
	var list []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &list); err != nil {
		t.Fatalf("%v\n%s", err, &stdout)
	}
	if len(list) != 2 {
		t.Fatalf("have %d findings, want 2:\n%s", len(list), &stdout)
	}
	var keys []string
	for k := range list[0] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"accepted", "col", "file", "line", "message", "reason", "rule", "severity", "source", "source_url"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys: have %v, want %v", keys, want)
	}
	first, second := list[0], list[1]
	if first["rule"] != "offset-neutrality" || first["accepted"] != false || first["file"] != "posts/2021-01-15-x.md" || first["line"] != 13.0 || first["col"] != 21.0 || first["source"] == "" {
		t.Errorf("first: %v", first)
	}
	if second["rule"] != "generic-claim" || second["accepted"] != true || !strings.HasPrefix(second["reason"].(string), "Reviewed 2026-11-02") {
		t.Errorf("second: %v", second)
	}
	stdout.Reset()
	if err := run(context.Background(), []string{"claims", "-src", dir}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"13:21: warning: offset-neutrality", "\tsource: ", "accepted: generic-claim", "\treason: Reviewed 2026-11-02", "2 findings in 1 post: 1 to fix or accept, 1 accepted."} {
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("text report lacks %q:\n%s", w, &stdout)
		}
	}

	noReason := claimsBlog(t, "claims:\n  accept:\n    generic-claim: \"\"\n", "Green packaging.\n")
	stderr.Reset()
	if code := exitCode(run(context.Background(), []string{"check", "-src", noReason}, &stdout, &stderr), &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "posts/2021-01-15-x.md:6:5: accepting the generic-claim findings of this post needs a reason") {
		t.Errorf("exit %d:\n%s", code, &stderr)
	}
}

// TestHelpClaims: help claims lists every rule with a source.
func TestHelpClaims(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"help", "claims"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"offset-neutrality", "generic-claim", "future-claim", "label-claim", "figure-in-prose"} {
		i := strings.Index(stdout.String(), "\n  "+id+" (")
		if i < 0 || !strings.Contains(stdout.String()[i:], "source: ") {
			t.Errorf("help claims lacks %s with a source:\n%s", id, &stdout)
		}
	}
}
