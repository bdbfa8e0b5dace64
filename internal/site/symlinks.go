package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/impactblog/impactblog/internal/problem"
)

// Symbolic links.
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
// such a link ("path escapes from parent"); escape finds them through
// fs.ReadLinkFS, so that the problem names the link whichever fs.FS the
// blog is (os.DirFS, fstest.MapFS).

// maxLinks is how many symbolic links escape follows in one path: a loop
// of links is an escape too (os.Root gives up likewise).
const maxLinks = 40

// An outside is a symbolic link that leads outside the blog.
type outside struct {
	link   string // the link, slash-separated, relative to the blog's root
	target string // what it points to, as written in the link
}

// escape reports whether name, a slash-separated path in fsys, is or
// passes through a symbolic link that leads outside fsys. It only reads
// the links of fsys when fsys is an fs.ReadLinkFS; else it reports none.
// A path that is not there leads nowhere: it is not an escape.
func escape(fsys fs.FS, name string) (outside, bool) {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok || name == "." || name == "" {
		return outside{}, false
	}
	rest := strings.Split(name, "/")
	dir := "." // resolved, without links, inside fsys
	for links := 0; len(rest) > 0; {
		next := path.Join(dir, rest[0])
		rest = rest[1:]
		if next == ".." || strings.HasPrefix(next, "../") {
			return outside{}, false // not a name in fsys; fs.ValidPath refuses it
		}
		fi, err := rl.Lstat(next)
		if err != nil {
			return outside{}, false
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			dir = next
			continue
		}
		target, err := rl.ReadLink(next)
		if err != nil {
			return outside{}, false
		}
		if links++; links > maxLinks || isAbs(target) {
			return outside{next, target}, true
		}
		joined := path.Join(dir, target)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return outside{next, target}, true
		}
		rest = append(strings.Split(joined, "/"), rest...)
		dir = "."
	}
	return outside{}, false
}

// isEscape reports whether err is os.Root refusing a path that a symbolic
// link leads outside the blog. The os package does not export its error.
func isEscape(err error) bool {
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

// why says where the link leads.
func (o outside) why() string {
	if isAbs(o.target) {
		return fmt.Sprintf("is a symbolic link to %s, an absolute path, and impactblog follows only relative links that stay inside the blog folder", o.target)
	}
	return fmt.Sprintf("is a symbolic link to %s, outside the blog folder, and impactblog publishes nothing from outside it", o.target)
}

// problem is the problem at the link itself.
func (o outside) problem() *problem.Problem {
	return problem.New(o.link, 0, 0, "%s: put the file or folder itself here instead of the link", o.why())
}

// escapeProblem is the problem of reading name, which os.Root refused
// (isEscape), at the link when fsys shows it.
func escapeProblem(fsys fs.FS, name string) *problem.Problem {
	if o, ok := escape(fsys, name); ok {
		return o.problem()
	}
	return problem.New(name, 0, 0, "is, or is inside, a symbolic link that leads outside the blog folder, and impactblog publishes nothing from outside it: put the file or folder itself here instead of the link")
}

// readProblem is the problem of a file of the blog that could not be read.
func readProblem(fsys fs.FS, name string, err error) *problem.Problem {
	if isEscape(err) {
		return escapeProblem(fsys, name)
	}
	return problem.New(name, 0, 0, "reading: %v", err)
}
