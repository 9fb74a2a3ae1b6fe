package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestDist runs scripts/dist (make dist) on two clones of the committed
// sources in two different folders: every binary, one of them not for
// Linux, must come out byte-for-byte the same, and the native one must
// report the commit and its date as its version.
func TestDist(t *testing.T) {
	if testing.Short() {
		t.Skip("builds jtsl for two platforms, twice")
	}
	root := testtool.Root()
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		testtool.Skip(t, "no git checkout at "+root)
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		testtool.Skip(t, "no go command on PATH")
	}
	head := git(root, "rev-parse", "HEAD")
	native := runtime.GOOS + "/" + runtime.GOARCH
	other := "darwin/arm64"
	if runtime.GOOS == "darwin" {
		other = "linux/amd64"
	}
	var sums [2][]byte
	var dist string
	for i, name := range []string{"a", "clone-b"} {
		src := filepath.Join(t.TempDir(), name)
		git(root, "clone", "--quiet", root, src)
		git(src, "checkout", "--quiet", head)
		dist = filepath.Join(src, "dist")
		cmd := exec.Command(filepath.Join(src, "scripts", "dist"), "--out", dist, native, other)
		cmd.Env = append(os.Environ(), "GO="+goBin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("scripts/dist in %s: %v\n%s", src, err, out)
		}
		b, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
		if err != nil {
			t.Fatal(err)
		}
		sums[i] = b
	}
	if !bytes.Equal(sums[0], sums[1]) {
		t.Errorf("two builds of %s differ:\n%s\n%s", head, sums[0], sums[1])
	}
	for _, target := range []string{native, other} {
		name := "jtsl-" + strings.ReplaceAll(target, "/", "-")
		if !bytes.Contains(sums[0], []byte("  "+name+"\n")) {
			t.Errorf("SHA256SUMS lacks %s:\n%s", name, sums[0])
		}
	}

	out, err := exec.Command(filepath.Join(dist, "jtsl-"+runtime.GOOS+"-"+runtime.GOARCH), "version").Output()
	if err != nil {
		t.Fatalf("jtsl version: %v", err)
	}
	date, err := time.Parse(time.RFC3339, git(root, "show", "-s", "--format=%cI", head))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"jtsl v", "commit: " + head + "\n", "built:  " + date.UTC().Format(time.RFC3339)} {
		if !strings.Contains(string(out), want) {
			t.Errorf("jtsl version lacks %q:\n%s", want, out)
		}
	}
}
