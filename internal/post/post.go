// Package post reads one post: its front matter into typed fields that keep
// their positions, its Markdown body, and every problem a writer can make.
//
// # Files
//
// A post is a file under posts/ (any depth) whose name ends in .md or
// .markdown, except a section page of Hugo or Zola (_index.md), which is
// not a post. A file named index.md (or index.markdown) is a page bundle: the
// folder names the post. A file name may start with a date, YYYY-MM-DD-,
// which then gives the post's date and is not part of its slug.
//
// # Front matter
//
// The file starts with front matter in YAML (between --- lines), TOML
// (between +++ lines) or JSON (a { … } object followed by an empty line, or
// between ;;; lines). Keys:
//
//	title         required
//	date          required unless the file name starts with YYYY-MM-DD-;
//	              YYYY-MM-DD, RFC 3339, or YYYY-MM-DD HH:MM:SS ±hhmm
//	slug          letters, digits and -; default: the file name without date and extension
//	author        a name; authors: a list of names
//	tags          a list (or one string); categories (a list, or words) and
//	              category are read as tags,
//	              and so are tags and categories inside a taxonomies table (Zola)
//	summary       plain text; description and excerpt are read as summary
//	draft         true leaves the post out unless drafts are asked for;
//	              published: false (Jekyll) is read as draft: true
//	updated       a date, as date; lastmod and last_modified_at are read as updated
//	aliases       old URLs of the post; redirect_from, and permalink without
//	              :placeholders (Jekyll), are read as aliases
//	impact        the figures, below
//
// Text (title, summary, names, tags, any value read as text) and keys may
// not hold a control character, which a terminal would obey and a CSV file
// would carry: text may hold tabs and line breaks, keys may not.
//
// These keys are read whatever their case (Title, Impact). Every other
// top-level key is kept in Params for templates, except one that looks meant
// for the impact block, whose figures would then be in no total: impact
// misspelled (imapct, impacts, " impact"), one of its lists outside it
// (donations, offsets, emissions), or an impact block inside another table
// (params.impact). Each is a problem, with the fix.
//
// # Impact
//
//	impact:
//	  donations:          a list; each:
//	    - recipient:      required
//	      amount:         required, > 0: 112000 or "2500.75", no symbol or separators
//	      currency:       ISO 4217 code; default: the site's currency
//	      project, url:   optional text
//	      date:           the day the donation counts for; default: the post's date
//	  offsets:            a list; each:
//	    - provider:       required
//	      tonnes:         required, > 0: tonnes of CO2e
//	      price_per_tonne, cost: optional amounts; with a price, cost = tonnes × price
//	      currency, project, scope, date: as for donations
//	  emissions:          optional: where the offset emissions came from; each:
//	    - source:         required
//	      share:          a percentage (the shares of a post add up to 100 at most)
//	      tonnes:         or tonnes of CO2e
//
// Inside impact, an unknown key is a problem (with a "did you mean" hint),
// and so is a key given twice, since either would silently drop or change
// money in a total.
//
// # Warnings
//
// A warning is something the post shows, perhaps not as its writer meant: it
// is reported (Post.Warnings), and fails a build only with -strict. A date
// (date, updated, a donation's or offset's date, or the file name's) more
// than a year after today (Options.Now), or before 1900, is surely a typo
// and a warning, with the year probably meant when two neighbouring digits
// swapped, or else one digit changed, give a year between 1900 and next year:
// "date 2204-07-15 is more than a year from now: did you mean 2024?".
//
// # Limits
//
// A post file may be at most 4 MiB (MaxFileSize; a book chapter is about
// 1 MB of Markdown) and its front matter at most 256 KiB (MaxFrontMatter);
// values may nest at most 200 levels deep, in every format. Past a limit
// the post is refused with a problem before its front matter is decoded,
// so that no post, however large or hostile, is slow to read.
//
// # Problems
//
// Every problem names the file, line and column of what to fix, counted in
// the file as the writer sees it: the opening delimiter and any blank lines
// before it count. YAML and JSON positions come from their decoders; TOML
// positions are found in the text of the front matter.
package post

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gosimple/unidecode"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/suggest"
	"github.com/impactblog/impactblog/internal/tree"
	"github.com/shopspring/decimal"
)

// A Post is one post, read and checked.
type Post struct {
	File     string // "posts/2021-01-15-our-small-victories-of-2020.md", relative to the blog's root
	Title    string
	Slug     string
	Date     time.Time
	Updated  time.Time // zero when not given
	Authors  []string
	Tags     []string
	TagSlugs []string // Slugify of each of Tags, made once
	Summary  string   // as written in the front matter; may be empty
	Draft    bool
	Aliases  []string
	Params   map[string]any // every other top-level key; nil when there is none
	Body     []byte         // the Markdown after the front matter (nil once rendered, in a build with site.Options.Once)
	BodyLine int            // the line of the file where Body starts
	// Keys holds where each known key's value was written, by its
	// canonical name ("slug", "aliases", "tags"…), so that a problem found
	// later, such as two posts with one slug, can name the line.
	Keys Keys

	Donations []impact.Donation
	Offsets   []impact.Offset
	Emissions []Emission

	// Warnings are what the post shows, but perhaps not as its writer
	// meant (a date far in the future): reported, and fatal only with
	// -strict. They are positioned in the post's file.
	Warnings problem.List

	url string // URL(), made once by Parse
}

// setParam sets a key of Params, which is nil until it has one: a large
// blog has many posts with none.
func (p *Post) setParam(k string, v any) {
	if p.Params == nil {
		p.Params = map[string]any{}
	}
	p.Params[k] = v
}

// Pos is a line and column in the post's file; zero when unknown.
type Pos struct{ Line, Col int }

// knownKeys are the top-level keys Parse reads itself, by canonical name;
// every other key goes to Post.Params.
var knownKeys = [...]string{"title", "slug", "date", "updated", "author", "authors", "tags", "summary", "draft", "aliases", "impact"}

// Keys is where the value of each known key was written. It is an array
// rather than a map: a large blog keeps one per post.
type Keys [len(knownKeys)]struct{ line, col int32 }

// At is where the value of the known key name ("slug") was written: zero
// when the front matter does not have it.
func (k *Keys) At(name string) Pos {
	if i := keyIndex(name); i >= 0 {
		return Pos{int(k[i].line), int(k[i].col)}
	}
	return Pos{}
}

func (k *Keys) set(name string, at Pos) {
	if i := keyIndex(name); i >= 0 {
		k[i].line, k[i].col = int32(at.Line), int32(at.Col)
	}
}

// keyIndex is name's place in knownKeys, or -1.
func keyIndex(name string) int {
	for i, k := range knownKeys {
		if k == name {
			return i
		}
	}
	return -1
}

// An Emission says where some of the offset emissions came from.
type Emission struct {
	Source string
	Share  decimal.Decimal // percent; zero when Tonnes is given
	Tonnes impact.Tonnes
}

// Options are what a post needs from the site.
type Options struct {
	Currency impact.Currency // the site's currency
	Location *time.Location  // for dates without a zone; default UTC
	Now      time.Time       // today, for dates that are surely typos; zero: no such check
}

// MaxFileSize is the largest post file read, in bytes: a book chapter is
// about 1 MB of Markdown, and a larger file is refused as a problem rather
// than read, rendered and held in memory.
const MaxFileSize = 4 << 20

// MaxFrontMatter is the largest front matter read, in bytes: real front
// matter is a few kilobytes, and a limit keeps the decoders, and the search
// for the line of a YAML mistake, cheap on any input.
const MaxFrontMatter = 256 << 10

// sizeText writes a size in bytes for people: "300 KiB", "5.2 MiB".
func sizeText(n int) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", (n+1<<10-1)>>10)
	}
	tenths := (n*10 + 1<<20 - 1) >> 20
	if tenths%10 == 0 {
		return fmt.Sprintf("%d MiB", tenths/10)
	}
	return fmt.Sprintf("%d.%d MiB", tenths/10, tenths%10)
}

// URL is the post's path on the site: "/posts/<slug>/".
func (p *Post) URL() string {
	if p.url != "" {
		return p.url
	}
	return "/posts/" + p.Slug + "/"
}

// TagSlug is the slug of Tags[i]: its page is /tags/<slug>/.
func (p *Post) TagSlug(i int) string {
	if i < len(p.TagSlugs) {
		return p.TagSlugs[i]
	}
	return Slugify(p.Tags[i])
}

// IsPost reports whether a file name is a post.
func IsPost(name string) bool {
	return (strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".markdown")) && !strings.HasPrefix(path.Base(name), "_index.")
}

var (
	datePrefixRE = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-(.*)$`)
	slugRE       = regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`)
)

// Parse reads the post in src, whose path relative to the blog's root is
// file. It returns the post and every problem found; the post is nil when it
// cannot be used at all.
func Parse(file string, src []byte, opts Options) (*Post, problem.List) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	r := &reader{file: file, opts: opts}
	p := r.parse(src)
	if p != nil && len(r.warnings) > 0 {
		r.warnings.Sort()
		p.Warnings = append(p.Warnings, r.warnings...)
	}
	r.problems.Sort()
	if len(r.problems) > 0 {
		return p, r.problems
	}
	return p, nil
}

type reader struct {
	file     string
	format   string // of the front matter: "YAML", "TOML" or "JSON"
	opts     Options
	problems problem.List
	warnings problem.List
}

func (r *reader) errorf(n *tree.Node, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.Line, n.Col
	}
	r.problems.Add(r.file, line, col, format, args...)
}

func (r *reader) parse(src []byte) *Post {
	if len(src) > MaxFileSize {
		r.problems.Add(r.file, 0, 0, "the file is %s, more than the %s a post may be: split it into several posts, or move what is not text (images, data) into files beside it", sizeText(len(src)), sizeText(MaxFileSize))
		return nil
	}
	if len(bytes.TrimSpace(src)) == 0 {
		r.problems.Add(r.file, 1, 0, "the file is empty: a post needs front matter with at least a title, then its text")
		return nil
	}
	if bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src) {
		r.problems.Add(r.file, 1, 0, "the file is not UTF-8 text: save it as UTF-8, or move it out of posts/ if it is not a post")
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	h, body, bodyLine, err := splitFrontMatter(src)
	if err == nil {
		err = h.err
	}
	if err != nil {
		if se, ok := err.(*tree.SyntaxError); ok {
			r.problems.Add(r.file, se.Line, se.Col, "%s", printable(se.Msg))
		} else {
			r.problems.Add(r.file, 1, 0, "reading the front matter: %s", printable(err.Error()))
		}
		return nil
	}
	r.format = h.format
	root := h.root
	if root.Kind != tree.Map {
		r.errorf(root, "front matter must be a table of keys such as \"title: …\", not %s", root.Kind)
		return nil
	}
	r.checkKeyText(root)
	p := &Post{File: r.file, Body: body, BodyLine: bodyLine}
	dir, base := path.Split(r.file)
	name := strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown")
	bundle := name == "index" && dir != ""
	if bundle {
		name = path.Base(dir)
	}
	var fileDate string
	if m := datePrefixRE.FindStringSubmatch(name); m != nil {
		fileDate, name = m[1], m[2]
	}

	seen := map[string]*tree.Node{}
	summaryKey := "" // the key the summary came from
	for i, k := range root.Keys {
		v, kp := root.Vals[i], root.KeyPos[i]
		canon := strings.ToLower(k)
		switch canon {
		case "category", "categories":
			canon = "tags"
		case "description", "excerpt":
			canon = "summary"
		case "lastmod", "last_modified_at":
			canon = "updated"
		case "redirect_from":
			canon = "aliases"
		case "permalink":
			if v.Kind == tree.Scalar && !strings.Contains(v.Value, ":") {
				canon = "aliases"
			}
		}
		if prev, dup := seen[canon]; dup && isKnown(canon) {
			switch {
			case canon == "tags" || canon == "aliases":
				// categories and tags together: take both.
			case canon == "summary" && strings.ToLower(k) != "summary":
				continue // summary wins over description and excerpt
			case canon == "summary" && summaryKey != "summary":
				// summary after description: summary wins.
			default:
				r.problems.Add(r.file, kp.Line, kp.Col, "%q is given twice (also at line %d): keep one", k, prev.Line)
				continue
			}
		}
		seen[canon] = v
		if isKnown(canon) {
			p.Keys.set(canon, Pos{v.Line, v.Col})
		}
		switch canon {
		case "title":
			p.Title = strings.TrimSpace(r.text(v, k))
		case "slug":
			p.Slug = r.text(v, k)
			if p.Slug != "" && !slugRE.MatchString(p.Slug) {
				r.errorf(v, "slug %q is not a plain name: use only letters, digits and single hyphens, such as %q", p.Slug, Slugify(p.Slug))
				p.Slug = Slugify(p.Slug)
			}
		case "date":
			p.Date = r.date(v, k)
		case "updated":
			p.Updated = r.date(v, k)
		case "author":
			if a := strings.TrimSpace(r.text(v, k)); a != "" {
				p.Authors = append(p.Authors, a)
			}
		case "authors":
			p.Authors = append(p.Authors, r.list(v, k)...)
		case "tags":
			if k == "categories" && v.Kind == tree.Scalar && !strings.Contains(v.Value, ",") {
				p.Tags = append(p.Tags, strings.Fields(v.Value)...) // Jekyll: "news giving"
				break
			}
			p.Tags = append(p.Tags, r.list(v, k)...)
		case "summary":
			p.Summary = r.text(v, k)
			summaryKey = strings.ToLower(k)
		case "draft":
			p.Draft = r.boolean(v, k)
		case "aliases":
			p.Aliases = append(p.Aliases, r.list(v, k)...)
		case "impact":
			r.impact(p, v)
		case "published":
			p.Draft = !r.boolean(v, k)
		case "taxonomies":
			for i, tk := range v.Keys {
				if tk == "tags" || tk == "categories" {
					p.Tags = append(p.Tags, r.list(v.Vals[i], tk)...)
				}
			}
			p.setParam(k, v.ToAny())
		default:
			r.misplacedImpact(k, kp, v)
			p.setParam(k, v.ToAny())
		}
	}
	if t := seen["title"]; t == nil {
		r.errorf(root, "title is missing: add a line such as \"title: Our small victories of 2020\"")
	} else if p.Title == "" && (t.Kind == tree.Scalar || t.Kind == tree.Null) {
		r.errorf(t, "title is empty: give the post a title")
	}
	if seen["date"] == nil {
		if fileDate == "" {
			rename := "the file name with the date (2021-01-15-" + base + ")"
			if bundle {
				rename = "the folder's name with the date (2021-01-15-" + name + "/)"
			}
			r.errorf(root, "date is missing: add a line such as \"date: 2021-01-15\", or start %s", rename)
		} else {
			d, err := time.ParseInLocation("2006-01-02", fileDate, r.opts.Location)
			if err != nil {
				r.problems.Add(r.file, 0, 0, "the file name's date %s is not a real date: rename the file", fileDate)
			} else {
				r.checkYear(tree.Pos{}, "the file name's date", fileDate, d)
			}
			p.Date = d
		}
	}
	if p.Slug == "" {
		p.Slug = Slugify(name)
		if p.Slug == "" {
			r.errorf(root, "cannot make a slug from the file name %q: add \"slug: some-name\"", base)
		}
	}
	p.Tags = dedupe(p.Tags)
	p.Tags, p.TagSlugs = r.tagSlugs(p.Tags, p.Keys.At("tags"))
	p.url = p.URL()
	p.Aliases = dropAlias(p.Aliases, p.url)
	r.finishImpact(p)
	return p
}

// dropAlias removes the post's own address from its aliases: a permalink
// may be the address the post has here too.
func dropAlias(aliases []string, own string) []string {
	out := aliases[:0]
	for _, a := range aliases {
		if strings.TrimSuffix(path.Clean("/"+a), "/")+"/" != own {
			out = append(out, a)
		}
	}
	return out
}

func isKnown(k string) bool { return keyIndex(k) >= 0 }

// tagSlugs drops tags that name the same tag page as an earlier one
// ("Carbon" and "carbon"), and reports tags that name none ("!!!").
func (r *reader) tagSlugs(tags []string, at Pos) (out, slugs []string) {
	seen := map[string]bool{}
	out = tags[:0]
	for _, t := range tags {
		slug := Slugify(t)
		switch {
		case slug == "":
			r.problems.Add(r.file, at.Line, at.Col, "tag %q has no letters or digits, so it can have no page: use a word such as \"carbon\"", t)
		case !seen[slug]:
			seen[slug] = true
			out = append(out, t)
			slugs = append(slugs, slug)
		}
	}
	return out, slugs
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := list[:0]
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Slugify turns a file name or title into a slug: letters with accents and
// other scripts are transliterated ("Joué" → "joue", by gosimple/unidecode,
// the tables of gosimple/slug), then lower case, runs of anything but ASCII
// letters and digits become one hyphen.
func Slugify(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			s = unidecode.Unidecode(s)
			break
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// controlNames are the names of the C0 control characters, and DEL.
var controlNames = [...]string{"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
	"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"}

// control returns the first control character of s, as "U+001B ESC",
// and its place in s, counted in characters from 1; "" when there is none.
// Tab and line breaks are allowed when lines is true, as text may hold
// them. A control character printed by a terminal can clear it or hide
// text, and a spreadsheet or feed reader may choke on one.
func control(s string, lines bool) (string, int) {
	n := 0
	for i, c := range s {
		n++
		switch {
		case lines && (c == '\t' || c == '\n' || c == '\r' && strings.HasPrefix(s[i:], "\r\n")):
		case c < 0x20:
			return fmt.Sprintf("U+%04X %s", c, controlNames[c]), n
		case c == 0x7f:
			return "U+007F DEL", n
		case c >= 0x80 && c < 0xa0:
			return fmt.Sprintf("U+%04X", c), n
		}
	}
	return "", 0
}

// printable escapes the control characters of a decoder's message, which
// may quote the writer's text: "'\\\n'", not a line break.
func printable(msg string) string {
	if c, _ := control(msg, false); c == "" {
		return msg
	}
	var b strings.Builder
	for _, c := range msg {
		if c < 0x20 || c >= 0x7f && c < 0xa0 {
			q := strconv.QuoteRune(c)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// checkText reports a control character in the text value v of key.
func (r *reader) checkText(v *tree.Node, key string) {
	if c, at := control(v.Value, true); c != "" {
		r.errorf(v, "%s holds a control character (%s) at character %d: remove it", key, c, at)
	}
}

// checkKeyText reports every key of n, at any depth, that holds a control
// character.
func (r *reader) checkKeyText(n *tree.Node) {
	for i, k := range n.Keys {
		if c, at := control(k, false); c != "" {
			r.problems.Add(r.file, n.KeyPos[i].Line, n.KeyPos[i].Col, "a key holds a control character (%s) at character %d: remove it", c, at)
		}
		r.checkKeyText(n.Vals[i])
	}
	for _, it := range n.Items {
		r.checkKeyText(it)
	}
}

func (r *reader) text(v *tree.Node, key string) string {
	switch v.Kind {
	case tree.Scalar:
		r.checkText(v, key)
		return v.Value
	case tree.Null:
		return ""
	}
	r.errorf(v, "%s must be text, not %s", key, v.Kind)
	return ""
}

func (r *reader) list(v *tree.Node, key string) []string {
	switch v.Kind {
	case tree.Scalar:
		r.checkText(v, key)
		// One string, or "a, b".
		if strings.Contains(v.Value, ",") {
			return strings.Split(v.Value, ",")
		}
		return []string{v.Value}
	case tree.Null:
		return nil
	case tree.List:
		var out []string
		for _, it := range v.Items {
			if it.Kind != tree.Scalar {
				r.errorf(it, "each of %s must be text, not %s", key, it.Kind)
				continue
			}
			r.checkText(it, key)
			out = append(out, it.Value)
		}
		return out
	}
	r.errorf(v, "%s must be a list such as [impact, carbon], not %s", key, v.Kind)
	return nil
}

func (r *reader) boolean(v *tree.Node, key string) bool {
	switch {
	case v.Kind == tree.Null:
		return false
	case v.Kind != tree.Scalar:
		r.errorf(v, "%s must be true or false, not %s", key, v.Kind)
	case v.Str && (v.Value == "true" || v.Value == "false"):
		r.errorf(v, "%s must be true or false without quotes, not %q", key, v.Value)
	case !v.Str && v.Value == "true":
		return true
	case !v.Str && v.Value == "false":
		return false
	default:
		r.errorf(v, "%s must be true or false, not %q", key, v.Value)
	}
	return false
}

var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	time.RFC3339Nano,
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
}

// ParseDate reads a date as the front matter allows it; a date without a
// zone is in loc.
func ParseDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func (r *reader) date(v *tree.Node, key string) time.Time {
	if v.Kind != tree.Scalar {
		r.errorf(v, "%s must be a date such as 2021-01-15, not %s", key, v.Kind)
		return time.Time{}
	}
	t, ok := ParseDate(v.Value, r.opts.Location)
	if !ok {
		r.errorf(v, "%s %q is not a date: write it as 2021-01-15, 2021-01-15T09:30:00Z or \"2021-01-15 09:30:00 +0100\"", key, v.Value)
	} else {
		r.checkYear(tree.Pos{Line: v.Line, Col: v.Col}, key, v.Value, t)
	}
	return t
}

// checkYear warns of a date, written as text at, that is surely a typo:
// more than a year after Options.Now, or before 1900. A donation dated
// 2204 would count in the totals of 2204.
func (r *reader) checkYear(at tree.Pos, what, text string, t time.Time) {
	now := r.opts.Now
	if now.IsZero() {
		return
	}
	var msg string
	switch {
	case t.After(now.AddDate(1, 0, 0)):
		msg = fmt.Sprintf("%s %s is more than a year from now", what, text)
	case t.Year() < 1900:
		msg = fmt.Sprintf("%s %s is before 1900", what, text)
	default:
		return
	}
	if y, ok := meantYear(t.Year(), now.Year()); ok {
		msg += fmt.Sprintf(": did you mean %d?", y)
	} else {
		msg += ": check the year"
	}
	r.warnings.Add(r.file, at.Line, at.Col, "%s", msg)
}

// meantYear returns the year between 1900 and next year that year was
// probably meant to be, when there is one: two neighbouring digits swapped
// (2204 for 2024), preferring a year not after this one; else one digit
// changed (3024 for 2024). It is not sure, and says so, when two years are
// as likely.
func meantYear(year, thisYear int) (int, bool) {
	digits := fmt.Sprintf("%04d", year)
	var swapped, changed []int
	add := func(list []int, b []byte) []int {
		y, err := strconv.Atoi(string(b))
		if err != nil || y == year || y < 1900 || y > thisYear+1 || slices.Contains(list, y) {
			return list
		}
		return append(list, y)
	}
	for i := 0; i+1 < len(digits); i++ {
		b := []byte(digits)
		b[i], b[i+1] = b[i+1], b[i]
		swapped = add(swapped, b)
	}
	var past []int
	for _, y := range swapped {
		if y <= thisYear {
			past = append(past, y)
		}
	}
	switch {
	case len(past) == 1:
		return past[0], true
	case len(past) > 1:
		return 0, false
	case len(swapped) == 1:
		return swapped[0], true
	case len(swapped) > 1:
		return 0, false
	}
	for i := range len(digits) {
		for c := byte('0'); c <= '9'; c++ {
			b := []byte(digits)
			b[i] = c
			changed = add(changed, b)
		}
	}
	if len(changed) == 1 {
		return changed[0], true
	}
	return 0, false
}

func (r *reader) mapOf(v *tree.Node, what, example string) bool {
	if v.Kind == tree.Map {
		return true
	}
	if v.Kind != tree.Null {
		r.errorf(v, "%s must be a table of keys such as %q, not %s", what, example, v.Kind)
	}
	return false
}

func (r *reader) listOf(v *tree.Node, what string) []*tree.Node {
	switch v.Kind {
	case tree.List:
		return v.Items
	case tree.Null:
		return nil
	case tree.Map:
		switch r.format {
		case "TOML":
			r.errorf(v, "%s must be a list: start each entry with a line [[%s]]", what, what)
		case "JSON":
			r.errorf(v, "%s must be a list: write its entries in [ … ]", what)
		default:
			r.errorf(v, "%s must be a list: start each entry with \"- \"", what)
		}
		return nil
	}
	r.errorf(v, "%s must be a list of entries, not %s", what, v.Kind)
	return nil
}

// checkKeys reports the keys of m that are not in allowed, with a hint, and
// the keys given twice: either would silently drop or change a figure.
func (r *reader) checkKeys(m *tree.Node, where string, allowed ...string) {
	for i, k := range m.Keys {
		kp := m.KeyPos[i]
		if j := slices.Index(m.Keys, k); j < i {
			r.problems.Add(r.file, kp.Line, kp.Col, "%q is given twice in %s (also at line %d): keep one", k, where, m.KeyPos[j].Line)
			continue
		}
		if slices.Contains(allowed, k) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q in %s", k, where)
		if s := suggest.Closest(k, allowed); s != "" {
			msg += fmt.Sprintf(": did you mean %s?", s)
		} else {
			msg += ": the keys allowed are " + strings.Join(allowed, ", ")
		}
		r.problems.Add(r.file, kp.Line, kp.Col, "%s", msg)
	}
}
