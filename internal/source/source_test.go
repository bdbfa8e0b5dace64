package source

import (
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/impactblog/impactblog/internal/post"
)

// TestReadPostSizeLimit: a post file past post.MaxFileSize is a problem
// naming it, and is never read.
func TestReadPostSizeLimit(t *testing.T) {
	const fm = "---\ntitle: Big\ndate: 2021-01-01\n---\n"
	pad := func(n int) string { return fm + strings.Repeat("a", n-len(fm)) }
	tests := []struct {
		name string
		fsys fs.FS
		want string // the problem, or "" when the file reads
	}{
		{"at the limit", fstest.MapFS{"posts/big.md": {Data: []byte(pad(post.MaxFileSize))}}, ""},
		{"one byte past", fstest.MapFS{"posts/big.md": {Data: []byte(pad(post.MaxFileSize + 1))}}, "posts/big.md: the file is 4.0 MB; a post may be at most 4 MB: split it"},
		{"50 MB, not read", hugeFS{t: t, size: 50 << 20}, "posts/big.md: the file is 50.0 MB; a post may be at most 4 MB: split it"},
		{"growing as it is read", hugeFS{t: t, size: 10, grows: true}, "posts/big.md: the file grew past 4 MB as it was read; a post may be at most 4 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, pr := readPost(tt.fsys, "posts/big.md")
			switch {
			case tt.want == "" && pr != nil:
				t.Fatalf("have %v, want the file", pr)
			case tt.want == "" && len(src) != post.MaxFileSize:
				t.Fatalf("have %d bytes, want %d", len(src), post.MaxFileSize)
			case tt.want != "" && (pr == nil || !strings.HasPrefix(pr.Error(), tt.want)):
				t.Fatalf("have %v, want %s…", pr, tt.want)
			}
		})
	}
}

// hugeFS holds posts/big.md, of size bytes as Stat says; reading it fails
// the test unless it grows, when it gives bytes without end.
type hugeFS struct {
	t     *testing.T
	size  int64
	grows bool
}

func (h hugeFS) Open(name string) (fs.File, error) {
	if name != "posts/big.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &hugeFile{h}, nil
}

type hugeFile struct{ h hugeFS }

func (f *hugeFile) Stat() (fs.FileInfo, error) { return hugeInfo(f.h.size), nil }

type hugeInfo int64

func (h hugeInfo) Name() string       { return "big.md" }
func (h hugeInfo) Size() int64        { return int64(h) }
func (h hugeInfo) Mode() fs.FileMode  { return 0o644 }
func (h hugeInfo) ModTime() time.Time { return time.Time{} }
func (h hugeInfo) IsDir() bool        { return false }
func (h hugeInfo) Sys() any           { return nil }
func (f *hugeFile) Close() error      { return nil }
func (f *hugeFile) Read(b []byte) (int, error) {
	if !f.h.grows {
		f.h.t.Error("a file past the limit was read")
		return 0, io.EOF
	}
	for i := range b {
		b[i] = 'a'
	}
	return len(b), nil
}

func TestCountWords(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a  b\tc\n", "héllo wörld\u00a0x", "\u2003lead", "a\u3000b", "trail  "} {
		if have, want := CountWords([]byte(s)), len(strings.Fields(s)); have != want {
			t.Errorf("CountWords(%q): have %d, want %d", s, have, want)
		}
	}
}
