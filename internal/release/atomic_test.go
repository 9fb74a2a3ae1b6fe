package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

// TestReadBack checks the read-back of staged files: the sum of the bytes
// when they are those written, an error when a byte differs or the file is
// shorter or longer, across block boundaries and however the reader splits
// its reads.
func TestReadBack(t *testing.T) {
	big := make([]byte, 3<<20+5)
	for i := range big {
		big[i] = byte(i * 7)
	}
	flip := func(b []byte, i int) []byte {
		c := bytes.Clone(b)
		c[i] ^= 1
		return c
	}
	tests := []struct {
		name       string
		disk, data []byte
		changed    bool
	}{
		{"empty", nil, nil, false},
		{"small", []byte("abc"), []byte("abc"), false},
		{"big", big, big, false},
		{"longer", []byte("abcd"), []byte("abc"), true},
		{"empty written, not on disk", []byte("a"), nil, true},
		{"shorter", []byte("ab"), []byte("abc"), true},
		{"big shorter", big[:len(big)-1], big, true},
		{"big longer", append(bytes.Clone(big), 0), big, true},
		{"first byte", flip(big, 0), big, true},
		{"after a block", flip(big, 1<<20), big, true},
		{"last byte", flip(big, len(big)-1), big, true},
	}
	readers := map[string]func(io.Reader) io.Reader{
		"plain":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
		"data+EOF": iotest.DataErrReader,
	}
	for _, tt := range tests {
		for rname, wrap := range readers {
			if rname == "one byte" && len(tt.disk) > 1<<10 {
				continue
			}
			got, err := readBack(wrap(bytes.NewReader(tt.disk)), tt.data)
			if tt.changed {
				if !errors.Is(err, errChanged) {
					t.Errorf("%s, %s: %v, want %v", tt.name, rname, err, errChanged)
				}
				continue
			}
			sum := sha256.Sum256(tt.data)
			want := fileSum{int64(len(tt.data)), hex.EncodeToString(sum[:])}
			if err != nil || got != want {
				t.Errorf("%s, %s: %v %v, want %v", tt.name, rname, got, err, want)
			}
		}
	}
	// A read error is reported, not taken for the end.
	if _, err := readBack(iotest.TimeoutReader(bytes.NewReader(big)), big); err == nil || errors.Is(err, errChanged) {
		t.Errorf("a failing read: %v", err)
	}
}

// TestWriteChecked writes a file and gets its sum back; a file that
// already exists is not overwritten.
func TestWriteChecked(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sub", "f.xml")
	data := []byte("<x/>")
	got, err := writeChecked(p, data)
	sum := sha256.Sum256(data)
	if err != nil || got != (fileSum{4, hex.EncodeToString(sum[:])}) {
		t.Fatalf("writeChecked: %v %v", got, err)
	}
	if b, _ := os.ReadFile(p); !bytes.Equal(b, data) {
		t.Fatalf("on disk: %q", b)
	}
	if _, err := writeChecked(p, data); err == nil {
		t.Error("writeChecked over an existing file succeeded")
	}
}

// TestStaging: files added to a staging folder go live together with
// finish; a failed file or an abort (a check failing after signing)
// leaves out as it was and no staging folder behind.
func TestStaging(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		abort bool // abort instead of finish
		fails bool // finish fails
	}{
		{"finished", map[string]string{FileXML: "<x/>", FileSHA2: "ab", FileJSON: "{}", FileJWS: "a.b.c", FileSigner: "pem"}, false, false},
		{"aborted", map[string]string{FileXML: "<x/>"}, true, false},
		{"a file fails", map[string]string{FileXML: "<x/>", "bad\x00name": "x"}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, "old.txt"), []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			d, st := openStage(t, out)
			defer d.Close()
			for name, data := range tt.files {
				st.Add(name, []byte(data))
			}
			if tt.abort {
				st.Abort()
			} else {
				err := st.Finish(1, Flags{})
				st.Abort() // as Build defers it
				if (err != nil) != tt.fails {
					t.Fatalf("finish: %v", err)
				}
			}
			entries, _ := os.ReadDir(parent)
			for _, e := range entries {
				if e.Name() != "out" && e.Name() != ".jtsl-lock-out" {
					t.Errorf("left behind: %s", e.Name())
				}
			}
			live := !tt.abort && !tt.fails
			if _, err := os.Stat(filepath.Join(out, "old.txt")); (err == nil) == live {
				t.Errorf("old release still live: %v, want %v", err == nil, !live)
			}
			for name, data := range tt.files {
				got, err := os.ReadFile(filepath.Join(out, name))
				if live && (err != nil || string(got) != data) {
					t.Errorf("%s: %q %v", name, got, err)
				}
				if !live && err == nil {
					t.Errorf("%s went live", name)
				}
			}
		})
	}
}
