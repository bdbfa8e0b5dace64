package claims

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A labelled sentence of testdata/corpus/LANG.txt:
//
//	rules | flags | sentence
//
// rules is "-" (not a claim) or the comma-separated ids of the rules that
// must fire; flags is "-" or a comma-separated list of offsets (the post
// records offsets) and plan (it names plan_url and verifier). Text between
// backquotes is code and is left out of the spans, as the caller does.
type labelled struct {
	line     int
	want     []string
	opt      Options
	sentence string
}

// readCorpus reads testdata/dir/lang.txt.
func readCorpus(t *testing.T, dir, lang string) []labelled {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", dir, lang+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, " | ", 3)
		if len(parts) != 3 {
			t.Fatalf("%s/%s.txt:%d: want rules | flags | sentence", dir, lang, n)
		}
		l := labelled{line: n, opt: Options{Lang: lang}, sentence: parts[2]}
		if parts[0] != "-" {
			l.want = strings.Split(parts[0], ",")
		}
		for _, fl := range strings.Split(parts[1], ",") {
			switch fl {
			case "offsets":
				l.opt.RecordsOffsets = true
			case "plan":
				l.opt.HasPlan = true
			case "-":
			default:
				t.Fatalf("%s/%s.txt:%d: unknown flag %q", dir, lang, n, fl)
			}
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// proseSpans splits s around `code`, keeping the prose with its columns.
func proseSpans(s string) []Span {
	var spans []Span
	col := 1
	for i, part := range strings.Split(s, "`") {
		if i%2 == 0 && part != "" {
			spans = append(spans, Span{Text: part, Line: 1, Col: col})
		}
		col += len([]rune(part)) + 1
	}
	return spans
}

type score struct{ tp, fp, fn, n int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// TestCorpus scores the rules on the labelled corpus, per (sentence, rule):
// a rule that fires and was labelled is a true positive, one that fires
// unlabelled a false positive, one labelled that does not fire a false
// negative. Precision and recall must be at least 0.9 per language and
// overall.
func TestCorpus(t *testing.T) {
	var total score
	for _, lang := range []string{"en", "fr", "de"} {
		s := scoreCorpus(t, "corpus", lang)
		t.Logf("%s: %d sentences, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)", lang, s.n, s.precision(), s.recall(), s.tp, s.fp, s.fn)
		if s.n < 60 {
			t.Errorf("%s: %d sentences, want at least 60", lang, s.n)
		}
		if s.precision() < 0.9 || s.recall() < 0.9 {
			t.Errorf("%s: precision %.3f, recall %.3f: want both ≥ 0.9", lang, s.precision(), s.recall())
		}
		total.tp, total.fp, total.fn, total.n = total.tp+s.tp, total.fp+s.fp, total.fn+s.fn, total.n+s.n
	}
	t.Logf("all: %d sentences, precision %.3f, recall %.3f", total.n, total.precision(), total.recall())
	if total.precision() < 0.9 || total.recall() < 0.9 {
		t.Errorf("all: precision %.3f, recall %.3f: want both ≥ 0.9", total.precision(), total.recall())
	}
}

// scoreCorpus checks every sentence of testdata/dir/lang.txt and logs each
// false positive and false negative.
func scoreCorpus(t *testing.T, dir, lang string) score {
	t.Helper()
	var s score
	for _, l := range readCorpus(t, dir, lang) {
		s.n++
		fs, err := Check(proseSpans(l.sentence), l.opt)
		if err != nil {
			t.Fatal(err)
		}
		var have []string
		for _, f := range fs {
			if !slices.Contains(have, f.Rule) {
				have = append(have, f.Rule)
			}
		}
		for _, r := range have {
			if slices.Contains(l.want, r) {
				s.tp++
			} else {
				s.fp++
				t.Logf("%s/%s.txt:%d: false positive %s: %s", dir, lang, l.line, r, l.sentence)
			}
		}
		for _, r := range l.want {
			if !slices.Contains(have, r) {
				s.fn++
				t.Logf("%s/%s.txt:%d: false negative %s: %s", dir, lang, l.line, r, l.sentence)
			}
		}
	}
	return s
}
