package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestCIExampleNeedsARealKey runs the build step of examples/ci as a job
// runs it when the HSM variables are unset: it must fail, naming the empty
// flag, and leave the published out/ as it was; it can never publish a
// list signed with the development key.
func TestCIExampleNeedsARealKey(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testtool.Root(), "examples", "ci", "github-actions.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatal(err)
	}
	var script string
	for _, s := range wf.Jobs["publish"].Steps {
		if strings.Contains(s.Run, "bin/jtsl build") {
			script = s.Run
		}
	}
	if script == "" {
		t.Fatal("no jtsl build step in the publish job")
	}
	// The command: its continued lines joined, from bin/jtsl on; unset
	// variables (${{ vars.X }}, $flags) expand to nothing.
	cmd := strings.ReplaceAll(script, "\\\n", " ")
	cmd = cmd[strings.Index(cmd, "bin/jtsl build"):]
	cmd = cmd[:strings.IndexByte(cmd+"\n", '\n')]
	cmd = regexp.MustCompile(`\$\{\{[^}]*\}\}`).ReplaceAllString(cmd, "")
	cmd = strings.ReplaceAll(cmd, "$flags", "")
	args := shellWords(t, cmd)
	args[0] = "jtsl"
	if !strings.Contains(strings.Join(args, " "), "--pkcs11") {
		t.Fatalf("the build step gives no --pkcs11: %q", args)
	}

	dir := t.TempDir()
	testtool.CopyDir(t, filepath.Join(testtool.Root(), "sources"), filepath.Join(dir, "sources"))
	t.Chdir(dir)
	t.Setenv("JTSL_DEVKEY_DIR", filepath.Join(dir, ".devkey"))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"jtsl", "build", "--sources", "sources", "--out", "out", "--issue-time", "2026-07-01T00:00:00Z", "--dev-key"}, &stdout, &stderr); code != 0 {
		t.Fatalf("first release: exit %d\n%s", code, stderr.String())
	}
	before := dumpTree(t, "out")
	stderr.Reset()
	code := run(args, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "--pkcs11 was given an empty value (an unset variable?): give its value, or leave the flag out") {
		t.Errorf("%q: exit %d, stderr:\n%s\nwant exit %d naming --pkcs11", args, code, stderr.String(), exitUsage)
	}
	if strings.Contains(stderr.String(), "DEVELOPMENT KEY") {
		t.Error("the CI build step signed with the development key")
	}
	if after := dumpTree(t, "out"); after != before {
		t.Error("out/ changed")
	}
}

// shellWords splits a command line as a POSIX shell would for the simple
// quoting of the CI example (single and double quotes, no escapes).
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var out []string
	var w strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			w.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				out = append(out, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if quote != 0 {
		t.Fatalf("unbalanced quote in %q", s)
	}
	if in {
		out = append(out, w.String())
	}
	return out
}

// dumpTree returns every file under dir with its bytes.
func dumpTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b.WriteString(p + "\n")
		if !e.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			b.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
