package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// ownShortcodes are the Hugo-style shortcodes impactblog defines itself:
// the template parser leaves them to their own extension.
var ownShortcodes = map[string]bool{"total": true}

// hints say what to write instead of some common constructs.
var hints = map[string]string{
	"highlight":    "write a fenced code block (```go … ```) instead",
	"endhighlight": "write a fenced code block (```go … ```) instead",
	"post_url":     "link to the post's file instead: [text](2016-06-03-other-post.md)",
	"ref":          "link to the post's file instead: [text](other-post.md)",
	"relref":       "link to the post's file instead: [text](other-post.md)",
	"figure":       "write a Markdown image instead: ![description](photo.jpg)",
	"youtube":      "write a link to the video instead",
	"include":      "write its content into the post instead",
}

// zolaShortcode is the start of a Zola shortcode call: {{ name(.
var zolaShortcode = regexp.MustCompile(`^\{\{\s*[A-Za-z_][A-Za-z0-9_]*\(`)

// templateParser recognises, on one line, a template tag ({% … %}: Liquid
// in Jekyll, Tera in Zola), a Zola shortcode ({{ name(…) }}) or a Hugo
// shortcode ({{< … >}}, {{% … %}}) that impactblog does not
// define. It keeps the construct as plain text (no smart quotes) and
// records a warning naming it.
type templateParser struct{}

func (templateParser) Trigger() []byte { return []byte{'{'} }

func (templateParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	var open, closer, what string
	switch {
	case bytes.HasPrefix(line, []byte("{%")):
		open, closer, what = "{%", "%}", "template tag"
	case bytes.HasPrefix(line, []byte("{{<")):
		open, closer, what = "{{<", ">}}", "Hugo shortcode"
	case bytes.HasPrefix(line, []byte("{{%")):
		open, closer, what = "{{%", "%}}", "Hugo shortcode"
	case zolaShortcode.Match(line):
		open, closer, what = "{{", "}}", "Zola shortcode"
	default:
		return nil
	}
	end := bytes.Index(line[len(open):], []byte(closer))
	if end < 0 {
		return nil
	}
	end += len(open) + len(closer)
	construct := string(line[:end])
	inner := strings.Trim(construct[len(open):end-len(closer)], " \t-")
	name := strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(inner, "/")), "/")
	if f := strings.Fields(name); len(f) > 0 {
		name = f[0]
	}
	name, _, _ = strings.Cut(name, "(")
	if what != "template tag" && ownShortcodes[name] {
		return nil
	}
	msg := what + " " + clip(construct) + " is "
	if what == "template tag" {
		msg += "Liquid (Jekyll) or Tera (Zola) syntax, which impactblog does not run"
	} else {
		msg += "not defined in impactblog"
	}
	msg += ": it is shown as plain text; "
	if h, ok := hints[name]; ok {
		msg += h
	} else {
		msg += "remove it, or write the same in Markdown"
	}
	s := stateOf(pc)
	s.warnings = append(s.warnings, Warning{offset: seg.Start, Msg: msg})
	block.Advance(end)
	return &TemplateText{Value: []byte(construct)}
}
