package publish

import "syscall"

// mountTmpfs mounts a tmpfs on dir, for as long as unmount is not called.
func mountTmpfs(dir string) (unmount func(), err error) {
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=16m"); err != nil {
		return nil, err
	}
	return func() { syscall.Unmount(dir, syscall.MNT_DETACH) }, nil
}

// remountReadOnly makes the tmpfs mounted on dir read-only.
func remountReadOnly(dir string) error {
	return syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, "")
}
