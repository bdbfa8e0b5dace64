package markdown

import (
	"bytes"
	"testing"

	"github.com/impactblog/impactblog/internal/blogtest"
)

// BenchmarkRenderGenerated renders the bodies of generated posts.
func BenchmarkRenderGenerated(b *testing.B) {
	const n = 100
	bodies := make([][]byte, n)
	var size int64
	for i := range n {
		_, src := blogtest.Post(i, n, 1)
		_, body, ok := bytes.Cut(src[3:], []byte("\n---\n"))
		if !ok {
			b.Fatal("no front matter")
		}
		bodies[i] = body
		size += int64(len(body))
	}
	b.SetBytes(size / n)
	r := New(Options{})
	i := 0
	for b.Loop() {
		if _, err := r.Render(bodies[i%n]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
