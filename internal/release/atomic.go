package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jtsl/jtsl/internal/safefile"
)

// stagePrefix names staging folders beside the output folder, so that a
// crashed build's leftovers can be recognised and removed.
const stagePrefix = ".jtsl-stage-"

// newStage creates an empty staging folder on the same file system as out
// (the lock is held: no other build's folder is there).
func newStage(out string) (string, error) {
	dir, err := os.MkdirTemp(filepath.Dir(out), stagePrefix+filepath.Base(out)+"-")
	if err != nil {
		return "", fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}

// cleanStages removes staging folders left by an interrupted build. Only
// a build holding out's lock calls it, so none of them is in use.
func cleanStages(out string) error {
	parent := filepath.Dir(out)
	prefix := stagePrefix + filepath.Base(out) + "-"
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
				return fmt.Errorf("remove an interrupted build's staging folder: %w", err)
			}
		}
	}
	return nil
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

// previousName is where the two-rename fallback of swap keeps the live
// release while the new one is renamed in: beside out, under a name that
// cleanStages never removes.
func previousName(out string) string {
	return filepath.Join(filepath.Dir(out), ".jtsl-previous-"+filepath.Base(out))
}

// rename and exchange are os.Rename and safefile.Exchange; the tests of
// the fallback and of its failures replace them.
var (
	rename   = os.Rename
	exchange = safefile.Exchange
)

// swap puts stage live at out in one step and removes what was there.
// Where folders cannot be exchanged (Windows, some file systems), the
// live release is first renamed aside (previousName) and the new one
// renamed in: out is briefly absent, never half-written, and the previous
// release is never deleted before the new one is live. A crash between
// the two renames is repaired by the next Open.
func swap(stage, out string) error {
	if err := syncTree(stage); err != nil {
		return err
	}
	parent := filepath.Dir(out)
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := rename(stage, out); err != nil {
			return fmt.Errorf("put release live: %w", err)
		}
		return safefile.SyncDir(parent)
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("put release live: %s exists and is not a folder", out)
	}
	err = exchange(stage, out)
	if err == nil {
		if err := safefile.SyncDir(parent); err != nil {
			return err
		}
		// stage now holds the previous release, kept in the new one's
		// history; a copy left here is removed by the next Open.
		os.RemoveAll(stage)
		return nil
	}
	if !errors.Is(err, safefile.ErrNoExchange) {
		return fmt.Errorf("put release live: %w", err)
	}
	prev := previousName(out)
	if err := rename(out, prev); err != nil {
		return fmt.Errorf("put release live: %w", err)
	}
	if err := rename(stage, out); err != nil {
		if rerr := rename(prev, out); rerr != nil {
			return fmt.Errorf("put release live: %w; and the previous release could not be put back: %v: it is in %s, rename it to %s", err, rerr, prev, out)
		}
		return fmt.Errorf("put release live: %w (the previous release is still live)", err)
	}
	if err := safefile.SyncDir(parent); err != nil {
		return err
	}
	os.RemoveAll(prev) // as above: kept in the new release's history
	return nil
}

// recover repairs what an interrupted two-rename swap left: out missing
// and the previous release aside (it is put back), or both there (the
// new release went live; the copy aside is removed only when the new
// release's history holds it). Anything else is refused, never deleted.
func (d *Dir) recover() error {
	prev := previousName(d.out)
	if _, err := os.Lstat(prev); errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := os.Lstat(d.out); errors.Is(err, os.ErrNotExist) {
		if err := rename(prev, d.out); err != nil {
			return fmt.Errorf("put the previous release back from %s: %w: rename it to %s", prev, err, d.out)
		}
		d.Notes = append(d.Notes, fmt.Sprintf("a publication was interrupted: the previous release was put back from %s", prev))
		return safefile.SyncDir(filepath.Dir(d.out))
	}
	if kept(prev, d.out) {
		if err := os.RemoveAll(prev); err != nil {
			return fmt.Errorf("remove %s: %w", prev, err)
		}
		return nil
	}
	return fmt.Errorf("%s and %s both exist (a publication was interrupted) and the release aside is not in %s's history: keep the complete, later release as %s, move the other away, then build again",
		d.out, prev, d.out, d.out)
}

// kept reports whether the release in prev is in the history of the
// release in out, byte for byte, according to both manifests.
func kept(prev, out string) bool {
	mp, err1 := ReadManifest(prev)
	mo, err2 := ReadManifest(out)
	if err1 != nil || err2 != nil || mp == nil || mo == nil || mo.Sequence <= mp.Sequence {
		return false
	}
	for _, name := range HistoryFiles {
		a, ok1 := mp.File(name)
		b, ok2 := mo.File(DirHistory + "/" + strconv.Itoa(mp.Sequence) + "/" + name)
		if !ok1 || !ok2 || a.SHA256 != b.SHA256 {
			return false
		}
	}
	return true
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
