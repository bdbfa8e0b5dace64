//go:build darwin || freebsd || netbsd

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
		id.Ctime = int64(st.Ctimespec.Sec)*1e9 + int64(st.Ctimespec.Nsec)
	}
	return id
}
