package post

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/adrg/frontmatter"

	"github.com/impactblog/impactblog/internal/tree"
)

// header is what the front matter decoders fill in.
type header struct {
	format string // "YAML", "TOML" or "JSON"
	root   *tree.Node
	err    error // a syntax error, positioned in the file
}

// splitFrontMatter separates the front matter from the body with
// adrg/frontmatter, decoding it with our own decoders so that every value
// keeps its line. bodyLine is the line of the file where the body starts.
func splitFrontMatter(src []byte) (h *header, body []byte, bodyLine int, err error) {
	lead, delim := firstLine(src)
	h = &header{}
	first := lead + 2 // the line after the opening delimiter
	// tooLarge refuses front matter larger than MaxFrontMatter, before
	// any decoder sees it.
	tooLarge := func(data []byte) bool {
		if len(data) <= MaxFrontMatter {
			return false
		}
		h.err = &tree.SyntaxError{Line: lead + 1, Col: 1, Msg: fmt.Sprintf("front matter is %s, more than the %s allowed: move long text into the post's body", sizeText(len(data)), sizeText(MaxFrontMatter))}
		return true
	}
	yamlDecode := func(data []byte, _ any) error {
		h.format = "YAML"
		if !tooLarge(data) {
			h.root, h.err = tree.DecodeYAML(data, first)
		}
		return nil
	}
	tomlDecode := func(data []byte, _ any) error {
		h.format = "TOML"
		if !tooLarge(data) {
			h.root, h.err = tree.DecodeTOML(data, first)
		}
		return nil
	}
	jsonDecode := func(data []byte, _ any) error {
		h.format = "JSON"
		if !tooLarge(data) {
			h.root, h.err = tree.DecodeJSON(data, first)
		}
		return nil
	}
	jsonObject := func(data []byte, _ any) error {
		h.format = "JSON"
		if !tooLarge(data) {
			h.root, h.err = tree.DecodeJSON(data, lead+1) // the { line is part of the data
		}
		return nil
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlDecode),
		frontmatter.NewFormat("---yaml", "---", yamlDecode),
		frontmatter.NewFormat("+++", "+++", tomlDecode),
		frontmatter.NewFormat("---toml", "---", tomlDecode),
		frontmatter.NewFormat(";;;", ";;;", jsonDecode),
		frontmatter.NewFormat("---json", "---", jsonDecode),
		{Start: "{", End: "}", Unmarshal: jsonObject, UnmarshalDelims: true, RequiresNewLine: true},
	}
	rest, err := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	if err != nil {
		return nil, nil, 0, err
	}
	// The body as a part of src: adrg/frontmatter's copy of the file is
	// not kept alive by the post.
	body = src[len(src)-len(rest):]
	if h.format == "" {
		switch delim {
		case "---", "+++", ";;;", "---yaml", "---toml", "---json":
			end := delim[:3]
			return nil, nil, 0, &tree.SyntaxError{Line: lead + 1, Col: 1, Msg: fmt.Sprintf("front matter opened with %q is never closed: add a line %q after its last key", delim, end)}
		case "{":
			return nil, nil, 0, &tree.SyntaxError{Line: lead + 1, Col: 1, Msg: "JSON front matter is never closed: end it with a line holding only \"}\", followed by an empty line"}
		}
		if strings.HasPrefix(delim, "{") {
			return nil, nil, 0, &tree.SyntaxError{Line: lead + 1, Col: 1, Msg: "JSON front matter must start with a line holding only \"{\" and end with a line holding only \"}\", followed by an empty line"}
		}
		return nil, nil, 0, &tree.SyntaxError{Line: lead + 1, Col: 1, Msg: "no front matter: start the file with a line \"---\", then at least \"title: …\", then a line \"---\""}
	}
	bodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))
	return h, body, bodyLine, nil
}

// firstLine returns the number of blank lines before the first non-blank
// line, and that line trimmed, as adrg/frontmatter trims it.
func firstLine(src []byte) (blank int, line string) {
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		var l []byte
		if i < 0 {
			l, src = src, nil
		} else {
			l, src = src[:i], src[i+1:]
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return blank, string(t)
		}
		blank++
	}
	return blank, ""
}
