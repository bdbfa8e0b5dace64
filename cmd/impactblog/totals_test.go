package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/locale"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// rawControl returns the first control character of s other than tab and
// line feed (which the table itself prints), or -1.
func rawControl(s string) rune {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || r == 0x202e {
			return r
		}
	}
	return -1
}

// TestTotalsNoRawControlCharacters: issue 13, item 17. A recipient written
// "\x1b[2J…" cleared the terminal of whoever ran `totals`. Whether the post
// is refused or counted, nothing `totals` prints holds a raw control
// character.
func TestTotalsNoRawControlCharacters(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "posts"), 0o755)
	post := "---\ntitle: Gifts\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: \"\\x1b[2J\\x1b[HWWF\\x07\"\n      amount: 100\n  offsets:\n    - provider: \"Gold\\u009b31mStandard\\u202e\"\n      tonnes: 1\n---\nText.\n"
	os.WriteFile(filepath.Join(dir, "posts", "2021-01-15-gifts.md"), []byte(post), 0o644)
	_, out, errOut := runCmd(t, "totals", "-src", dir)
	for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
		if r := rawControl(s); r >= 0 {
			t.Errorf("%s holds %U raw:\n%q", name, r, s)
		}
	}
}

// TestPrintTotalsEscapes: the table prints a writer's control characters,
// tab and line feed among them, as escapes.
func TestPrintTotalsEscapes(t *testing.T) {
	gbp, _ := impact.ParseCurrency("GBP")
	day := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	d := impact.Donation{Recipient: "\x1b[2JWWF\x00\tand\nmore", Money: impact.Money{Amount: decimal.NewFromInt(100), Currency: gbp}, Date: day}
	o := impact.Offset{Provider: "Gold\u009b31m\u202eStandard\xff", Date: day}
	tot, _ := impact.Compute(1, []*impact.Donation{&d}, []*impact.Offset{&o})
	var b bytes.Buffer
	if err := printTotals(&b, tot, locale.New(language.BritishEnglish)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if r := rawControl(out); r >= 0 {
		t.Errorf("holds %U raw:\n%q", r, out)
	}
	for _, want := range []string{`to \x1b[2JWWF\x00\x09and\x0amore`, `through Gold\u009b31m\u202eStandard\xff`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in:\n%s", want, out)
		}
	}
}

// TestPrintTotalsEvidence: the table gives removals and avoidance apart,
// the devices given, and emissions by scope, with no net figure.
func TestPrintTotalsEvidence(t *testing.T) {
	gbp, _ := impact.ParseCurrency("GBP")
	day := time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)
	ds := []*impact.Donation{
		{Recipient: "Break Poverty", Kind: impact.InKind, Items: []impact.Item{{What: "smartphone", Count: 120}, {What: "laptop", Count: 35}}, Date: day},
		{Recipient: "Marathon", Kind: impact.Sponsorship, Money: impact.Money{Amount: decimal.NewFromInt(500), Currency: gbp}, Date: day},
	}
	os := []*impact.Offset{
		{Provider: "Puro", Tonnes: impact.Tonnes{Decimal: decimal.NewFromInt(2)}, Type: impact.Removal, Date: day},
		{Provider: "Verra", Tonnes: impact.Tonnes{Decimal: decimal.NewFromInt(10)}, Type: impact.Avoidance, Date: day},
	}
	es := []*impact.Emission{{What: "Deliveries", Tonnes: impact.Tonnes{Decimal: decimal.NewFromInt(18)}, Scope: 3, Category: 4, Date: day}}
	tot, _ := impact.Compute(1, ds, os, impact.WithEmissions(es))
	var b bytes.Buffer
	if err := printTotals(&b, tot, locale.New(language.BritishEnglish)); err != nil {
		t.Fatal(err)
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	for _, want := range []string{
		"Devices given 1 35 laptop, 120 smartphone", "to Break Poverty 35 laptop, 120 smartphone",
		"removals 2 t CO2e", "avoidance 10 t CO2e",
		"scope 3 1 18 t CO2e", "scope 3, category 4 1 18 t CO2e", "Donations 1 —",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, b.String())
		}
	}
	if strings.Contains(strings.ToLower(out), "net ") || strings.Contains(out, "Marathon") {
		t.Errorf("a net figure, or a sponsorship counted:\n%s", b.String())
	}
}
