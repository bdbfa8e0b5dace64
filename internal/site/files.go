package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
)

// FeedSize is how many of the newest posts the feeds carry.
const FeedSize = 20

// A File is a file of the site that is not a templated page.
type File struct {
	Name  string                  // "feed.xml"
	Write func(w io.Writer) error // writes the file's content to w
}

// Render returns the file's content.
func (f File) Render() ([]byte, error) {
	var b bytes.Buffer
	err := f.Write(&b)
	return b.Bytes(), err
}

// bytesFile is a File of a fixed content.
func bytesFile(name string, data []byte) File {
	return File{name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}
}

// fsFile is a File copied from fsys.
func fsFile(name string, fsys fs.FS, file string) File {
	return File{name, func(w io.Writer) error {
		f, err := fsys.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	}}
}

// Files lists the site's other files: feeds, sitemap, robots.txt, the
// impact data and the theme's static files.
func (s *Site) Files() []File {
	files := []File{
		{"feed.xml", s.atom},
		{"rss.xml", s.rss},
		{"sitemap.xml", s.sitemap},
		bytesFile("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+s.abs("/sitemap.xml")+"\n")),
		{"impact.json", func(w io.Writer) error { return WriteImpactJSON(w, s.Totals) }},
		{"impact.csv", func(w io.Writer) error { return impact.WriteCSV(w, s.Totals) }},
	}
	files = append(files, s.assets...)
	if s.tmpl == nil {
		return files // the templates did not read
	}
	names := make([]string, 0, len(s.tmpl.static))
	for n := range s.tmpl.static {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fsys := s.tmpl.static[n]
		files = append(files, fsFile(n, fsys, "static/"+n))
	}
	return files
}

// ImpactJSON is the impact.json document: the totals, indented.
func ImpactJSON(t *impact.Totals) ([]byte, error) {
	var b bytes.Buffer
	err := WriteImpactJSON(&b, t)
	return b.Bytes(), err
}

// WriteImpactJSON writes the impact.json document to w: the bytes of
// json.MarshalIndent(t, "", "  ") and a newline, written an entry at a time,
// so that a large blog's tens of thousands of entries are never held as one
// document (and its indented copy) in memory.
func WriteImpactJSON(w io.Writer, t *impact.Totals) error {
	if t == nil || t.Entries == nil {
		b, err := json.MarshalIndent(t, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	// The document without its entries, cut where they go. A line break
	// cannot occur inside a JSON string, so the cut is unambiguous.
	head := *t
	head.Entries = nil
	b, err := json.MarshalIndent(&head, "", "  ")
	if err != nil {
		return err
	}
	const at = "\n  \"entries\": null"
	before, after, ok := bytes.Cut(b, []byte(at))
	if !ok {
		return fmt.Errorf("impact.json: no entries in %.40q", b)
	}
	bw := bufio.NewWriter(w)
	bw.Write(before)
	bw.WriteString(at[:len(at)-len("null")])
	if len(t.Entries) == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("[")
		for i := range t.Entries {
			row := t.Entries[i].Row()
			e, err := json.MarshalIndent(&row, "    ", "  ")
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			bw.Write(e)
		}
		bw.WriteString("\n  ]")
	}
	bw.Write(after)
	bw.WriteString("\n")
	return bw.Flush()
}

func (s *Site) abs(u string) string {
	return strings.TrimSuffix(s.Config.BaseURL, "/") + "/" + strings.TrimPrefix(u, "/")
}

func (s *Site) feedPosts() []*Post {
	return s.Posts[:min(FeedSize, len(s.Posts))]
}

// updated is the newest date of the site's posts: the feeds' own date, so
// that a build does not depend on the clock.
func (s *Site) updated() time.Time {
	var t time.Time
	for _, p := range s.Posts {
		for _, d := range []time.Time{p.Date, p.Updated} {
			if d.After(t) {
				t = d
			}
		}
	}
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func (p *Post) lastChange() time.Time {
	if p.Updated.After(p.Date) {
		return p.Updated
	}
	return p.Date
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

func (s *Site) atom(w io.Writer) error {
	f := atomFeed{
		Lang:    s.Config.Language,
		Title:   s.Config.Title,
		ID:      s.abs("/"),
		Updated: s.updated().Format(time.RFC3339),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.abs("/feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: s.abs("/")},
		},
	}
	// Atom needs an author for every entry: the site's, or else its title.
	author := s.Config.Author
	if author == "" {
		author = s.Config.Title
	}
	f.Author = &atomAuthor{Name: author}
	for _, p := range s.feedPosts() {
		content, err := p.Content()
		if err != nil {
			return err
		}
		summary, err := p.Summary()
		if err != nil {
			return err
		}
		e := atomEntry{
			Title:     p.Title,
			ID:        s.abs(p.URL()),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: s.abs(p.URL())},
			Published: p.Date.Format(time.RFC3339),
			Updated:   p.lastChange().Format(time.RFC3339),
			Summary:   summary,
			Content:   atomContent{Type: "html", Body: string(content)},
		}
		for _, a := range p.Authors {
			e.Authors = append(e.Authors, atomAuthor{Name: a})
		}
		for _, t := range p.Tags {
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

func (s *Site) rss(w io.Writer) error {
	desc := s.Config.Description
	if desc == "" {
		desc = s.Config.Title
	}
	f := rssFeed{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: rssChannel{
		Title: s.Config.Title, Link: s.abs("/"), Description: desc, Language: s.Config.Language,
		LastBuild: s.updated().Format(time.RFC1123Z),
		Self:      atomLink{Rel: "self", Type: "application/rss+xml", Href: s.abs("/rss.xml")},
	}}
	for _, p := range s.feedPosts() {
		content, err := p.Content()
		if err != nil {
			return err
		}
		f.Channel.Items = append(f.Channel.Items, rssItem{
			Title: p.Title, Link: s.abs(p.URL()), GUID: s.abs(p.URL()),
			PubDate: p.Date.Format(time.RFC1123Z), Description: string(content), Category: p.Tags,
		})
	}
	return writeXML(w, func(enc *xml.Encoder) error { return enc.Encode(f) })
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap writes the sitemap a URL at a time: a large blog has hundreds of
// thousands.
func (s *Site) sitemap(w io.Writer) error {
	return writeXML(w, func(enc *xml.Encoder) error {
		set := xml.StartElement{Name: xml.Name{Space: "http://www.sitemaps.org/schemas/sitemap/0.9", Local: "urlset"}}
		if err := enc.EncodeToken(set); err != nil {
			return err
		}
		item := xml.StartElement{Name: xml.Name{Local: "url"}}
		for _, p := range s.pages {
			if p.Kind == "alias" || p.Kind == "404" {
				continue
			}
			u := sitemapURL{Loc: s.abs(p.URL)}
			if p.Post != nil {
				u.LastMod = p.Post.lastChange().Format("2006-01-02")
			}
			if err := enc.EncodeElement(u, item); err != nil {
				return err
			}
		}
		return enc.EncodeToken(set.End())
	})
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
