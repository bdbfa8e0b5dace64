package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestVersionText(t *testing.T) {
	platform := " " + runtime.GOOS + "/" + runtime.GOARCH
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-11-30T16:22:03Z"},
	}
	modified := append(append([]debug.BuildSetting{}, vcs...), debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	clean := append(append([]debug.BuildSetting{}, vcs...), debug.BuildSetting{Key: "vcs.modified", Value: "false"})
	tests := []struct {
		name  string
		stamp string
		bi    *debug.BuildInfo
		want  string
	}{
		{"no build information", "", nil, "impactblog devel " + runtime.Version() + platform},
		{"a local build", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"impactblog devel go1.26.8" + platform},
		{"go install …@v1.2.0", "", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}},
			"impactblog v1.2.0 go1.26.8" + platform},
		{"go build in a work tree with changes", "", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Version: "v0.0.0-20261130162203-0123456789ab+dirty"}, Settings: modified},
			"impactblog v0.0.0-20261130162203-0123456789ab+dirty (revision 0123456789abcdef0123456789abcdef01234567, modified) go1.26.8" + platform},
		{"go build of a clean work tree", "", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Version: "(devel)"}, Settings: clean},
			"impactblog devel (revision 0123456789abcdef0123456789abcdef01234567) go1.26.8" + platform},
		{"make dist", "v1.3.0-2-g0123456-dirty", &debug.BuildInfo{GoVersion: "go1.26.8",
			Main: debug.Module{Version: "(devel)"}, Settings: modified},
			"impactblog v1.3.0-2-g0123456-dirty (revision 0123456789abcdef0123456789abcdef01234567, modified) go1.26.8" + platform},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if have := versionText(tt.stamp, tt.bi); have != tt.want {
				t.Errorf("have: %s\nwant: %s", have, tt.want)
			}
			want := strings.Fields(tt.want)[1]
			if have := versionOf(tt.stamp, tt.bi); have != want {
				t.Errorf("versionOf: have %s want: %s", have, want)
			}
		})
	}
}

// TestVersionCommand: impactblog version, -version and --version print the
// version line, a test binary's "devel"; an argument is bad usage.
func TestVersionCommand(t *testing.T) {
	for _, arg := range []string{"version", "-version", "--version"} {
		code, out, errOut := runCmd(t, arg)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", arg, code, errOut)
		}
		want := "impactblog devel "
		if !strings.HasPrefix(out, want) || !strings.HasSuffix(out, " "+runtime.GOOS+"/"+runtime.GOARCH+"\n") || strings.Count(out, "\n") != 1 {
			t.Errorf("%s: have %q want: one line %q…%s/%s", arg, out, want, runtime.GOOS, runtime.GOARCH)
		}
	}
	if code, _, _ := runCmd(t, "version", "now"); code != 2 {
		t.Errorf("version now: have exit %d want: 2", code)
	}
	if code, out, _ := runCmd(t, "help"); code != 0 || !strings.Contains(out, "impactblog version") {
		t.Errorf("help: exit %d, no impactblog version in\n%s", code, out)
	}
}

func TestSourceDate(t *testing.T) {
	tests := []struct {
		env     string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"0", time.Unix(0, 0).UTC(), false},
		{"1735689600", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{" 1735689600\n", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"2025-01-01", time.Time{}, true},
		{"1735689600.5", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Setenv("SOURCE_DATE_EPOCH", tt.env)
		have, err := sourceDate()
		if (err != nil) != tt.wantErr || !have.Equal(tt.want) {
			t.Errorf("SOURCE_DATE_EPOCH=%q: have %v, %v want: %v, error %v", tt.env, have, err, tt.want, tt.wantErr)
		}
		if err == nil && !tt.want.IsZero() && !buildNow(have).Equal(tt.want) {
			t.Errorf("SOURCE_DATE_EPOCH=%q: buildNow is %v want: %v", tt.env, buildNow(have), tt.want)
		}
	}
	before := time.Now()
	now := buildNow(time.Time{})
	if after := time.Now(); now.Before(before) || now.After(after) {
		t.Errorf("buildNow without SOURCE_DATE_EPOCH: have %v want: the clock's, between %v and %v", now, before, after)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	dir := copyBlog(t)
	if code, _, errOut := runCmd(t, "build", "-src", dir); code != 1 || !strings.Contains(errOut, "SOURCE_DATE_EPOCH") {
		t.Errorf("build with SOURCE_DATE_EPOCH=yesterday: have exit %d, %q want: exit 1 naming SOURCE_DATE_EPOCH", code, errOut)
	}
}
