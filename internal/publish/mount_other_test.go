//go:build !linux

package publish

import "errors"

var errNoMount = errors.New("no mount(2) here")

// mountTmpfs cannot mount here.
func mountTmpfs(string) (unmount func(), err error) { return nil, errNoMount }

func remountReadOnly(string) error { return errNoMount }
