// Package claims finds environmental claims in a post's prose that its
// writer may not be able to defend: the words around the figures, checked
// against EU Directive 2024/825 ("Empowering Consumers for the Green
// Transition"), the CMA's Green Claims Code and the ASA's guidance on
// carbon-neutral and net-zero claims.
//
// # Input and output
//
// The caller extracts the prose of a post — title, summary, paragraphs,
// headings, image alt text, but not code spans, code blocks or link URLs —
// as a list of [Span], each with the line and column (1-based, in
// characters) of its first character in the source file, and calls [Check]
// with the post's [Options]. Check returns a [Finding] for every claim, in
// the order of the spans, positioned at the first character of the matched
// phrase: Line is the span's Line plus the newlines before the phrase; Col
// is the span's Col plus the phrase's offset in characters when the phrase
// is on the span's first line, and its 1-based column on its own line
// otherwise.
//
// Options.Lang is a BCP 47 tag ("fr-FR" and "fr" both select French); the
// languages with rules are those of [Languages] (en, fr, de), and any other
// tag, or none, selects English. RecordsOffsets says the post records
// offsets (impact.offsets in its front matter); HasPlan says its front
// matter names both plan_url and verifier. Accepted maps a rule id to the
// reason a reviewer accepted that rule's findings in this post: they are
// still returned, with Accepted set and the Reason. Off maps a rule id to
// the reason the site turned it off: its findings are not returned. A
// missing or empty reason is an error and silences nothing; Check still
// returns every finding, with the error. Extra adds rules or phrases (from
// site.toml): an Extra rule whose ID is a built-in rule's adds its Phrases
// and Negatives to it; any other is a new rule that reports every match of
// its Phrases (capitalised or not), with its own Message, Severity and
// Sources.
//
// Every finding is a warning. Message starts with the rule id and names the
// matched phrase as written, the rule's source and what to write instead:
//
//	offset-neutrality: "carbon neutral" rests on offsets (impact.offsets in this post): the EU bans this for products from 27 Sep 2026 (Directive 2024/825, Annex I 4c); say what was offset, how much, through which scheme
//
// Source and SourceURL name the rule's first source; [Rules] lists every
// rule of a language with all its sources, for "impactblog help claims".
//
// # Matching
//
// Text is split into sentences (at ".", "!", "?" and "…" followed by a space,
// except after the language's abbreviations or between digits, and at blank
// lines) and into words: runs of Unicode letters, digits and marks, compared
// in lower case after NFKC normalisation, so "CO₂-neutral" is "co2 neutral"
// and "greenhouse" is never "green". Phrases match whole words and the
// inflections their rules file allows (klimaneutral, klimaneutrale,
// klimaneutralen; neutre, neutres; compensé, compensées), never parts of
// words. A phrase is not a claim when it overlaps one of the rule's
// negative phrases ("green light", "neutral colours", "développement
// durable", "grüner Tee"), or, in English and French, when every word of it
// is capitalised in a sentence that is not a headline and it does not open
// the sentence or is followed by another capitalised word — a name, as in
// "the Green Team" or "Green Street" (German capitalises every noun, so
// there only the negative phrases apply).
//
// Some words mean something else in some company: a rules file pairs a
// phrase with the words that give it another meaning (croissance durable
// is lasting growth, a grüne Jacke a green jacket, forest green a colour),
// and the phrase is then no claim. A sentence that names a government, a
// law or a regulator and has no first person ("we", "our", nous, wir) is
// about someone else's target, not the writer's: not a neutrality or
// future claim ("the government's net zero target for 2050"). A phrase
// standing alone in quotation marks in a sentence without a first person
// is a mention (das Label „klimaneutral"), not a claim. A sentence is a
// headline when it does not end in a full stop, or is in capitals; each
// part of a heading between colons or dashes is judged on its own. In
// French, a year after a verb of the past (atteint, obtenu) is no target.
// A target with no word of the writer's own ("self": we, our, the company;
// nous, l'entreprise; wir, das Unternehmen) is someone else's: "the EU aims
// to be climate neutral by 2050" is no claim of the writer's. A sentence
// with a negation and a verb of saying is a denial, not a claim: "we do not
// call our trainers sustainable", "wir bezeichnen uns nicht mehr als
// klimaneutral" (the "negations" and "saying" classes).
//
// # Rules
//
// The rules are data: one TOML file per language in rules/, embedded, each
// rule with its id, kind, severity, message template ({phrase} is the
// matched text), sources (title and URL) and phrase lists; word classes
// (schemes, units, subjects, environmental words) are shared by the rules of
// a file.
//
//   - offset-neutrality: a neutrality phrase (carbon neutral, net zero,
//     climate positive, carbon negative, carbon compensated, neutre en
//     carbone, compensé, klimaneutral, CO2-neutral …) in a post that records
//     offsets, or in a sentence about a product, delivery, order or event
//     (the "subjects" class). Directive 2024/825 Annex I 4c; ASA.
//     Words that only say what was done — "we offset our carbon footprint on
//     that day", the seed post's own sentence — are an offsetting statement,
//     not a neutrality claim, and are not reported: the Directive does not
//     stop a trader from telling of its investment in offsets, and the ASA
//     asks exactly for that information.
//   - generic-claim: eco-friendly, environmentally friendly, green,
//     sustainable, planet-friendly, climate friendly, good for the planet,
//     écologique, respectueux de l'environnement, umweltfreundlich … in a
//     sentence with no specific qualifier. A specific qualifier is, in the
//     same sentence, a percentage (60 %, 60 percent), a number followed by a
//     unit of the "units" class (31.4 t, 12 kg, 500 kWh) or a named scheme or
//     standard of the "schemes" class (EU Ecolabel, FSC, B Corp, ISO 14001).
//     Directive 2024/825 Annex I 4a; CMA principle 2.
//   - future-claim: a neutrality phrase in a sentence about the future — one
//     of the rule's markers followed by a year (by 2030, d'ici 2030, bis
//     2030) or one of its intent words (aim, target, pledge, objectif, Ziel)
//     — unless the post names its plan and verifier (HasPlan). The sentence
//     is then not also an offset-neutrality finding. Directive 2024/825
//     Art. 2(o) and 6(2)(d) of Directive 2005/29/EC as amended.
//   - label-claim: certified, approved, verified, accredited, certifié,
//     zertifiziert, geprüft … in a sentence with an environmental word (the
//     "env" class) and no scheme of the "schemes" class. Directive 2024/825
//     Annex I 2a.
package claims

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A Span is a piece of a post's prose and where it starts in the file.
type Span struct {
	Text      string
	Line, Col int // 1-based, of Text's first character; Col in characters
}

// Options describe the post being checked and the site's choices.
type Options struct {
	Lang           string            // BCP 47: "en", "fr-FR", "de"; "" is English
	RecordsOffsets bool              // the post records offsets (impact.offsets)
	HasPlan        bool              // front matter names plan_url and verifier
	Accepted       map[string]string // rule id → reviewer's reason; findings kept, marked Accepted
	Off            map[string]string // rule id → reason; the rule is not run
	Extra          []Rule            // rules or phrases added by the site
}

// A Finding is one claim at a position.
type Finding struct {
	Line      int    `json:"line"`
	Col       int    `json:"col"`
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Source    string `json:"source"`
	SourceURL string `json:"source_url"`
	Accepted  bool   `json:"accepted"`
	Reason    string `json:"reason,omitempty"`
}

// A Source is a rule's authority.
type Source struct {
	Title string `toml:"title" json:"title"`
	URL   string `toml:"url" json:"url"`
}

// A Rule is one rule of a language, as its rules file writes it.
type Rule struct {
	ID       string `toml:"id" json:"id"`
	Kind     string `toml:"kind" json:"kind"` // offset, generic, future, label, or phrase (the default)
	Severity string `toml:"severity" json:"severity"`
	Summary  string `toml:"summary" json:"summary"`
	Message  string `toml:"message" json:"message"`
	// MessageOffsets replaces Message when the post records offsets (offset kind).
	MessageOffsets string   `toml:"message_offsets" json:"message_offsets,omitempty"`
	Sources        []Source `toml:"sources" json:"sources"`
	Phrases        []string `toml:"phrases" json:"phrases"`
	// PhrasesFrom names a rule whose phrases this rule also uses.
	PhrasesFrom string `toml:"phrases_from" json:"phrases_from,omitempty"`
	// Contextual phrases match only in a sentence with a word of Context.
	Contextual []string `toml:"contextual" json:"contextual,omitempty"`
	Context    []string `toml:"context" json:"context,omitempty"`
	Negatives  []string `toml:"negatives" json:"negatives,omitempty"`
	// LowercaseOnly: a match capitalised mid-sentence (not a headline, not
	// opening a hyphenated compound) is a noun, not the adjective.
	LowercaseOnly bool `toml:"lowercase_only" json:"lowercase_only,omitempty"`
	// Markers followed by a year, and Words, make a sentence about the future (future kind).
	Markers []string `toml:"markers" json:"markers,omitempty"`
	Words   []string `toml:"words" json:"words,omitempty"`
}

// ErrNoReason is returned when an accepted or disabled rule has no reason.
var ErrNoReason = errors.New("a reason is required")

// Languages lists the languages that have rules files.
func Languages() []string {
	var ls []string
	for l := range rulesets() {
		ls = append(ls, l)
	}
	slices.Sort(ls)
	return ls
}

// Rules lists the rules of the language of the BCP 47 tag lang, with their
// sources, in the order of its rules file.
func Rules(lang string) []Rule { return cloneRules(rulesetFor(lang)) }

func cloneRules(rs *ruleset) []Rule {
	out := make([]Rule, len(rs.file.Rules))
	for i, r := range rs.file.Rules {
		out[i] = r
		out[i].Phrases = slices.Clone(r.Phrases)
		out[i].Sources = slices.Clone(r.Sources)
	}
	return out
}

// baseLang returns the primary language subtag of a BCP 47 tag, in lower case.
func baseLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

func rulesetFor(lang string) *ruleset {
	sets := rulesets()
	if rs, ok := sets[baseLang(lang)]; ok {
		return rs
	}
	return sets["en"]
}

// Check reports the claims in spans. See the package comment. A caller
// checking many posts with the same Extra makes a Checker once instead.
func Check(spans []Span, opt Options) ([]Finding, error) {
	c, err := NewChecker(opt.Extra)
	fs, err2 := c.Check(spans, opt)
	return fs, errors.Join(err, err2)
}

// A Checker holds the rules of every language with the site's extra rules
// and phrases, compiled once. It is safe for concurrent use.
type Checker struct {
	sets map[string]*ruleset
}

// NewChecker compiles the rules of every language with extra. With an
// error (an extra rule without phrases, say), the Checker has the
// built-in rules only.
func NewChecker(extra []Rule) (*Checker, error) {
	c := &Checker{sets: rulesets()}
	if len(extra) == 0 {
		return c, nil
	}
	sets := map[string]*ruleset{}
	for lang, rs := range c.sets {
		x, err := rs.extend(extra)
		if err != nil {
			return c, err
		}
		sets[lang] = x
	}
	c.sets = sets
	return c, nil
}

func (c *Checker) rulesetFor(lang string) *ruleset {
	if rs, ok := c.sets[baseLang(lang)]; ok {
		return rs
	}
	return c.sets["en"]
}

// Rules lists the rules of the language of the BCP 47 tag lang, the
// site's own among them, in the order of its rules file.
func (c *Checker) Rules(lang string) []Rule { return cloneRules(c.rulesetFor(lang)) }

// Check reports the claims in spans, as the function Check does with the
// Checker's extra rules; opt.Extra is not read.
func (c *Checker) Check(spans []Span, opt Options) ([]Finding, error) {
	rs := c.rulesetFor(opt.Lang)
	var errs []error
	for _, id := range sortedKeys(opt.Accepted) {
		if strings.TrimSpace(opt.Accepted[id]) == "" {
			errs = append(errs, fmt.Errorf("claims: accept %s: %w", id, ErrNoReason))
		}
	}
	for _, id := range sortedKeys(opt.Off) {
		if strings.TrimSpace(opt.Off[id]) == "" {
			errs = append(errs, fmt.Errorf("claims: off %s: %w", id, ErrNoReason))
		}
	}
	var out []Finding
	for _, sp := range spans {
		for _, f := range rs.check(sp, opt) {
			if reason := strings.TrimSpace(opt.Off[f.Rule]); reason != "" {
				continue
			}
			if reason := strings.TrimSpace(opt.Accepted[f.Rule]); reason != "" {
				f.Accepted, f.Reason = true, reason
			}
			out = append(out, f)
		}
	}
	return out, errors.Join(errs...)
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// newlines returns the rune offsets of the newlines of text.
func newlines(text string) []int {
	var nl []int
	n := 0
	for _, r := range text {
		if r == '\n' {
			nl = append(nl, n)
		}
		n++
	}
	return nl
}

// position returns the line and column of the rune at offset off of sp,
// whose newlines are at the rune offsets nl.
func position(sp Span, nl []int, off int) (line, col int) {
	i, _ := slices.BinarySearch(nl, off)
	if i == 0 {
		return sp.Line, sp.Col + off
	}
	return sp.Line + i, off - nl[i-1]
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}
