package site

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/impactblog/impactblog/internal/cache"
	"github.com/impactblog/impactblog/internal/config"
	"golang.org/x/text/language"
)

// postCache is the cache of what posts render to, in the folder posts/ of
// Options.CacheDir (package source); nil without a CacheDir, or when the
// folder cannot be made: the posts are then rendered on every build.
func postCache(dir string) *cache.Dir {
	if dir == "" {
		return nil
	}
	c, err := cache.Open(filepath.Join(dir, "posts"))
	if err != nil {
		return nil
	}
	return c
}

// notForPosts are the settings no post's rendering or review reads: only
// the totals, the evidence checks and the templates do (as for the
// Builder's own key in Build).
var notForPosts = map[string]bool{"Rates": true, "Evidence": true, "Menu": true, "Params": true}

// settingsKey names every setting of cfg that a post's rendering and
// review may depend on (source.Parse.Settings), the same in every
// process: each field by name, what a pointer points to rather than where,
// the time zone and language by name. A field added to config.Config is
// in it unless named in notForPosts; one whose value prints differently
// in each process (a pointer inside a pointer) costs the cache its hits,
// never a wrong page.
func settingsKey(cfg *config.Config) string {
	var b strings.Builder
	v := reflect.ValueOf(cfg).Elem()
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if notForPosts[name] {
			continue
		}
		f := v.Field(i).Interface()
		switch f := f.(type) {
		case *time.Location:
			if f != nil {
				fmt.Fprintf(&b, "%s=%q\n", name, f.String())
				continue
			}
		case language.Tag:
			fmt.Fprintf(&b, "%s=%q\n", name, f.String())
			continue
		}
		if p := v.Field(i); p.Kind() == reflect.Pointer && !p.IsNil() {
			f = p.Elem().Interface()
		}
		fmt.Fprintf(&b, "%s=%#v\n", name, f)
	}
	return b.String()
}
