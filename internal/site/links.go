package site

import (
	"html/template"
	"sort"
	"strings"

	"github.com/impactblog/impactblog/internal/links"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/publish"
)

// What the posts point at is resolved by package links; a post shows its
// contents (Post.TOC) when its front matter asks for them (post.Post.TOC).

// linked is what resolving the posts' references gives a site: link
// gathers it while newSite lays the posts out, and set gives it to the
// posts once newSite is done.
type linked struct {
	warnings problem.List
	problems problem.List
	assets   []publish.File // files copied with the posts
	posts    []linkedPost
}

// linkedPost is what resolving gives one post of the site.
type linkedPost struct {
	p     *Post
	links map[string]string // its links resolved (links.Resolved.Links), or nil
	html  *string           // its HTML rendered with them, when it was
	toc   template.HTML
	image string
	// images maps each image it shows that the site knows to its size
	// and copies (images.go), or is nil.
	images map[string]*markdown.Image
	// attached maps each file its front matter names (a donation's
	// evidence) to its address (links.Resolved.Attached), or is nil.
	attached map[string]string
}

// link resolves and checks what the posts point at (package links), and
// renders again the posts whose relative links resolve to something new.
// It writes no post: see set. The posts of bad, left out of the site for
// their problems, are checked likewise, so that one run reports all their
// problems and warnings; the site's links to them are problems.
func (b *Builder) link(posts, bad []*Post) linked {
	in := links.Input{FS: b.src, Dir: PostsDir, PagesDir: PagesDir, BaseURL: b.config.BaseURL, Posts: make([]links.Post, len(posts))}
	for i, p := range posts {
		in.Posts[i] = linkInput(p)
	}
	if len(bad) > 0 {
		in.Bad = make([]links.Post, len(bad))
		for i, p := range bad {
			in.Bad[i] = linkInput(p)
		}
	}
	res := links.Resolve(in)
	out := linked{warnings: res.Warnings, problems: res.Problems}
	imgs := b.publishImages(res, posts, &out) // images.go: the assets, the images' copies
	for i, r := range res.Posts {
		p := posts[i]
		lp := linkedPost{p: p, image: r.Image, attached: r.Attached, images: imgs[i]}
		if doc := p.entry.Doc; doc != nil && len(doc.TOC) > 0 && p.Post.TOC {
			lp.toc = template.HTML(doc.TOC)
		}
		if len(r.Links) > 0 || lp.images != nil {
			lp.links = r.Links
			if html, err := b.relink(p, r.Links, lp.images); err != nil {
				out.problems.Add(p.File, p.BodyLine, 0, "rendering Markdown: %v", err)
			} else {
				lp.html = &html
			}
		}
		if lp.links != nil || lp.images != nil || lp.toc != "" || lp.image != "" || lp.attached != nil {
			out.posts = append(out.posts, lp)
		}
	}
	return out
}

// set gives the posts what link found.
func (l *linked) set() {
	for _, lp := range l.posts {
		p := lp.p
		if lp.links != nil {
			p.resolve = func(d string) string { return lp.links[d] } // also for a render with figures
		}
		if lp.html != nil {
			p.setHTML(*lp.html)
		}
		p.TOC, p.Image, p.attached, p.images = lp.toc, lp.image, lp.attached, lp.images
	}
}

// EvidenceURL is the address of a donation's evidence, as the post's
// Donations have it: for a file beside the post, where the site publishes
// it ("/blog/posts/x/receipt.pdf", with the base path); for an http(s)
// address, itself; "" for "".
//
//	{{range .Post.Donations}}{{with $.Post.EvidenceURL .Evidence}}<a href="{{.}}">receipt</a>{{end}}{{end}}
func (p *Post) EvidenceURL(evidence string) string {
	if u, ok := p.attached[evidence]; ok {
		return u
	}
	if strings.HasPrefix(evidence, "http://") || strings.HasPrefix(evidence, "https://") {
		return evidence
	}
	return "" // not published: a problem of the build
}

// linkInput is what package links needs of p.
func linkInput(p *Post) links.Post {
	lp := links.Post{File: p.File, URL: p.URL(), Tags: p.TagSlugs, BodyLine: p.BodyLine}
	if len(p.TagSlugs) != len(p.Tags) {
		lp.Tags = make([]string, len(p.Tags))
		for i := range p.Tags {
			lp.Tags[i] = p.TagSlug(i)
		}
	}
	if len(p.Aliases) > 0 {
		lp.Aliases = make([]string, len(p.Aliases))
		for i, a := range p.Aliases {
			lp.Aliases[i] = aliasURL(a)
		}
	}
	if len(p.Attachments) > 0 {
		lp.Attachments = make([]links.Attachment, len(p.Attachments))
		for i, a := range p.Attachments {
			lp.Attachments[i] = links.Attachment{Key: a.Key, Path: a.Path, Line: a.Line, Col: a.Col}
		}
	}
	if e := p.entry; e != nil {
		lp.Bundle = e.Bundle
		if e.Doc != nil && !e.Unlinked {
			lp.Doc, lp.Image = e.Doc, p.Post.Image
		}
	}
	return lp
}

// relink renders p again with its relative links resolved, unless its
// entry was last rendered with the same resolutions.
func (b *Builder) relink(p *Post, resolved map[string]string, images map[string]*markdown.Image) (string, error) {
	e := p.entry
	keys := make([]string, 0, len(resolved))
	for k := range resolved {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var key strings.Builder
	for _, k := range keys {
		key.WriteString(k + "\x00" + resolved[k] + "\x00")
	}
	imageKey(&key, images)
	if e.Linked == nil || e.LinkedKey != key.String() {
		doc, err := b.md.RenderWith(p.Body, markdown.Env{Resolve: func(d string) string { return resolved[d] }, Image: imageOf(images)})
		if err != nil {
			return "", err
		}
		e.Linked, e.LinkedKey = doc, key.String()
	}
	return e.Linked.HTML, nil
}
