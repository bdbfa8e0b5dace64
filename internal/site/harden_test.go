package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/internal/post"
	theme "github.com/impactblog/impactblog/templates"
)

// Tests of issue 13: a post too large is not read, every problem and
// warning of a run is reported, and an alias never clashes with a file of
// the site. (Symbolic links: symlinks_test.go; leftovers: publish_test.go.)

// TestPostSizeLimit: a post file past post.MaxFileSize is a problem naming
// it (package source tests that it is never read).
func TestPostSizeLimit(t *testing.T) {
	const fm = "---\ntitle: Big\ndate: 2021-01-01\n---\n"
	pad := func(n int) string { return fm + strings.Repeat("a", n-len(fm)) }
	// Through a build: the problem names the file.
	_, err := build(t, fstest.MapFS{"posts/big.md": {Data: []byte(pad(post.MaxFileSize + 1))}, "posts/gift.md": {Data: []byte(giftPost)}}, Options{})
	assertProblems(t, err, []string{"posts/big.md: the file is 4.0 MB; a post may be at most 4 MB"})
}

// TestEveryProblemOfAPost: a post with a mistake in its front matter is
// left out, but its broken link is still a problem and its warnings are
// still reported, in the same run.
func TestEveryProblemOfAPost(t *testing.T) {
	bad := "---\ntitle: Bad\ndate: 2021-01-01\nimpact:\n  donations:\n    - recipient: WWF\n      amount: \"£112,000\"\n---\n" +
		"See [the gifts](gifts.md) and [old](/posts/nope/).\n\n{% include x.html %}\n\n{{< youtube abc >}}\n"
	b := NewBuilder(blogOf("posts/bad.md", bad, "posts/gift.md", giftPost), theme.FS, Options{Now: now})
	_, err := b.Build(context.Background(), nil)
	assertProblems(t, err, []string{
		`posts/bad.md:7:15: amount "£112,000" is not a number`,
		"posts/bad.md:9:5: the link to gifts.md points to no post",
		"posts/bad.md:9:",
	})
	if have := b.Warnings(); len(have) != 2 || have[0].Line != 11 || have[1].Line != 13 {
		t.Errorf("warnings: have %v, want two, at lines 11 and 13", have)
	}
}

// TestPostWarningsAreReported: the warnings package post finds in a
// post's front matter are reported whatever the post: published or left
// out (a draft, a post dated in the future, one with problems), with links
// to check or without.
func TestPostWarningsAreReported(t *testing.T) {
	tests := []struct {
		name string
		post string
		err  bool
	}{
		{"published", "---\ntitle: T\ndate: 2021-01-01\nupdated: 2204-07-15\n---\nHi.\n", false},
		{"with a link", "---\ntitle: T\ndate: 2021-01-01\nupdated: 2204-07-15\n---\nSee [the gifts](gift.md).\n", false},
		{"a draft", "---\ntitle: T\ndate: 2021-01-01\nupdated: 2204-07-15\ndraft: true\n---\nHi.\n", false},
		{"in the future", "---\ntitle: T\ndate: 2204-07-15\nupdated: 2204-07-15\n---\nHi.\n", false},
		{"with a problem", "---\ntitle: T\ndate: 2021-01-01\nupdated: 2204-07-15\nslug: [x]\n---\nHi.\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder(blogOf("posts/gift.md", giftPost, "posts/x.md", tt.post), theme.FS, Options{Now: now})
			if _, err := b.Build(context.Background(), nil); (err != nil) != tt.err {
				t.Fatalf("have %v, want an error: %v", err, tt.err)
			}
			var at []string
			for _, w := range b.Warnings() {
				at = append(at, fmt.Sprintf("%s:%d", w.File, w.Line))
			}
			if have := strings.Join(at, " "); !strings.Contains(have, "posts/x.md:4") {
				t.Errorf("warnings at %s, want one at posts/x.md:4 (updated: 2204-07-15)", have)
			}
		})
	}
}

// TestNowIsTheClock: a Builder without Options.Now reads its posts with
// the clock's time, for the dates that are surely typos: a post dated
// 2204 is a warning, in a build that publishes future posts and in one
// that does not.
func TestNowIsTheClock(t *testing.T) {
	typo := "---\ntitle: Typo\ndate: 2204-07-15\n---\nHi.\n"
	for _, future := range []bool{false, true} {
		b := NewBuilder(blogOf("posts/gift.md", giftPost, "posts/typo.md", typo), theme.FS, Options{Future: future})
		if _, err := b.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(b.now); b.now.IsZero() || d < 0 || d > time.Minute {
			t.Errorf("now: have %v, want the clock's", b.now)
		}
		if w := b.Warnings(); len(w) != 1 || !strings.HasPrefix(w[0].Error(), "posts/typo.md:3:") {
			t.Errorf("future %v: warnings: have %v, want one at posts/typo.md:3:", future, w)
		}
	}
}

// TestAliasOverAFileTheBuildWrites: an alias is a problem at its line in
// check as in build whenever its page would be written over, or as a
// folder of, a file the build writes: the marker, feeds, data files, static
// files, files copied with a post, another alias.
func TestAliasOverAFileTheBuildWrites(t *testing.T) {
	for _, aliases := range []string{
		`"/.impactblog/"`, `"/.impactblog"`, `"/feed.xml/"`, `"/robots.txt/x/"`, `"/impact.json/"`,
		`"/impact.csv/"`, `"/style.css/"`, `"/posts/x/photo.jpg/"`, `"/tags/carbon/index.html/"`,
		`"/a.html", "/a.html/b/"`,
		// A file system that ignores case takes these for the site's own.
		`"/Posts/X/"`, `"/IMPACT.CSV/"`, `"/Feed.xml/"`, `"/a/", "/A/"`,
	} {
		t.Run(aliases, func(t *testing.T) {
			src := strings.Replace(goodPost, "tags: [carbon]", "tags: [carbon]\naliases: ["+aliases+"]", 1)
			blog := blogOf("posts/bf.md", src, "posts/x/index.md", "---\ntitle: X\ndate: 2021-01-01\n---\n", "posts/x/photo.jpg", "JPEG")
			s, err := NewBuilder(blog, theme.FS, Options{Now: now}).Build(context.Background(), nil)
			if err == nil {
				err = s.Check(context.Background()) // check's run
			}
			assertProblems(t, err, []string{"posts/bf.md:5:"})
		})
	}
}

// TestSiteTOMLDoesNotHideThePosts: a mistake in site.toml does not hide the
// problems and warnings of the posts; a site.toml whose currency did not
// read checks no figures, since every figure needs it.
func TestSiteTOMLDoesNotHideThePosts(t *testing.T) {
	bad := "---\ntitle: Bad\ndate: 2021-01-01\nupdated: 2204-07-15\nimpact:\n  donations:\n    - recipient: WWF\n      amount: \"£112,000\"\n---\nSee [old](/posts/nope/).\n"
	tests := []struct {
		name, toml string
		want       []string
		warnings   int
	}{
		{"an unknown key", "title = \"T\"\nbase_url = \"https://x.example/\"\ncurrency = \"GBP\"\ntitel = \"T\"\n", []string{
			`posts/bad.md:8:15: amount "£112,000" is not a number`,
			"posts/bad.md:10:",
			`site.toml:4:1: unknown setting "titel"`,
		}, 1},
		{"no currency", "title = \"T\"\nbase_url = \"https://x.example/\"\ncurrency = \"££\"\n", []string{
			"site.toml:3:",
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder(blogOf("posts/bad.md", bad, "site.toml", tt.toml), theme.FS, Options{Now: now})
			_, err := b.Build(context.Background(), nil)
			assertProblems(t, err, tt.want)
			if have := len(b.Warnings()); have != tt.warnings {
				t.Errorf("warnings: have %d (%v), want %d", have, b.Warnings(), tt.warnings)
			}
			// Once site.toml is fixed, the posts are read with it.
			fixed := blogOf("posts/bad.md", bad, "site.toml", "title = \"T\"\nbase_url = \"https://x.example/\"\ncurrency = \"GBP\"\n")
			b.src = fixed
			_, err = b.Build(context.Background(), []string{"site.toml"})
			assertProblems(t, err, []string{`posts/bad.md:8:15: amount "£112,000" is not a number`, "posts/bad.md:10:"})
		})
	}
}
