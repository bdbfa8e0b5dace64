package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// The examples of docs/DEPLOY.md.
var examples = filepath.Join("..", "..", "docs", "examples")

// actionlint is the linter of GitHub workflows the test runs, at a fixed
// version: go run fetches and builds it like any module, once, and caches
// it; it is not a dependency of impactblog.
const actionlint = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// TestDeployGitHubWorkflows: the example workflows pass actionlint (the
// shell scripts are not given to shellcheck, which this machine may lack),
// and actionlint does find a mistake in a workflow.
func TestDeployGitHubWorkflows(t *testing.T) {
	workflows, err := filepath.Glob(filepath.Join(examples, "github-workflows", "*.yml"))
	if err != nil || len(workflows) < 2 {
		t.Fatalf("have workflows %v, %v want: pages.yml and cloudflare-pages.yml", workflows, err)
	}
	lint := func(files ...string) (string, error) {
		args := append([]string{"run", actionlint, "-no-color", "-shellcheck=", "-pyflakes="}, files...)
		cmd := exec.Command("go", args...)
		cmd.Env = append(os.Environ(), "GOFLAGS=")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	if out, err := lint(workflows...); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.yml")
	os.WriteFile(bad, []byte("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.url }}\n"), 0o644)
	out, err := lint(bad)
	if _, ok := err.(*exec.ExitError); !ok || !strings.Contains(out, "nope") {
		t.Errorf("actionlint on a workflow naming a step that does not exist: have %v\n%s\nwant: it fails, naming the step", err, out)
	}

	for _, wf := range workflows {
		b, err := os.ReadFile(wf)
		if err != nil {
			t.Fatal(err)
		}
		checkGoVersion(t, wf, string(b))
		if !strings.Contains(string(b), "impactblog check -strict -format github") {
			t.Errorf("%s: no impactblog check -strict -format github", wf)
		}
	}
}

// TestDeployGitLab: the GitLab example parses, checks merge requests, and
// its pages job publishes public/ from the default branch.
func TestDeployGitLab(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(examples, "gitlab-ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	type job struct {
		Stage     string              `yaml:"stage"`
		Rules     []map[string]string `yaml:"rules"`
		Script    []string            `yaml:"script"`
		Artifacts struct {
			Paths []string `yaml:"paths"`
		} `yaml:"artifacts"`
	}
	var ci struct {
		Default struct {
			Image string `yaml:"image"`
		} `yaml:"default"`
		Variables map[string]string `yaml:"variables"`
		Check     job               `yaml:"check"`
		Pages     job               `yaml:"pages"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&ci); err != nil {
		t.Fatalf("gitlab-ci.yml: %v", err)
	}
	checkGoVersion(t, "gitlab-ci.yml", ci.Default.Image)
	script := func(j job) string { return strings.Join(j.Script, "\n") }
	if !strings.Contains(script(ci.Check), "impactblog check -strict") || len(ci.Check.Rules) == 0 ||
		!strings.Contains(ci.Check.Rules[0]["if"], "merge_request_event") {
		t.Errorf("gitlab-ci.yml: check does not run impactblog check -strict on merge requests: %+v", ci.Check)
	}
	if !strings.Contains(script(ci.Pages), "impactblog build") || len(ci.Pages.Artifacts.Paths) != 1 ||
		ci.Pages.Artifacts.Paths[0] != "public" || ci.Pages.Stage != "deploy" {
		t.Errorf("gitlab-ci.yml: pages does not build and publish public/: %+v", ci.Pages)
	}
}

// TestDeployNetlifyAndCloudflare: netlify.toml and wrangler.toml parse,
// with no key but those the examples mean, and publish public/.
func TestDeployNetlifyAndCloudflare(t *testing.T) {
	decode := func(name string, v any) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(examples, name))
		if err != nil {
			t.Fatal(err)
		}
		dec := toml.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	type command struct {
		Command string `toml:"command"`
	}
	var netlify struct {
		Build struct {
			Publish     string            `toml:"publish"`
			Command     string            `toml:"command"`
			Environment map[string]string `toml:"environment"`
		} `toml:"build"`
		Context map[string]command `toml:"context"`
	}
	decode("netlify.toml", &netlify)
	if netlify.Build.Publish != "public" {
		t.Errorf("netlify.toml: publish is %q want: public", netlify.Build.Publish)
	}
	checkGoVersion(t, "netlify.toml", netlify.Build.Environment["GO_VERSION"])
	commands := map[string]string{"build": netlify.Build.Command}
	for name, c := range netlify.Context {
		commands["context."+name] = c.Command
	}
	if len(commands) != 3 {
		t.Errorf("netlify.toml: have commands %v want: production, deploy-preview and branch-deploy", commands)
	}
	for name, c := range commands {
		if !strings.Contains(c, "/cmd/impactblog@") || !strings.Contains(c, " build -strict -base-url ") {
			t.Errorf("netlify.toml: %s: %q does not build with impactblog", name, c)
		}
	}

	var wrangler struct {
		Name              string `toml:"name"`
		OutputDir         string `toml:"pages_build_output_dir"`
		CompatibilityDate string `toml:"compatibility_date"`
	}
	decode("wrangler.toml", &wrangler)
	if wrangler.OutputDir != "public" || wrangler.Name == "" || wrangler.CompatibilityDate == "" {
		t.Errorf("wrangler.toml: have %+v want: a name, a date, and public", wrangler)
	}
}

// TestDeployDoc: every example docs/DEPLOY.md names is there, and every
// example is named in it.
func TestDeployDoc(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "DEPLOY.md"))
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile(`\(examples/([^)#]+)\)`).FindAllStringSubmatch(string(doc), -1) {
		named[m[1]] = true
		if _, err := os.Stat(filepath.Join(examples, filepath.FromSlash(m[1]))); err != nil {
			t.Errorf("DEPLOY.md links to examples/%s: %v", m[1], err)
		}
	}
	filepath.WalkDir(examples, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(examples, p)
			if !named[filepath.ToSlash(rel)] {
				t.Errorf("DEPLOY.md does not link to examples/%s", filepath.ToSlash(rel))
			}
		}
		return err
	})
}

// checkGoVersion fails when the Go release an example installs, in text,
// is not go.mod's (its major.minor: "1.26" of go 1.26.0).
func checkGoVersion(t *testing.T, name, text string) {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	if want := string(m[1]); !regexp.MustCompile(`\b` + regexp.QuoteMeta(want) + `\b`).MatchString(text) {
		t.Errorf("%s installs another Go than go.mod's %s: %q", name, want, text)
	}
}
