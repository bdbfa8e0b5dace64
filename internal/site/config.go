package site

import (
	"context"
	"errors"
	"io/fs"
	"strings"

	"github.com/impactblog/impactblog/internal/config"
	"github.com/impactblog/impactblog/internal/problem"
	"github.com/impactblog/impactblog/internal/symlink"
	"github.com/impactblog/impactblog/internal/theme"
)

// What a Builder reads itself: site.toml; the posts are package source's.

func isTemplate(name string) bool {
	return name == theme.Dir || strings.HasPrefix(name, theme.Dir+"/")
}

func (b *Builder) readConfig() (*config.Config, problem.List) {
	if b.fixed != nil {
		return b.fixed, nil
	}
	if o, ok := symlink.Escape(b.src, config.File); ok {
		return nil, problem.List{o.Problem()}
	}
	src, err := fs.ReadFile(b.src, config.File)
	if err != nil {
		if symlink.IsEscape(err) {
			return nil, problem.List{symlink.EscapeProblem(b.src, config.File)}
		}
		if errors.Is(err, fs.ErrNotExist) {
			c := config.DefaultConfig()
			if err := c.Validate(); err != nil {
				return nil, problem.From(config.File, err)
			}
			return c, nil
		}
		return nil, problem.List{problem.New(config.File, 0, 0, "reading: %v", err)}
	}
	return config.Parse(src)
}

// checkWith builds the blog once more with cfg, the part of a site.toml
// with problems that did read, for the problems and warnings of the posts
// and templates: a site.toml mistake does not hide them. It finds nothing
// when cfg is nil, or has no currency, which every figure needs.
func (b *Builder) checkWith(ctx context.Context, cfg *config.Config) problem.List {
	if cfg == nil || cfg.Cur.Code == "" || b.fixed != nil {
		return nil
	}
	nb := NewBuilder(b.src, b.theme, b.opts)
	nb.fixed = cfg
	_, err := nb.Build(ctx, nil)
	b.warnings = nb.warnings
	var out problem.List
	for _, p := range problem.From("", err) {
		if p.File != config.File {
			out = append(out, p)
		}
	}
	return out
}
