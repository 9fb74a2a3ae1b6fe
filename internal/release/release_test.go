package release

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/safefile"
)

// publishRelease puts release seq live in out, its files saying seq.
func publishRelease(t *testing.T, out string, seq int) {
	t.Helper()
	d, st := openStage(t, out)
	defer d.Close()
	defer st.Abort()
	addAll(st, seq)
	if err := st.Finish(seq, Flags{}); err != nil {
		t.Fatal(err)
	}
}

// openStage opens out and starts a staging folder in it; the caller
// closes both.
func openStage(t *testing.T, out string) (*Dir, *Staging) {
	t.Helper()
	d, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	st, err := d.Stage()
	if err != nil {
		d.Close()
		t.Fatal(err)
	}
	return d, st
}

// addAll adds the files of release seq to st.
func addAll(st *Staging, seq int) {
	for _, name := range append(HistoryFiles, FileHTML) {
		st.Add(name, fmt.Appendf(nil, "%s of release %d", name, seq))
	}
}

// snapshot returns every file under dir, by slash-separated name.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// noExchange makes swap take the two-rename fallback for one test.
func noExchange(t *testing.T) {
	exchange = func(a, b string) error { return safefile.ErrNoExchange }
	t.Cleanup(func() { exchange = safefile.Exchange })
}

// TestLock: while one build holds out, a second fails at once with a
// message saying what to do, and the first build's staging folder stays
// (before the lock, the second build's clean-up deleted it).
func TestLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	publishRelease(t, out, 1)
	d, st := openStage(t, out)
	addAll(st, 2)
	if _, err := st.wait(); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	_, err := Open(out)
	if err == nil || !strings.Contains(err.Error(), "another jtsl build is publishing into it") || !strings.Contains(err.Error(), "wait for it to finish") {
		t.Fatalf("second Open: %v", err)
	}
	if _, err := os.Stat(filepath.Join(st.dir, FileXML)); err != nil {
		t.Errorf("the first build's staging folder was touched: %v", err)
	}
	if !sameFiles(before, snapshot(t, out)) {
		t.Error("out changed")
	}
	if err := st.Finish(2, Flags{}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	publishRelease(t, out, 3) // free again
}

// TestFallbackSwap: without a folder exchange, a release goes live by two
// renames and the previous one is gone only once the new one is live.
func TestFallbackSwap(t *testing.T) {
	noExchange(t)
	out := filepath.Join(t.TempDir(), "out")
	publishRelease(t, out, 1)
	publishRelease(t, out, 2)
	got := snapshot(t, out)
	if got[FileXML] != "JP-TSL.xml of release 2" || got["history/1/"+FileXML] != "JP-TSL.xml of release 1" {
		t.Errorf("after two releases: %v", got)
	}
	if _, err := os.Lstat(previousName(out)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the previous release was left aside: %v", err)
	}
}

// TestFallbackFailures: when the new release cannot be renamed in, the
// previous one is put back and the error says it is still live; when it
// cannot be put back either, the error says where it is and what to do.
// Nothing is deleted.
func TestFallbackFailures(t *testing.T) {
	noExchange(t)
	for _, rollbackFails := range []bool{false, true} {
		t.Run(fmt.Sprint("rollback fails ", rollbackFails), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			publishRelease(t, out, 1)
			before := snapshot(t, out)
			n := 0
			rename = func(a, b string) error {
				n++
				if n == 2 || (rollbackFails && n == 3) {
					return fmt.Errorf("rename %d refused", n)
				}
				return os.Rename(a, b)
			}
			defer func() { rename = os.Rename }()
			d, st := openStage(t, out)
			addAll(st, 2)
			err := st.Finish(2, Flags{})
			st.Abort()
			d.Close()
			rename = os.Rename
			if !rollbackFails {
				if err == nil || !strings.Contains(err.Error(), "rename 2 refused") || !strings.Contains(err.Error(), "still live") {
					t.Fatalf("Finish: %v", err)
				}
				if !sameFiles(before, snapshot(t, out)) {
					t.Error("the previous release is not live as it was")
				}
				return
			}
			prev := previousName(out)
			if err == nil || !strings.Contains(err.Error(), "rename 3 refused") || !strings.Contains(err.Error(), prev) || !strings.Contains(err.Error(), "rename it to") {
				t.Fatalf("Finish: %v", err)
			}
			if !sameFiles(before, snapshot(t, prev)) {
				t.Fatal("the previous release is not kept aside as it was")
			}
			// The next build puts it back.
			d, err = Open(out)
			if err != nil {
				t.Fatal(err)
			}
			d.Close()
			if len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "put back") {
				t.Errorf("notes: %v", d.Notes)
			}
			if !sameFiles(before, snapshot(t, out)) {
				t.Error("the previous release was not put back as it was")
			}
		})
	}
}

// TestRecover: what a crash of the fallback leaves is repaired without
// deleting a release, or refused.
func TestRecover(t *testing.T) {
	t.Run("between the renames", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		publishRelease(t, out, 1)
		before := snapshot(t, out)
		if err := os.Rename(out, previousName(out)); err != nil {
			t.Fatal(err)
		}
		publishRelease(t, out, 2) // the next build
		got := snapshot(t, out)
		if got["history/1/"+FileXML] != before[FileXML] || got[FileXML] != "JP-TSL.xml of release 2" {
			t.Errorf("release 1 was not put back before release 2: %v", got)
		}
	})
	t.Run("after the renames", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		publishRelease(t, out, 1)
		keep := filepath.Join(t.TempDir(), "copy")
		if err := os.CopyFS(keep, os.DirFS(out)); err != nil {
			t.Fatal(err)
		}
		publishRelease(t, out, 2)
		if err := os.Rename(keep, previousName(out)); err != nil {
			t.Fatal(err)
		}
		d, err := Open(out) // release 1 is in release 2's history: removed
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
		if _, err := os.Lstat(previousName(out)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the copy aside is still there: %v", err)
		}
	})
	t.Run("not in the history", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		publishRelease(t, out, 1)
		other := filepath.Join(t.TempDir(), "other")
		publishRelease(t, other, 1)
		if err := os.WriteFile(filepath.Join(other, FileHTML), []byte("changed"), 0o644); err != nil {
			t.Fatal(err)
		}
		edit := snapshot(t, other)
		if err := os.Rename(other, previousName(out)); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, out)
		_, err := Open(out)
		if err == nil || !strings.Contains(err.Error(), "both exist") || !strings.Contains(err.Error(), "move the other away") {
			t.Fatalf("Open: %v", err)
		}
		if !sameFiles(before, snapshot(t, out)) || !sameFiles(edit, snapshot(t, previousName(out))) {
			t.Error("a release was changed")
		}
	})
}

// TestHistoryDamage: a history file changed, removed or added after it
// was published stops the next build before anything is written, naming
// the file and what to do; CheckHistory (jtsl status) lists the same.
func TestHistoryDamage(t *testing.T) {
	tests := []struct {
		name, file, want string
		damage           func(p string) error
	}{
		{"changed", "history/1/JP-TSL.xml", "its SHA-256 differs", func(p string) error {
			// A new file in place of the hard link: the live list stays.
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.WriteFile(p, []byte("JP-TSL.xml of release 0"), 0o644)
		}},
		{"removed", "history/1/JP-TSL.sha2", "missing", os.Remove},
		{"added", "history/1/extra.txt", "not listed in manifest.json", func(p string) error { return os.WriteFile(p, []byte("x"), 0o644) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			publishRelease(t, out, 1)
			publishRelease(t, out, 2)
			if err := tt.damage(filepath.Join(out, filepath.FromSlash(tt.file))); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			_, err := Open(out)
			if err == nil || !strings.Contains(err.Error(), tt.file+": "+tt.want) || !strings.Contains(err.Error(), "restore these files") {
				t.Fatalf("Open: %v", err)
			}
			if !sameFiles(before, snapshot(t, out)) {
				t.Error("out changed")
			}
			m, err := ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if probs := CheckHistory(out, m); len(probs) != 1 || !strings.HasPrefix(probs[0], tt.file) {
				t.Errorf("CheckHistory: %v", probs)
			}
		})
	}
}

// TestContentType: a list of trusted entities' XML binding, live or in
// history, is served as application/xml, not as a TS 119 612 list.
func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		FileXML:                                "application/vnd.etsi.tsl+xml",
		FileMRAPointer:                         "application/xml",
		DirLoTE + "/JP-PID-providers.xml":      "application/xml",
		"history/3/lote/JP-PID-providers.xml":  "application/xml",
		DirLoTE + "/JP-PID-providers.json.jws": "application/jose",
		DirLoTE + "/JP-PID-providers.xml.sha2": "text/plain; charset=us-ascii",
	} {
		if got := ContentType(name); got != want {
			t.Errorf("ContentType(%s) = %s, want %s", name, got, want)
		}
	}
}

// TestStagingSHA256: the digest of a staged file is the SHA-256 of the
// bytes added, the one the manifest lists; a file never added is an error.
func TestStagingSHA256(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	d, st := openStage(t, out)
	defer d.Close()
	defer st.Abort()
	addAll(st, 1)
	got, err := st.SHA256(FileXML)
	if err != nil {
		t.Fatal(err)
	}
	if want := SHA2(fmt.Appendf(nil, "%s of release %d", FileXML, 1)); got != want {
		t.Errorf("SHA256(%s) = %s, want %s", FileXML, got, want)
	}
	if _, err := st.SHA256("nowhere.txt"); err == nil {
		t.Error("SHA256 of a file never added: no error")
	}
	if err := st.Finish(1, Flags{}); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := m.File(FileXML); f.SHA256 != got {
		t.Errorf("manifest lists %s, SHA256 returned %s", f.SHA256, got)
	}
}
