package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmePost: the post the README shows under "A post", with every
// key, passes check -strict, with the receipt it names beside it.
func TestReadmePost(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```markdown\n")
	post, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 || !strings.HasPrefix(post, "---\n") {
		t.Fatal("README.md has no ```markdown block starting with a front matter")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"site.toml":                              "title = \"T\"\nbase_url = \"https://x.example/\"\ncurrency = \"GBP\"\n",
		"posts/2021-01-15-victories/index.md":    post,
		"posts/2021-01-15-victories/receipt.pdf": "%PDF-1.4\n",
	})
	if code, _, stderr := runCmd(t, "check", "-strict", "-src", dir); code != 0 {
		t.Fatalf("check -strict on the README's post: exit %d\n%s", code, stderr)
	}
}
