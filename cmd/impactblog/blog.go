package main

import (
	"flag"
	"os"
	"time"

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

func (b *blogFlags) builder(baseURL string) *site.Builder {
	return site.NewBuilder(os.DirFS(b.src), templates.FS, site.Options{
		Drafts: b.drafts, Future: b.future, BaseURL: baseURL, Now: time.Now(),
	})
}
