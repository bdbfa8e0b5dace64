package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// buildBinary builds impactblog as make dist does, static
// (CGO_ENABLED=0), into dir, and returns its path.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "impactblog")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// environ is the test's environment without the variables that change a
// build (time zone, locale, SOURCE_DATE_EPOCH, ZONEINFO), with extra added.
func environ(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "TZ", name == "ZONEINFO", name == "SOURCE_DATE_EPOCH", name == "LANG", name == "LANGUAGE",
			strings.HasPrefix(name, "LC_"):
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// TestBuildWithoutZoneinfo: the time zone database is in the binary
// (time/tzdata), so the sample blog, whose site.toml has timezone =
// "Europe/London", builds where the system has none, as in a container
// FROM scratch. The static binary runs in a chroot holding only itself,
// the blog and /tmp, with ZONEINFO=/nonexistent and TZ unset: ZONEINFO
// alone cannot hide /usr/share/zoneinfo, which Go reads next.
func TestBuildWithoutZoneinfo(t *testing.T) {
	root := t.TempDir()
	bin := buildBinary(t, root)
	if err := os.CopyFS(filepath.Join(root, "blog"), os.DirFS(copyBlog(t))); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "tmp"), 0o1777); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "build", "-src", "/blog")
	cmd.Path = "/" + filepath.Base(bin) // as seen from inside the chroot
	cmd.Dir = "/blog"
	cmd.Env = []string{"ZONEINFO=/nonexistent", "PATH=/", "TMPDIR=/tmp"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: root}
	if os.Geteuid() != 0 {
		// Not root: chroot inside a user namespace of our own.
		cmd.SysProcAttr.Cloneflags = syscall.CLONE_NEWUSER
		cmd.SysProcAttr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}}
		cmd.SysProcAttr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}}
	}
	out, err := cmd.CombinedOutput()
	if err != nil && cmd.ProcessState == nil {
		// It did not start: neither root nor allowed a user namespace.
		if os.Getenv("CI") != "" {
			t.Fatalf("cannot run the build in a chroot: %v", err)
		}
		t.Skipf("cannot run the build in a chroot (not root, no user namespaces): %v", err)
	}
	if err != nil {
		t.Fatalf("build without zoneinfo: %v\n%s", err, out)
	}
	for _, dir := range []string{"usr/share/zoneinfo", "etc/localtime"} {
		if _, err := os.Lstat(filepath.Join(root, dir)); err == nil {
			t.Fatalf("the chroot has %s", dir)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "blog", "public", "index.html")); err != nil {
		t.Errorf("no site built: %v\n%s", err, out)
	}
}
