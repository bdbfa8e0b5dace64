// Package symlink keeps a build inside the blog's folder.
//
// Nothing outside the blog's folder is ever read into the site. A
// symbolic link under posts/, templates/ or site.toml that leads outside
// the blog (by a relative path climbing out of it, or by an absolute
// path) is a problem at the link's own path, and a post that links to a
// file through it gets a problem at the link's line and column; neither is
// followed or copied. A symbolic link that stays inside the blog is
// followed, except to a folder while listing posts or files (the folder
// is listed where it really is).
//
// The commands read the blog through os.Root, which refuses to follow
// such a link ("path escapes from parent"); Escape finds them through
// fs.ReadLinkFS, so that the problem names the link whichever fs.FS the
// blog is (os.DirFS, fstest.MapFS).
package symlink

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/impactblog/impactblog/internal/problem"
)

// maxLinks is how many symbolic links Escape follows in one path: a loop
// of links is an escape too (os.Root gives up likewise).
const maxLinks = 40

// An Outside is a symbolic link that leads outside the blog.
type Outside struct {
	Link   string // the link, slash-separated, relative to the blog's root
	Target string // what it points to, as written in the link
}

// Escape reports whether name, a slash-separated path in fsys, is or
// passes through a symbolic link that leads outside fsys. It only reads
// the links of fsys when fsys is an fs.ReadLinkFS; else it reports none.
// A path that is not there leads nowhere: it is not an escape.
func Escape(fsys fs.FS, name string) (Outside, bool) {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok || name == "." || name == "" {
		return Outside{}, false
	}
	rest := strings.Split(name, "/")
	dir := "." // resolved, without links, inside fsys
	for links := 0; len(rest) > 0; {
		next := path.Join(dir, rest[0])
		rest = rest[1:]
		if next == ".." || strings.HasPrefix(next, "../") {
			return Outside{}, false // not a name in fsys; fs.ValidPath refuses it
		}
		fi, err := rl.Lstat(next)
		if err != nil {
			return Outside{}, false
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			dir = next
			continue
		}
		target, err := rl.ReadLink(next)
		if err != nil {
			return Outside{}, false
		}
		if links++; links > maxLinks || isAbs(target) {
			return Outside{next, target}, true
		}
		joined := path.Join(dir, target)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return Outside{next, target}, true
		}
		rest = append(strings.Split(joined, "/"), rest...)
		dir = "."
	}
	return Outside{}, false
}

// IsEscape reports whether err is os.Root refusing a path that a symbolic
// link leads outside the blog. The os package does not export its error.
func IsEscape(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if err.Error() == "path escapes from parent" {
			return true
		}
	}
	return false
}

// isAbs reports whether a link's target is an absolute path, on any
// system: /etc, \\server\share, C:\Users.
func isAbs(target string) bool {
	return path.IsAbs(target) || strings.HasPrefix(target, `\`) || len(target) > 1 && target[1] == ':'
}

// Why says where the link leads.
func (o Outside) Why() string {
	if isAbs(o.Target) {
		return fmt.Sprintf("is a symbolic link to %s, an absolute path, and impactblog follows only relative links that stay inside the blog folder", o.Target)
	}
	return fmt.Sprintf("is a symbolic link to %s, outside the blog folder, and impactblog publishes nothing from outside it", o.Target)
}

// Problem is the problem at the link itself.
func (o Outside) Problem() *problem.Problem {
	return problem.New(o.Link, 0, 0, "%s: put the file or folder itself here instead of the link", o.Why())
}

// EscapeProblem is the problem of reading name, which os.Root refused
// (IsEscape), at the link when fsys shows it.
func EscapeProblem(fsys fs.FS, name string) *problem.Problem {
	if o, ok := Escape(fsys, name); ok {
		return o.Problem()
	}
	return problem.New(name, 0, 0, "is, or is inside, a symbolic link that leads outside the blog folder, and impactblog publishes nothing from outside it: put the file or folder itself here instead of the link")
}

// ReadProblem is the problem of a file of the blog that could not be read.
func ReadProblem(fsys fs.FS, name string, err error) *problem.Problem {
	if IsEscape(err) {
		return EscapeProblem(fsys, name)
	}
	return problem.New(name, 0, 0, "reading: %v", err)
}
