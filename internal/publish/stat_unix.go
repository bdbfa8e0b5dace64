//go:build linux || openbsd || dragonfly || solaris || illumos || aix

package publish

import (
	"io/fs"
	"syscall"
)

// idOf is what identifies the file lstat found as fi (fileID).
func idOf(fi fs.FileInfo) fileID {
	id := fileID{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		id.Dev, id.Ino = uint64(st.Dev), uint64(st.Ino)
		id.Ctime = int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec)
	}
	return id
}
