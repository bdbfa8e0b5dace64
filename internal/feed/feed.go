// Package feed writes the site's machine-read files about its pages: an
// Atom feed (feed.xml), an RSS 2.0 feed (rss.xml), the sitemap
// (sitemap.xml) and robots.txt.
//
// It knows nothing of posts or pages: the site gives it a Channel (the
// site's title, base URL and newest date) and Entries (a post's address,
// title, dates, authors, tags, summary and HTML), or, for the sitemap, the
// address of every page. Addresses are site paths ("/posts/x/"), made
// absolute with the base URL. Nothing depends on the clock: the feeds'
// own date is Channel.Updated, the newest date of the site's posts.
//
// The XML is indented with two spaces, after the XML header, as
// xml.MarshalIndent writes it, and ends with a newline. The sitemap is
// written a URL at a time: a large blog has hundreds of thousands.
package feed

import (
	"encoding/xml"
	"io"
	"iter"
	"strings"
	"time"
)

// Size is how many of the newest posts the feeds carry.
const Size = 20

// A Channel is what the feeds say of the site itself.
type Channel struct {
	Title       string
	Description string // RSS's description; the title when empty
	Language    string // "en-GB"
	Author      string // Atom's author of every entry; the title when empty
	BaseURL     string // "https://impact.example/" (or with a path)
	Updated     time.Time
}

// abs makes the site path u absolute under the base URL.
func (c Channel) abs(u string) string { return Abs(c.BaseURL, u) }

// Abs makes the site path u absolute under baseURL: "/posts/x/" →
// "https://impact.example/posts/x/".
func Abs(baseURL, u string) string {
	return strings.TrimSuffix(baseURL, "/") + "/" + strings.TrimPrefix(u, "/")
}

// An Entry is one post of a feed.
type Entry struct {
	URL       string // site path: "/posts/x/"
	Title     string
	Published time.Time
	Updated   time.Time // the later of its date and its updated date
	Authors   []string
	Tags      []string
	Summary   string // plain text
	Content   string // HTML
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Link      atomLink     `xml:"link"`
	Published string       `xml:"published"`
	Updated   string       `xml:"updated"`
	Authors   []atomAuthor `xml:"author"`
	Summary   string       `xml:"summary,omitempty"`
	Content   atomContent  `xml:"content"`
	Category  []atomCat    `xml:"category"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// Atom writes the Atom feed of entries, newest first.
func Atom(w io.Writer, c Channel, entries []Entry) error {
	f := atomFeed{
		Lang:    c.Language,
		Title:   c.Title,
		ID:      c.abs("/"),
		Updated: c.Updated.Format(time.RFC3339),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: c.abs("/feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: c.abs("/")},
		},
	}
	// Atom needs an author for every entry: the site's, or else its title.
	author := c.Author
	if author == "" {
		author = c.Title
	}
	f.Author = &atomAuthor{Name: author}
	for _, en := range entries {
		e := atomEntry{
			Title:     en.Title,
			ID:        c.abs(en.URL),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: c.abs(en.URL)},
			Published: en.Published.Format(time.RFC3339),
			Updated:   en.Updated.Format(time.RFC3339),
			Summary:   en.Summary,
			Content:   atomContent{Type: "html", Body: en.Content},
		}
		for _, a := range en.Authors {
			e.Authors = append(e.Authors, atomAuthor{Name: a})
		}
		for _, t := range en.Tags {
			e.Category = append(e.Category, atomCat{Term: t})
		}
		f.Entries = append(f.Entries, e)
	}
	return writeXML(w, func(enc *xml.Encoder) error { return enc.Encode(f) })
}

type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	LastBuild   string    `xml:"lastBuildDate"`
	Self        atomLink  `xml:"atom:link"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        string   `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description"`
	Category    []string `xml:"category"`
}

// RSS writes the RSS 2.0 feed of entries, newest first: each item's
// description is the entry's HTML.
func RSS(w io.Writer, c Channel, entries []Entry) error {
	desc := c.Description
	if desc == "" {
		desc = c.Title
	}
	f := rssFeed{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: rssChannel{
		Title: c.Title, Link: c.abs("/"), Description: desc, Language: c.Language,
		LastBuild: c.Updated.Format(time.RFC1123Z),
		Self:      atomLink{Rel: "self", Type: "application/rss+xml", Href: c.abs("/rss.xml")},
	}}
	for _, en := range entries {
		f.Channel.Items = append(f.Channel.Items, rssItem{
			Title: en.Title, Link: c.abs(en.URL), GUID: c.abs(en.URL),
			PubDate: en.Published.Format(time.RFC1123Z), Description: en.Content, Category: en.Tags,
		})
	}
	return writeXML(w, func(enc *xml.Encoder) error { return enc.Encode(f) })
}

// A URL is one page of the sitemap.
type URL struct {
	Path    string    // site path: "/posts/x/"
	Loc     string    // its absolute address, when not baseURL's Path (another language's)
	LastMod time.Time // its last change; zero for none
	// Alternates are the page in other languages (and in its own):
	// written as <xhtml:link rel="alternate" hreflang="…" href="…"/>.
	Alternates []Alternate
}

// An Alternate is a page in one language.
type Alternate struct {
	Lang string // BCP 47: "fr-FR"
	Href string // absolute
}

type sitemapURL struct {
	Loc        string      `xml:"loc"`
	LastMod    string      `xml:"lastmod,omitempty"`
	Alternates []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap writes the sitemap of the pages urls yields, a URL at a time.
// With languages, the sitemap names the XHTML namespace for the
// alternates of each page.
func Sitemap(w io.Writer, baseURL string, urls iter.Seq[URL], languages bool) error {
	return writeXML(w, func(enc *xml.Encoder) error {
		set := xml.StartElement{Name: xml.Name{Space: "http://www.sitemaps.org/schemas/sitemap/0.9", Local: "urlset"}}
		if languages {
			set.Attr = []xml.Attr{{Name: xml.Name{Local: "xmlns:xhtml"}, Value: "http://www.w3.org/1999/xhtml"}}
		}
		if err := enc.EncodeToken(set); err != nil {
			return err
		}
		item := xml.StartElement{Name: xml.Name{Local: "url"}}
		for u := range urls {
			su := sitemapURL{Loc: Abs(baseURL, u.Path)}
			if u.Loc != "" {
				su.Loc = u.Loc
			}
			for _, a := range u.Alternates {
				su.Alternates = append(su.Alternates, xhtmlLink{Rel: "alternate", Hreflang: a.Lang, Href: a.Href})
			}
			if !u.LastMod.IsZero() {
				su.LastMod = u.LastMod.Format("2006-01-02")
			}
			if err := enc.EncodeElement(su, item); err != nil {
				return err
			}
		}
		return enc.EncodeToken(set.End())
	})
}

// Robots is robots.txt: every page may be crawled; the sitemap is named.
func Robots(baseURL string) []byte {
	return []byte("User-agent: *\nAllow: /\nSitemap: " + Abs(baseURL, "/sitemap.xml") + "\n")
}

// writeXML writes an indented XML document, as xml.MarshalIndent would,
// after the XML header: what encode gives enc.
func writeXML(w io.Writer, encode func(enc *xml.Encoder) error) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := encode(enc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
