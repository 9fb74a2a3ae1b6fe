package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// stagePrefix names staging folders beside the output folder, so that a
// crashed build's leftovers can be recognised and removed.
const stagePrefix = ".jtsl-stage-"

// newStage creates an empty staging folder on the same file system as out.
func newStage(out string) (string, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	cleanStages(out)
	dir, err := os.MkdirTemp(parent, stagePrefix+filepath.Base(out)+"-")
	if err != nil {
		return "", fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}

// cleanStages removes staging folders left by an interrupted build.
func cleanStages(out string) {
	parent := filepath.Dir(filepath.Clean(out))
	prefix := stagePrefix + filepath.Base(out) + "-"
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// writeFile writes data and fsyncs it: rename-based publication is only
// durable when the data reached the disk before the rename did.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

// syncDir fsyncs a folder so that the entries created in it are durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, unix.EINVAL) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// syncTree fsyncs every folder below root (files were synced on write).
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		return nil
	})
}

// swap puts stage live at out in one step and removes what was there.
func swap(stage, out string) error {
	out = filepath.Clean(out)
	if err := syncTree(stage); err != nil {
		return err
	}
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.Rename(stage, out); err != nil {
			return fmt.Errorf("put release live: %w", err)
		}
		return syncDir(filepath.Dir(out))
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("put release live: %s exists and is not a folder", out)
	}
	err = unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	if err != nil {
		// No RENAME_EXCHANGE here (old kernel, some file systems): fall
		// back to two renames. out is briefly absent, never half-written.
		old := stage + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("put release live: %w", err)
		}
		if err := os.Rename(stage, out); err != nil {
			os.Rename(old, out)
			return fmt.Errorf("put release live: %w", err)
		}
		stage = old
	}
	if err := syncDir(filepath.Dir(out)); err != nil {
		return err
	}
	return os.RemoveAll(stage) // now holds the previous release
}

// linkOrCopy puts a byte-identical copy of src at dst, as a hard link when
// the file system allows it.
func linkOrCopy(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeFile(dst, data)
}
