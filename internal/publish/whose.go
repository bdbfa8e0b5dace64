package publish

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
)

// Signed reports whether dir holds a site that impactblog built: its
// impact.json, a regular file, names impactblog as its generator (package
// site writes one into every site, its "generator" first). Only the
// start of the file is read.
func Signed(dir string) bool {
	name := filepath.Join(dir, "impact.json")
	if fi, err := os.Lstat(name); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(io.LimitReader(f, 64<<10))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return false
		}
		if key == "generator" {
			var g struct {
				Name string `json:"name"`
			}
			return dec.Decode(&g) == nil && g.Name == generator
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// generator is the name impact.json gives its generator (site.Generator).
const generator = "impactblog"
