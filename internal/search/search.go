// Package search writes the index that the site's /search/ page reads: for
// each post, what a reader may look it up by, and what a result shows.
//
// # The index
//
// /search/index.json is one JSON object of two keys: "names", every tag,
// recipient and provider of the posts once, sorted (they repeat from post
// to post: a company gives to the same charities every year), and
// "posts", one a line, in the order given (the site's: newest first). Each
// post is an object of these keys, the empty ones left out:
//
//	url         the post's site path, "/posts/x/": the page puts the site's base path before it
//	title       its title
//	date        its date, 2006-01-02
//	day         its date as the site writes dates: "15 January 2021"
//	summary     its summary in plain text, cut to MaxSummary characters at a word
//	tags        its tags, as written: indexes into names
//	recipients  the recipients of its donations, each once, in the order written: indexes into names
//	providers   the providers of its offsets, each once, in the order written: indexes into names
//
// The same posts give the same bytes. Strings are escaped as encoding/json
// does, < > & included, so the index is safe wherever it is shown.
//
// # The page
//
// templates/search.html holds the form and templates/static/search.js
// reads the index: a post is found when every word of the query starts a
// word of its title, summary, tags, recipients or providers, accents and
// case aside. The posts found are ranked by where each word matched: in
// the title it counts 8, in the recipients or providers 4, in the tags 2,
// in the summary 1; newest first among equals. ?q=… in the page's address
// is searched as the page opens, and kept there as the reader types.
//
// A theme's own search.html keeps what the script looks for, by id:
//
//	search-form     the form, hidden until the script shows it; data-index is the
//	                index's address, data-base the site's base path ({{rel "/"}})
//	search-q        the text input
//	search-status   where the count is said (aria-live); data-single, data-many,
//	                data-none and data-error are its words, with {n} and {q}
//	                (not data-one: html/template takes a data-on… attribute for a
//	                script, and would quote the words put in it)
//	search-results  the list the results go in, each an li.post-summary; data-recipients,
//	                data-providers and data-tags are the words before those names
//
// The page also has a <noscript>, for readers without JavaScript.
//
// # Size
//
// A post weighs its address, title, dates and summary, cut to MaxSummary
// characters, and a few bytes a name: a generated blog's index of 1,000
// posts is about 360 KB, under the 500 KB it must stay under
// (TestIndexSizeOfAGeneratedBlog, in package site).
package search

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxSummary is the most characters (runes) of a summary the index keeps,
// the ellipsis included: enough for a result's line or two.
const MaxSummary = 160

// A Doc is one post, for the index: see the package comment.
type Doc struct {
	URL        string // its site path: "/posts/x/"
	Title      string
	Date       string // 2006-01-02
	Day        string // as the site writes dates: "15 January 2021"
	Summary    string // plain text
	Tags       []string
	Recipients []string
	Providers  []string
}

// entry is a Doc as the index holds it: its names as indexes into the
// index's names.
type entry struct {
	URL        string `json:"url"`
	Title      string `json:"title"`
	Date       string `json:"date,omitempty"`
	Day        string `json:"day,omitempty"`
	Summary    string `json:"summary,omitempty"`
	Tags       []int  `json:"tags,omitempty"`
	Recipients []int  `json:"recipients,omitempty"`
	Providers  []int  `json:"providers,omitempty"`
}

// Write writes the index of docs to w: each summary cut to MaxSummary
// characters, and each list of names without blanks or repeats.
func Write(w io.Writer, docs []Doc) error {
	docs = slices.Clone(docs)
	seen := map[string]int{}
	for i := range docs {
		d := &docs[i]
		d.Summary = Cut(strings.Join(strings.Fields(d.Summary), " "), MaxSummary)
		d.Tags, d.Recipients, d.Providers = names(d.Tags), names(d.Recipients), names(d.Providers)
		for _, list := range [][]string{d.Tags, d.Recipients, d.Providers} {
			for _, n := range list {
				seen[n] = 0
			}
		}
	}
	table := slices.Sorted(maps.Keys(seen))
	for i, n := range table {
		seen[n] = i
	}
	indexes := func(list []string) []int {
		var out []int
		for _, n := range list {
			out = append(out, seen[n])
		}
		return out
	}
	bw := bufio.NewWriter(w)
	b, err := json.Marshal(table)
	if err != nil {
		return err
	}
	if table == nil {
		b = []byte("[]")
	}
	bw.WriteString(`{"names":`)
	bw.Write(b)
	bw.WriteString(`,"posts":[`)
	for i, d := range docs {
		b, err := json.Marshal(entry{
			URL: d.URL, Title: d.Title, Date: d.Date, Day: d.Day, Summary: d.Summary,
			Tags: indexes(d.Tags), Recipients: indexes(d.Recipients), Providers: indexes(d.Providers),
		})
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		bw.Write(b)
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// Read reads an index that Write wrote, back into its docs: for tests, and
// for tools that look into a built site.
func Read(r io.Reader) ([]Doc, error) {
	var index struct {
		Names []string
		Posts []entry
	}
	if err := json.NewDecoder(r).Decode(&index); err != nil {
		return nil, fmt.Errorf("reading the search index: %w", err)
	}
	docs := make([]Doc, len(index.Posts))
	for i, e := range index.Posts {
		names := func(list []int) ([]string, error) {
			var out []string
			for _, k := range list {
				if k < 0 || k >= len(index.Names) {
					return nil, fmt.Errorf("reading the search index: post %d names name %d of %d", i, k, len(index.Names))
				}
				out = append(out, index.Names[k])
			}
			return out, nil
		}
		d := Doc{URL: e.URL, Title: e.Title, Date: e.Date, Day: e.Day, Summary: e.Summary}
		var err error
		if d.Tags, err = names(e.Tags); err != nil {
			return nil, err
		}
		if d.Recipients, err = names(e.Recipients); err != nil {
			return nil, err
		}
		if d.Providers, err = names(e.Providers); err != nil {
			return nil, err
		}
		docs[i] = d
	}
	return docs, nil
}

// Cut cuts s to at most n runes, at the end of a word when it can, with
// an ellipsis when it cuts.
func Cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	// The byte offset of rune n-1: room for the ellipsis.
	end, count := 0, 0
	for i := range s {
		if count == n-1 {
			end = i
			break
		}
		count++
	}
	cut := s[:end]
	// Back to the last space, unless that loses more than half.
	if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > end/2 {
		cut = cut[:i]
	}
	return strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

// names is list without blank names or repeats, each trimmed, in its
// order; nil when none is left.
func names(list []string) []string {
	var out []string
	for _, n := range list {
		n = strings.TrimSpace(n)
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
