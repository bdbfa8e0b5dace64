package source

import (
	"bytes"
	"encoding/gob"
	"strconv"

	"github.com/impactblog/impactblog/internal/cache"
	"github.com/impactblog/impactblog/internal/markdown"
	"github.com/impactblog/impactblog/internal/post"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/review"
)

// A build that remembers: what a post renders and reviews to (its
// markdown.Document but the prose, which only the review reads; the words
// of its body; what review.Read found) is kept in the Reader's cache
// (Options.Cache) under a key made of
//
//   - the program (cache.Program: a value made by another build of
//     impactblog is never read) and cacheFormat;
//   - Parse.Settings (the site's settings that Markdown and Review use),
//     whether the words are reviewed, and post.Options but Now (the
//     currency, the time zone, a page or a post);
//   - the file's path and its bytes.
//
// post.Parse reads every post again on every build (it is cheap, and the
// posts' data, dates and warnings depend on the build's now), and what
// needs the site (figures in prose, links) is done again by package site
// on every build, from the post and the Document. Only a post without
// problems, whose review has none, is kept: what has problems is read,
// rendered and reported afresh.
type cachedPost struct {
	HTML, Summary string
	TOC           []byte
	Refs          []markdown.Ref
	Image         string
	Warnings      []markdown.Warning
	Figures       int
	Words         int
	Review        *review.Saved // nil when the words were not reviewed
}

// cacheFormat changes with cachedPost's meaning.
const cacheFormat = "post 1"

// render renders p's body and reviews its words, into e (its Review and
// Problems, Words), or takes what that gave from the cache; it keeps in
// the cache what it made. src is the post's file.
func (r *Reader) render(e *Entry, how Parse, p *post.Post, src []byte) *markdown.Document {
	key, cached := r.postKey(how, p, src)
	if cached {
		if data, ok := r.opts.Cache.Get(key); ok {
			var c cachedPost
			if gob.NewDecoder(bytes.NewReader(data)).Decode(&c) == nil && (c.Review != nil) == (how.Review != nil) {
				if c.Review != nil {
					e.Review = review.Restore(p, *c.Review)
				}
				e.Words = c.Words
				return &markdown.Document{HTML: c.HTML, Summary: c.Summary, TOC: c.TOC, Refs: c.Refs,
					Image: c.Image, Warnings: c.Warnings, Figures: c.Figures}
			}
		}
	}
	e.Words = CountWords(p.Body) // once per read, in parallel
	doc, err := how.Markdown.Render(p.Body)
	if err != nil {
		e.Problems = append(e.Problems, problem.New(p.File, p.BodyLine, 0, "rendering Markdown: %v", err))
		return doc
	}
	e.review(how, p, doc)
	if !cached || len(doc.Problems) > 0 {
		return doc
	}
	c := cachedPost{HTML: doc.HTML, Summary: doc.Summary, TOC: doc.TOC, Refs: doc.Refs, Image: doc.Image,
		Warnings: doc.Warnings, Figures: doc.Figures, Words: e.Words}
	if e.Review != nil {
		saved, ok := e.Review.Save()
		if !ok {
			return doc
		}
		c.Review = &saved
	}
	var b bytes.Buffer
	if gob.NewEncoder(&b).Encode(&c) == nil {
		r.opts.Cache.Put(key, b.Bytes()) // not kept: made again next time
	}
	return doc
}

// postKey is the key of what p, read from src, renders and reviews to;
// false when nothing is cached.
func (r *Reader) postKey(how Parse, p *post.Post, src []byte) (cache.Key, bool) {
	if r.opts.Cache == nil || how.Settings == "" {
		return cache.Key{}, false
	}
	h, err := cache.NewHasher(cacheFormat)
	if err != nil {
		return cache.Key{}, false
	}
	h.String(how.Settings)
	h.String(strconv.FormatBool(how.Review != nil))
	o := how.Post
	h.String(o.Currency.Code)
	h.String(strconv.Itoa(int(o.Currency.Digits)))
	if o.Location != nil {
		h.String(o.Location.String())
	} else {
		h.String("")
	}
	h.String(strconv.FormatBool(o.Page))
	h.String(p.File)
	h.Bytes(src)
	return h.Key(), true
}
