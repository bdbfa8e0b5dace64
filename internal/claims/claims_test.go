package claims

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheckPositions(t *testing.T) {
	for _, tc := range []struct {
		name      string
		span      Span
		opt       Options
		line, col int
		rule      string
		phrase    string
	}{
		{"offsets", Span{"Our Black Friday deliveries were carbon neutral.", 34, 1}, Options{RecordsOffsets: true}, 34, 34, "offset-neutrality", `"carbon neutral" rests on offsets`},
		{"span col", Span{"eco-friendly packaging", 7, 10}, Options{}, 7, 10, "generic-claim", `"eco-friendly"`},
		{"second line", Span{"Hello there.\nWe sell eco-friendly packaging.", 3, 5}, Options{}, 4, 9, "generic-claim", `"eco-friendly"`},
		{"runes not bytes", Span{"Nos livraisons — écologiques.", 1, 1}, Options{Lang: "fr"}, 1, 18, "generic-claim", `"écologiques"`},
		{"fr-FR", Span{"Nos livraisons sont neutres en carbone.", 2, 3}, Options{Lang: "fr-FR"}, 2, 23, "offset-neutrality", `"neutres en carbone"`},
		{"de_DE", Span{"Die klimaneutralen Lieferungen.", 1, 1}, Options{Lang: "de_DE"}, 1, 5, "offset-neutrality", `"klimaneutralen"`},
		{"future", Span{"We will be net zero by 2030.", 1, 1}, Options{}, 1, 12, "future-claim", `"net zero"`},
		{"unknown language is English", Span{"Green packaging.", 1, 1}, Options{Lang: "ja"}, 1, 1, "generic-claim", `"Green"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, err := Check([]Span{tc.span}, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != 1 {
				t.Fatalf("have %d findings %+v, want 1", len(fs), fs)
			}
			f := fs[0]
			if f.Line != tc.line || f.Col != tc.col || f.Rule != tc.rule {
				t.Errorf("have %d:%d %s, want %d:%d %s", f.Line, f.Col, f.Rule, tc.line, tc.col, tc.rule)
			}
			if !strings.HasPrefix(f.Message, tc.rule+": "+tc.phrase) {
				t.Errorf("have message %q, want it to start %q", f.Message, tc.rule+": "+tc.phrase)
			}
			if f.Severity != "warning" || f.Source == "" || !strings.HasPrefix(f.SourceURL, "https://") {
				t.Errorf("have severity %q source %q %q", f.Severity, f.Source, f.SourceURL)
			}
		})
	}
}

func TestIssueMessage(t *testing.T) {
	fs, _ := Check([]Span{{Text: "Our Black Friday deliveries were carbon neutral.", Line: 34, Col: 1}}, Options{RecordsOffsets: true})
	want := `offset-neutrality: "carbon neutral" rests on offsets (impact.offsets in this post): the EU bans this for products from 27 Sep 2026 (Directive 2024/825, Annex I 4c); say what was offset, how much, through which scheme`
	if len(fs) != 1 || fs[0].Message != want {
		t.Errorf("have %+v\nwant %q", fs, want)
	}
}

func TestInflections(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       bool
	}{
		{"de", "Die klimaneutral Lieferung.", true},
		{"de", "Die klimaneutrale Lieferung.", true},
		{"de", "Die klimaneutralen Lieferungen.", true},
		{"de", "Das klimaneutrales Produkt.", true},
		{"de", "Das klimaneutralisierte Produkt.", false},
		{"fr", "Livraison neutre en carbone.", true},
		{"fr", "Livraisons neutres en carbone.", true},
		{"fr", "Colis compensé en carbone.", true},
		{"fr", "Livraison compensée en carbone.", true},
		{"fr", "Commandes compensées en CO2.", true},
		{"fr", "Livraison neutralisée en carbone.", false},
		{"en", "A greenhouse product.", false},
		{"en", "An evergreen product.", false},
		{"en", "A green product.", true},
		{"en", "Carbon-neutral delivery.", true},
		{"en", "CO₂-neutral delivery.", true},
		{"en", "Carbonneutralish delivery.", false},
	} {
		fs, err := Check([]Span{{Text: tc.text, Line: 1, Col: 1}}, Options{Lang: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		if have := len(fs) > 0; have != tc.want {
			t.Errorf("%s %q: have finding %v, want %v (%+v)", tc.lang, tc.text, have, tc.want, fs)
		}
	}
}

func TestAcceptedAndOff(t *testing.T) {
	spans := []Span{{Text: "Eco-friendly packaging. Carbon neutral delivery.", Line: 1, Col: 1}}
	fs, err := Check(spans, Options{
		Accepted: map[string]string{"generic-claim": "Reviewed 2026-11-02 by legal"},
		Off:      map[string]string{"offset-neutrality": "we report offsets elsewhere"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != "generic-claim" || !fs[0].Accepted || fs[0].Reason != "Reviewed 2026-11-02 by legal" {
		t.Fatalf("have %+v", fs)
	}
	fs, err = Check(spans, Options{Accepted: map[string]string{"generic-claim": " "}, Off: map[string]string{"offset-neutrality": ""}})
	if !errors.Is(err, ErrNoReason) {
		t.Errorf("have error %v, want ErrNoReason", err)
	}
	if len(fs) != 2 || fs[0].Accepted || fs[1].Accepted {
		t.Errorf("an empty reason silenced something: %+v", fs)
	}
}

func TestExtra(t *testing.T) {
	spans := []Span{{Text: "Our packaging is planet-positive. The Forest Friends range ships today.", Line: 1, Col: 1}}
	fs, err := Check(spans, Options{Extra: []Rule{
		{ID: "generic-claim", Phrases: []string{"planet positive"}},
		{ID: "house-style", Message: `house-style: "{phrase}" is a retired name`, Sources: []Source{{Title: "House style", URL: "https://example.com/style"}}, Phrases: []string{"forest friends"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule)
	}
	if strings.Join(rules, ",") != "generic-claim,house-style" {
		t.Errorf("have %v, want generic-claim,house-style", rules)
	}
	if _, err := Check(spans, Options{Extra: []Rule{{ID: "bad"}}}); err == nil {
		t.Error("an extra rule with no message nor source: have no error")
	}
}

func TestRules(t *testing.T) {
	for _, lang := range []string{"en", "fr", "de"} {
		ids := map[string]bool{}
		for _, r := range Rules(lang) {
			ids[r.ID] = true
			if len(r.Sources) == 0 || r.Sources[0].URL == "" || r.Summary == "" {
				t.Errorf("%s %s: source or summary missing", lang, r.ID)
			}
		}
		for _, id := range []string{"offset-neutrality", "generic-claim", "future-claim", "label-claim"} {
			if !ids[id] {
				t.Errorf("%s: rule %s missing", lang, id)
			}
		}
	}
	if got := strings.Join(Languages(), ","); got != "de,en,fr" {
		t.Errorf("have languages %s", got)
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       int
	}{
		{"en", "We planted trees, e.g. oaks. It cost £2.50 each! Done?", 3},
		{"en", "First line\n\nSecond paragraph", 2},
		{"de", "Wir pflanzen z.B. Eichen. Fertig.", 2},
		{"fr", "Nous plantons p.ex. des chênes. « Fini. » Voilà", 3},
	} {
		if have := len(sentences(tc.text, rulesetFor(tc.lang).abbrev)); have != tc.want {
			t.Errorf("%s %q: have %d sentences, want %d", tc.lang, tc.text, have, tc.want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add("Our Black Friday deliveries were carbon neutral.", "en", true)
	f.Add("Nos livraisons sont neutres en carbone d'ici 2030.", "fr", false)
	f.Add("Die klimaneutralen Öko-Lieferungen. z.B. 60 %", "de", false)
	f.Add("CO₂\u0301-neutral\n\n\xff green", "en", false)
	f.Fuzz(func(t *testing.T, text, lang string, offsets bool) {
		sp := Span{Text: text, Line: 5, Col: 3}
		fs, _ := Check([]Span{sp}, Options{Lang: lang, RecordsOffsets: offsets})
		lines := strings.Count(text, "\n")
		for _, f := range fs {
			if f.Line < sp.Line || f.Line > sp.Line+lines || f.Col < 1 {
				t.Fatalf("finding at %d:%d outside the span %q", f.Line, f.Col, text)
			}
			if f.Line == sp.Line && f.Col >= sp.Col+utf8.RuneCountInString(text) {
				t.Fatalf("finding at %d:%d past the span's end %q", f.Line, f.Col, text)
			}
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	para := "Our Black Friday deliveries were carbon neutral, and every order ships in eco-friendly packaging. " +
		"We planted 2,000 trees with the GoodPlanet Foundation, offsetting 31.4 tonnes of CO2. " +
		"The greenhouse on Green Street is painted in neutral colours, and the Green Team meets there. " +
		"We aim to be net zero by 2030, and our footprint has been independently verified. "
	var sb strings.Builder
	for len(strings.Fields(sb.String())) < 10000 {
		sb.WriteString(para)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check([]Span{{Text: text, Line: 1, Col: 1}}, Options{RecordsOffsets: true}); err != nil {
			b.Fatal(err)
		}
	}
}
