package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// A builtBinary is jtsl built once per test binary with some build tags.
type builtBinary struct {
	once sync.Once
	path string
	err  error
}

var plainBinary, noExchangeBinary builtBinary

// jtslBinary builds the command once per test binary.
func jtslBinary(t *testing.T) string { return plainBinary.get(t) }

// jtslBinaryNoExchange builds the command without the folder exchange
// (build tag jtsl_noexchange): releases go live by two renames.
func jtslBinaryNoExchange(t *testing.T) string {
	return noExchangeBinary.get(t, "-tags", "jtsl_noexchange")
}

func (b *builtBinary) get(t *testing.T, flags ...string) string {
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "jtsl-bin-")
		if err != nil {
			b.err = err
			return
		}
		b.path = filepath.Join(dir, "jtsl")
		args := append(append([]string{"build"}, flags...), "-o", b.path, ".")
		if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// TestHugeAndDeepInputsRefused: jtsl verify refuses a 1 GB document and a
// 100 000-deep one in little memory (peak RSS of the process: a size, not
// a time, so that a loaded machine does not fail it).
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
		cmd := exec.Command(bin, "verify", tt.file)
		out, _ := cmd.CombinedOutput()
		if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s: exit %d, %s", filepath.Base(tt.file), cmd.ProcessState.ExitCode(), out)
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		t.Logf("%s refused, peak RSS %d KiB", filepath.Base(tt.file), rss)
		if rss > 100*1024 {
			t.Errorf("%s: %d KiB: want < 100 MB", filepath.Base(tt.file), rss)
		}
	}
}
