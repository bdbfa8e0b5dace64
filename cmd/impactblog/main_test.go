package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command line and returns its exit status and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	code = exitCode(err, &errOut)
	return code, out.String(), errOut.String()
}

// copyBlog copies the repository's sample blog (posts/, pages/ and site.toml) into a temp dir.
func copyBlog(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..")
	for _, name := range []string{"site.toml"} {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	var err error
	for _, top := range []string{"posts", "pages"} {
		if err != nil {
			break
		}
		err = filepath.WalkDir(filepath.Join(root, top), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"help"}, 0, "impactblog build"},
		{[]string{"build", "-nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "-h"}, 0, "-base-url"},
		{[]string{"totals", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"check", "-src", "/no/such/dir"}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit status: have %d, want %d\n%s%s", code, tt.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tt.want) {
				t.Errorf("output: have %q, want it to contain %q", out+errOut, tt.want)
			}
		})
	}
}

// TestSampleBlogTotals is the check: the sample blog's 2020
// donations are £157,000 (PUR Projet and WWF).
func TestSampleBlogTotals(t *testing.T) {
	code, out, errOut := runCmd(t, "totals", "-json", "-src", filepath.Join("..", ".."))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Donations struct {
			ByYear      map[string]map[string]string `json:"by_year"`
			ByRecipient map[string]map[string]string `json:"by_recipient"`
		} `json:"donations"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if have := doc.Donations.ByYear["2020"]["GBP"]; have != "157000.00" {
		t.Errorf("2020 GBP donations: have %q, want 157000.00", have)
	}
	if have := doc.Donations.ByRecipient["PUR Projet"]["GBP"]; have != "112000.00" {
		t.Errorf("PUR Projet: have %q, want 112000.00", have)
	}
	if have := doc.Donations.ByRecipient["WWF"]["GBP"]; have != "45000.00" {
		t.Errorf("WWF: have %q, want 45000.00", have)
	}
	code, out, _ = runCmd(t, "totals", "-src", filepath.Join("..", ".."))
	if code != 0 || !strings.Contains(out, "£157,000") {
		t.Errorf("totals table: exit %d, want £157,000 in:\n%s", code, out)
	}
	// The sample blog reports in GBP: the converted total is printed too,
	// and is the one impact.json has.
	var rep struct {
		Reporting struct {
			Donations struct {
				Total string `json:"total"`
			} `json:"donations"`
		} `json:"reporting"`
	}
	_, js, _ := runCmd(t, "totals", "-json", "-src", filepath.Join("..", ".."))
	if err := json.Unmarshal([]byte(js), &rep); err != nil || rep.Reporting.Donations.Total == "" {
		t.Fatalf("no reporting total in totals -json: %v", err)
	}
	if !strings.Contains(out, "In GBP") {
		t.Errorf("totals table has no converted figures:\n%s", out)
	}
}

func TestBuildThenBrokenBuild(t *testing.T) {
	dir := copyBlog(t)
	out := filepath.Join(dir, "public")
	code, stdout, stderr := runCmd(t, "build", "-src", dir)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Built ") || !strings.Contains(stdout, "from 5 posts") {
		t.Errorf("summary: %q", stdout)
	}
	before, err := os.ReadFile(filepath.Join(out, "impact.json"))
	if err != nil {
		t.Fatal(err)
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))

	// Break a figure.
	post := filepath.Join(dir, "posts", "2021-01-15-our-small-victories-of-2020.md")
	src, _ := os.ReadFile(post)
	broken := strings.Replace(string(src), "amount: 112000", `amount: "£112,000"`, 1)
	if broken == string(src) {
		t.Fatal("the sample post no longer has amount: 112000")
	}
	os.WriteFile(post, []byte(broken), 0o644)
	line := 1 + strings.Count(broken[:strings.Index(broken, `"£112,000"`)], "\n")

	code, _, stderr = runCmd(t, "build", "-src", dir)
	if code != 1 {
		t.Fatalf("broken build: exit %d, want 1", code)
	}
	wantPos := filepath.ToSlash(filepath.Join("posts", "2021-01-15-our-small-victories-of-2020.md")) + ":" + itoa(line) + ":"
	// Warnings come first (the broken post's figures are missing from
	// the data its neighbours' prose is checked against), then the problem.
	found := false
	for _, l := range strings.Split(stderr, "\n") {
		found = found || strings.HasPrefix(l, wantPos) && !strings.Contains(l, ": warning: ")
	}
	if !found {
		t.Errorf("stderr: have %q, want a problem at %q", stderr, wantPos)
	}
	after, _ := os.ReadFile(filepath.Join(out, "impact.json"))
	indexAfter, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Equal(before, after) || !bytes.Equal(index, indexAfter) {
		t.Error("a failed build changed public/")
	}

	code, _, stderr = runCmd(t, "check", "-src", dir)
	if code != 1 || !strings.Contains(stderr, wantPos) {
		t.Errorf("check: exit %d, stderr %q", code, stderr)
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestExitCodeOfOtherErrors(t *testing.T) {
	var buf bytes.Buffer
	if code := exitCode(errors.New("disk full"), &buf); code != 1 || !strings.Contains(buf.String(), "disk full") {
		t.Errorf("have %d %q", code, buf.String())
	}
}

func TestBuildRefusesAnOutThatWouldDestroyTheBlog(t *testing.T) {
	dir := copyBlog(t)
	for _, out := range []string{dir, filepath.Dir(dir), filepath.Join(dir, "posts"), filepath.Join(dir, "posts", "2023"), filepath.Join(dir, "templates", "x")} {
		code, _, stderr := runCmd(t, "build", "-src", dir, "-out", out)
		if code != 2 {
			t.Errorf("-out %s: exit %d, want 2 (%s)", out, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "posts", "2021-01-15-our-small-victories-of-2020.md")); err != nil {
		t.Fatalf("the blog was damaged: %v", err)
	}
	if code, _, stderr := runCmd(t, "build", "-src", dir, "-base-url", "impact.example.com/blog"); code != 2 || !strings.Contains(stderr, "-base-url") {
		t.Errorf("bad -base-url: exit %d, %s", code, stderr)
	}
}

// TestCheckSeesWhatBuildSees: a published post linking to a draft is fine
// when drafts are built, and still breaks the published build; check must
// say so.
func TestCheckSeesWhatBuildSees(t *testing.T) {
	dir := copyBlog(t)
	post := filepath.Join(dir, "posts", "2021-01-15-our-small-victories-of-2020.md")
	src, _ := os.ReadFile(post)
	os.WriteFile(post, append(src, []byte("\nSee [next](2023-11-28-giving-tuesday-2023.md).\n")...), 0o644)
	code, _, stderr := runCmd(t, "check", "-src", dir)
	if code != 1 || !strings.Contains(stderr, "posts/2021-01-15-our-small-victories-of-2020.md:") {
		t.Errorf("check: exit %d, want 1 naming the post:\n%s", code, stderr)
	}
}

// TestBuildCPUProfile: -cpuprofile writes a profile that go tool pprof
// reads: gzip-compressed protocol buffers, so it starts with gzip's magic.
func TestBuildCPUProfile(t *testing.T) {
	dir := copyBlog(t)
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	if code, _, stderr := runCmd(t, "build", "-src", dir, "-cpuprofile", prof); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Errorf("the profile is not gzip data: % x", data[:min(len(data), 8)])
	}
	if code, _, stderr := runCmd(t, "build", "-src", dir, "-cpuprofile", filepath.Join(dir, "no", "such", "dir", "p")); code != 2 || !strings.Contains(stderr, "-cpuprofile") {
		t.Errorf("a profile that cannot be written: exit %d, %s", code, stderr)
	}
}
