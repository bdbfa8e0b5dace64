//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package publish

import (
	"errors"
	"os"
	"syscall"
)

// lockDir locks the folder dir until unlock is called, or its process
// ends however it ends (a killed build holds no lock), waiting while
// another build holds it. A file system that cannot lock (ENOLCK,
// EOPNOTSUPP) is written unlocked.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil && !errors.Is(err, syscall.ENOLCK) && !errors.Is(err, syscall.EOPNOTSUPP) {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil // closing the folder releases the lock
}

// lockSupported says that a build's folder is locked while it is written.
const lockSupported = true
