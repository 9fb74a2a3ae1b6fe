package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestBuildLeavesTreeClean (issue 24, item 9): a supervisory body keeps
// its sources in git. In a fresh repository holding the sources and this
// project's .gitignore, the build of `make run` (and a second one, which
// finds the release in place) leaves nothing that git does not ignore:
// no lock file beside out/.
func TestBuildLeavesTreeClean(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		testtool.Skip(t, "git not installed")
	}
	repo := t.TempDir()
	if err := os.CopyFS(filepath.Join(repo, "sources"), os.DirFS(filepath.Join(testtool.Root(), "sources"))); err != nil {
		t.Fatal(err)
	}
	ignore, err := os.ReadFile(filepath.Join(testtool.Root(), ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, ".gitignore"), ignore, 0o644); err != nil {
		t.Fatal(err)
	}
	runGit := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	runGit("init", "-q")
	runGit("add", "-A")
	runGit("commit", "-q", "-m", "sources")
	t.Chdir(repo)
	t.Setenv("JTSL_DEVKEY_DIR", "") // the default, .devkey, as make run has it
	for i := range 2 {
		if code, out := jtsl(t, "build", "--sources", "sources", "--out", "out", "--dev-key"); code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i+1, code, out)
		}
		if st := runGit("status", "--porcelain", "--untracked-files=all"); st != "" {
			t.Errorf("after build %d, git status shows:\n%s", i+1, st)
		}
	}
}
