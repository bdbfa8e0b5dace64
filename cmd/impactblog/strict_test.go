package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWarningsAndStrict(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "posts"), 0o755)
	os.WriteFile(filepath.Join(dir, "posts", "2016-06-03-jekyll.md"), []byte("---\ntitle: From Jekyll\n---\nIntro.\n\n{% include note.html %}\n"), 0o644)
	out := filepath.Join(dir, "public")
	tests := []struct {
		args     []string
		code     int
		stderr   string
		built    bool
		stdoutIn string
	}{
		{[]string{"check", "-src", dir}, 0, "posts/2016-06-03-jekyll.md:6:1: warning: template tag {% include note.html %} is Liquid", false, "with 1 warning"},
		{[]string{"check", "-strict", "-src", dir}, 1, "posts/2016-06-03-jekyll.md:6:1: template tag {% include note.html %}", false, ""},
		{[]string{"build", "-strict", "-src", dir}, 1, "build failed, " + out + " was left as it was (-strict makes warnings problems): 1 problem in 1 file", false, ""},
		{[]string{"build", "-src", dir}, 0, "posts/2016-06-03-jekyll.md:6:1: warning: template tag", true, "Built "},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:len(tt.args)-2], " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := exitCode(run(context.Background(), tt.args, &stdout, &stderr), &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) || !strings.Contains(stdout.String(), tt.stdoutIn) {
				t.Errorf("have exit %d\nstdout %s\nstderr %s\nwant exit %d, stderr with %q, stdout with %q", code, &stdout, &stderr, tt.code, tt.stderr, tt.stdoutIn)
			}
			_, err := os.Stat(filepath.Join(out, "posts", "jekyll", "index.html"))
			if built := err == nil; built != tt.built {
				t.Errorf("public/ written: have %v, want %v", built, tt.built)
			}
		})
	}
}
