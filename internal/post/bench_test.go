package post

import (
	"fmt"
	"strings"
	"testing"

	"github.com/impactblog/impactblog/internal/blogtest"
	"github.com/impactblog/impactblog/internal/impact"
)

// BenchmarkParse reads and checks generated posts (3.6 KB on average).
func BenchmarkParse(b *testing.B) {
	gbp, _ := impact.ParseCurrency("GBP")
	const n = 100
	files, srcs := make([]string, n), make([][]byte, n)
	var size int64
	for i := range n {
		files[i], srcs[i] = blogtest.Post(i, n, 1)
		size += int64(len(srcs[i]))
	}
	b.SetBytes(size / n)
	i := 0
	for b.Loop() {
		if _, problems := Parse(files[i%n], srcs[i%n], Options{Currency: gbp}); problems != nil {
			b.Fatal(problems)
		}
		i++
	}
}

// BenchmarkYAMLError reads front matter with one mistake, a quote never
// closed on its second line, followed by long lines: the search for the
// mistake's line must stay cheap however much follows (issue 13, item 11).
func BenchmarkYAMLError(b *testing.B) {
	gbp, _ := impact.ParseCurrency("GBP")
	for _, size := range []int{64 << 10, 250 << 10, 5 << 20} {
		var src strings.Builder
		src.WriteString("---\ntitle: x\nsummary: \"never closed\n")
		const lines = 400
		line := strings.Repeat("x", size/lines)
		for i := range lines {
			fmt.Fprintf(&src, "k%d: %s\n", i, line)
		}
		src.WriteString("---\n")
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(src.Len()))
			for b.Loop() {
				if _, problems := Parse("posts/2021-01-15-x.md", []byte(src.String()), Options{Currency: gbp}); problems == nil {
					b.Fatal("have: no problem want: one")
				}
			}
		})
	}
}
