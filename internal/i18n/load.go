package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/symlink"
	"github.com/impactblog/impactblog/internal/tree"
)

// A message is one string of a message file, and where it was written.
type message struct {
	msg       *goi18n.Message
	file      string
	line, col int
	values    map[string]bool // the values it names: {{.Count}} is "Count"
	empty     bool            // every form is "": it shows nothing
}

// at is where the message was written.
func (m *message) at() string { return fmt.Sprintf("%s:%d:%d", m.file, m.line, m.col) }

// A file is a message file of the blog.
type file struct {
	name     string // templates/i18n/fr.toml
	messages map[string]*message
}

// builtinSets are the built-in strings by base language ("en", "fr"),
// read once: they are the same for every blog.
var builtinSets = sync.OnceValue(func() map[string]map[string]*message {
	sets := map[string]map[string]*message{}
	names, _ := fs.Glob(builtinFS, "messages/*.toml")
	for _, n := range names {
		data, _ := builtinFS.ReadFile(n)
		msgs, problems := parseFile("internal/i18n/"+n, data)
		if len(problems) > 0 {
			panic("i18n: the built-in messages: " + problems.Error()) // TestBuiltin
		}
		sets[strings.TrimSuffix(path.Base(n), ".toml")] = msgs
	}
	return sets
})

// readDir reads the blog's message files, by language.
func readDir(src fs.FS) (map[language.Tag]*file, problem.List) {
	if o, out := symlink.Escape(src, Dir); out {
		return nil, problem.List{o.Problem()}
	}
	entries, err := fs.ReadDir(src, Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, problem.List{symlink.ReadProblem(src, Dir, err)}
	}
	files := map[language.Tag]*file{}
	var problems problem.List
	for _, e := range entries {
		n := Dir + "/" + e.Name()
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		lang, ok := strings.CutSuffix(e.Name(), ".toml")
		tag, err := language.Parse(lang)
		if !ok || err != nil || e.IsDir() {
			problems.Add(n, 0, 0, "%s holds message files named after their language, such as fr.toml or fr-CA.toml: rename or remove this one", Dir)
			continue
		}
		if other := files[tag]; other != nil {
			problems.Add(n, 0, 0, "this is the message file of %s, as %s is: keep one of them", tag, other.name)
			continue
		}
		if o, out := symlink.Escape(src, n); out {
			problems = append(problems, o.Problem())
			continue
		}
		data, err := fs.ReadFile(src, n)
		if err != nil {
			problems = append(problems, symlink.ReadProblem(src, n, err))
			continue
		}
		msgs, ps := parseFile(n, data)
		problems = append(problems, ps...)
		files[tag] = &file{name: n, messages: msgs}
	}
	return files, problems
}

// fileFor is the blog's file where the strings of tag may be added: the
// most particular one it has of tag's chain, or else the base language's.
func fileFor(files map[language.Tag]*file, tag language.Tag) string {
	c := chain(tag)
	for _, t := range slices.Backward(c) {
		if f := files[t]; f != nil {
			return f.name
		}
	}
	return Dir + "/" + base(tag) + ".toml"
}

// overlay is set with the blog's files of the languages of chain over it,
// id by id.
func overlay(set map[string]*message, files map[language.Tag]*file, chain []language.Tag) map[string]*message {
	out := maps.Clone(set)
	if out == nil {
		out = map[string]*message{}
	}
	for _, t := range chain {
		if f := files[t]; f != nil {
			maps.Copy(out, f.messages)
		}
	}
	return out
}

// goMessages are the messages for go-i18n's bundle.
func goMessages(set map[string]*message) []*goi18n.Message {
	out := make([]*goi18n.Message, 0, len(set))
	for _, m := range set {
		if !m.empty {
			out = append(out, m.msg)
		}
	}
	return out
}

// checkValues reports each string of the translator that names a value
// its English one does not give: the built-in English string decides for
// a built-in id, the blog's English one for its own ids.
func (t *Translator) checkValues(builtinEnglish map[string]*message) problem.List {
	var out problem.List
	check := func(id string, m, ref *message) {
		if ref == nil || m == ref {
			return
		}
		for _, v := range slices.Sorted(maps.Keys(m.values)) {
			if !ref.values[v] {
				out.Add(m.file, m.line, m.col, "the interface string %q uses {{.%s}}, which the English one does not: %s", id, v, describeValues(ref.values))
			}
		}
	}
	for id, m := range t.english {
		check(id, m, builtinEnglish[id])
	}
	for id, m := range t.own {
		check(id, m, t.english[id])
	}
	return out
}

func describeValues(values map[string]bool) string {
	if len(values) == 0 {
		return "it is given no values"
	}
	var list []string
	for _, v := range slices.Sorted(maps.Keys(values)) {
		list = append(list, "{{."+v+"}}")
	}
	return "it is given " + strings.Join(list, ", ")
}

// forms are the keys of a message with plurals, as go-i18n reads them.
var forms = []string{"zero", "one", "two", "few", "many", "other"}

// attributes are the other keys a message's table may have.
var attributes = []string{"description", "hash", "leftdelim", "rightdelim"}

// parseFile reads a message file: a syntax error is a problem at its
// place, and so is a message that is not text or not a valid template.
func parseFile(name string, data []byte) (map[string]*message, problem.List) {
	root, err := tree.DecodeTOML(data, 1)
	if err != nil {
		var se *tree.SyntaxError
		if errors.As(err, &se) {
			return nil, problem.List{problem.New(name, se.Line, se.Col, "%s", strings.TrimPrefix(se.Msg, "front matter is "))}
		}
		return nil, problem.List{problem.New(name, 0, 0, "not valid TOML: %v", err)}
	}
	p := &fileParser{name: name, out: map[string]*message{}}
	p.table(root, "")
	return p.out, p.problems
}

type fileParser struct {
	name     string
	out      map[string]*message
	problems problem.List
}

// isMessage reports whether the table n is one message (it has a plural
// form) rather than a table of messages, as go-i18n decides.
func isMessage(n *tree.Node) bool {
	for _, k := range n.Keys {
		if slices.Contains(forms, strings.ToLower(k)) {
			return true
		}
	}
	return false
}

// table reads the messages of the table n, whose ids start with prefix.
func (p *fileParser) table(n *tree.Node, prefix string) {
	for i, key := range n.Keys {
		id, v := prefix+key, n.Vals[i]
		switch {
		case v.Kind == tree.Scalar && v.Str:
			p.add(id, &goi18n.Message{ID: id, Other: v.Value}, v, []*tree.Node{v})
		case v.Kind == tree.Map && isMessage(v):
			p.plural(id, v, n.KeyPos[i])
		case v.Kind == tree.Map:
			p.table(v, id+".")
		default:
			p.problems.Add(p.name, v.Line, v.Col, "the interface string %q must be text in quotes, such as %s = \"…\"", id, key)
		}
	}
}

// plural reads the message id with plurals, the table v.
func (p *fileParser) plural(id string, v *tree.Node, at tree.Pos) {
	m := &goi18n.Message{ID: id}
	var texts []*tree.Node
	bad := false
	for i, key := range v.Keys {
		val := v.Vals[i]
		k := strings.ToLower(key)
		if !slices.Contains(forms, k) && !slices.Contains(attributes, k) {
			hint := "its keys are zero, one, two, few, many and other (the plural forms), and description"
			if s := suggest.Closest(k, slices.Concat(forms, attributes)); s != "" {
				hint = "did you mean " + s + "?"
			}
			p.problems.Add(p.name, v.KeyPos[i].Line, v.KeyPos[i].Col, "unknown key %q in the interface string %q: %s", key, id, hint)
			bad = true
			continue
		}
		if val.Kind != tree.Scalar || !val.Str {
			p.problems.Add(p.name, val.Line, val.Col, "%s of the interface string %q must be text in quotes", key, id)
			bad = true
			continue
		}
		switch k {
		case "zero":
			m.Zero = val.Value
		case "one":
			m.One = val.Value
		case "two":
			m.Two = val.Value
		case "few":
			m.Few = val.Value
		case "many":
			m.Many = val.Value
		case "other":
			m.Other = val.Value
		case "description", "hash":
			continue
		case "leftdelim":
			m.LeftDelim = val.Value
		case "rightdelim":
			m.RightDelim = val.Value
		}
		if slices.Contains(forms, k) {
			texts = append(texts, val)
		}
	}
	if !slices.ContainsFunc(v.Keys, func(k string) bool { return strings.EqualFold(k, "other") }) {
		p.problems.Add(p.name, at.Line, at.Col, "the interface string %q has plural forms but no other, which every language needs: add %s.other = \"…\"", id, id)
		return
	}
	if bad {
		return
	}
	p.add(id, m, &tree.Node{Line: at.Line, Col: at.Col}, texts)
}

// tmplErrRE is text/template's prefix of a parse error.
var tmplErrRE = regexp.MustCompile(`^template: [^:]*:\d+: `)

// add checks the message m, written at pos, whose texts are the values of
// its forms, and adds it.
func (p *fileParser) add(id string, m *goi18n.Message, pos *tree.Node, texts []*tree.Node) {
	msg := &message{msg: m, file: p.name, line: pos.Line, col: pos.Col, values: map[string]bool{}}
	left, right := m.LeftDelim, m.RightDelim
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	ok := true
	for _, text := range texts {
		trees, err := parse.Parse("", text.Value, left, right, builtinFuncs)
		if err != nil {
			p.problems.Add(p.name, text.Line, text.Col, "the interface string %q is not a valid template: %s", id, tmplErrRE.ReplaceAllString(err.Error(), ""))
			ok = false
			continue
		}
		if tr := trees[""]; tr != nil {
			values(tr.Root, msg.values)
		}
	}
	if !ok {
		return
	}
	msg.empty = m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" && m.Other == ""
	// A form the message lacks is its other, whichever forms the
	// language has.
	for _, f := range []*string{&m.Zero, &m.One, &m.Two, &m.Few, &m.Many} {
		if *f == "" {
			*f = m.Other
		}
	}
	p.out[id] = msg
}

// builtinFuncs are text/template's functions, which a message may call
// (go-i18n executes messages with text/template).
var builtinFuncs = map[string]any{
	"and": nil, "call": nil, "html": nil, "index": nil, "slice": nil, "js": nil, "len": nil, "not": nil,
	"or": nil, "print": nil, "printf": nil, "println": nil, "urlquery": nil,
	"eq": nil, "ge": nil, "gt": nil, "le": nil, "lt": nil, "ne": nil,
}

// values adds the values that the template node n names ({{.Count}},
// {{if .Tag}}) to out: the fields of the data, not of what {{with}} or
// {{range}} moves to.
func values(n parse.Node, out map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			values(c, out)
		}
	case *parse.ActionNode:
		values(n.Pipe, out)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			values(c, out)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			values(a, out)
		}
	case *parse.FieldNode:
		out[n.Ident[0]] = true
	case *parse.ChainNode:
		values(n.Node, out)
	case *parse.IfNode:
		values(n.Pipe, out)
		values(n.List, out)
		values(n.ElseList, out)
	case *parse.WithNode:
		values(n.Pipe, out)
		values(n.ElseList, out)
	case *parse.RangeNode:
		values(n.Pipe, out)
		values(n.ElseList, out)
	case *parse.TemplateNode:
		values(n.Pipe, out)
	}
}
