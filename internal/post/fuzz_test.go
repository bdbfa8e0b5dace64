package post

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
		"---\ntitle: x\nimpact:\n  donations:\n    - recipient: R\n      kind: in-kind\n      items: [{what: laptop, count: 35}, 120 phones, {tablets: 3}]\n      evidence: ../receipt.pdf\n---\n",
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
			unvalued := d.Kind == impact.InKind && !d.Valued() && len(d.Items) > 0 // a gift in kind with no declared value
			if !unvalued && (!d.Amount.IsPositive() || d.Currency.Code == "") || d.Recipient == "" {
				t.Errorf("have: donation %+v want: a recipient and a positive amount in a currency, or items given in kind", d)
			}
		}
		for _, o := range p.Offsets {
			if !o.Tonnes.IsPositive() || o.Provider == "" {
				t.Errorf("have: offset %+v want: a provider and positive tonnes", o)
			}
		}
	})
}

// FuzzYAML and FuzzTOML give Parse front matter in one format, from the
// sample posts' and from the shapes that have gone wrong: each must end in
// bounded time without a panic, and every problem and warning must name a
// line of the file (or none), say something, and print no control
// character.
func FuzzYAML(f *testing.F) {
	for _, fm := range sampleFrontMatter(f, "---") {
		f.Add(fm)
	}
	for _, s := range []string{
		"title: x\nimpact:\n  donations:\n\t- recipient: WWF\n\t  amount: 5\n",
		"title: x\nsummary: |\n  a\n  \tb\ntags: [a,\n\tb]\n",
		"title: x\nsummary: \"never closed\nk: v\n",
		"title: x\ndate: 2204-07-15\nimpact:\n  donations:\n    - recipient: \"\\e[2J\"\n      amount: 45k\n      date: 0204-01-01\n",
		"title: x\nimapct:\n  donations: []\ndonations:\n  - amount: 31,400 kg\n",
		"title: x\nbase: &b {recipient: A, amount: 1.500}\nimpact:\n  donations:\n    - <<: *b\n      currency: £\n",
		"title: x\nimpact:\n  offsets:\n    - provider: P\n      tonnes: 31,400 kg\n      price_per_tonne: 1.2M\n",
		"title: x\n\"a\\eb\": 1\nparams:\n  impact:\n    offsets: []\n",
		"title: " + strings.Repeat("[", 300) + "\n",
	} {
		f.Add([]byte(s))
	}
	fuzzFormat(f, "---\n", "\n---\n")
}

func FuzzTOML(f *testing.F) {
	for _, fm := range sampleFrontMatter(f, "+++") {
		f.Add(fm)
	}
	for _, s := range []string{
		"title = \"x\"\n[[impact.donations]]\nrecipient = \"A\"\namount = 1.005\n[[impact.donations]]\namout = 5\n",
		"title = \"x\"\nimpact = { donations = [ { recipient = \"A\", amount = 5 }, { amount = -1 } ] }\n",
		"title = '''x\n",
		"title = \"x\"\nx = " + strings.Repeat("{a=", 250) + "1" + strings.Repeat("}", 250) + "\n",
		"title = \"x\"\n[" + strings.Repeat("a.", 250) + "a]\nb = 1\n",
		"title = \"x\"\na = \"[{\\\"[\"\nb = '[{\\'\nc = \"\"\"\n[\n{\"\"\"\nd = '''\n['''\n# [[[\n",
		"title = \"x\"\ndate = 2204-07-15\n[[donations]]\nrecipient = \"\\u001B[2J\"\namount = \"45k\"\n[[impact.donation]]\n",
		"title = \"x\"\n[params.impact]\noffsets = [{provider = \"P\", tonnes = \"31,400 kg\"}]\n[[impact.offsets]]\nprovider = \"Q\"\ntonnes = 0.0004\n",
		"title = \"x\"\na.b.\"c\".'d' = 1_000\nn = 0x10\nf = 1e3\nt = 07:32:00\nl = 1979-05-27T07:32:00\n",
	} {
		f.Add([]byte(s))
	}
	fuzzFormat(f, "+++\n", "\n+++\n")
}

// sampleFrontMatter returns the front matter of the sample posts written
// with delim, without the delimiters.
func sampleFrontMatter(f *testing.F, delim string) [][]byte {
	f.Helper()
	files, _ := filepath.Glob("../../posts/*.md")
	more, _ := filepath.Glob("../../posts/*/*.md")
	var out [][]byte
	for _, file := range append(files, more...) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		parts := bytes.SplitN(src, []byte(delim+"\n"), 3)
		if len(parts) == 3 && len(bytes.TrimSpace(parts[0])) == 0 {
			out = append(out, parts[1])
		}
	}
	return out
}

// fuzzFormat runs Parse on front matter between open and close.
func fuzzFormat(f *testing.F, open, close string) {
	gbp, err := impact.ParseCurrency("GBP")
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, fm []byte) {
		src := append(append([]byte(open), fm...), close...)
		// No clock here: Parse bounds its own work (MaxFileSize,
		// MaxFrontMatter, and the decoders' depth and size caps), which
		// TestLimits and the tree package's tests hold it to.
		p, probs := Parse("posts/2021-01-15-fuzz.md", src, Options{Currency: gbp, Now: now})
		all := probs
		if p != nil {
			all = append(all[:len(all):len(all)], p.Warnings...)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, pr := range all {
			if pr.File == "" || pr.Line < 0 || pr.Col < 0 || pr.Line > lines || pr.Err == nil || pr.Err.Error() == "" {
				t.Errorf("have: problem %#v want: a file, a line of the file's %d or none, and a message", pr, lines)
				continue
			}
			if c, _ := control(pr.Err.Error(), false); c != "" {
				t.Errorf("have: %q want: a message without a control character (%s)", pr.Err.Error(), c)
			}
		}
	})
}
