package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/jtsl/jtsl/internal/testtool"
)

// The fixture pair and golden reports of internal/diff: the command must
// print exactly what the library renders.
var (
	diffData = filepath.Join(testtool.Root(), "internal", "diff", "testdata")
	oldXML   = filepath.Join(diffData, "old.xml")
	newXML   = filepath.Join(diffData, "new.xml")
)

// TestDiff pins output and exit codes of jtsl diff: 0 whether or not
// anything changed, 1 for input that cannot be read or decoded, 2 for
// usage errors.
func TestDiff(t *testing.T) {
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "scheme.yaml"), []byte("territory: [JP\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sources := filepath.Join(testtool.Root(), "sources")
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // file in diffData that stdout must equal
		stdout string // or text stdout must hold
		stderr string // text stderr must hold
	}{
		{"markdown", []string{oldXML, newXML}, exitOK, "pair.md.golden", "", ""},
		{"json", []string{oldXML, newXML, "--format", "json"}, exitOK, "pair.json.golden", "", ""},
		{"json before the arguments", []string{"--format=json", oldXML, newXML}, exitOK, "pair.json.golden", "", ""},
		{"no change", []string{oldXML, oldXML}, exitOK, "", "No change.", ""},
		{"no change, json", []string{oldXML, oldXML, "--format", "json"}, exitOK, "", `"tsps": []`, ""},
		{"sources folder", []string{sources, sources}, exitOK, "", "No change.", ""},
		{"list against sources", []string{oldXML, sources}, exitOK, "", "sequence 7 → sources", ""},
		{"missing file", []string{oldXML, "testdata/diff/missing.xml"}, exitInvalid, "", "", "no such file"},
		{"not a trusted list", []string{"testdata/diff/not-a-list.xml", newXML}, exitInvalid, "", "", "not-a-list.xml does not decode as a trusted list"},
		{"broken sources", []string{broken, newXML}, exitInvalid, "", "", "scheme.yaml:1"},
		{"one argument", []string{oldXML}, exitUsage, "", "", "diff takes OLD and NEW"},
		{"bad format", []string{oldXML, newXML, "--format", "text"}, exitUsage, "", "", "--format must be markdown or json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"jtsl", "diff"}, tt.args...), &out, &errb)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstderr: %s", code, tt.code, errb.String())
			}
			if tt.golden != "" {
				want, err := os.ReadFile(filepath.Join(diffData, tt.golden))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(out.Bytes(), want) {
					t.Errorf("stdout differs from %s:\n%s", tt.golden, out.String())
				}
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out.String())
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errb.String())
			}
			if tt.code == exitOK && errb.Len() > 0 {
				t.Errorf("stderr on success: %s", errb.String())
			}
		})
	}
}

// TestDiffScripts runs the scenarios in testdata/diff (build, then diff
// the release against its sources and against an edit of them).
func TestDiffScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "diff"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("ROOT", testtool.Root())
			env.Setenv("JTSL_DEVKEY_DIR", filepath.Join(env.WorkDir, ".devkey"))
			return nil
		},
		Cmds: scriptCmds,
	})
}
