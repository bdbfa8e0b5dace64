package feed

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2021, 1, 15, 0, 0, 0, 0, time.UTC)

func TestFeeds(t *testing.T) {
	c := Channel{Title: "T", Language: "en-GB", BaseURL: "https://impact.example/blog/", Updated: day}
	entries := []Entry{{URL: "/posts/x/", Title: "X & Y", Published: day, Updated: day, Tags: []string{"carbon"}, Summary: "S", Content: "<p>X</p>"}}
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string
	}{
		{"atom", func(b *bytes.Buffer) error { return Atom(b, c, entries) }, []string{
			`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">`,
			`<author>` + "\n    <name>T</name>", // the site's title when it has no author
			`<id>https://impact.example/blog/posts/x/</id>`,
			`<title>X &amp; Y</title>`,
			`<content type="html">&lt;p&gt;X&lt;/p&gt;</content>`,
			`<category term="carbon"></category>`,
		}},
		{"rss", func(b *bytes.Buffer) error { return RSS(b, c, entries) }, []string{
			`<description>T</description>`, // the title when there is no description
			`<lastBuildDate>Fri, 15 Jan 2021 00:00:00 +0000</lastBuildDate>`,
			`<atom:link rel="self" type="application/rss+xml" href="https://impact.example/blog/rss.xml"></atom:link>`,
		}},
		{"sitemap", func(b *bytes.Buffer) error {
			return Sitemap(b, c.BaseURL, slices.Values([]URL{{Path: "/"}, {Path: "/posts/x/", LastMod: day}}), false)
		}, []string{
			"<url>\n    <loc>https://impact.example/blog/</loc>\n  </url>",
			"<url>\n    <loc>https://impact.example/blog/posts/x/</loc>\n    <lastmod>2021-01-15</lastmod>\n  </url>",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			have := b.String()
			if !strings.HasPrefix(have, `<?xml version="1.0" encoding="UTF-8"?>`+"\n") || !strings.HasSuffix(have, ">\n") {
				t.Errorf("have %q: want the XML header and a final newline", have)
			}
			for _, w := range tt.want {
				if !strings.Contains(have, w) {
					t.Errorf("have:\n%s\nwant it to hold %q", have, w)
				}
			}
		})
	}
}
