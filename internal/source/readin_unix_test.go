//go:build unix

package source

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadInNotRegular: a named pipe and a folder in a folder of the
// sources are refused as not regular files (the pipe without waiting for
// a writer), and a file beside them is still read.
func TestReadInNotRegular(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "certs", "folder.pem"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "certs", "pipe.pem"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "certs", "plain.pem"), []byte("plain"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := openFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	for _, name := range []string{"certs/pipe.pem", "certs/folder.pem"} {
		if _, err := src.read(name); err == nil || err.Error() != name+": not a regular file" {
			t.Errorf("%s: %v, want not a regular file", name, err)
		}
	}
	if b, err := src.read("certs/plain.pem"); err != nil || string(b) != "plain" {
		t.Errorf("plain file: %q %v", b, err)
	}
}
