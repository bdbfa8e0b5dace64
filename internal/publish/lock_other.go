//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package publish

// lockDir does nothing where flock(2) is not at hand: two builds into one
// folder at once are then the writer's to avoid.
func lockDir(string) (unlock func(), err error) { return func() {}, nil }

// lockSupported says that a build's folder is not locked while it is
// written.
const lockSupported = false
