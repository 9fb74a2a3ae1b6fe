package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/jtsl/jtsl/internal/safefile"
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

// writeFile writes data to a new file of the staging folder and syncs
// it: rename-based publication is only durable when the data reached the
// disk before the rename did.
func writeFile(path string, data []byte) error { return safefile.WriteNew(path, data, 0o644) }

// A fileSum is a file's size and SHA-256 (hex), as the manifest lists them.
type fileSum struct {
	size   int64
	sha256 string
}

// writeChecked writes data to a new file at path, syncs it, reads it back
// and returns the sum of what it read, or an error if that is not data.
func writeChecked(path string, data []byte) (fileSum, error) {
	if err := writeFile(path, data); err != nil {
		return fileSum{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return fileSum{}, err
	}
	defer f.Close()
	sum, err := readBack(f, data)
	if err != nil {
		return fileSum{}, fmt.Errorf("%s: %w", path, err)
	}
	return sum, nil
}

// errChanged reports a file whose bytes are not those written.
var errChanged = errors.New("changed on disk")

// readBack reads r to its end, in blocks rather than whole (the list and
// its mirrors are tens of MB each), and returns the sum of what it read
// if that is data.
func readBack(r io.Reader, data []byte) (fileSum, error) {
	h := sha256.New()
	buf := make([]byte, min(len(data)+1, 1<<20)) // +1: a longer file shows
	off := 0
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if n > len(data)-off || !bytes.Equal(buf[:n], data[off:off+n]) {
				return fileSum{}, errChanged
			}
			h.Write(buf[:n])
			off += n
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fileSum{}, fmt.Errorf("read back: %w", err)
		}
	}
	if off != len(data) {
		return fileSum{}, errChanged
	}
	return fileSum{int64(off), hex.EncodeToString(h.Sum(nil))}, nil
}

// syncTree fsyncs every folder below root (files were synced on write).
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return safefile.SyncDir(p)
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
		return safefile.SyncDir(filepath.Dir(out))
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("put release live: %s exists and is not a folder", out)
	}
	err = safefile.Exchange(stage, out)
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
	if err := safefile.SyncDir(filepath.Dir(out)); err != nil {
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
