//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package publish

import "os"

// lockFile does nothing where flock(2) is not at hand.
func lockFile(*os.File) error { return nil }

// tryLock never succeeds where a build cannot be told to be running: a
// .new- folder is then left for the writer to remove.
func tryLock(string) (unlock func(), ok bool) { return nil, false }

// lockSupported says that a build's folder is not locked while it writes it.
const lockSupported = false
