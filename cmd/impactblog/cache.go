package main

import (
	"os"
	"path/filepath"
)

// defaultCacheDir is where build and serve keep what is costly to make
// again (site.Options.CacheDir: the images they encoded, in images/):
// impactblog/ in the user's cache folder ($XDG_CACHE_HOME or ~/.cache on
// Linux), never in the published site, and always safe to delete. It is
// "" (a cache in memory) when the system names no such folder.
func defaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "impactblog")
}
