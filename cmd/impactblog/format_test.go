package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const (
	jekyllPost = "---\ntitle: From Jekyll\n---\nIntro.\n\n{% include note.html %}\n"
	badGift    = "---\ntitle: A gift\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: WWF\n      amount: \"£112,000\"\n---\nThanks.\n"
	goodGift   = "---\ntitle: A gift\ndate: 2021-01-15\nimpact:\n  donations:\n    - recipient: WWF\n      amount: 112000\n  offsets:\n    - provider: GoodPlanet Foundation\n      tonnes: \"31.4\"\n      price_per_tonne: \"20\"\n---\nThanks.\n"
	greenPost  = "---\ntitle: Packaging\ndate: 2021-02-01\n---\nEvery order ships in eco-friendly packaging.\n"
)

// inBlogParent writes a blog into blog/ of a new folder, makes that folder
// the working directory, and returns it: -src blog is then the blog.
func inBlogParent(t *testing.T, posts map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"blog/site.toml": "title = \"T\"\ncurrency = \"GBP\"\nlanguage = \"en-GB\"\n"}
	for name, src := range posts {
		files["blog/posts/"+name] = src
	}
	writeTree(t, dir, files)
	t.Chdir(dir)
	return dir
}

// jsonLines decodes every line of out as a JSON object.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for line := range strings.Lines(out) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("a line of stdout is not a JSON object: %v\n%s", err, line)
		}
		objs = append(objs, m)
	}
	return objs
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestFormats: build and check, in each format, on a blog with a problem
// (an amount that is no number) and a warning (a Liquid tag, whose
// message has a % to escape), with -src blog.
func TestFormats(t *testing.T) {
	inBlogParent(t, map[string]string{"2016-06-03-jekyll.md": jekyllPost, "2021-01-15-gift.md": badGift})
	const (
		warnText = `posts/2016-06-03-jekyll.md:6:1: warning: template tag {% include note.html %} is Liquid`
		errText  = `posts/2021-01-15-gift.md:7:15: amount "£112,000" is not a number`
		warnGH   = `::warning file=blog/posts/2016-06-03-jekyll.md,line=6,col=1::template tag {%25 include note.html %25} is Liquid`
		errGH    = `::error file=blog/posts/2021-01-15-gift.md,line=7,col=15::amount "£112,000" is not a number`
	)
	tests := []struct {
		cmd, format  string
		stdout       []string // each a prefix of a line of stdout, in order
		stderr       string   // in stderr
		notInStderr  string
		stdoutIsJSON bool
	}{
		{"check", "text", nil, warnText, "", false},
		{"check", "json", nil, "check failed: 1 problem in 1 file", "posts/", true},
		{"check", "github", []string{warnGH, errGH}, "check failed: 1 problem in 1 file", "posts/", false},
		{"build", "text", nil, errText, "", false},
		{"build", "json", nil, "build failed, blog/public was left as it was: 1 problem in 1 file", "posts/", true},
		{"build", "github", []string{warnGH, errGH}, "build failed", "posts/", false},
	}
	for _, tt := range tests {
		t.Run(tt.cmd+" "+tt.format, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.cmd, "-src", "blog", "-format", tt.format)
			if code != 1 {
				t.Fatalf("exit status: have %d, want 1\n%s%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) || tt.notInStderr != "" && strings.Contains(stderr, tt.notInStderr) {
				t.Errorf("stderr: have\n%s\nwant it to contain %q and not %q", stderr, tt.stderr, tt.notInStderr)
			}
			if tt.format == "text" {
				if stdout != "" || !strings.Contains(stderr, warnText) || !strings.Contains(stderr, errText) {
					t.Errorf("text: have stdout %q, stderr\n%s\nwant the warning and the problem on stderr, as before -format", stdout, stderr)
				}
				return
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if len(lines) != 2 {
				t.Fatalf("stdout: have %d lines, want 2 (the warning, the problem):\n%s", len(lines), stdout)
			}
			for i, want := range tt.stdout {
				if !strings.HasPrefix(lines[i], want) {
					t.Errorf("line %d: have\n%s\nwant it to start with\n%s", i+1, lines[i], want)
				}
			}
			if !tt.stdoutIsJSON {
				return
			}
			objs := jsonLines(t, stdout)
			want := []map[string]any{
				{"file": "blog/posts/2016-06-03-jekyll.md", "line": 6.0, "col": 1.0, "severity": "warning"},
				{"file": "blog/posts/2021-01-15-gift.md", "line": 7.0, "col": 15.0, "severity": "error"},
			}
			for i, w := range want {
				if have := keys(objs[i]); !slices.Equal(have, []string{"col", "file", "line", "message", "severity"}) {
					t.Errorf("line %d: have keys %v", i+1, have)
				}
				for k, v := range w {
					if objs[i][k] != v {
						t.Errorf("line %d: %s: have %v, want %v", i+1, k, objs[i][k], v)
					}
				}
			}
			if msg, _ := objs[0]["message"].(string); !strings.HasPrefix(msg, "template tag {% include note.html %}") {
				t.Errorf("message: have %q, want it unescaped, without position or \"warning: \"", msg)
			}
		})
	}
}

// TestFormatStrictAndRules: with -strict a warning is an error; a claims
// warning names its rule (the rule key, and title= in github).
func TestFormatStrictAndRules(t *testing.T) {
	inBlogParent(t, map[string]string{"2021-02-01-packaging.md": greenPost})
	tests := []struct {
		args []string
		code int
		want string // a line of stdout, whole
	}{
		{[]string{"check", "-src", "blog", "-format", "json"}, 0,
			`{"file":"blog/posts/2021-02-01-packaging.md","line":5,"col":22,"severity":"warning","message":"generic-claim: \"eco-friendly\"`},
		{[]string{"check", "-strict", "-src", "blog", "-format", "json"}, 1,
			`{"file":"blog/posts/2021-02-01-packaging.md","line":5,"col":22,"severity":"error","message":"generic-claim: \"eco-friendly\"`},
		{[]string{"build", "-strict", "-src", "blog", "-format", "github"}, 1,
			`::error file=blog/posts/2021-02-01-packaging.md,line=5,col=22,title=generic-claim::generic-claim: "eco-friendly"`},
		{[]string{"build", "-src", "blog", "-format", "github"}, 0,
			`::warning file=blog/posts/2021-02-01-packaging.md,line=5,col=22,title=generic-claim::generic-claim: "eco-friendly"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit status: have %d, want %d\n%s%s", code, tt.code, stdout, stderr)
			}
			first, _, _ := strings.Cut(stdout, "\n")
			if !strings.HasPrefix(first, tt.want) {
				t.Errorf("have\n%s\nwant a first line starting with\n%s", stdout, tt.want)
			}
			if strings.HasPrefix(first, "{") {
				if obj := jsonLines(t, first+"\n")[0]; obj["rule"] != "generic-claim" {
					t.Errorf("rule: have %v, want generic-claim", obj["rule"])
				}
			}
		})
	}
}

// TestGitHubEscaping: the message and the properties of a workflow
// command are escaped as GitHub's toolkit does (%, CR and LF; and : and ,
// in a property), so that a post's text never ends the line.
func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name string
		d    diagnostic
		want string
	}{
		{"newline and percent", diagnostic{File: "blog/posts/x.md", Line: 3, Col: 7, Severity: "error", Message: "100% offset\n::error::forged\r"},
			"::error file=blog/posts/x.md,line=3,col=7::100%25 offset%0A::error::forged%0D"},
		{"property", diagnostic{File: "blog/posts/a,b:c%.md", Line: 1, Severity: "warning", Message: "m", Rule: "x:y,z"},
			"::warning file=blog/posts/a%2Cb%3Ac%25.md,line=1,title=x%3Ay%2Cz::m"},
		{"no column", diagnostic{File: "site.toml", Line: 2, Severity: "error", Message: "m"},
			"::error file=site.toml,line=2::m"},
		{"no position", diagnostic{Severity: "error", Message: "the blog's folder x does not exist"},
			"::error::the blog's folder x does not exist"},
		{"accepted", diagnostic{File: "p.md", Line: 1, Col: 2, Severity: "notice", Message: "generic-claim: \"green\"", Rule: "generic-claim", Reason: "Reviewed: 50% sure"},
			"::notice file=p.md,line=1,col=2,title=generic-claim (accepted)::generic-claim: \"green\"%0AAccepted: Reviewed: 50%25 sure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if have := githubCommand(tt.d); have != tt.want {
				t.Errorf("have %s\nwant %s", have, tt.want)
			}
		})
	}
}

// TestPathsRelativeToWorkingDirectory: json and github name a file from
// the working directory, however -src names the blog.
func TestPathsRelativeToWorkingDirectory(t *testing.T) {
	dir := inBlogParent(t, nil)
	other := t.TempDir()
	tests := []struct {
		src, want string
	}{
		{"blog", "blog/posts/x.md"},
		{"./blog/", "blog/posts/x.md"},
		{filepath.Join(dir, "blog"), "blog/posts/x.md"}, // absolute, inside the working directory
		{".", "posts/x.md"},
		{other, filepath.ToSlash(filepath.Join(other, "posts", "x.md"))}, // outside: as -src gives it
		{filepath.Join("..", filepath.Base(dir), "blog"), "blog/posts/x.md"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			r := &reporter{src: tt.src}
			if have := r.path("posts/x.md"); have != tt.want {
				t.Errorf("have %s, want %s", have, tt.want)
			}
		})
	}
	if have := (&reporter{src: "blog"}).path(""); have != "" {
		t.Errorf("no file: have %q, want \"\"", have)
	}
}

// TestBuildSummaryJSON: build -format json ends, on success, with one
// object: pages, files, totals' headline, what was left out, time.
func TestBuildSummaryJSON(t *testing.T) {
	inBlogParent(t, map[string]string{"2021-01-15-gift.md": goodGift, "2021-02-01-packaging.md": greenPost})
	code, stdout, stderr := runCmd(t, "build", "-src", "blog", "-format", "json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "Built ") {
		t.Errorf("stderr: have %q, want the Built line for a person", stderr)
	}
	objs := jsonLines(t, stdout)
	if len(objs) != 2 || objs[0]["severity"] != "warning" {
		t.Fatalf("stdout: have %d lines, want the warning then the summary:\n%s", len(objs), stdout)
	}
	var sum struct {
		Pages int `json:"pages"`
		Files struct {
			Total, Written, Unchanged int
			Removed                   *int
		} `json:"files"`
		Posts    int `json:"posts"`
		Warnings int `json:"warnings"`
		Totals   struct {
			Posts     int `json:"posts"`
			Donations struct {
				Count int               `json:"count"`
				Total map[string]string `json:"total"`
			} `json:"donations"`
			Offsets struct {
				Count  int               `json:"count"`
				Tonnes string            `json:"tonnes"`
				Cost   map[string]string `json:"cost"`
			} `json:"offsets"`
		} `json:"totals"`
		Out     string   `json:"out"`
		Seconds *float64 `json:"seconds"`
	}
	last := strings.TrimSuffix(stdout, "\n")
	last = last[strings.LastIndex(last, "\n")+1:]
	if err := json.Unmarshal([]byte(last), &sum); err != nil {
		t.Fatal(err)
	}
	wantKeys := []string{"bytes", "bytes_written", "drafts_left_out", "files", "future_left_out", "out", "pages", "posts", "seconds", "totals", "warnings"}
	if have := keys(objs[1]); !reflect.DeepEqual(have, wantKeys) {
		t.Errorf("keys: have %v, want %v", have, wantKeys)
	}
	if have := keys(objs[1]["files"].(map[string]any)); !reflect.DeepEqual(have, []string{"removed", "total", "unchanged", "written"}) {
		t.Errorf("files keys: have %v", have)
	}
	if sum.Pages == 0 || sum.Files.Total < sum.Pages || sum.Files.Written != sum.Files.Total || sum.Posts != 2 || sum.Warnings != 1 || sum.Out != "blog/public" || sum.Seconds == nil {
		t.Errorf("summary: have %+v", sum)
	}
	if d := sum.Totals.Donations; d.Count != 1 || !reflect.DeepEqual(d.Total, map[string]string{"GBP": "112000.00"}) {
		t.Errorf("donations: have %+v, want 1 of 112000.00 GBP", d)
	}
	if o := sum.Totals.Offsets; o.Count != 1 || o.Tonnes != "31.400" || !reflect.DeepEqual(o.Cost, map[string]string{"GBP": "628.00"}) {
		t.Errorf("offsets: have %+v, want 1 of 31.400 t for 628.00 GBP", o)
	}
	if _, err := os.Stat(filepath.Join("blog", "public", "index.html")); err != nil {
		t.Errorf("the site was not written: %v", err)
	}
}

// TestClaimsFormats: claims -format json and github print each finding as
// a warning, an accepted one as a notice with its reason; -json is still
// the reviewer's list, and -json with -format is bad usage.
func TestClaimsFormats(t *testing.T) {
	accepted := strings.Replace(greenPost, "date: 2021-02-01\n", "date: 2021-02-01\nclaims:\n  accept:\n    generic-claim: \"Reviewed 2026-11-02 by legal: FSC certified\"\n", 1)
	inBlogParent(t, map[string]string{"2021-02-01-packaging.md": greenPost, "2021-03-01-boxes.md": strings.Replace(accepted, "Packaging", "Boxes", 1)})
	tests := []struct {
		format string
		want   []string // the lines of stdout, each a prefix
	}{
		{"json", []string{
			`{"file":"blog/posts/2021-02-01-packaging.md","line":5,"col":22,"severity":"warning","message":"generic-claim: \"eco-friendly\"`,
			`{"file":"blog/posts/2021-03-01-boxes.md","line":8,"col":22,"severity":"notice","message":"generic-claim: \"eco-friendly\"`,
		}},
		{"github", []string{
			`::warning file=blog/posts/2021-02-01-packaging.md,line=5,col=22,title=generic-claim::generic-claim: "eco-friendly"`,
			`::notice file=blog/posts/2021-03-01-boxes.md,line=8,col=22,title=generic-claim (accepted)::generic-claim: "eco-friendly"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "claims", "-src", "blog", "-format", tt.format)
			if code != 0 || !strings.Contains(stderr, "2 findings in 2 posts: 1 to fix or accept, 1 accepted.") {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("have %d lines, want %d:\n%s", len(lines), len(tt.want), stdout)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("line %d: have\n%s\nwant it to start with\n%s", i+1, lines[i], w)
				}
			}
			if !strings.Contains(lines[1], "Reviewed 2026-11-02 by legal: FSC certified") {
				t.Errorf("the accepted finding has no reason: %s", lines[1])
			}
			if tt.format == "json" {
				if obj := jsonLines(t, stdout)[1]; obj["reason"] != "Reviewed 2026-11-02 by legal: FSC certified" || obj["rule"] != "generic-claim" {
					t.Errorf("accepted: have %v", obj)
				}
			}
		})
	}
	code, stdout, _ := runCmd(t, "claims", "-json", "-src", "blog")
	var list []claimJSON
	if err := json.Unmarshal([]byte(stdout), &list); code != 0 || err != nil || len(list) != 2 || list[0].File != "posts/2021-02-01-packaging.md" {
		t.Errorf("claims -json: exit %d, %v, have %+v", code, err, list)
	}
	if code, _, stderr := runCmd(t, "claims", "-json", "-format", "github", "-src", "blog"); code != 2 || !strings.Contains(stderr, "not both") {
		t.Errorf("-json with -format: exit %d, want 2\n%s", code, stderr)
	}
}

// TestFormatOtherErrorsAndUsage: an error that is not a problem of the
// blog is still one line a pipeline reads; a bad -format is bad usage.
func TestFormatOtherErrorsAndUsage(t *testing.T) {
	inBlogParent(t, nil)
	tests := []struct {
		args   []string
		code   int
		stdout string
	}{
		{[]string{"check", "-src", "nosuch", "-format", "github"}, 1, "::error::the blog's folder nosuch does not exist"},
		{[]string{"build", "-src", "nosuch", "-format", "json"}, 1, `{"file":"","line":0,"col":0,"severity":"error","message":"the blog's folder nosuch does not exist`},
		{[]string{"check", "-src", "nosuch", "-format", "text"}, 1, ""},
		{[]string{"check", "-format", "yaml"}, 2, ""},
		{[]string{"claims", "-format", "xml"}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, tt.args...)
			if code != tt.code || !strings.HasPrefix(stdout, tt.stdout) || tt.stdout == "" && stdout != "" {
				t.Errorf("have exit %d, stdout %q\n%s\nwant exit %d, stdout starting with %q", code, stdout, stderr, tt.code, tt.stdout)
			}
		})
	}
}
