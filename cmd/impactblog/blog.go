package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/templates"
)

// blogFlags are the flags every command that reads the blog shares.
type blogFlags struct {
	src    string
	drafts bool
	future bool
}

func (b *blogFlags) register(fs *flag.FlagSet, withFilters bool) {
	fs.StringVar(&b.src, "src", ".", "the blog's `DIR`: posts/, templates/ and site.toml")
	if withFilters {
		fs.BoolVar(&b.drafts, "drafts", false, "include drafts")
		fs.BoolVar(&b.future, "future", false, "include posts dated in the future")
	}
}

// builder returns a builder for one build of the blog, or an error when
// -src is not a folder.
// builder is a one-shot Builder of the blog. spillDir, when not empty, is
// where it keeps the posts' HTML until their pages are written
// (site.Options.SpillDir).
func (b *blogFlags) builder(baseURL, spillDir string) (*site.Builder, error) {
	if fi, err := os.Stat(b.src); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("the blog's folder %s does not exist: run impactblog in the blog's folder, or give it with -src DIR", b.src)
	}
	// A folder with neither posts/ nor site.toml is not a blog: build
	// would replace its public/ with an empty site.
	_, err1 := os.Lstat(filepath.Join(b.src, site.PostsDir))
	_, err2 := os.Lstat(filepath.Join(b.src, config.File))
	if err1 != nil && err2 != nil {
		where := b.src
		if abs, err := filepath.Abs(b.src); err == nil {
			where = abs
		}
		return nil, fmt.Errorf("no blog here: %s has neither a %s/ folder nor a %s: run impactblog in the blog's folder, or give it with -src DIR", where, site.PostsDir, config.File)
	}
	return site.NewBuilder(os.DirFS(b.src), templates.FS, site.Options{
		Drafts: b.drafts, Future: b.future, BaseURL: baseURL, Now: time.Now(), Once: true, SpillDir: spillDir,
	}), nil
}
