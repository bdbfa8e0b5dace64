package post

import (
	"fmt"
	"strings"

	"github.com/impactblog/impactblog/internal/entry"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
)

// A postKey is a top-level key of the front matter that the post reads
// itself: a row of postKeys. Every other key is kept in Params.
type postKey struct {
	name    string   // in lower case; a key is read whatever its case
	aliases []string // other names read as this key (Jekyll's, Hugo's, Zola's)
	doc     string   // for the package doc; a line break starts a line of its own
	twice   twice    // what a second one does
	lines   bool     // its text may hold line breaks (summary); else it is one line, as a title or a tag
	// set reads the value v of the key, written k, into the post.
	set func(r *reader, p *Post, k string, v *tree.Node)
	// param, when not nil, makes the key one for templates too: it stays in
	// Params, is read exactly as written (toc, not TOC), also inside
	// extra (Zola) or params (Hugo), and param sets it from Params.
	param func(p *Post)
}

// twice is what a key given a second time (in any case, or under an
// alias) does.
type twice int

const (
	twiceIsProblem twice = iota // "is given twice: keep one"
	twiceAddsUp                 // each is read: the tags of tags and of categories
	twiceNameWins               // the key's own name wins over its aliases; of two aliases, the first
)

// postKeys are the top-level keys the post reads, in the order of the
// package doc. Keys has a place for each.
var postKeys = [...]postKey{
	{name: "title", doc: "required",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Title = strings.TrimSpace(r.Text(v, k)) }},
	{name: "date", doc: "required unless the file name starts with YYYY-MM-DD-;\nYYYY-MM-DD, RFC 3339, or YYYY-MM-DD HH:MM:SS ±hhmm",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Date = r.Date(v, k) }},
	{name: "slug", doc: "letters, digits and -; default: the file name without date and extension",
		set: func(r *reader, p *Post, k string, v *tree.Node) {
			p.Slug = r.Text(v, k)
			if p.Slug != "" && !slugRE.MatchString(p.Slug) {
				r.Errorf(v, "slug %q is not a plain name: use only letters, digits and single hyphens, such as %q", p.Slug, Slugify(p.Slug))
				p.Slug = Slugify(p.Slug)
			}
		}},
	{name: "author", doc: "a name",
		set: func(r *reader, p *Post, k string, v *tree.Node) {
			if a := strings.TrimSpace(r.Text(v, k)); a != "" {
				p.Authors = append(p.Authors, a)
			}
		}},
	{name: "authors", doc: "a list of names",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Authors = append(p.Authors, r.List(v, k)...) }},
	{name: "tags", aliases: []string{"categories", "category"}, twice: twiceAddsUp,
		doc: "a list (or one string; categories may be words)",
		set: func(r *reader, p *Post, k string, v *tree.Node) {
			if k == "categories" && v.Kind == tree.Scalar && !strings.Contains(v.Value, ",") {
				r.CheckText(v, k)
				p.Tags = append(p.Tags, strings.Fields(v.Value)...) // Jekyll: "news giving"
				return
			}
			p.Tags = append(p.Tags, r.List(v, k)...)
		}},
	{name: "taxonomies", twice: twiceAddsUp, doc: "a table (Zola): its tags and categories are read as tags",
		set: func(r *reader, p *Post, k string, v *tree.Node) {
			for i, tk := range v.Keys {
				if tk == "tags" || tk == "categories" {
					p.Tags = append(p.Tags, r.List(v.Vals[i], tk)...)
				} else {
					entry.Stray(&r.Reader, k, tk, v.KeyPos[i], v.Vals[i])
				}
			}
			p.setParam(k, v.ToAny())
		}},
	{name: "summary", aliases: []string{"description", "excerpt"}, twice: twiceNameWins, lines: true, doc: "plain text; given with description or excerpt, summary wins",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Summary = r.Text(v, k) }},
	{name: "draft", doc: "true leaves the post out unless drafts are asked for",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Draft = r.Bool(v, k) }},
	{name: "published", twice: twiceAddsUp, doc: "false (Jekyll) is read as draft: true",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Draft = !r.Bool(v, k) }},
	{name: "updated", aliases: []string{"lastmod", "last_modified_at"}, doc: "a date, as date",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Updated = r.Date(v, k) }},
	{name: "aliases", aliases: []string{"redirect_from", "permalink"}, twice: twiceAddsUp,
		doc: "old URLs of the post; permalink only without :placeholders (Jekyll)",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Aliases = append(p.Aliases, r.List(v, k)...) }},
	{name: "toc", doc: "true adds a table of contents",
		param: func(p *Post) { p.TOC = wantsTOC(p.Params) }},
	{name: "image", doc: "the picture shown when the post is shared; else image.path (Jekyll),\nor the first of images",
		param: func(p *Post) { p.Image = frontImage(p.Params) }},
	{name: "lang", aliases: []string{"language"}, doc: "the post's language, a BCP 47 tag (fr, de-DE); default: the site's",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Lang = r.Lang(v, k) }},
	{name: "translation_of", doc: "the file of the post this one translates, from this post's folder (x.md);\nx.fr.md beside x.md is its French translation without it",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.TranslationOf = strings.TrimSpace(r.Text(v, k)) }},
	{name: "plan_url", doc: "the published plan behind a future claim (\"net zero by 2030\"): an http(s) URL",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.PlanURL = r.URL(v, k) }},
	{name: "verifier", doc: "who independently verifies that plan",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Verifier = strings.TrimSpace(r.Text(v, k)) }},
	{name: "claims", doc: "accept: {rule: \"reason\"} accepts that claims rule's findings in this post,\nwith a reviewer's reason (package claims)",
		set: func(r *reader, p *Post, k string, v *tree.Node) { p.Accepted = r.accepted(v, k) }},
	{name: "impact", doc: "the figures: see package entry",
		set: func(r *reader, p *Post, _ string, v *tree.Node) {
			r.impact.Read(&r.block, &r.Reader, v, r.currency)
			r.claimedTwice(r.block.Offsets)
		}},
}

// The places in postKeys of the keys a post needs.
var titleKey, dateKey = keyOf("title"), keyOf("date")

// keyOf is the place in postKeys of the key name.
func keyOf(name string) int {
	for i := range postKeys {
		if postKeys[i].name == name {
			return i
		}
	}
	panic("post: no key " + name)
}

// postKeyIndex is the place in postKeys of the key written k, in lower
// case, with value v; -1 for a key kept in Params.
func postKeyIndex(k string, v *tree.Node) int {
	if k == "permalink" && (v.Kind != tree.Scalar || strings.Contains(v.Value, ":")) {
		return -1 // a pattern, such as /:year/:title/, not an address
	}
	for i := range postKeys {
		pk := &postKeys[i]
		if pk.param != nil {
			continue
		}
		if pk.name == k {
			return i
		}
		for _, a := range pk.aliases {
			if a == k {
				return i
			}
		}
	}
	return -1
}

// Keys is where the value of each key of postKeys was written. It is an
// array rather than a map: a large blog keeps one per post.
type Keys [numPostKeys]struct {
	line, col int32
	quoted    bool // the value is a quoted string: its text starts one column on
}

// numPostKeys is len(postKeys), which Keys cannot name: postKeys refers to
// Post, which holds Keys. The line after it fails to compile when the two
// differ.
const numPostKeys = 20

var _ [0]struct{} = [len(postKeys) - numPostKeys]struct{}{}

// At is where the value of the key name ("slug") was written: zero when
// the front matter does not have it.
func (k *Keys) At(name string) Pos {
	for i := range postKeys {
		if postKeys[i].name == name {
			return Pos{Line: int(k[i].line), Col: int(k[i].col)}
		}
	}
	return Pos{}
}

// TextAt is where the text of the key name's value starts: At, one
// column on when the value is in quotes.
func (k *Keys) TextAt(name string) Pos {
	p := k.At(name)
	for i := range postKeys {
		if postKeys[i].name == name && k[i].quoted {
			p.Col++
		}
	}
	return p
}

// readKeys reads the top-level keys of root into p: those of postKeys
// itself, every other into Params.
func (r *reader) readKeys(p *Post, root *tree.Node) (seen [len(postKeys)]*tree.Node) {
	var byName [len(postKeys)]bool    // the value came from the key's own name, not an alias
	var keyAt [len(postKeys)]tree.Pos // where the key of seen was typed
	for i, k := range root.Keys {
		v, kp := root.Vals[i], root.KeyPos[i]
		lower := strings.ToLower(k)
		j := postKeyIndex(lower, v)
		if j < 0 {
			entry.Stray(&r.Reader, "", k, kp, v)
			r.typo(k, kp)
			p.setParam(k, v.ToAny())
			continue
		}
		pk := &postKeys[j]
		if seen[j] != nil {
			switch {
			case pk.twice == twiceAddsUp:
			case pk.twice == twiceNameWins && lower != pk.name:
				continue // an alias after the name or another alias
			case pk.twice == twiceNameWins && !byName[j]:
				// the name after an alias: the name wins.
			default:
				r.Problems.Add(r.File, kp.Line, kp.Col, "%q is given twice (also at line %d): keep one", k, keyAt[j].Line)
				continue
			}
		}
		seen[j], byName[j], keyAt[j] = v, lower == pk.name, kp
		p.Keys[j].line, p.Keys[j].col = int32(v.Line), int32(v.Col)
		p.Keys[j].quoted = v.Kind == tree.Scalar && v.Quoted
		r.Lines = pk.lines
		pk.set(r, p, k, v)
		r.Lines = false
	}
	for i := range postKeys {
		if postKeys[i].param != nil {
			postKeys[i].param(p)
		}
	}
	return seen
}

// keysDoc is the package doc's list of the top-level keys, as
// TestDocMatchesSchema wants it.
func keysDoc() string {
	var b strings.Builder
	for _, pk := range postKeys {
		lines := strings.Split(pk.doc, "\n")
		switch len(pk.aliases) {
		case 0:
		case 1:
			lines = append(lines, fmt.Sprintf("%s is read as %s", pk.aliases[0], pk.name))
		default:
			n := len(pk.aliases) - 1
			lines = append(lines, fmt.Sprintf("%s and %s are read as %s", strings.Join(pk.aliases[:n], ", "), pk.aliases[n], pk.name))
		}
		if pk.param != nil {
			lines = append(lines, "kept in Params too, and read inside extra (Zola) or params (Hugo)")
		}
		for i, l := range lines {
			key := ""
			if i == 0 {
				key = pk.name
			}
			fmt.Fprintf(&b, "%-16s%s\n", key, l)
		}
	}
	return b.String()
}

// wantsTOC reports whether the front matter asks for the contents: toc:
// true, at the top or inside extra (Zola) or params (Hugo).
func wantsTOC(params map[string]any) bool {
	for _, m := range []any{params, params["extra"], params["params"]} {
		m, _ := m.(map[string]any)
		if toc, _ := m["toc"].(bool); toc {
			return true
		}
	}
	return false
}

// frontImage is the image named in front matter: image, or the first of
// images, at the top or inside extra (Zola) or params (Hugo).
func frontImage(params map[string]any) string {
	for _, m := range []any{params, params["extra"], params["params"]} {
		m, _ := m.(map[string]any)
		if s, ok := m["image"].(string); ok && s != "" {
			return s
		}
		if im, ok := m["image"].(map[string]any); ok { // Jekyll SEO: image: {path: …}
			if s, ok := im["path"].(string); ok && s != "" {
				return s
			}
		}
		if list, ok := m["images"].([]any); ok && len(list) > 0 {
			if s, ok := list[0].(string); ok && s != "" {
				return s
			}
		}
	}
	return ""
}

// typo warns about a key kept for templates that is one slip from a key
// the post reads ("sumary", "tilte", "dat"): its value would be silently
// unused. A template may read any key, so it is a warning, not a problem.
func (r *reader) typo(k string, at tree.Pos) {
	lower := strings.ToLower(k)
	if lower == "images" {
		return // Hugo's and Jekyll's list of pictures: read by image
	}
	for _, pk := range postKeys {
		for _, name := range append([]string{pk.name}, pk.aliases...) {
			if len(name) > 3 && suggest.Typo(lower, name) {
				r.Warnings.Add(r.File, at.Line, at.Col, "unknown key %q: did you mean %s? (as written, only a template that asks for .Params.%s sees it)", k, name, k)
				return
			}
		}
	}
}
