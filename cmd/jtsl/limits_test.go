package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// jtslBinary builds the command once per test binary.
func jtslBinary(t *testing.T) string {
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jtsl-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "jtsl")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = err
			t.Log(string(out))
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// TestHugeAndDeepInputsRefused: jtsl verify refuses a 1 GB document and a
// 100 000-deep one quickly and in little memory (peak RSS of the process).
func TestHugeAndDeepInputsRefused(t *testing.T) {
	bin := jtslBinary(t)
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.xml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("<a>")
	f.Truncate(1 << 30) // sparse: 1 GB without using the disk
	f.Close()
	deep := filepath.Join(dir, "deep.xml")
	os.WriteFile(deep, []byte(strings.Repeat("<a>", 100000)+strings.Repeat("</a>", 100000)), 0o644)

	for _, tt := range []struct{ file, want string }{
		{huge, "more than the limit"},
		{deep, "nested deeper"},
	} {
		start := time.Now()
		cmd := exec.Command(bin, "verify", tt.file)
		out, _ := cmd.CombinedOutput()
		took := time.Since(start)
		if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s: exit %d, %s", filepath.Base(tt.file), cmd.ProcessState.ExitCode(), out)
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		t.Logf("%s refused in %v, peak RSS %d KiB", filepath.Base(tt.file), took, rss)
		if took > 2*time.Second || rss > 100*1024 {
			t.Errorf("%s: %v, %d KiB: want < 2 s and < 100 MB", filepath.Base(tt.file), took, rss)
		}
	}
}
