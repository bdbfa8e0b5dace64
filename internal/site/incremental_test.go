package site

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/impactblog/impactblog/internal/publish"
	theme "github.com/impactblog/impactblog/templates"
)

// incPost is a post with a title, a date, tags and one donation.
func incPost(title, date, tags string, amount int, body string) string {
	return fmt.Sprintf("---\ntitle: %q\ndate: %s\ntags: [%s]\nimpact:\n  donations:\n    - recipient: WWF\n      amount: %d\n---\n%s\n",
		title, date, tags, amount, body)
}

// TestIncrementalMatchesFull edits a blog step by step, rebuilding
// incrementally after each step, and checks that every file is the same, byte
// for byte, as a full build of the same blog by a fresh Builder. The steps
// cover each way newSiteFrom reuses or recomputes figures.
func TestIncrementalMatchesFull(t *testing.T) {
	blog := fstest.MapFS{
		"site.toml": &fstest.MapFile{Data: []byte("title = \"Inc\"\nbase_url = \"https://inc.example/\"\nposts_per_page = 2\n")},
	}
	for i := range 7 {
		blog[fmt.Sprintf("posts/p%d.md", i)] = &fstest.MapFile{Data: []byte(
			incPost(fmt.Sprintf("Post %d", i), fmt.Sprintf("2021-0%d-10", i+1), []string{"carbon", "repair", "carbon, repair"}[i%3], 100+i, "Body."))}
	}
	set := func(name, text string) func() []string {
		return func() []string { blog[name] = &fstest.MapFile{Data: []byte(text)}; return []string{name} }
	}
	steps := []struct {
		name    string
		edit    func() []string // returns the changed paths
		wantErr bool
	}{
		{"text of one post", set("posts/p3.md", incPost("Post 3", "2021-04-10", "carbon", 103, "New body text.")), false},
		{"title of one post", set("posts/p3.md", incPost("Post three", "2021-04-10", "carbon", 103, "New body text.")), false},
		{"tags of one post", set("posts/p3.md", incPost("Post three", "2021-04-10", "repair, travel", 103, "New body text.")), false},
		{"figures of one post", set("posts/p3.md", incPost("Post three", "2021-04-10", "repair, travel", 999, "New body text.")), false},
		{"date keeps the order", set("posts/p3.md", incPost("Post three", "2021-04-11", "repair, travel", 999, "New body text.")), false},
		{"date changes the order", set("posts/p3.md", incPost("Post three", "2019-01-01", "repair, travel", 999, "New body text.")), false},
		{"new post", set("posts/2022/new.md", incPost("New", "2022-05-05", "energy", 5, "Fresh.")), false},
		{"broken front matter", set("posts/p1.md", "---\ntitle: [unclosed\n---\n"), true},
		{"fixed again", set("posts/p1.md", incPost("Post 1", "2021-02-10", "repair", 101, "Fixed.")), false},
		{"slug of another post", set("posts/p4.md", "---\ntitle: Post 4\nslug: p2\ndate: 2021-05-10\n---\nSame slug.\n"), true},
		{"third post with that slug", set("posts/p0.md", "---\ntitle: Post 0\nslug: p2\ndate: 2021-01-10\n---\nSame slug.\n"), true},
		{"one clash left", set("posts/p0.md", incPost("Post 0", "2021-01-10", "carbon", 100, "Body.")), true},
		{"slug clash mended", set("posts/p4.md", "---\ntitle: Post 4\nslug: p4-own\ndate: 2021-05-10\n---\nOwn slug.\n"), false},
		{"deleted post", func() []string { delete(blog, "posts/p5.md"); return []string{"posts/p5.md"} }, false},
		{"renamed post", func() []string {
			blog["posts/p6-renamed.md"] = blog["posts/p6.md"]
			delete(blog, "posts/p6.md")
			return []string{"posts/p6.md", "posts/p6-renamed.md"}
		}, false},
		{"draft", set("posts/p0.md", "---\ntitle: Draft\ndate: 2021-01-10\ndraft: true\n---\nNot yet.\n"), false},
		{"template", set("templates/post.html", `{{define "main"}}<h1>{{.Post.Title}}</h1>{{.Post.Content}}{{end}}`), false},
		{"nothing changed", func() []string { return nil }, false},
		{"config", set("site.toml", "title = \"Inc 2\"\nbase_url = \"https://inc.example/\"\nposts_per_page = 3\n"), false},
		{"after config", set("posts/p2.md", incPost("Post 2", "2021-03-10", "carbon", 7, "Again.")), false},
	}
	ctx := context.Background()
	b := NewBuilder(blog, theme.FS, Options{Now: now})
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, step := range steps {
		changed := step.edit()
		if changed == nil {
			changed = []string{}
		}
		s, err := b.Build(ctx, changed)
		if step.wantErr {
			if err == nil {
				t.Fatalf("%s: have no error, want one", step.name)
			}
			if _, fullErr := build(t, blog, Options{}); fullErr == nil || fullErr.Error() != err.Error() {
				t.Fatalf("%s: the incremental build says\n%v\na full build says\n%v", step.name, err, fullErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		inc := publish.NewMemory()
		if _, err := s.Render(ctx, inc); err != nil {
			t.Fatalf("%s: render: %v", step.name, err)
		}
		full, err := build(t, blog, Options{})
		if err != nil {
			t.Fatalf("%s: full build: %v", step.name, err)
		}
		if have, want := strings.Join(inc.Names(), "\n"), strings.Join(full.Names(), "\n"); have != want {
			t.Fatalf("%s: files differ:\nhave (incremental) %s\nwant (full) %s", step.name, have, want)
		}
		for _, name := range full.Names() {
			have, _ := inc.Get(name)
			want, _ := full.Get(name)
			if !bytes.Equal(have, want) {
				t.Errorf("%s: %s differs from a full build:\n%s", step.name, name, firstDiff(have, want))
			}
		}
	}
}
