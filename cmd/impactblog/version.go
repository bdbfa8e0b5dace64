package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/publish"
)

// buildVersion is set by the linker, when set at all: make dist stamps
// -ldflags "-X main.buildVersion=$(VERSION)", VERSION being
// git describe --tags --always --dirty.
var buildVersion string

// version is impactblog's version as impact.json's generator block and
// impactblog version give it.
func version() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(buildVersion, bi)
}

// versionOf is the version of a binary stamped with stamp (buildVersion)
// and built as bi tells (nil when the binary carries no build
// information): the stamp when there is one; else the main module's
// version, a release's when built with go install …@v1.2.0 (since Go 1.24,
// go build in a git checkout also gives a pseudo-version from the
// commit, unless -buildvcs=false); else "devel", a local build's.
func versionOf(stamp string, bi *debug.BuildInfo) string {
	if stamp != "" {
		return stamp
	}
	if bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// versionText is what impactblog version prints, one line, as go version
// does:
//
//	impactblog v1.2.0 (revision 0123abcd…, modified) go1.26.8 linux/amd64
//
// the version (versionOf), the commit it was built from and whether the
// work tree had changes (vcs.revision and vcs.modified, when go build
// recorded them), the Go release that built it, and its platform.
func versionText(stamp string, bi *debug.BuildInfo) string {
	var b strings.Builder
	b.WriteString("impactblog " + versionOf(stamp, bi))
	goVersion := runtime.Version()
	if bi != nil {
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" {
			b.WriteString(" (revision " + rev)
			if modified == "true" {
				b.WriteString(", modified")
			}
			b.WriteString(")")
		}
		if bi.GoVersion != "" {
			goVersion = bi.GoVersion
		}
	}
	fmt.Fprintf(&b, " %s %s/%s", goVersion, runtime.GOOS, runtime.GOARCH)
	return b.String()
}

// versionCommand prints the version: impactblog version, or -version.
type versionCommand struct {
	stdout, stderr io.Writer
}

func (c *versionCommand) Run(ctx context.Context, args []string) error {
	fs := newFlagSet("version", "", c.stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintln(c.stdout, versionText(buildVersion, bi))
	return nil
}

// sourceDate is the time SOURCE_DATE_EPOCH fixes (reproducible builds: the
// seconds since 1970 UTC), zero when it is not set, or an error when it is
// not a whole number (publish.SourceDate). A build that has it takes it
// for "now" (buildNow), for the date impact.json is as of, and for the
// modification time of every file it writes (publish.Publish).
func sourceDate() (time.Time, error) { return publish.SourceDate() }

// buildNow is the build's "now", which decides the posts that are in the
// future: sd, SOURCE_DATE_EPOCH's time, when it is set, so that a build
// does not depend on the day it runs; else the clock's.
func buildNow(sd time.Time) time.Time {
	if !sd.IsZero() {
		return sd
	}
	return time.Now()
}
