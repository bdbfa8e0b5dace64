package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// A manifest is what a build left in a folder, kept outside it (in
// Options.State) for the next build to compare with: see the package
// comment.
type manifest struct {
	Root  string // the folder's real path
	Dir   fileID // the folder itself, as the build left it
	Saved int64  // when the manifest was written, in nanoseconds since 1970
	Files map[string]manifestFile
}

// A manifestFile is one file of the site as the build left it.
type manifestFile struct {
	ID     fileID // the file as it was then (idOf)
	Chunks []byte // the SHA-256 of each chunk of it, one after the other
}

// A fileID is what tells a file from any other, and from itself once
// changed: its device and inode, size, and modification and change times
// (the change time moves with any write, and cannot be set back). Where
// the system gives no inode or change time they are zero, and the size
// and modification time are what is left (stat_*.go).
type fileID struct {
	Dev, Ino     uint64
	Size         int64
	Mtime, Ctime int64 // nanoseconds since 1970
}

// manifestVersion changes when a manifest's meaning does: one of another
// version is not read.
const manifestVersion = "impactblog publish manifest 1\n"

// manifestPath is the file of root's manifest in the folder state.
func manifestPath(state, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(state, hex.EncodeToString(sum[:16])+".manifest")
}

// loadManifest reads the manifest of root; nil when there is none, or it
// is of another folder or version, or does not read.
func loadManifest(state, root string) *manifest {
	data, err := os.ReadFile(manifestPath(state, root))
	if err != nil {
		return nil
	}
	rest, ok := bytes.CutPrefix(data, []byte(manifestVersion))
	if !ok {
		return nil
	}
	var m manifest
	if err := gob.NewDecoder(bytes.NewReader(rest)).Decode(&m); err != nil || m.Root != root {
		return nil
	}
	return &m
}

// of reports whether m is the manifest of the folder root as the build
// left it: the same folder, not another one made at its path since, and
// no file added or removed in it by hand.
func (m *manifest) of(root string) bool {
	if m == nil || m.Root != root {
		return false
	}
	fi, err := os.Lstat(root)
	return err == nil && m.Dir.Ino != 0 && idOf(fi) == m.Dir
}

// racyWindow is how long before a manifest was written a file must have
// last changed for the manifest to vouch for it. A file's times tick
// coarsely (a few milliseconds on Linux), so a file changed just after
// the build looked at it may keep the times it had; one that changed in
// the last second before the manifest was written is compared by reading
// it instead, as git does with the entries of its index it calls racily
// clean.
const racyWindow = int64(time.Second)

// chunksOf gives the hashes of the chunks of the file name, which lstat
// found as fi, when it is still the file the manifest describes.
func (m *manifest) chunksOf(name string, fi fs.FileInfo) ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	f, ok := m.Files[name]
	if !ok || f.ID != idOf(fi) {
		return nil, false
	}
	changed := f.ID.Ctime
	if changed == 0 { // no change time here
		changed = f.ID.Mtime
	}
	if changed >= m.Saved-racyWindow {
		return nil, false
	}
	return f.Chunks, true
}

// saveManifest writes the manifest of what the build left, unless old,
// the one read, says the same: every file unchanged, known by its hashes,
// and nothing more.
func (d *differ) saveManifest(state string, old *manifest) error {
	same := old != nil && len(old.Files) == len(d.files) && len(d.stamped) == 0
	for _, w := range d.files {
		if !w.known {
			same = false
			break
		}
	}
	if same {
		return nil
	}
	m := manifest{Root: d.root, Saved: time.Now().UnixNano(), Files: make(map[string]manifestFile, len(d.files))}
	fi, err := os.Lstat(d.root)
	if err != nil {
		return err
	}
	m.Dir = idOf(fi)
	for name, w := range d.files {
		info := w.old.info
		if w.staged || d.stamped[name] {
			if info, err = os.Lstat(filepath.Join(d.root, filepath.FromSlash(name))); err != nil {
				return err
			}
		}
		m.Files[name] = manifestFile{ID: idOf(info), Chunks: w.chunks}
	}
	var b bytes.Buffer
	b.WriteString(manifestVersion)
	if err := gob.NewEncoder(&b).Encode(&m); err != nil {
		return err
	}
	if err := os.MkdirAll(state, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(state, ".manifest-")
	if err != nil {
		return err
	}
	_, err = f.Write(b.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), manifestPath(state, d.root))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
