package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadNoFollow reads files of every size around its buffer and the
// limit, and refuses a symbolic link, a folder and a missing file as
// os.ReadFile would, naming the file.
func TestReadNoFollow(t *testing.T) {
	dir := t.TempDir()
	const limit = 10000
	for _, n := range []int{0, 1, 4095, 4096, 4097, 8192, limit - 1, limit, limit + 1, 3 * limit} {
		data := bytes.Repeat([]byte{'x', 'y', 'z'}, n/3+1)[:n]
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readNoFollow(p, limit)
		want := data[:min(n, limit+1)]
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: got %d bytes, %v; want %d", n, len(got), err, len(want))
		}
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "f"), link); err != nil {
		t.Fatal(err)
	}
	if _, err := readNoFollow(link, limit); !errors.Is(err, syscall.ELOOP) {
		t.Errorf("symbolic link: %v, want ELOOP", err)
	}
	for _, p := range []string{dir, filepath.Join(dir, "missing")} {
		_, err := readNoFollow(p, limit)
		_, werr := os.ReadFile(p)
		if err == nil || werr == nil || !strings.Contains(err.Error(), p) || errors.Unwrap(err).Error() != errors.Unwrap(werr).Error() {
			t.Errorf("%s: %v, os.ReadFile: %v", p, err, werr)
		}
	}
}
