package claims

import "testing"

// TestHeldout scores the rules on testdata/heldout, a corpus written from the
// rule definitions alone by someone who had not read the phrase lists (issue
// 16), the same way TestCorpus scores testdata/corpus. Run it with -v to see
// every false positive and false negative. Precision and recall must be at
// least 0.9 per language.
func TestHeldout(t *testing.T) {
	for _, lang := range []string{"en", "fr", "de"} {
		s := scoreCorpus(t, "heldout", lang)
		t.Logf("heldout %s: %d sentences, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)", lang, s.n, s.precision(), s.recall(), s.tp, s.fp, s.fn)
		if s.n < 80 {
			t.Errorf("heldout %s: %d sentences, want at least 80", lang, s.n)
		}
		if s.precision() < 0.9 || s.recall() < 0.9 {
			t.Errorf("heldout %s: precision %.3f, recall %.3f: want both ≥ 0.9", lang, s.precision(), s.recall())
		}
	}
}
