package claims

import "testing"

// TestBlind scores the rules on testdata/blind, a third corpus written from
// the rule definitions alone, without reading the phrase lists, the other
// corpora or the package's code, and never used to tune the rules. It scores
// the same way as TestCorpus and TestHeldout and logs precision and recall
// per language and every false positive and false negative (run it with -v),
// but it does not fail on the scores: it is a measurement, and tuning the
// rules or the labels to it would spoil it. It fails only if a corpus file
// cannot be read or parsed, or has shrunk below 70 sentences.
func TestBlind(t *testing.T) {
	var total score
	for _, lang := range []string{"en", "fr", "de"} {
		s := scoreCorpus(t, "blind", lang)
		t.Logf("blind %s: %d sentences, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)", lang, s.n, s.precision(), s.recall(), s.tp, s.fp, s.fn)
		if s.n < 70 {
			t.Errorf("blind %s: %d sentences, want at least 70", lang, s.n)
		}
		total.tp, total.fp, total.fn, total.n = total.tp+s.tp, total.fp+s.fp, total.fn+s.fn, total.n+s.n
	}
	t.Logf("blind all: %d sentences, precision %.3f, recall %.3f (tp %d, fp %d, fn %d)", total.n, total.precision(), total.recall(), total.tp, total.fp, total.fn)
}
