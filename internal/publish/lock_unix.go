//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package publish

import (
	"os"
	"syscall"
)

// lockFile locks f until it is closed, or its process ends however it
// ends: a killed build holds no lock.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// tryLock locks the file name when no process holds it, until unlock.
func tryLock(name string) (unlock func(), ok bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}

// lockSupported says that a build's folder is locked while it writes it.
const lockSupported = true
