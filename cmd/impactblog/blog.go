package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/site"
	"github.com/impactblog/impactblog/templates"
)

// blogFlags are the flags every command that reads the blog shares.
type blogFlags struct {
	src    string
	drafts bool
	future bool
	cache  *string // site.Options.CacheDir: build's -cache ("" for none); nil for defaultCacheDir()

	root *os.Root // the blog's folder, once opened
}

func (b *blogFlags) register(fs *flag.FlagSet, withFilters bool) {
	fs.StringVar(&b.src, "src", ".", "the blog's `DIR`: posts/, templates/ and site.toml")
	if withFilters {
		// The defaults are the fields' values: serve sets them to true.
		fs.BoolVar(&b.drafts, "drafts", b.drafts, "include drafts")
		fs.BoolVar(&b.future, "future", b.future, "include posts dated in the future")
	}
}

// open opens the blog's folder, once: an error when -src is not a folder,
// or is one with neither posts/ nor site.toml, which no command takes for
// a blog (build would replace its public/ with an empty site). The blog is
// read through an os.Root, which never follows a symbolic link out of it.
func (b *blogFlags) open() (*os.Root, error) {
	if b.root != nil {
		return b.root, nil
	}
	if fi, err := os.Stat(b.src); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("the blog's folder %s does not exist: run impactblog in the blog's folder, or give it with -src DIR", b.src)
	}
	root, err := os.OpenRoot(b.src)
	if err != nil {
		return nil, fmt.Errorf("opening the blog's folder %s: %w", b.src, err)
	}
	_, err1 := root.Lstat(site.PostsDir)
	_, err2 := root.Lstat(config.File)
	if err1 != nil && err2 != nil {
		root.Close()
		where := b.src
		if abs, err := filepath.Abs(b.src); err == nil {
			where = abs
		}
		return nil, fmt.Errorf("no blog here: %s has neither a %s/ folder nor a %s: run impactblog in the blog's folder, or give it with -src DIR", where, site.PostsDir, config.File)
	}
	b.root = root
	return root, nil
}

// builder is a one-shot Builder of the blog, or an error when -src is not
// a blog (open). spillDir, when not empty, is where it keeps the posts'
// HTML until their pages are written (site.Options.SpillDir).
func (b *blogFlags) builder(baseURL, spillDir string) (*site.Builder, error) {
	root, err := b.open()
	if err != nil {
		return nil, err
	}
	sd, err := sourceDate()
	if err != nil {
		return nil, err
	}
	return site.NewBuilder(root.FS(), templates.FS, site.Options{
		Drafts: b.drafts, Future: b.future, BaseURL: baseURL, Now: buildNow(sd), Once: true, SpillDir: spillDir,
		Version: version(), SourceDate: sd, CacheDir: b.cacheDir(),
	}), nil
}
