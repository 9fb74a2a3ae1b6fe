//go:build unix

package safefile

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// SyncDir syncs a folder so that the entries created in it are durable.
// Some file systems cannot sync a folder (EINVAL): nothing more can be
// done there.
func SyncDir(dir string) error {
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

// A Lock is an advisory lock on a file, released by Unlock or when the
// process ends (however it ends: a killed build leaves no stale lock).
type Lock struct {
	f    *os.File
	name string
}

// TryLock takes the lock file name (created if needed) without waiting;
// it fails with ErrLocked when another process holds it.
func TryLock(name string) (*Lock, error) {
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		for {
			err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
			if err != unix.EINTR {
				break
			}
		}
		if err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, ErrLocked
			}
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		// Unlock removes the file: a holder that released it between our
		// open and our flock left us a lock on a removed file, which
		// locks nothing (the next build creates a new one). Only the file
		// still at name counts; else take that one.
		if held, err := f.Stat(); err == nil {
			if now, err := os.Stat(name); err == nil && os.SameFile(held, now) {
				return &Lock{f, name}, nil
			}
		}
		f.Close()
	}
}

// Unlock removes the lock file and releases the lock: nothing is left
// beside the output folder (a sources repository stays clean). The file
// is removed while still held, so no other process can be holding it;
// one that opened it meanwhile finds it gone after its flock and retries
// (TryLock).
func (l *Lock) Unlock() error {
	rerr := os.Remove(l.name)
	if err := l.f.Close(); err != nil {
		return err
	}
	if rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		return fmt.Errorf("unlock: %w", rerr)
	}
	return nil
}
