package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildSaysWhatItLeftOut: build says how many drafts and future posts
// it left out and how to include them, in text and in its JSON summary.
func TestBuildSaysWhatItLeftOut(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "posts"), 0o755)
	for name, front := range map[string]string{"a.md": "date: 2021-01-01\n", "b.md": "date: 2021-01-02\ndraft: true\n", "c.md": "date: 2998-01-02\n", "d.md": "date: 2999-01-02\n"} {
		os.WriteFile(filepath.Join(dir, "posts", name), []byte("---\ntitle: T\n"+front+"---\nx\n"), 0o644)
	}
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"build", "-src", dir, "-cache", "off"}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, &stderr)
	}
	if want := "Left out 1 draft (-drafts to include it) and 2 future posts (-future to include them)."; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout lacks %q:\n%s", want, &stdout)
	}
	stdout.Reset()
	if err := run(context.Background(), []string{"build", "-src", dir, "-cache", "off", "-format", "json"}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var sum struct{ DraftsLeftOut, FutureLeftOut *int }
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &struct {
		D **int `json:"drafts_left_out"`
		F **int `json:"future_left_out"`
	}{&sum.DraftsLeftOut, &sum.FutureLeftOut}); err != nil {
		t.Fatal(err)
	}
	if sum.DraftsLeftOut == nil || *sum.DraftsLeftOut != 1 || sum.FutureLeftOut == nil || *sum.FutureLeftOut != 2 {
		t.Errorf("summary: %s", lines[len(lines)-1])
	}
}
