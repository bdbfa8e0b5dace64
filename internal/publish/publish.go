// Package publish writes the files of a built site, in parallel, into a
// folder, changing only what changed: a file whose bytes are the same is
// left alone, bytes and modification time, so that rsync and a CDN's
// upload send only what changed; a failed build leaves every old file as
// it was.
//
// A File is one file of a site, not yet written: its Name, a
// slash-separated path relative to the site's root ("posts/x/index.html"),
// and Write, which writes its content. This is the one name for a file of
// the site: package site gives its pages and other files as Files, and
// WriteFiles writes a list of them, using every core, into a Writer.
//
// A Writer receives the files: DirWriter writes into a folder, Memory
// keeps them in memory (tests) and Discard drops them (check). A
// StreamWriter also takes a file as it is written, so that a large page is
// never held whole; Stream makes any Writer one.
//
// # Publishing by difference
//
// Into(dir, opts, write) (and Publish, with no Options) gives write a StreamWriter that compares each
// file, as it is written, with the file of that name in dir, 64 KiB at a
// time (diff.go). A new or changed file is staged in dir/.impactblog/stage/
// at its own path, on dir's file system; an unchanged one is never
// written. When write succeeds, the switch (switch.go):
//
//  1. dir/.impactblog/journal is written, listing what dir holds that the
//     build did not make: from then on the switch is decided;
//  2. each staged file is renamed into place (a staged folder whose place
//     is free, such as every folder of a first build, in one rename);
//  3. what the journal lists is removed, and dir/.impactblog with it;
//  4. with SOURCE_DATE_EPOCH set, every file and folder whose time is not
//     the epoch's is given it (modtime.go): the files moved in, and the
//     folders whose entries changed.
//
// A write that fails, or a build killed before the journal is written,
// leaves every old file as it was (the next build removes the stage); a
// build killed after it is finished by the next one, before that one
// does anything else. dir itself is never renamed, replaced or removed:
// it may be a mount point (a Docker volume, /dev/shm), a symbolic link to
// a folder, or a folder in a parent that is not writable. When dir does
// not exist it is made. Nothing else is written anywhere but in dir and in
// opts.State.
//
// When nothing changed, nothing is written: no file, no folder, no time;
// dir/.impactblog is only made when a file is staged.
//
// # The manifest
//
// With opts.State, a folder outside dir (the build's cache folder),
// Publish keeps there, by dir's real path, a manifest of the files it
// left in dir: each one's size, the SHA-256 of each of its 64 KiB chunks,
// and what identifies the file as it was then (its device, inode, size,
// modification and change times). A file that is still that file is
// compared by the hashes of its chunks, without being read; any other (no
// manifest, a file changed since, by hand or by a killed build) is read
// and compared byte for byte. Either way only what changed is written;
// the manifest saves reading the old site, and losing it costs nothing
// else.
//
// # Whose folder
//
// Publish writes into a folder that is empty or not there, or that a
// build of impactblog wrote: one that holds .impactblog (a killed build's
// work folder, or the file older versions marked their folders with), or
// impact.json naming impactblog as its generator (package site writes one
// into every site: Signed), or whose manifest in opts.State is of this
// very folder. Anything else is refused before anything is written, so
// that a mistyped -out never touches what impactblog did not write. Into
// a folder that is its own, Publish makes the folder hold exactly the
// site: what else it holds is removed.
//
// Nothing of Publish's is published: dir/.impactblog exists only while a
// build publishes (or after one was killed, until the next), and the
// manifest is outside dir.
//
// While it publishes, Publish holds dir locked (flock(2) on the folder,
// where there is one): a second build into the same folder waits until
// the first is done, then compares with what the first left.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Marker is the name Publish keeps for itself in the site's folder: its
// work folder while it publishes, which holds the stage and the journal
// (older versions kept a file of this name in every site they wrote). No
// file of a site may have this name or be in it.
const Marker = ".impactblog"

// Options change how Publish compares.
type Options struct {
	// State is a folder outside the site's where Publish keeps the
	// manifest of each folder it publishes into, by the folder's real
	// path; "" keeps none, and every build reads the old files to compare.
	State string
}

// Result says what Publish changed in the folder.
type Result struct {
	Written      int   // files new or changed
	Unchanged    int   // files left as they were
	Removed      int   // files the build did not make, removed
	BytesWritten int64 // the bytes of the files written
}

// Publish is Into with no Options: each build reads the old files to
// compare.
func Publish(dir string, write func(Writer) error) error {
	_, err := Into(dir, Options{}, write)
	return err
}

// Into writes a site into dir, comparing with what it holds and changing
// only what changed: see the package comment. write is given a
// StreamWriter, which it may call from several goroutines at once; when
// write fails, dir is left exactly as it was. A dir that holds files but
// is not impactblog's is refused before anything is written, whatever its
// name: the blog's own public/ too.
func Into(dir string, opts Options, write func(Writer) error) (Result, error) {
	epoch, err := SourceDate()
	if err != nil {
		return Result{}, err // before anything is written
	}
	root, err := prepare(filepath.Clean(dir))
	if err != nil {
		return Result{}, err
	}
	unlock, err := lockDir(root)
	if err != nil {
		return Result{}, fmt.Errorf("locking %s: %w", dir, err)
	}
	defer unlock()
	var man *manifest
	if opts.State != "" {
		man = loadManifest(opts.State, root)
	}
	if err := owned(dir, root, man); err != nil {
		return Result{}, err
	}
	if err := recoverWork(root, epoch); err != nil {
		return Result{}, fmt.Errorf("finishing the build that was killed while it wrote %s: %w", dir, err)
	}
	have, err := scan(root)
	if err != nil {
		return Result{}, fmt.Errorf("reading %s: %w", dir, err)
	}
	d := newDiffer(root, have, man)
	if err := write(d); err != nil {
		d.discard()
		return Result{}, err
	}
	if err := d.failed(); err != nil {
		d.discard()
		return Result{}, err
	}
	res, err := d.commit(epoch)
	if err != nil {
		return res, fmt.Errorf("writing %s: %w", dir, err)
	}
	if opts.State != "" {
		// The manifest is only a shortcut: one that cannot be saved
		// costs the next build a read of the old files, nothing more.
		_ = d.saveManifest(opts.State, man)
	}
	return res, nil
}

// prepare makes dir when it is not there, and returns its real path: the
// folder a symbolic link leads to.
func prepare(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("making %s: %w", dir, err)
		}
		fi, err = os.Stat(dir)
	}
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s exists and is not a folder: move it away or choose another -out", dir)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// owned reports why Publish may not write into root (the real path of
// dir, as the writer named it): it holds files, and nothing says that an
// earlier build wrote them (see the package comment).
func owned(dir, root string, man *manifest) error {
	f, err := os.Open(root)
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(1)
	f.Close()
	if len(names) == 0 && err != nil {
		return nil // empty
	}
	if fi, err := os.Lstat(filepath.Join(root, Marker)); err == nil && (fi.IsDir() || fi.Mode().IsRegular()) {
		return nil
	}
	if man.of(root) || Signed(root) {
		return nil
	}
	return fmt.Errorf("%s already holds files that impactblog did not write (no impact.json of impactblog's in it), and a build makes the folder hold the site and nothing else: choose an empty or new folder for -out, or empty %s first", dir, dir)
}
