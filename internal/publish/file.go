package publish

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"github.com/impactblog/impactblog/internal/problem"
)

// A File is one file of a site, not yet written: its name, and what
// writes its content.
type File struct {
	Name  string                  // slash-separated, relative to the site's root: "posts/x/index.html"
	Write func(w io.Writer) error // writes the file's content to w
}

// Bytes returns the file's content.
func (f File) Bytes() ([]byte, error) {
	var b bytes.Buffer
	err := f.Write(&b)
	return b.Bytes(), err
}

// BytesFile is the file name holding data.
func BytesFile(name string, data []byte) File {
	return File{name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}}
}

// CopyFile is the file name holding a copy of the file of fsys.
func CopyFile(name string, fsys fs.FS, file string) File {
	return File{name, func(w io.Writer) error {
		f, err := fsys.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	}}
}

// Stats describe what WriteFiles wrote.
type Stats struct {
	Pages int // HTML pages
	Files int // every file
	Bytes int64
}

// WriteFiles writes files into w, in their order, using every core. When w
// is a StreamWriter, each file is written as it is made, so that the
// largest (a site's impact page, impact.json) are never held whole; any
// other Writer gets each file whole. The first error stops it. An error
// that names a file of the blog (a problem.List: a template that failed)
// is gathered with the others of its kind, and the problems are returned.
func WriteFiles(ctx context.Context, w Writer, files []File) (Stats, error) {
	sw := Stream(w)
	var (
		mu       sync.Mutex
		stats    Stats
		problems problem.List
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan File)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// Each worker writes every file through one buffered writer.
			bw := bufio.NewWriterSize(nil, 64<<10)
			for f := range next {
				n, err := streamFile(sw, bw, f)
				mu.Lock()
				if err != nil {
					if ps := problem.From("", err); ps != nil && ps[0].File != "" {
						problems = append(problems, ps...)
					} else if firstErr == nil {
						firstErr = fmt.Errorf("writing %s: %w", f.Name, err)
					}
					cancel()
				} else {
					stats.Files++
					stats.Bytes += n
					if strings.HasSuffix(f.Name, ".html") {
						stats.Pages++
					}
				}
				mu.Unlock()
			}
		})
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		next <- f
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return stats, firstErr
	}
	if len(problems) > 0 {
		return stats, problems.Unique()
	}
	return stats, ctx.Err()
}

// streamFile creates the file in w and writes it through bw, returning how
// many bytes it wrote.
func streamFile(w StreamWriter, bw *bufio.Writer, file File) (int64, error) {
	f, err := w.Create(file.Name)
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: f}
	bw.Reset(cw)
	err = file.Write(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
