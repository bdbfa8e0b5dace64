package post

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/impactblog/impactblog/internal/impact"
)

// FuzzParse checks that Parse never panics, that every problem has a file
// and no negative position, and that a post without problems is usable.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../../posts/*.md")
	more, _ := filepath.Glob("../../posts/*/*.md")
	for _, file := range append(files, more...) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, src := range []string{
		"",
		"---\n",
		"---\ntitle: x\n",
		"---\ntitle: Impact: our year\n---\n",
		"---\na: &a [*a]\ntitle: x\n---\n",
		"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ntitle: x\n---\n",
		"---\ntitle: x\nimpact:\n  donations:\n    - recipient: WWF\n      amount: \"£112,000\"\n      currency: gbp\n  offsets:\n    - provider: P\n      tonnes: 0.5\n      price_per_tonne: 0.01\n      cost: 0.02\n---\n",
		"+++\ntitle = \"x\"\n[[impact.donations]]\nrecipient = \"A\"\namount = 1.005\n[[impact.donations]]\namout = 5\n+++\n",
		"+++\ntitle = \"x\"\nimpact = { donations = [ { recipient = \"A\", amount = 5 }, { amount = -1 } ] }\n+++\n",
		"+++\ntitle = '''x\n+++\n",
		"{\n\"title\": \"x\",\n\"impact\": {\"donations\": [{\"recipient\": \"A\", \"amount\": 1e3}]}\n}\n\nBody\n",
		";;;\n{\"title\": \"x\"\n;;;\n",
		"{\n" + strings.Repeat("[", 300) + "\n}\n\n",
		"---\ntitle: x\x00\n---\n",
		"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n",
	} {
		f.Add([]byte(src))
	}
	gbp, err := impact.ParseCurrency("GBP")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p, probs := Parse("posts/2021-01-15-fuzz.md", src, Options{Currency: gbp})
		lines := strings.Split(string(src), "\n")
		for _, pr := range probs {
			if pr.File == "" || pr.Line < 0 || pr.Col < 0 || pr.Err == nil {
				t.Errorf("have: problem %#v want: a file, a message and no negative position", pr)
			}
			if pr.Line > len(lines) {
				t.Errorf("have: %v want: a line of the file's %d", pr, len(lines))
			} else if pr.Line > 0 && pr.Col > utf8.RuneCountInString(lines[pr.Line-1])+1 {
				t.Errorf("have: %v want: a column of line %q", pr, lines[pr.Line-1])
			}
		}
		if len(probs) > 0 {
			return
		}
		if p == nil {
			t.Fatal("have: no post and no problem want: one of them")
		}
		if strings.TrimSpace(p.Title) == "" {
			t.Errorf("have: title %q want: a title", p.Title)
		}
		if !slugRE.MatchString(p.Slug) {
			t.Errorf("have: slug %q want: a plain name", p.Slug)
		}
		for _, d := range p.Donations {
			if !d.Amount.IsPositive() || d.Currency.Code == "" || d.Recipient == "" {
				t.Errorf("have: donation %+v want: a recipient and a positive amount in a currency", d)
			}
		}
		for _, o := range p.Offsets {
			if !o.Tonnes.IsPositive() || o.Provider == "" {
				t.Errorf("have: offset %+v want: a provider and positive tonnes", o)
			}
		}
	})
}
