package source

import (
	"encoding/binary"
	"reflect"
	"strconv"
	"unsafe"

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
	HTMLLen, SummaryLen int // the HTML and summary follow the rest, as they are
	TOC                 []byte
	Refs                []markdown.Ref
	Image               string
	Warnings            []markdown.Warning
	Figures             int
	Words               int
	Review              *review.Saved // nil when the words were not reviewed
}

// cacheFormat changes with the meaning of a value.
const cacheFormat = "post 3"

// A value in the cache is the length of the encoding of a cachedPost
// (codec.go), that encoding, then the post's HTML and summary as they are:
// in a build that keeps the posts' HTML on disk rather than in memory
// (Options.SpillDir), a post's HTML and summary wait for its page in the
// cache itself (a cache.Ref), rather than being copied into the spill.

// A packed post is where its HTML and summary are in the cache.
type packed struct{ html, summary Stored }

// packedAt is the HTML (n bytes from off) and summary (m bytes after it)
// of the value at ref.
func packedAt(ref cache.Ref, off int64, n, m int) *packed {
	at := func(off int64, n int) Stored {
		if n == 0 {
			return Mem("")
		}
		return Stored{at: span{off, n}, in: ref}
	}
	return &packed{html: at(off, n), summary: at(off+int64(n), m)}
}

// render renders p's body and reviews its words, into e (its Review and
// Problems, Words), or takes what that gave from the cache; it keeps in
// the cache what it made. src is the post's file. When the Reader spills,
// it also says where the HTML and summary are in the cache, which then
// hold them rather than the spill (lighten); else the Document has them.
func (r *Reader) render(e *Entry, how Parse, p *post.Post, src []byte) (*markdown.Document, *packed) {
	key, cached := r.postKey(how, p, src)
	if cached {
		if doc, pk, ok := r.fromCache(e, how, p, key); ok {
			return doc, pk
		}
	}
	e.Words = CountWords(p.Body) // once per read, in parallel
	doc, err := how.Markdown.Render(p.Body)
	if err != nil {
		e.Problems = append(e.Problems, problem.New(p.File, p.BodyLine, 0, "rendering Markdown: %v", err))
		return doc, nil
	}
	e.review(how, p, doc)
	if !cached || len(doc.Problems) > 0 {
		return doc, nil
	}
	c := cachedPost{HTMLLen: len(doc.HTML), SummaryLen: len(doc.Summary), TOC: doc.TOC, Refs: doc.Refs,
		Image: doc.Image, Warnings: doc.Warnings, Figures: doc.Figures, Words: e.Words}
	if e.Review != nil {
		saved, ok := e.Review.Save()
		if !ok {
			return doc, nil
		}
		c.Review = &saved
	}
	meta, err := appendValue(nil, reflect.ValueOf(&c).Elem())
	if err != nil {
		return doc, nil
	}
	head := binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+len(meta)), uint64(len(meta)))
	head = append(head, meta...)
	// The HTML and summary as they are, not copied: Put only reads them.
	ref, err := r.opts.Cache.PutRef(key, head, bytesOf(doc.HTML), bytesOf(doc.Summary))
	if err != nil || r.spill == nil {
		return doc, nil // not kept: made again next time
	}
	return doc, packedAt(ref, int64(len(head)), len(doc.HTML), len(doc.Summary))
}

// fromCache takes what p renders and reviews to from the value of key,
// into e and the Document; false when there is none that reads.
func (r *Reader) fromCache(e *Entry, how Parse, p *post.Post, key cache.Key) (*markdown.Document, *packed, bool) {
	ref, ok := r.opts.Cache.GetRef(key)
	if !ok {
		return nil, nil, false
	}
	head := make([]byte, min(ref.Len(), binary.MaxVarintLen64))
	if _, err := ref.ReadAt(head, 0); err != nil {
		return nil, nil, false
	}
	n, k := binary.Uvarint(head)
	if k <= 0 || n > uint64(ref.Len()-int64(k)) {
		return nil, nil, false
	}
	meta := make([]byte, n)
	if _, err := ref.ReadAt(meta, int64(k)); err != nil {
		return nil, nil, false
	}
	var c cachedPost
	rest, err := readValue(meta, reflect.ValueOf(&c).Elem())
	body := int64(k) + int64(n)
	if err != nil || len(rest) > 0 || (c.Review != nil) != (how.Review != nil) ||
		c.HTMLLen < 0 || c.SummaryLen < 0 || body+int64(c.HTMLLen)+int64(c.SummaryLen) != ref.Len() {
		return nil, nil, false
	}
	pk := packedAt(ref, body, c.HTMLLen, c.SummaryLen)
	doc := &markdown.Document{TOC: c.TOC, Refs: c.Refs, Image: c.Image, Warnings: c.Warnings, Figures: c.Figures}
	if r.spill == nil { // the HTML is kept in memory
		if doc.HTML, err = pk.html.Load(nil); err != nil {
			return nil, nil, false
		}
		if doc.Summary, err = pk.summary.Load(nil); err != nil {
			return nil, nil, false
		}
		pk = nil
	}
	if c.Review != nil {
		e.Review = review.Restore(p, *c.Review)
	}
	e.Words = c.Words
	return doc, pk, true
}

// bytesOf is s as bytes, not copied: for what only reads them.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

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
