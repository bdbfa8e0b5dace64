package post

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/impactblog/impactblog/internal/entry"
	"github.com/impactblog/impactblog/internal/field"
	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/tree"
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
	TOC      bool       // toc: true asks for a table of contents
	Image    string     // the picture shown when the post is shared; "" when none is named
	Lang     string     // a BCP 47 tag, as written; "" for the site's language
	PlanURL  string     // the plan behind a future claim; "" when none
	Verifier string     // who verifies that plan; "" when none
	Accepted []Accepted // the claims rules a reviewer accepted in this post
	Page     bool       // a standalone page (Options.Page), not a post
	// TranslationOf is the file of the post this one translates
	// (x.fr.md translates x.md; or translation_of: in front matter),
	// relative to the blog's root; "" for an original.
	TranslationOf string
	Params        map[string]any // every other top-level key, toc and image too; nil when there is none
	Body          []byte         // the Markdown after the front matter (nil once rendered, in a build with site.Options.Once)
	BodyLine      int            // the line of the file where Body starts
	// Keys holds where each key's value was written, by its name
	// ("slug", "aliases", "tags"…), so that a problem found
	// later, such as two posts with one slug, can name the line.
	Keys Keys

	// The impact block's entries, and the files beside the post that
	// they name (entry.Block).
	Donations   []impact.Donation
	Offsets     []impact.Offset
	Emissions   []Emission
	Attachments []Attachment

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

// An Accepted is a claims rule whose findings a reviewer accepted in this
// post (claims: {accept: {rule: "reason"}}), with the reason, never empty.
type Accepted struct {
	Rule, Reason string
	At           Pos // where the rule was written
}

// Pos is a line and column in the post's file; zero when unknown.
type Pos = tree.Pos

// The impact block's entries, and the files they name, are package
// entry's; these names are kept for the packages that read posts.
type (
	Emission   = entry.Emission
	Attachment = entry.Attachment
)

// Options are what a post needs from the site.
type Options struct {
	Currency impact.Currency // the site's currency
	Location *time.Location  // for dates without a zone; default UTC
	Now      time.Time       // today, for dates that are surely typos; zero: no such check
	// Page reads a standalone page (pages/about.md → /about/) rather than
	// a post: no date needed, no tags, no figures of its own; its address
	// is its path under its folder.
	Page bool
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
	r := &reader{Reader: field.Reader{File: file, Location: opts.Location, Now: opts.Now}, currency: opts.Currency, page: opts.Page}
	p := r.parse(src)
	if p != nil && len(r.Warnings) > 0 {
		r.Warnings.Sort()
		p.Warnings = append(p.Warnings, r.Warnings...)
	}
	r.Problems.Sort()
	if len(r.Problems) > 0 {
		return p, r.Problems
	}
	return p, nil
}

// A reader reads one post: its front matter's values through
// field.Reader, which keeps the problems and warnings.
type reader struct {
	field.Reader
	currency impact.Currency // the site's
	impact   entry.Reader
	block    entry.Block // the impact block, as read
	page     bool        // reading a page (Options.Page)
}

func (r *reader) parse(src []byte) *Post {
	if len(src) > MaxFileSize {
		r.Problems.Add(r.File, 0, 0, "the file is %s, more than the %s a post may be: split it into several posts, or move what is not text (images, data) into files beside it", sizeText(len(src)), sizeText(MaxFileSize))
		return nil
	}
	if len(bytes.TrimSpace(src)) == 0 {
		r.Problems.Add(r.File, 1, 0, "the file is empty: a post needs front matter with at least a title, then its text")
		return nil
	}
	if bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src) {
		r.Problems.Add(r.File, 1, 0, "the file is not UTF-8 text: save it as UTF-8, or move it out of posts/ if it is not a post")
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	h, body, bodyLine, err := splitFrontMatter(src)
	if err == nil {
		err = h.err
	}
	if err != nil {
		if se, ok := err.(*tree.SyntaxError); ok {
			r.Problems.Add(r.File, se.Line, se.Col, "%s", field.Printable(se.Msg))
		} else {
			r.Problems.Add(r.File, 1, 0, "reading the front matter: %s", field.Printable(err.Error()))
		}
		return nil
	}
	r.Format = h.format
	root := h.root
	if root.Kind != tree.Map {
		r.Errorf(root, "front matter must be a table of keys such as \"title: …\", not %s", root.Kind)
		return nil
	}
	r.CheckKeyText(root)
	p := &Post{File: r.File, Body: body, BodyLine: bodyLine}
	dir, base := path.Split(r.File)
	name := strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown")
	name, fileLang := langSuffix(name) // x.fr.md: a translation of x.md
	bundle := name == "index" && dir != ""
	if bundle {
		name = path.Base(dir)
	}
	var fileDate string
	if m := datePrefixRE.FindStringSubmatch(name); m != nil {
		fileDate, name = m[1], m[2]
	}

	seen := r.readKeys(p, root)
	r.translation(p, seen, dir, base, name, fileLang)
	if t := seen[titleKey]; t == nil {
		r.Errorf(root, "title is missing: add a line such as \"title: Our small victories of 2020\"")
	} else if p.Title == "" && (t.Kind == tree.Scalar || t.Kind == tree.Null) {
		r.Errorf(t, "title is empty: give the post a title")
	}
	if r.page {
		r.pageRules(p, seen)
	} else if seen[dateKey] == nil {
		if fileDate == "" {
			rename := "the file name with the date (2021-01-15-" + base + ")"
			if bundle {
				rename = "the folder's name with the date (2021-01-15-" + name + "/)"
			}
			r.Errorf(root, "date is missing: add a line such as \"date: 2021-01-15\", or start %s", rename)
		} else {
			d, err := time.ParseInLocation("2006-01-02", fileDate, r.Location)
			if err != nil {
				r.Problems.Add(r.File, 0, 0, "the file name's date %s is not a real date: rename the file", fileDate)
			} else {
				r.CheckYear(tree.Pos{}, "the file name's date", fileDate, d)
			}
			p.Date = d
		}
	}
	if p.Slug == "" && !r.page {
		p.Slug = Slugify(name)
		if p.Slug == "" {
			r.Errorf(root, "cannot make a slug from the file name %q: add \"slug: some-name\"", base)
		}
	}
	p.Tags = dedupe(p.Tags)
	p.Tags, p.TagSlugs = r.tagSlugs(p.Tags, p.Keys.At("tags"))
	p.url = p.URL()
	p.Aliases = dropAlias(p.Aliases, p.url)
	r.block.Finish(p.Date, p.URL(), p.Title)
	p.Donations, p.Offsets, p.Emissions, p.Attachments = r.block.Donations, r.block.Offsets, r.block.Emissions, r.block.Attachments
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

// tagSlugs drops tags that name the same tag page as an earlier one
// ("Carbon" and "carbon"), and reports tags that name none ("!!!").
func (r *reader) tagSlugs(tags []string, at Pos) (out, slugs []string) {
	seen := map[string]bool{}
	out = tags[:0]
	for _, t := range tags {
		slug := Slugify(t)
		switch {
		case slug == "":
			r.Problems.Add(r.File, at.Line, at.Col, "tag %q has no letters or digits, so it can have no page: use a word such as \"carbon\"", t)
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
