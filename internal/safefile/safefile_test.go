package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestReplaceAndCreate: Replace puts the new bytes in place of the old,
// Create refuses an existing file, and neither leaves a temporary file.
func TestReplaceAndCreate(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	for _, data := range []string{"one", "two"} {
		if err := Replace(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != data {
			t.Errorf("after Replace %q: %q", data, b)
		}
	}
	if err := Create(p, []byte("three"), 0o600); !errors.Is(err, os.ErrExist) {
		t.Errorf("Create over a file: %v", err)
	}
	if err := Create(filepath.Join(dir, "g"), []byte("g"), 0o600); err != nil {
		t.Error(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("Create replaced the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left in the folder: %v", entries)
	}
}

// TestExchange swaps two folders, or says it cannot and changes nothing.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := Exchange(a, b)
	want := "b"
	if errors.Is(err, ErrNoExchange) {
		want = "a"
	} else if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(a, "name")); string(got) != want {
		t.Errorf("a holds %q after Exchange (%v), want %q", got, err, want)
	}
}

// TestTryLock: a second lock on the same file fails while the first is
// held (flock locks belong to the open file, so this holds within one
// process too), and succeeds once it is released.
func TestTryLock(t *testing.T) {
	p := filepath.Join(t.TempDir(), "lock")
	l, err := TryLock(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TryLock(p); !errors.Is(err, ErrLocked) {
		t.Errorf("second lock: %v, want ErrLocked", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is left after Unlock: %v", err)
	}
	l2, err := TryLock(p)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	l2.Unlock()
}

// TestTryLockRace: Unlock removes the lock file, and a process that
// opened the file just before gets a lock on a removed file: TryLock must
// see that and take the file now at the name, so that never two hold the
// lock at once. Many lockers take and release it in a tight loop.
func TestTryLockRace(t *testing.T) {
	p := filepath.Join(t.TempDir(), "lock")
	var holders, most, taken atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 300 {
				l, err := TryLock(p)
				if errors.Is(err, ErrLocked) {
					continue
				}
				if err != nil {
					t.Error(err)
					return
				}
				taken.Add(1)
				n := holders.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(100 * time.Microsecond) // hold it a while
				holders.Add(-1)
				if err := l.Unlock(); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if most.Load() != 1 || taken.Load() == 0 {
		t.Errorf("%d lockers held the lock at once (taken %d times), want 1", most.Load(), taken.Load())
	}
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is left: %v", err)
	}
}
