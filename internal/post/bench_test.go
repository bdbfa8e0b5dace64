package post

import (
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
