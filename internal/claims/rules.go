package claims

import (
	"embed"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2"
)

//go:embed rules/*.toml
var rulesFS embed.FS

// A file is one language's rules file.
type file struct {
	Lang string `toml:"lang"`
	// Suffixes are the inflections a word marked ~ may take.
	Suffixes []string `toml:"suffixes"`
	// Abbreviations end with a "." that does not end a sentence.
	Abbreviations []string `toml:"abbreviations"`
	// ProperNouns: capitalised words mid-sentence are names (not in German).
	ProperNouns bool `toml:"proper_nouns"`
	// Classes are word lists shared by the rules: schemes, units,
	// percent, subjects, env, past, authorities, self, and pairs
	// NAME_words, NAME_context (see senses).
	Classes map[string][]string `toml:"classes"`
	Rules   []Rule              `toml:"rules"`
}

// A ruleset is a file, compiled.
type ruleset struct {
	file    file
	abbrev  map[string]bool
	classes map[string]phraseSet
	senses  []sense
	rules   []*compiled
}

// A sense is another meaning of some generic words, told by the words
// around them: "sustainable" in a sentence about growth or debt means
// lasting, "green" in a sentence that names another colour is a colour. The
// classes NAME_words and NAME_context of a rules file make one.
type sense struct {
	words, context phraseSet
}

type compiled struct {
	Rule
	phrases    phraseSet
	contextual phraseSet
	context    phraseSet
	negatives  phraseSet
	markers    phraseSet
	words      phraseSet
}

var rulesets = sync.OnceValue(func() map[string]*ruleset {
	ents, err := rulesFS.ReadDir("rules")
	if err != nil {
		panic(err)
	}
	sets := map[string]*ruleset{}
	for _, e := range ents {
		b, err := rulesFS.ReadFile(path.Join("rules", e.Name()))
		if err != nil {
			panic(err)
		}
		rs, err := parseRules(b)
		if err != nil {
			panic(fmt.Sprintf("claims: rules/%s: %v", e.Name(), err))
		}
		sets[rs.file.Lang] = rs
	}
	return sets
})

func parseRules(b []byte) (*ruleset, error) {
	var f file
	dec := toml.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	return compileFile(f)
}

func compileFile(f file) (*ruleset, error) {
	rs := &ruleset{file: f, abbrev: map[string]bool{}, classes: map[string]phraseSet{}}
	if f.Lang == "" {
		return nil, fmt.Errorf("lang is missing")
	}
	for _, a := range f.Abbreviations {
		rs.abbrev[normWord(strings.Trim(a, "."))] = true
	}
	for name, ws := range f.Classes {
		rs.classes[name] = compileSet(ws)
	}
	for _, name := range slices.Sorted(maps.Keys(f.Classes)) {
		if base, ok := strings.CutSuffix(name, "_words"); ok {
			ctx, ok := rs.classes[base+"_context"]
			if !ok {
				return nil, fmt.Errorf("class %s has no %s_context", name, base)
			}
			rs.senses = append(rs.senses, sense{rs.classes[name], ctx})
		}
	}
	byID := map[string]Rule{}
	for _, r := range f.Rules {
		byID[r.ID] = r
	}
	for _, r := range f.Rules {
		if r.ID == "" || r.Message == "" || len(r.Sources) == 0 {
			return nil, fmt.Errorf("rule %q: id, message and sources are required", r.ID)
		}
		switch r.Kind {
		case "":
			r.Kind = "phrase"
		case "offset", "generic", "future", "label", "phrase":
		default:
			return nil, fmt.Errorf("rule %s: unknown kind %q", r.ID, r.Kind)
		}
		if r.Severity == "" {
			r.Severity = "warning"
		}
		phrases := r.Phrases
		contextual := r.Contextual
		if r.PhrasesFrom != "" {
			from, ok := byID[r.PhrasesFrom]
			if !ok {
				return nil, fmt.Errorf("rule %s: phrases_from %q: no such rule", r.ID, r.PhrasesFrom)
			}
			phrases = append(append([]string(nil), phrases...), from.Phrases...)
			contextual = append(append([]string(nil), contextual...), from.Contextual...)
			r.Context = append(append([]string(nil), r.Context...), from.Context...)
			r.Negatives = append(append([]string(nil), r.Negatives...), from.Negatives...)
		}
		rs.rules = append(rs.rules, &compiled{
			Rule:       r,
			phrases:    compileSet(phrases),
			contextual: compileSet(contextual),
			context:    compileSet(r.Context),
			negatives:  compileSet(r.Negatives),
			markers:    compileSet(r.Markers),
			words:      compileSet(r.Words),
		})
	}
	rs.file.Rules = nil
	for _, c := range rs.rules {
		rs.file.Rules = append(rs.file.Rules, c.Rule)
	}
	return rs, nil
}

// extend returns a copy of rs with the site's extra rules and phrases.
func (rs *ruleset) extend(extra []Rule) (*ruleset, error) {
	f := rs.file
	f.Rules = append([]Rule(nil), f.Rules...)
	for _, x := range extra {
		found := false
		for i := range f.Rules {
			if f.Rules[i].ID == x.ID {
				r := f.Rules[i]
				r.Phrases = append(append([]string(nil), r.Phrases...), x.Phrases...)
				r.Negatives = append(append([]string(nil), r.Negatives...), x.Negatives...)
				f.Rules[i], found = r, true
			}
		}
		if !found {
			if x.Kind == "" {
				x.Kind = "phrase"
			}
			f.Rules = append(f.Rules, x)
		}
	}
	out, err := compileFile(f)
	if err != nil {
		return rs, fmt.Errorf("claims: extra rules: %w", err)
	}
	return out, nil
}

// sentence is one sentence's tokens and what the rules ask of it.
type sentence struct {
	toks  []token
	heads []bool // heads[i]: toks[i] stands in a headline
}

func (rs *ruleset) class(name string, s *sentence) bool {
	return rs.classes[name].any(s.toks, rs.file.Suffixes)
}

// qualified reports whether s holds a specific qualifier: a percentage, a
// number followed by a unit, or a named scheme.
func (rs *ruleset) qualified(s *sentence) bool {
	units, pct := rs.classes["units"], rs.classes["percent"]
	for i, t := range s.toks {
		if !t.number {
			continue
		}
		if t.percent || units.matchStart(s.toks, i+1, rs.file.Suffixes) || pct.matchStart(s.toks, i+1, rs.file.Suffixes) {
			return true
		}
	}
	return rs.class("schemes", s)
}

// future reports whether s speaks of the future: a marker followed by a year
// (unless a word of the "past" class says the year is behind us: "atteint …
// dès 2021"), or an intent word.
func (rs *ruleset) future(c *compiled, s *sentence) bool {
	sfx := rs.file.Suffixes
	if !rs.class("past", s) {
		for _, m := range c.markers.find(s.toks, sfx) {
			if m.j < len(s.toks) && isYear(s.toks[m.j]) {
				return true
			}
		}
	}
	return c.words.any(s.toks, sfx)
}

// others reports whether s speaks of someone else's claim or target: it
// names an authority (a government, a law, a regulator) and has no word of
// the writer's own ("we", "our").
func (rs *ruleset) others(s *sentence) bool {
	return rs.class("authorities", s) && !rs.class("self", s)
}

// otherSense reports whether m is a word of a sense whose context is in s.
func (rs *ruleset) otherSense(s *sentence, m match) bool {
	for _, se := range rs.senses {
		for _, p := range se.words.pats {
			if p.matchAt(s.toks, m.i, rs.file.Suffixes) == m.j-m.i && se.context.any(s.toks, rs.file.Suffixes) {
				return true
			}
		}
	}
	return false
}

func isYear(t token) bool {
	if !t.number || len(t.norm) != 4 {
		return false
	}
	y, err := strconv.Atoi(t.norm)
	return err == nil && y >= 2000 && y < 2100
}

// matches returns the rule's matches in s that are claims: not overlapping
// a negative phrase, not a name, and not a mention — the phrase alone
// between quotation marks in a sentence with no word of the writer's own
// ("self": we, our): the label „klimaneutral“, flights called "carbon
// neutral". The writer's own scare quotes (our "eco-friendly" range) are
// still a claim.
func (rs *ruleset) matches(c *compiled, s *sentence) []match {
	sfx := rs.file.Suffixes
	ms := c.phrases.find(s.toks, sfx)
	if c.contextual.len() > 0 && c.context.any(s.toks, sfx) {
		ms = append(ms, c.contextual.find(s.toks, sfx)...)
	}
	var out []match
	for _, m := range ms {
		if c.negatives.overlaps(s.toks, m, sfx) {
			continue
		}
		if c.LowercaseOnly && !s.heads[m.i] && m.i > 0 && s.toks[m.i].upper && !s.toks[m.j-1].hyphen {
			continue
		}
		// A site's own phrase rules name what they mean, capitals and all.
		if c.Kind != "phrase" && rs.file.ProperNouns && properNoun(s.toks, m, s.heads[m.i]) {
			continue
		}
		if c.Kind != "phrase" && s.toks[m.i].quoteBefore && s.toks[m.j-1].quoteAfter && !rs.class("self", s) {
			continue
		}
		if c.Kind != "phrase" && rs.class("negations", s) && rs.class("saying", s) {
			continue // a denial: "we do not call our trainers sustainable"
		}
		out = append(out, m)
	}
	return out
}

// check runs every rule on one span.
func (rs *ruleset) check(sp Span, opt Options) []Finding {
	toks := tokenize(sp.Text)
	if len(toks) == 0 {
		return nil
	}
	var out []Finding
	nl := newlines(sp.Text)
	emit := func(c *compiled, s *sentence, m match, msg string) {
		first, last := s.toks[m.i], s.toks[m.j-1]
		phrase := sp.Text[first.byte0:last.byte1]
		line, col := position(sp, nl, first.rune0)
		src := c.Sources[0]
		out = append(out, Finding{
			Line: line, Col: col, Rule: c.ID, Severity: c.Severity,
			Message: strings.ReplaceAll(msg, "{phrase}", phrase),
			Source:  src.Title, SourceURL: src.URL,
		})
	}
	k := 0
	for _, end := range sentences(sp.Text, rs.abbrev) {
		j := k
		for j < len(toks) && toks[j].byte0 < end {
			j++
		}
		if j == k {
			continue
		}
		s := &sentence{toks: toks[k:j]}
		k = j
		s.heads = headlines(sp.Text, s.toks, sp.Text[s.toks[len(s.toks)-1].byte1:end])
		futureSaid, futureOthers := false, false
		for _, c := range rs.rules {
			if c.Kind == "future" {
				ms := rs.matches(c, s)
				if len(ms) > 0 && rs.future(c, s) && !rs.class("self", s) {
					// A target with no word of the writer's own is someone
					// else's: "the EU aims to be climate neutral by 2050".
					futureOthers = true
					continue
				}
				if len(ms) > 0 && !rs.others(s) && rs.future(c, s) {
					futureSaid = true
					if !opt.HasPlan {
						for _, m := range ms {
							emit(c, s, m, c.Message)
						}
					}
				}
			}
		}
		for _, c := range rs.rules {
			switch c.Kind {
			case "offset":
				if futureSaid || futureOthers || rs.others(s) {
					continue
				}
				ms := rs.matches(c, s)
				if len(ms) == 0 {
					continue
				}
				msg := c.Message
				if opt.RecordsOffsets && c.MessageOffsets != "" {
					msg = c.MessageOffsets
				} else if !opt.RecordsOffsets && !rs.class("subjects", s) {
					continue
				}
				for _, m := range ms {
					emit(c, s, m, msg)
				}
			case "generic":
				ms := slices.DeleteFunc(rs.matches(c, s), func(m match) bool { return rs.otherSense(s, m) })
				if len(ms) == 0 || rs.qualified(s) {
					continue
				}
				for _, m := range ms {
					emit(c, s, m, c.Message)
				}
			case "label":
				ms := rs.matches(c, s)
				if len(ms) == 0 || !rs.class("env", s) || rs.class("schemes", s) {
					continue
				}
				for _, m := range ms {
					emit(c, s, m, c.Message)
				}
			case "phrase":
				for _, m := range rs.matches(c, s) {
					emit(c, s, m, c.Message)
				}
			}
		}
	}
	sortFindings(out)
	return out
}
