package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestCompletionBash sources the bash script and asks it what completes
// a few command lines, as bash would.
func TestCompletionBash(t *testing.T) {
	script := completionScript(t, "bash")
	tests := []struct {
		line string // words typed so far; the last is being completed
		want string // COMPREPLY, space-separated
	}{
		{"jtsl bu", "build"},
		{"jtsl keys ", "new check"},
		{"jtsl keys new --e", "--ec"},
		{"jtsl --sources x build --pre", "--prepare --previous"},
		{"jtsl --sources x build --prev", "--previous"},
		{"jtsl pub", "publish"},
		{"jtsl verify --cert a.pem --for", "--format"},
		{"jtsl completion ", ""},
		{"jtsl version --", "--help"},
	}
	for _, tt := range tests {
		words := strings.Split(tt.line, " ")
		var q []string
		for _, w := range words {
			q = append(q, "'"+w+"'")
		}
		prog := "source " + script + "\nCOMP_WORDS=(" + strings.Join(q, " ") + ")\nCOMP_CWORD=" +
			strconv.Itoa(len(words)-1) + "\n_jtsl\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tt.line, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("%q completes to %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestCompletionShells checks that each script is valid in its shell and
// registers the jtsl completion.
func TestCompletionShells(t *testing.T) {
	for _, tt := range []struct{ shell, check, want string }{
		{"bash", "source %s && complete -p jtsl", "-F _jtsl jtsl"},
		{"zsh", "autoload -U compinit && compinit -u -D && source %s && print -r -- ${_comps[jtsl]}", "_jtsl"},
		{"fish", "source %s; and complete -C 'jtsl keys n'; and complete -C 'jtsl keys new --se'", "new\n--self-signed"},
	} {
		if _, err := exec.LookPath(tt.shell); err != nil {
			testtool.Skip(t, tt.shell+" not installed (make prereqs installs it)")
		}
		script := completionScript(t, tt.shell)
		cmd := exec.Command(tt.shell, "-c", strings.ReplaceAll(tt.check, "%s", script))
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("%s: %v, output lacks %q:\n%s", tt.shell, err, tt.want, out)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"jtsl", "completion", "tcsh"}, &out, &errb); code != exitUsage || !strings.Contains(errb.String(), "bash, zsh or fish") {
		t.Errorf("completion tcsh: exit %d, %q", code, errb.String())
	}
}

func completionScript(t *testing.T, shell string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run([]string{"jtsl", "completion", shell}, &out, &errb); code != 0 {
		t.Fatalf("completion %s: exit %d: %s", shell, code, errb.String())
	}
	p := filepath.Join(t.TempDir(), "jtsl."+shell)
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
