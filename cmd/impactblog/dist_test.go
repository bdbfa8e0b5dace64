package main

import (
	"bufio"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMakeDist runs make dist for this machine's platform alone (linux/amd64
// in CI; every platform would take minutes), with a VERSION of its own, and
// checks what it made: the binary is static, impactblog version prints the
// stamp, THIRD_PARTY_LICENSES.txt has the licence of every module linked in
// (the MPL-2.0 of gosimple/slug among them), and SHA256SUMS is right.
func TestMakeDist(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Fatal("make dist needs make, as make test does") // never skipped: CI runs make test
	}
	const stamp = "v0.0.0-disttest"
	dist := t.TempDir()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	cmd := exec.Command("make", "-s", "-C", filepath.Join("..", ".."), "dist",
		"PLATFORMS="+platform, "DIST="+dist, "VERSION="+stamp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make dist: %v\n%s", err, out)
	}
	name := "impactblog-" + stamp + "-" + runtime.GOOS + "-" + runtime.GOARCH
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	bin := filepath.Join(dist, name)
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", name, err)
	}
	if want := "impactblog " + stamp + " "; !strings.HasPrefix(string(out), want) {
		t.Errorf("%s version: have %q want: %q…", name, out, want)
	}
	if runtime.GOOS == "linux" {
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
				t.Errorf("%s is dynamically linked (%v): want static, CGO_ENABLED=0", name, p.Type)
			}
		}
	}

	entries, err := os.ReadDir(dist)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"SHA256SUMS", "THIRD_PARTY_LICENSES.txt", name}; strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("dist holds %v want: %v", names, want)
	}

	notices, err := os.ReadFile(filepath.Join(dist, "THIRD_PARTY_LICENSES.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"==== Go standard library",
		"==== github.com/gosimple/slug v", "Mozilla Public License Version 2.0",
		"==== github.com/yuin/goldmark v", "==== golang.org/x/text v",
	} {
		if !strings.Contains(string(notices), want) {
			t.Errorf("THIRD_PARTY_LICENSES.txt: no %q", want)
		}
	}

	sums, err := os.Open(filepath.Join(dist, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	defer sums.Close()
	summed := map[string]bool{}
	sc := bufio.NewScanner(sums)
	for sc.Scan() {
		sum, file, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Errorf("SHA256SUMS: %q is not SUM  FILE", sc.Text())
			continue
		}
		data, err := os.ReadFile(filepath.Join(dist, file))
		if err != nil {
			t.Errorf("SHA256SUMS names %s: %v", file, err)
			continue
		}
		if h := sha256.Sum256(data); hex.EncodeToString(h[:]) != sum {
			t.Errorf("SHA256SUMS: %s: have %s want: %s", file, sum, hex.EncodeToString(h[:]))
		}
		summed[file] = true
	}
	if !summed[name] || !summed["THIRD_PARTY_LICENSES.txt"] {
		t.Errorf("SHA256SUMS sums %v want: %s and THIRD_PARTY_LICENSES.txt", summed, name)
	}
}
