package main

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSampleBlogIllustrative: the sample blog passes check -strict, and
// the figures its seed post does not state (the tonnage, the 40% share,
// the devices given in kind) are marked illustrative where they are
// shown (the post's figures and the impact pages of their years) and in
// impact.json and impact.csv, while the figures the seed states are as it
// states them.
func TestSampleBlogIllustrative(t *testing.T) {
	dir := copyBlog(t)
	if code, out, errOut := runCmd(t, "check", "-strict", "-src", dir); code != 0 {
		t.Fatalf("check -strict: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := runCmd(t, "build", "-src", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	reasons := []string{
		"Illustrative figure: the original post gives the price per tonne (£20) but no tonnage",
		"Illustrative figure: the original post gives only the deliveries' 60%",
		"Illustrative figure: the original post names these devices but gives no counts",
	}
	years, err := filepath.Glob(filepath.Join(dir, "public", "impact", "[0-9]*", "index.html"))
	if err != nil || len(years) == 0 {
		t.Fatalf("no year's impact page: %v", err)
	}
	var impactPages string // every year's: each entry is on its year's page
	for _, y := range years {
		rel, _ := filepath.Rel(filepath.Join(dir, "public"), y)
		impactPages += read(rel)
	}
	pages := map[string]string{
		"posts/our-small-victories-of-2020/index.html": read("posts/our-small-victories-of-2020/index.html"),
		"impact/YYYY/index.html":                       impactPages,
	}
	for name, page := range pages {
		text := html.UnescapeString(page)
		for _, want := range reasons {
			if !strings.Contains(text, want) {
				t.Errorf("%s: no %q", name, want)
			}
		}
	}
	post := html.UnescapeString(read("posts/our-small-victories-of-2020/index.html"))
	for _, want := range []string{"£112,000", "£45,000", "£20", "60%", "Play Joué", "Break Poverty", "SAMPLE-GPF-BF2020-0001"} {
		if !strings.Contains(post, want) {
			t.Errorf("the post's page: no %q", want)
		}
	}
	js := read("impact.json")
	if n := strings.Count(js, `"illustrative":`); n != 4 {
		t.Errorf("impact.json: have %d illustrative entries want: 4 (the offset, the 40%% share, two gifts in kind)", n)
	}
	csv := read("impact.csv")
	if header, _, _ := strings.Cut(csv, "\n"); !strings.Contains(header, ",illustrative") {
		t.Errorf("impact.csv header: %s", header)
	}
	if !strings.Contains(csv, "the original post names these devices but gives no counts") {
		t.Errorf("impact.csv: no illustrative reason for the gifts in kind")
	}
}
