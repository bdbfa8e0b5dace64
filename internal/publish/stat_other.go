//go:build !(linux || openbsd || dragonfly || solaris || illumos || aix || darwin || freebsd || netbsd)

package publish

import "io/fs"

// idOf is what identifies the file lstat found as fi: here only its size
// and modification time (fileID).
func idOf(fi fs.FileInfo) fileID {
	return fileID{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}
