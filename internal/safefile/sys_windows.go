//go:build windows

package safefile

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// SyncDir does nothing on Windows: a folder cannot be opened for syncing
// there, and NTFS journals its entries.
func SyncDir(dir string) error { return nil }

// A Lock is a lock on a file, released by Unlock or when the process ends.
type Lock struct{ f *os.File }

// TryLock takes the lock file name (created if needed) without waiting;
// it fails with ErrLocked when another process holds it. The file is
// opened for this process alone (no sharing: another open fails with a
// sharing violation) and deleted when its handle closes, however the
// process ends: nothing is left beside the output folder, and no other
// process ever holds a file that is about to go.
func TryLock(name string) (*Lock, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE|windows.DELETE, 0, nil,
		windows.OPEN_ALWAYS, windows.FILE_ATTRIBUTE_NORMAL|windows.FILE_FLAG_DELETE_ON_CLOSE, 0)
	if err != nil {
		if errors.Is(err, windows.ERROR_SHARING_VIOLATION) {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	return &Lock{os.NewFile(uintptr(h), name)}, nil
}

// Unlock releases the lock (and so deletes the file).
func (l *Lock) Unlock() error { return l.f.Close() }
