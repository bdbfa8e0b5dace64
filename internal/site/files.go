package site

import (
	"io"
	"sort"
	"time"

	"github.com/impactblog/impactblog/internal/feed"
	"github.com/impactblog/impactblog/internal/publish"
	"github.com/impactblog/impactblog/internal/theme"
)

// Files lists the site's files that are not pages: feeds, sitemap,
// robots.txt, the impact data, the posts' files and the theme's static
// files.
func (s *Site) Files() []publish.File {
	files := []publish.File{
		{Name: "feed.xml", Write: s.writeFeed(feed.Atom)},
		{Name: "rss.xml", Write: s.writeFeed(feed.RSS)},
		{Name: "sitemap.xml", Write: s.sitemap},
		publish.BytesFile("robots.txt", feed.Robots(s.Config.BaseURL)),
		{Name: "impact.json", Write: s.WriteImpactJSON},
		{Name: "impact.csv", Write: s.WriteImpactCSV},
		{Name: searchIndex, Write: s.writeSearchIndex},
	}
	files = append(files, s.assets...)
	if s.tmpl.Templates == nil {
		return files // the templates did not read
	}
	names := make([]string, 0, len(s.tmpl.Static))
	for n := range s.tmpl.Static {
		if !staticByImages(n) { // a JPEG or PNG: published by publishImages, without metadata
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		fsys := s.tmpl.Static[n]
		files = append(files, publish.CopyFile(n, fsys, "static/"+n))
	}
	return files
}

// channel is what the feeds say of the site.
func (s *Site) channel() feed.Channel {
	return feed.Channel{
		Title: s.Config.Title, Description: s.Config.Description, Language: s.Config.Language,
		Author: s.Config.Author, BaseURL: s.Config.BaseURL, Updated: s.updated(),
	}
}

// feedEntries are the newest posts, as the feeds carry them.
func (s *Site) feedEntries() ([]feed.Entry, error) {
	posts := s.Posts[:min(feed.Size, len(s.Posts))]
	entries := make([]feed.Entry, len(posts))
	for i, p := range posts {
		content, err := p.Content()
		if err != nil {
			return nil, err
		}
		summary, err := p.Summary()
		if err != nil {
			return nil, err
		}
		entries[i] = feed.Entry{
			URL: p.URL(), Title: p.Title, Published: p.Date, Updated: p.lastChange(),
			Authors: p.Authors, Tags: p.Tags, Summary: summary, Content: string(content),
		}
	}
	return entries, nil
}

// writeFeed writes the feed write makes of the newest posts.
func (s *Site) writeFeed(write func(io.Writer, feed.Channel, []feed.Entry) error) func(io.Writer) error {
	return func(w io.Writer) error {
		entries, err := s.feedEntries()
		if err != nil {
			return err
		}
		return write(w, s.channel(), entries)
	}
}

// sitemap writes the sitemap: every page of a kind listed there (kinds),
// of every language, each with its alternates in the others.
func (s *Site) sitemap(w io.Writer) error {
	return feed.Sitemap(w, s.Config.BaseURL, func(yield func(feed.URL) bool) {
		for _, l := range s.family() {
			for _, p := range l.pages {
				if !p.Kind.spec().Sitemap {
					continue
				}
				u := feed.URL{Path: p.URL}
				if l != s {
					u.Loc = theme.Abs(l.Config.BaseURL, p.URL)
				}
				if p.Post != nil {
					u.LastMod = p.Post.lastChange()
				}
				if alts := p.Alternates(); len(alts) > 0 {
					u.Alternates = append(u.Alternates, feed.Alternate{Lang: l.Lang().Tag, Href: theme.Abs(l.Config.BaseURL, p.URL)})
					for _, a := range alts {
						u.Alternates = append(u.Alternates, feed.Alternate{Lang: a.Lang, Href: a.URL})
					}
				}
				if !yield(u) {
					return
				}
			}
		}
	}, len(s.langs) > 0)
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
