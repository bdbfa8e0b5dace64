package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// version is impactblog's version as impact.json's generator block gives
// it: the module's version when built from a release (go install
// …@v1.2.0), else "devel", a local build's. A build may fix it with
// -ldflags "-X main.buildVersion=…".
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// buildVersion is set by the linker, when set at all.
var buildVersion string

// sourceDate is the time SOURCE_DATE_EPOCH fixes (reproducible builds: the
// seconds since 1970 UTC), zero when it is not set, or an error when it is
// not a whole number.
func sourceDate() (time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || strings.TrimSpace(v) == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a whole number of seconds since 1970", v)
	}
	return time.Unix(n, 0).UTC(), nil
}
