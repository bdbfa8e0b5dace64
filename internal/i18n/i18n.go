// Package i18n holds the words of a site's interface in the site's
// language: the menu, page titles, "3 min read", "Page 2 of 5"… Writers'
// messages (problems, hints, the notes on a draft) stay in English.
//
// # Message files
//
// The built-in theme's strings are in messages/en.toml, fr.toml and
// de.toml, embedded in the binary. A blog adds strings, or replaces
// built-in ones, in templates/i18n/<language>.toml (en.toml, fr.toml,
// fr-CA.toml…), read through the blog's fs.FS like every template file: a
// symbolic link there that leads outside the blog is a problem, as is a
// file not named after a language, and a mistake in a file is a problem at
// its line and column (templates/i18n/fr.toml:3:12).
//
// A file is go-i18n's TOML format (github.com/nicksnyder/go-i18n/v2, as
// Hugo uses): each key is a message id, its value the text, a Go template:
//
//	archive = "Archives"
//	postsTagged = "Articles avec l’étiquette {{.Tag}}"
//	nPosts.one = "{{.Count}} article"       # plurals: one, other (and zero,
//	nPosts.other = "{{.Count}} articles"    # two, few, many where the language has them)
//	kindNote.purchase = "Un achat : …"      # a table of messages: the id is kindNote.purchase
//
// The plural form is chosen by the count by the language's CLDR rules
// (French "one" is 0 and 1; English and German "one" is 1 only); a form a
// message lacks is its "other". A message may use only the values the
// English one uses ({{.Count}}, {{.Tag}}…): any other is a problem.
//
// # Languages
//
// A Translator is for one language, site.toml's language. Its strings are
// the built-in ones of its base language (fr for fr-FR), then the blog's
// file for the base language, then for the language itself (fr.toml, then
// fr-FR.toml), each replacing the one before id by id. English is made the
// same way, and is what any string the language lacks falls back to: the
// Translator records each id it showed in English (Fallbacks), and
// Warnings names each id the language lacks, once: check prints them. An
// id that neither the language nor English has is an error naming it.
//
// # T
//
// Templates call T "id" [COUNT] [NAME VALUE]...: an integer first is the
// plural count, {{.Count}} in the message; then names and values, {{.Name}}
// in the message. What T returns is HTML: the message's own markup is
// kept, the values given are escaped (but not template.HTML, such as what
// sums returns). Text is the same for Go code, as plain text: page titles
// and the menu's names.
package i18n

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"reflect"
	"slices"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	i18ntemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
)

// Dir is the folder of a blog's message files.
const Dir = "templates/i18n"

//go:embed messages/*.toml
var builtinFS embed.FS

// A Translator gives the interface's strings in one language. It is safe
// for concurrent use.
type Translator struct {
	lang      language.Tag
	localizer *goi18n.Localizer
	english   map[string]*message // every English string, the built-in ones and the blog's
	own       map[string]*message // the language's own, when it is not English; nil otherwise
	ids       []string            // every id of english and own, sorted: for "did you mean"
	warnings  problem.List

	results   sync.Map // cacheKey → string: what calls with no values or just a count gave
	fallbacks sync.Map // id → true: ids shown in English
}

// cacheKey is a call whose result is kept: an id with no values, or with
// just a count.
type cacheKey struct {
	id       string
	count    int64
	hasCount bool
}

// parser executes messages: a value the message names and the call does
// not give is an error, not "<no value>".
var parser = &i18ntemplate.TextParser{Option: "missingkey=error"}

// New returns the translator for lang, with the built-in strings and the
// blog's own: those of src's templates/i18n. The problems are the
// mistakes of the blog's files; the translator is made, without them,
// whatever they are.
func New(src fs.FS, lang language.Tag) (*Translator, problem.List) {
	builtin := builtinSets()
	files, problems := readDir(src)
	t := &Translator{lang: lang}

	// English, for every language: the built-in strings, then the blog's.
	t.english = overlay(builtin["en"], files, chain(language.English))
	if base(lang) == "en" {
		t.english = overlay(t.english, files, chain(lang))
	} else {
		t.own = overlay(builtin[base(lang)], files, chain(lang))
	}
	problems = append(problems, t.checkValues(builtin["en"])...)

	bundle := goi18n.NewBundle(language.English)
	bundle.MustAddMessages(language.English, goMessages(t.english)...)
	if t.own != nil {
		if err := bundle.AddMessages(lang, goMessages(t.own)...); err != nil {
			// go-i18n knows no plural rules for the language.
			t.warnings.Add(fileFor(files, lang), 0, 0, "the interface cannot be shown in %s: %v; it is shown in English", name(lang), err)
			t.own = nil
		}
	}
	t.localizer = goi18n.NewLocalizer(bundle, lang.String())
	for id := range t.english {
		t.ids = append(t.ids, id)
	}
	for id := range t.own {
		if t.english[id] == nil {
			t.ids = append(t.ids, id)
		}
	}
	slices.Sort(t.ids)
	if t.own != nil {
		t.warnings = append(t.warnings, t.missing(files)...)
	}
	problems.Sort()
	return t, problems
}

// Lang is the translator's language.
func (t *Translator) Lang() language.Tag { return t.lang }

// Warnings are the strings the language lacks, each shown in English: one
// warning per id (or one for the whole interface when the language has
// none of its strings), at the blog's file where it may be added.
func (t *Translator) Warnings() problem.List { return t.warnings }

// Fallbacks are the ids shown in English so far, sorted.
func (t *Translator) Fallbacks() []string {
	var ids []string
	t.fallbacks.Range(func(k, _ any) bool {
		ids = append(ids, k.(string))
		return true
	})
	slices.Sort(ids)
	return ids
}

// missing warns of each English string the language lacks.
func (t *Translator) missing(files map[language.Tag]*file) problem.List {
	at := fileFor(files, t.lang)
	if len(t.own) == 0 {
		return problem.List{problem.New(at, 0, 0, "the interface has no %s (site.toml's language is %s): it is shown in English; add this file, with each string of the built-in English (internal/i18n/messages/en.toml in impactblog's source) in %s", name(t.lang), t.lang, name(t.lang))}
	}
	var out problem.List
	for _, id := range t.ids {
		if t.own[id] == nil {
			out.Add(at, 0, 0, "the interface string %q has no %s: it is shown in English (%q); add it", id, name(t.lang), t.english[id].msg.Other)
		}
	}
	return out
}

// T gives the string id as HTML, for templates: see the package comment.
func (t *Translator) T(id string, args ...any) (template.HTML, error) {
	s, err := t.localize(id, true, args)
	return template.HTML(s), err
}

// Text gives the string id as plain text: its values are not escaped.
func (t *Translator) Text(id string, args ...any) (string, error) {
	return t.localize(id, false, args)
}

func (t *Translator) localize(id string, html bool, args []any) (string, error) {
	var key cacheKey
	cached := len(args) == 0
	if len(args) == 1 {
		key.count, key.hasCount = integer(args[0])
		cached = key.hasCount
	}
	if cached {
		key.id = id
		if s, ok := t.results.Load(key); ok {
			return s.(string), nil
		}
	}
	m := t.own[id]
	if m == nil {
		if m = t.english[id]; m == nil {
			return "", t.unknown(id)
		}
		if t.own != nil {
			t.fallbacks.Store(id, true)
		}
	}
	s, err := t.execute(m, id, html, args)
	if err == nil && cached {
		t.results.Store(key, s)
	}
	return s, err
}

// unknown is the error of an id that no language has.
func (t *Translator) unknown(id string) error {
	hint := "add it to " + Dir + "/en.toml"
	if s := suggest.Closest(id, t.ids); s != "" {
		hint = fmt.Sprintf("did you mean %q? Or %s", s, hint)
	}
	return fmt.Errorf("the interface string %q is in no message file: %s", id, hint)
}

func (t *Translator) execute(m *message, id string, html bool, args []any) (string, error) {
	if m.empty {
		return "", nil
	}
	data := map[string]any{}
	var count any
	if len(args) > 0 {
		if _, ok := integer(args[0]); ok {
			count, args = args[0], args[1:]
			data["Count"] = count
		}
	}
	if len(args)%2 != 0 {
		return "", fmt.Errorf("T %q: give a count first, then names and values in pairs, such as T %q 3 \"Tag\" .Name; %v has no value", id, id, args[len(args)-1])
	}
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok || name == "" {
			return "", fmt.Errorf("T %q: %v is not a name: give names and values in pairs, such as \"Tag\" .Name", id, args[i])
		}
		v := args[i+1]
		if html {
			v = escape(v)
		}
		data[name] = v
	}
	s, _, err := t.localizer.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count, TemplateParser: parser})
	var notFound *goi18n.MessageNotFoundErr
	if errors.As(err, &notFound) && t.own[id] == nil {
		err = nil // the English string, as meant: recorded in fallbacks
	}
	if err != nil {
		return "", fmt.Errorf("the interface string %q of %s: %w", id, m.at(), err)
	}
	return s, nil
}

// escape makes a value safe to put in HTML: text is escaped, numbers and
// template.HTML are kept.
func escape(v any) any {
	switch v := v.(type) {
	case template.HTML:
		return string(v)
	case string:
		return template.HTMLEscapeString(v)
	case nil:
		return ""
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return v
	}
	return template.HTMLEscapeString(fmt.Sprint(v))
}

// integer reports whether v is an integer, a plural count, and its value.
func integer(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint()), true
	}
	return 0, false
}

// base is the base language of tag: "fr" for fr-FR.
func base(tag language.Tag) string {
	b, _ := tag.Base()
	return b.String()
}

// chain is the languages whose files make tag's strings, the most general
// first: fr, fr-FR; en, en-001, en-GB.
func chain(tag language.Tag) []language.Tag {
	var tags []language.Tag
	for t := tag; !t.IsRoot(); t = t.Parent() {
		tags = append(tags, t)
	}
	if b := language.Make(base(tag)); !slices.Contains(tags, b) {
		tags = append(tags, b)
	}
	slices.Reverse(tags)
	return tags
}

// names are the languages' names in English, for messages.
var names = map[string]string{
	"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
	"nl": "Dutch", "pt": "Portuguese", "pl": "Polish", "sv": "Swedish", "da": "Danish",
	"nb": "Norwegian", "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "el": "Greek",
	"ja": "Japanese", "zh": "Chinese", "ko": "Korean", "ru": "Russian", "uk": "Ukrainian",
}

// name is tag's language in English: "French"; or its tag.
func name(tag language.Tag) string {
	if n, ok := names[base(tag)]; ok {
		return n
	}
	return fmt.Sprintf("text in %s", tag)
}
