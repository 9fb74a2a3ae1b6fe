package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/verify"
)

// TestKillAtRandomPoints kills jtsl build with SIGKILL at random moments
// until 50 builds have been killed, with new content each time: out/ must always hold one complete,
// verifying release — the previous one or the new one, never a mix.
// The second run uses a jtsl built without the folder exchange (the
// two-rename fallback of Windows and of file systems without it): there
// a kill between the renames may leave out/ absent, the previous release
// aside, which the next build puts back; no release is ever lost.
func TestKillAtRandomPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	t.Run("exchange", func(t *testing.T) { killAtRandomPoints(t, jtslBinary(t), false) })
	t.Run("two renames", func(t *testing.T) { killAtRandomPoints(t, jtslBinaryNoExchange(t), true) })
}

func killAtRandomPoints(t *testing.T, bin string, fallback bool) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copyTree(t, filepath.Join(testtool.Root(), "sources"), src)
	out := filepath.Join(dir, "out")
	env := append(os.Environ(), "JTSL_DEVKEY_DIR="+filepath.Join(dir, "devkey"))
	// A first complete release, so that the development key exists.
	first := exec.Command(bin, "build", "--sources", src, "--out", out, "--dev-key")
	first.Env = append(env, "SOURCE_DATE_EPOCH=1782864000")
	if msg, err := first.CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, msg)
	}
	// Kill points spread over the length of a build (measured on a rebuild,
	// which also writes: --reissue).
	re := exec.Command(bin, "build", "--sources", src, "--out", out, "--reissue", "--dev-key")
	re.Env = append(env, "SOURCE_DATE_EPOCH=1782864001")
	start := time.Now()
	if msg, err := re.CombinedOutput(); err != nil {
		t.Fatalf("second build: %v\n%s", err, msg)
	}
	span := int(time.Since(start).Microseconds())
	rng := rand.New(rand.NewSource(1))
	amano := filepath.Join(src, "tsps", "amano.yaml")
	orig, _ := os.ReadFile(amano)
	killed, finished, aside, seq, i := 0, 0, 0, 0, 1
	for ; killed < 50 && i <= 400; i++ {
		os.WriteFile(amano, bytes.Replace(orig, []byte("Amano Time Stamp Service 3161"), []byte(fmt.Sprintf("Amano Time Stamp Service 3161 #%d", i)), 1), 0o644)
		cmd := exec.Command(bin, "build", "--sources", src, "--out", out, "--dev-key")
		cmd.Env = append(env, fmt.Sprintf("SOURCE_DATE_EPOCH=%d", 1782864000+i*3600))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Intn(span)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err != nil && strings.Contains(err.Error(), "killed") {
			killed++
		} else if err == nil {
			finished++
		}
		live := out
		if _, err := os.Stat(out); fallback && os.IsNotExist(err) {
			live = filepath.Join(dir, ".jtsl-previous-out") // put back by the next build
			aside++
		}
		// Never an older release than one seen before: none is lost.
		if n := checkRelease(t, i, live, time.Unix(1782864000+60*3600, 0)); n < seq {
			t.Fatalf("round %d: release %d live after release %d", i, n, seq)
		} else {
			seq = n
		}
	}
	// Whatever the last kill left, the next build starts from it.
	final := exec.Command(bin, "build", "--sources", src, "--out", out, "--reissue", "--dev-key")
	final.Env = append(env, fmt.Sprintf("SOURCE_DATE_EPOCH=%d", 1782864000+i*3600))
	if msg, err := final.CombinedOutput(); err != nil {
		t.Fatalf("build after the last kill: %v\n%s", err, msg)
	}
	if n := checkRelease(t, i, out, time.Unix(int64(1782864000+i*3600+3600), 0)); n != seq+1 {
		t.Errorf("build after the last kill: release %d, want %d", n, seq+1)
	}
	t.Logf("%d builds killed, %d finished, %d times the previous release was aside (build takes %v)", killed, finished, aside, time.Duration(span)*time.Microsecond)
	if killed < 50 {
		t.Errorf("only %d builds were killed", killed)
	}
}

// checkRelease: every file of the manifest is there with its hash, no
// other file is, .sha2 matches, and the list verifies pinned to tlso.pem.
// It returns the release's sequence number.
func checkRelease(t *testing.T, i int, out string, at time.Time) int {
	t.Helper()
	mb, err := os.ReadFile(filepath.Join(out, release.FileManifest))
	if err != nil {
		t.Fatalf("round %d: no manifest: %v", i, err)
	}
	var m release.Manifest
	if err := json.Unmarshal(mb, &m); err != nil {
		t.Fatalf("round %d: manifest: %v", i, err)
	}
	listed := map[string]bool{release.FileManifest: true}
	for _, f := range m.Files {
		listed[f.Name] = true
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Name)))
		sum := sha256.Sum256(b)
		if err != nil || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Fatalf("round %d: %s missing or not the release's (mixed release)", i, f.Name)
		}
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			if !listed[filepath.ToSlash(rel)] {
				t.Fatalf("round %d: %s is not part of the release", i, rel)
			}
		}
		return nil
	})
	xml, _ := os.ReadFile(filepath.Join(out, release.FileXML))
	sha, _ := os.ReadFile(filepath.Join(out, release.FileSHA2))
	sum := sha256.Sum256(xml)
	if string(sha) != hex.EncodeToString(sum[:]) {
		t.Fatalf("round %d: .sha2 does not match the list", i)
	}
	pins, err := readCerts([]string{filepath.Join(out, release.FileSigner)})
	if err != nil {
		t.Fatal(err)
	}
	r := verify.Check(xml, verify.Options{File: "out", At: at, Pin: pins})
	if !r.Valid {
		t.Fatalf("round %d: out/ does not verify:\n%s", i, r.Text())
	}
	return m.Sequence
}

func copyTree(t *testing.T, src, dst string) { testtool.CopyDir(t, src, dst) }
