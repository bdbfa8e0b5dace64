package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/impactblog/impactblog/internal/impact"
	"github.com/impactblog/impactblog/internal/post"
)

// runNew runs "impactblog new args…" with the clock at now.
func runNew(t *testing.T, now time.Time, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := &newCommand{stdout: &out, stderr: &errb, now: func() time.Time { return now }}
	code = exitCode(cmd.Run(context.Background(), args), &errb)
	return out.String(), errb.String(), code
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"T\"\ncurrency = \"EUR\"\ntimezone = \"Asia/Tokyo\"\n"), 0o644)
	// 2021-01-14 20:00 UTC is already the 15th in Tokyo, the site's zone.
	now := time.Date(2021, 1, 14, 20, 0, 0, 0, time.UTC)
	stdout, stderr, code := runNew(t, now, "Our small victories", "of 2020", "-src", dir)
	want := filepath.Join(dir, "posts", "2021-01-15-our-small-victories-of-2020.md")
	if code != 0 || strings.TrimSpace(stdout) != want {
		t.Fatalf("have exit %d, stdout %q, stderr %q; want exit 0 and %s", code, stdout, stderr, want)
	}
	src, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	gbp, _ := impact.ParseCurrency("GBP")
	p, problems := post.Parse("posts/"+filepath.Base(want), src, post.Options{Currency: gbp})
	if len(problems) > 0 {
		t.Fatalf("the new post has problems:\n%v\n%s", problems, src)
	}
	if p.Title != "Our small victories of 2020" || p.Date.Format("2006-01-02") != "2021-01-15" || !p.Draft || len(p.Tags) != 0 || len(p.Donations)+len(p.Offsets) != 0 {
		t.Errorf("have title %q, date %s, draft %v, tags %q, %d donations, %d offsets; want a draft with no tags and no figures",
			p.Title, p.Date, p.Draft, p.Tags, len(p.Donations), len(p.Offsets))
	}

	// Uncommented, the impact block is a valid one with every field.
	var lines []string
	in := false
	for _, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, "# summary:") || strings.HasPrefix(l, "# image:") {
			l = l[2:]
		}
		if strings.HasPrefix(l, "# impact:") {
			in = true
		}
		if l == "---" {
			in = false
		}
		if in && strings.HasPrefix(l, "# ") {
			l = l[2:]
		}
		lines = append(lines, l)
	}
	filled := strings.Join(lines, "\n")
	p, problems = post.Parse("posts/x.md", []byte(filled), post.Options{Currency: gbp})
	if len(problems) > 0 {
		t.Fatalf("uncommented, the post has problems:\n%v\n%s", problems, filled)
	}
	if len(p.Donations) != 1 || len(p.Offsets) != 1 || len(p.Emissions) != 1 || p.Summary == "" || p.Image != "cover.jpg" {
		t.Fatalf("uncommented: have %d donations, %d offsets, %d emissions, summary %q, image %q; want one of each\n%s",
			len(p.Donations), len(p.Offsets), len(p.Emissions), p.Summary, p.Image, filled)
	}
	d, o := p.Donations[0], p.Offsets[0]
	if d.Money.String() != "45000.00 EUR" || d.Project == "" || d.URL == "" || d.Date.Format("2006-01-02") != "2021-01-15" {
		t.Errorf("donation: %+v", d)
	}
	if o.Tonnes.String() != "31.400" || o.Cost == nil || o.Cost.String() != "628.00 EUR" || o.Project == "" || o.Scope == "" {
		t.Errorf("offset: %+v", o)
	}
	for _, key := range []string{"recipient", "amount", "currency", "project", "url", "date", "provider", "tonnes", "price_per_tonne", "cost", "scope", "source", "share"} {
		if !strings.Contains(string(src), "#       "+key+":") && !strings.Contains(string(src), "#     - "+key+":") {
			t.Errorf("the impact block does not show %s", key)
		}
	}

	// Never overwritten.
	os.WriteFile(want, []byte("my words"), 0o644)
	_, stderr, code = runNew(t, now, "-src", dir, "Our small victories of 2020")
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new: have exit %d, stderr %q; want 1 and \"already exists\"", code, stderr)
	}
	if b, _ := os.ReadFile(want); string(b) != "my words" {
		t.Errorf("the existing post was changed: %q", b)
	}
}

func TestNewNamesAndFlags(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		args []string
		file string // under posts/
		tags []string
	}{
		{[]string{"Play Joué"}, "2024-06-01-play-joue.md", nil},
		{[]string{"-date", "2021-01-15", "-tags", "impact, carbon,,Été 2023", "Straße & Köln: 100%!"}, "2021-01-15-strasse-and-koln-100.md", []string{"impact", "carbon", "Été 2023"}},
		{[]string{"-tags", "yes,2020,\"quoted\"", "Tags that YAML would misread"}, "2024-06-01-tags-that-yaml-would-misread.md", []string{"yes", "2020", "\"quoted\""}},
		{[]string{`He said "hi": a title with # and: colons`}, "2024-06-01-he-said-hi-a-title-with-and-colons.md", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			stdout, stderr, code := runNew(t, now, append(tt.args, "-src", dir)...)
			want := filepath.Join(dir, "posts", tt.file)
			if code != 0 || strings.TrimSpace(stdout) != want {
				t.Fatalf("have exit %d, stdout %q, stderr %q; want %s", code, stdout, stderr, want)
			}
			src, _ := os.ReadFile(want)
			p, problems := post.Parse("posts/"+tt.file, src, post.Options{})
			if len(problems) > 0 {
				t.Fatalf("problems: %v\n%s", problems, src)
			}
			if strings.Join(p.Tags, "|") != strings.Join(tt.tags, "|") {
				t.Errorf("tags: have %q, want %q", p.Tags, tt.tags)
			}
			title := strings.Join(tt.args[len(tt.args)-1:], " ")
			if p.Title != title {
				t.Errorf("title: have %q, want %q", p.Title, title)
			}
		})
	}
}

func TestNewUsage(t *testing.T) {
	now := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, args := range [][]string{{}, {"-date", "15/01/2021", "T"}, {"   "}, {"-nope", "T"}} {
		_, stderr, code := runNew(t, now, append(args, "-src", t.TempDir())...)
		if code != 2 || stderr == "" {
			t.Errorf("new %q: have exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
	_, stderr, code := runNew(t, now, "-src", t.TempDir(), "!!!")
	if code != 1 || !strings.Contains(stderr, "cannot make a file name") {
		t.Errorf("new !!!: have exit %d, stderr %q", code, stderr)
	}
}

// TestNewNeverWritesThroughALink: a posts/ that is a symbolic link out of
// the blog is refused, and nothing is written where it leads.
func TestNewNeverWritesThroughALink(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(dir, "posts")); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runNew(t, time.Date(2021, 1, 15, 12, 0, 0, 0, time.UTC), "-src", dir, "Hello")
	if code != 1 || !strings.Contains(stderr, "posts: is a symbolic link") {
		t.Fatalf("exit %d %q, want 1 and a problem naming the symbolic link", code, stderr)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("new wrote %v through the link", entries)
	}
}
