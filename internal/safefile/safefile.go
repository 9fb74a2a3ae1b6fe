// Package safefile is the one way jtsl writes files that others read: a
// file is replaced (or created) all at once, after its bytes reached the
// disk, and folders are exchanged in one step where the system allows it.
// It also holds the few calls that differ between Linux, macOS and
// Windows (folder sync, exchange, lock), behind build tags, so that the
// rest of jtsl is portable.
package safefile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Replace writes data to name in one step: a reader (or a crash) sees the
// old file or the new one, never part of it. The bytes go to a temporary
// file in the same folder, are synced, and the file is renamed over name.
func Replace(name string, data []byte, perm os.FileMode) error {
	tmp, err := writeTemp(name, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // a no-op once renamed
	if err := os.Rename(tmp, name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return SyncDir(filepath.Dir(name))
}

// Create is Replace for a file that must not exist yet: the temporary
// file is linked to name, which fails if name exists (rename would
// replace it). The error then wraps os.ErrExist.
func Create(name string, data []byte, perm os.FileMode) error {
	tmp, err := writeTemp(name, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, name); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s exists: refusing to replace it: %w", name, os.ErrExist)
		}
		return fmt.Errorf("write %s: %w", name, err)
	}
	return SyncDir(filepath.Dir(name))
}

// WriteNew writes data to a new file at name (its folders are created)
// and syncs it; an existing file is an error. It is for files in a folder
// nobody reads yet (a staging folder), which goes live as a whole.
func WriteNew(name string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	return finish(f, name, data)
}

// writeTemp writes data to a new temporary file beside name, with mode
// perm, synced, and returns its path.
func writeTemp(name string, data []byte, perm os.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	if err := finish(f, name, data); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// finish writes data to f, syncs and closes it.
func finish(f *os.File, name string, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// ErrNoExchange is returned by Exchange where the system or the file
// system cannot exchange two folders in one step.
var ErrNoExchange = errors.New("exchanging two folders in one step is not supported here")

// Exchange swaps the folders a and b in one step (Linux renameat2 with
// RENAME_EXCHANGE, macOS renamex_np with RENAME_SWAP), or returns an error
// wrapping ErrNoExchange and changes nothing.
func Exchange(a, b string) error {
	if noExchange {
		return ErrNoExchange
	}
	if err := exchange(a, b); err != nil {
		return fmt.Errorf("%w (%v)", ErrNoExchange, err)
	}
	return nil
}

// ErrLocked is returned by TryLock when another process holds the lock.
var ErrLocked = errors.New("held by another process")
