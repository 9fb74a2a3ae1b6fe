package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFolderRead reads files of every size around the limit through the
// sources folder's root, follows a link that stays inside, and refuses a
// file or a folder reached through a link that leads outside, a folder
// and a missing file, naming the file. Files in a folder are read through
// that folder's own root, opened once; a link leaving that folder but not
// the sources folder is still followed.
func TestFolderRead(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "src")
	outside := filepath.Join(parent, "outside")
	for _, d := range []string{filepath.Join(dir, "certs"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	src, err := openFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	for _, n := range []int{0, 1, 4096, maxFileBytes - 1, maxFileBytes, maxFileBytes + 1} {
		data := bytes.Repeat([]byte{'x'}, n)
		if err := os.WriteFile(filepath.Join(dir, "f"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := src.read("f")
		if n > maxFileBytes {
			if err == nil || !strings.Contains(err.Error(), "more than the limit") {
				t.Errorf("%d bytes: %v, want the limit named", n, err)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes: got %d bytes, %v", n, len(got), err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("inside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.pem"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"certs/inside.pem":  filepath.Join("..", "f"),
		"certs/outside.pem": filepath.Join(outside, "secret.pem"),
		"certs/sub":         outside, // a folder on the way
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "certs", "plain.pem"), []byte("plain"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second through the root of certs/ kept from the first
		if b, err := src.read("certs/plain.pem"); err != nil || string(b) != "plain" {
			t.Errorf("file in a folder: %q %v", b, err)
		}
		if b, err := src.read("certs/inside.pem"); err != nil || string(b) != "inside" {
			t.Errorf("link inside the folder: %v", err)
		}
	}
	for _, name := range []string{"certs/outside.pem", "certs/sub/secret.pem"} {
		if b, err := src.read(name); err == nil || !strings.Contains(err.Error(), "resolves outside the sources folder") {
			t.Errorf("%s: %q %v, want refused", name, b, err)
		}
	}
	for _, name := range []string{"certs", "missing.pem", "certs/missing.pem"} {
		if _, err := src.read(name); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want an error naming it", name, err)
		}
	}
}

// TestReadFileRefuses holds readFile, which reads a source file in a
// folder without a stat through the root (readRegular), to what the
// stat said: a link, even one inside the sources folder, a folder and
// a file over the limit are refused, named, and a plain file is read.
func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	tsps := filepath.Join(dir, "tsps")
	if err := os.MkdirAll(filepath.Join(tsps, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(tsps, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("plain.yaml", []byte("a: 1\n"))
	write("big.yaml", bytes.Repeat([]byte{'#'}, maxFileBytes+1))
	src, err := openFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	links := true
	if err := os.Symlink("plain.yaml", filepath.Join(tsps, "link.yaml")); err != nil {
		links = false
	}
	for range 2 { // the second through the folder kept from the first
		if f, d := readFile(src, "tsps/plain.yaml"); d.HasErrors() || f.root == nil {
			t.Errorf("plain file: %v", d)
		}
	}
	cases := map[string]string{
		"tsps/big.yaml":    "more than the limit",
		"tsps/folder":      "not a regular file",
		"tsps/missing.yam": "missing.yam",
	}
	if links {
		cases["tsps/link.yaml"] = "symbolic links are not followed"
	}
	for name, want := range cases {
		_, d := readFile(src, name)
		if !d.HasErrors() || !strings.Contains(d.Error(), want) || d[0].Pos.File != name {
			t.Errorf("%s: %v, want an error at the file saying %q", name, d, want)
		}
	}
}
