package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/validate")

// The validate fixture: sources with two errors (one with a related
// position) and two warnings, and the lint package's clean sources.
var (
	validateData = filepath.Join("testdata", "validate")
	badSources   = filepath.Join(validateData, "sources")
	cleanSources = filepath.Join(testtool.Root(), "internal", "lint", "testdata", "base")
)

const validateAt = "2026-07-01T00:00:00Z"

// TestValidate pins the output and exit codes of jtsl validate: the JSON
// and text forms against golden files, 0 for clean sources, 1 for errors
// (schema errors included), 2 for usage errors.
func TestValidate(t *testing.T) {
	schemaBroken := t.TempDir()
	testtool.CopyDir(t, cleanSources, schemaBroken)
	p := filepath.Join(schemaBroken, "tsps", "seiko-solutions.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte("information_uri:"), []byte("informaton_uri:"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		golden string // file in testdata/validate that stdout must equal
		stdout string // or text stdout must hold
		stderr string // text stderr must hold
	}{
		{"json", []string{"--sources", badSources, "--format", "json", "--issue-time", validateAt}, exitInvalid, "sources.json.golden", "", ""},
		{"text", []string{"--sources", badSources, "--issue-time", validateAt}, exitInvalid, "sources.txt.golden", "", "2 error(s), 2 warning(s)"},
		{"clean", []string{"--sources", cleanSources, "--issue-time", validateAt}, exitOK, "", "", "0 error(s), 0 warning(s)"},
		{"the sample", []string{"--sources", filepath.Join(testtool.Root(), "sources"), "--issue-time", validateAt}, exitOK, "", "", "0 error(s), 0 warning(s)"},
		{"clean, json", []string{"--sources", cleanSources, "--format", "json", "--issue-time", validateAt}, exitOK, "", `"diagnostics": []`, ""},
		{"schema error", []string{"--sources", schemaBroken, "--issue-time", validateAt}, exitInvalid, "", `tsps/seiko-solutions.yaml:16:3: error schema: informaton_uri: unknown key "informaton_uri"`, "2 error(s), 0 warning(s)"},
		{"no sources", []string{"--sources", filepath.Join(t.TempDir(), "none")}, exitInvalid, "", "", "not found"},
		{"explain", []string{"--explain", "jtsl016"}, exitOK, "", "JTSL016: TSP trade name lacks a registration identifier (error, since 0.1)", ""},
		{"explain unknown", []string{"--explain", "JTSL999"}, exitUsage, "", "", `no rule "JTSL999"`},
		{"bad format", []string{"--sources", cleanSources, "--format", "xml"}, exitUsage, "", "", "--format must be text or json"},
		{"bad issue time", []string{"--sources", cleanSources, "--issue-time", "2026-07-01"}, exitUsage, "", "", "not an RFC 3339 time"},
		{"argument", []string{cleanSources}, exitUsage, "", "", "validate takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"jtsl", "validate"}, tt.args...), &out, &errb)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out.String(), errb.String())
			}
			if tt.golden != "" {
				golden(t, filepath.Join(validateData, tt.golden), out.Bytes())
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out.String())
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errb.String())
			}
		})
	}
}

// TestValidateJSONShape decodes the JSON output into the documented shape
// (docs/rules.md), field by field, so that a renamed field fails here and
// not in someone's CI.
func TestValidateJSONShape(t *testing.T) {
	var out, errb bytes.Buffer
	run([]string{"jtsl", "validate", "--sources", badSources, "--format", "json", "--issue-time", validateAt}, &out, &errb)
	var rep struct {
		Version     int
		Sources     string
		Diagnostics []struct {
			Rule, Severity, Path, Message string
			Pos                           struct {
				File      string
				Line, Col int
			}
			Fix     *struct{ Message, Value string }
			Related []struct {
				Pos struct {
					File      string
					Line, Col int
				}
				Message string
			}
		}
		Summary struct{ Errors, Warnings int }
	}
	dec := json.NewDecoder(&out)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatal(err)
	}
	if rep.Version != 1 || rep.Sources != badSources || rep.Summary.Errors != 2 || rep.Summary.Warnings != 2 || len(rep.Diagnostics) != 4 {
		t.Fatalf("report %+v", rep)
	}
	related := 0
	for _, d := range rep.Diagnostics {
		if d.Rule == "" || d.Severity == "" || d.Path == "" || d.Message == "" || d.Pos.File == "" || d.Pos.Line == 0 || d.Pos.Col == 0 || d.Fix == nil || d.Fix.Message == "" {
			t.Errorf("incomplete diagnostic %+v", d)
		}
		related += len(d.Related)
	}
	if related != 1 {
		t.Errorf("%d related positions, want 1 (the duplicate TSP's first file)", related)
	}
}

// TestValidateSourceDateEpoch checks that the issue time comes from
// SOURCE_DATE_EPOCH when --issue-time is not given: in 2035 every
// certificate of the clean sources has expired (JTSL013).
func TestValidateSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "2051222400") // 2035-01-01T00:00:00Z
	var out, errb bytes.Buffer
	if code := run([]string{"jtsl", "validate", "--sources", cleanSources}, &out, &errb); code != exitInvalid {
		t.Fatalf("exit %d, want %d: %s", code, exitInvalid, errb.String())
	}
	if n := strings.Count(out.String(), "error JTSL013"); n != 2 {
		t.Errorf("%d JTSL013 errors, want 2:\n%s", n, out.String())
	}
}

// golden compares got with a golden file, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	testtool.Golden(t, path, got, *update)
}
