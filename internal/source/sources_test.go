package source

import (
	"bytes"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/testtool"
)

// baseSources copies the lint cases' base, a small sources folder without
// any finding, to a temporary folder.
func baseSources(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testtool.CopyDir(t, filepath.Join(testtool.Root(), "internal", "lint", "testdata", "base"), dir)
	return dir
}

func writeFile(t *testing.T, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFileT(t *testing.T, dir, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func replaceIn(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	b := readFileT(t, dir, rel)
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q", rel, old)
	}
	writeFile(t, dir, rel, bytes.Replace(b, []byte(old), []byte(new), 1))
}

// lineIn returns the 1-based line of the first line of rel containing s.
func lineIn(t *testing.T, dir, rel, s string) int {
	t.Helper()
	for i, l := range strings.Split(string(readFileT(t, dir, rel)), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", rel, s)
	return 0
}

const (
	granted   = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
	withdrawn = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"
)

// TestLoadFindings: what a person may leave in a sources folder by mistake
// is reported, at the file and line, saying what to do; nothing is read
// one way by jtsl and another by a reviewer, nothing is silently skipped.
func TestLoadFindings(t *testing.T) {
	const seiko = "tsps/seiko-solutions.yaml"
	tests := []struct {
		name   string
		mutate func(t *testing.T, dir string)
		// want holds "file:line: severity rule: text" (text a substring
		// of the message); %d takes the lines of lines.
		want  []string
		lines func(t *testing.T, dir string) []any
	}{
		{
			name: "duplicate key in a status entry (the first would win)",
			mutate: func(t *testing.T, dir string) {
				replaceIn(t, dir, seiko, `      - {status: `+granted+`, from: "2024-01-01T00:00:00Z"}`,
					"      - status: "+granted+"\n        from: \"2024-01-01T00:00:00Z\"\n        status: "+withdrawn)
			},
			want: []string{seiko + ":%d: error yaml: duplicate key \"status\" (first at line %d, again at line %d): keep one of the two"},
			lines: func(t *testing.T, dir string) []any {
				first, again := lineIn(t, dir, seiko, "- status: "), lineIn(t, dir, seiko, "  status: "+withdrawn)
				return []any{again, first, again}
			},
		},
		{
			name: "duplicate key at the top of scheme.yaml",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "scheme.yaml", append(readFileT(t, dir, "scheme.yaml"), "territory: XX\n"...))
			},
			want: []string{"scheme.yaml:%d: error yaml: duplicate key \"territory\" (first at line %d, again at line %d)"},
			lines: func(t *testing.T, dir string) []any {
				first, again := lineIn(t, dir, "scheme.yaml", "territory: JP"), lineIn(t, dir, "scheme.yaml", "territory: XX")
				return []any{again, first, again}
			},
		},
		{
			name: "duplicate key in a flow mapping",
			mutate: func(t *testing.T, dir string) {
				replaceIn(t, dir, seiko, "{certificate: certs/seiko-tsa.pem}", "{certificate: certs/seiko-tsa.pem, certificate: certs/secom-gid-ca.pem}")
			},
			want: []string{seiko + ":%d: error yaml: duplicate key \"certificate\" (first at line %[1]d, again at line %[1]d)"},
			lines: func(t *testing.T, dir string) []any {
				return []any{lineIn(t, dir, seiko, "certs/seiko-tsa.pem")}
			},
		},
		{
			name: "TSP file named .yml",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "tsps/extra.yml", readFileT(t, dir, seiko))
			},
			want: []string{"tsps/extra.yml: error file: TSP files are read only when named *.yaml: rename it to extra.yaml"},
		},
		{
			name: "TSP file named .YAML",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "tsps/Extra.YAML", readFileT(t, dir, seiko))
			},
			want: []string{"tsps/Extra.YAML: error file: TSP files are read only when named *.yaml: rename it to Extra.yaml"},
		},
		{
			name: "TSP file in a subfolder",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "tsps/more/extra.yaml", readFileT(t, dir, seiko))
			},
			want: []string{"tsps/more: error file: a folder under tsps/ is not read: move its TSP files up into tsps/"},
		},
		{
			name: "other file under tsps/",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "tsps/notes.txt", []byte("to do\n"))
			},
			want: []string{"tsps/notes.txt: warning file: not a TSP file (*.yaml), so not read: remove it or move it out of tsps/"},
		},
		{
			name: "certificate no source names",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "certs/new/extra-ca.pem", readFileT(t, dir, "certs/seiko-tsa.pem"))
			},
			want: []string{"certs/new/extra-ca.pem: warning file: no source refers to this file, so it is not in the list: name it in an identity (certificate: certs/new/extra-ca.pem) or remove it"},
		},
		{
			name: "PEM with a garbage body",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "certs/seiko-tsa.pem", []byte("-----BEGIN CERTIFICATE-----\nthis is not base64!\n-----END CERTIFICATE-----\n"))
			},
			want: []string{seiko + ":%d: error pem: certs/seiko-tsa.pem is not a PEM certificate: its -----BEGIN block does not decode (the body is not base64"},
			lines: func(t *testing.T, dir string) []any {
				return []any{lineIn(t, dir, seiko, "certs/seiko-tsa.pem")}
			},
		},
		{
			name: "PEM of another type",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "certs/seiko-tsa.pem", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{0x30, 0}}))
			},
			want: []string{seiko + ":%d: error pem: certs/seiko-tsa.pem is not a PEM certificate: it holds a PUBLIC KEY block (want -----BEGIN CERTIFICATE-----)"},
			lines: func(t *testing.T, dir string) []any {
				return []any{lineIn(t, dir, seiko, "certs/seiko-tsa.pem")}
			},
		},
		{
			name: "neither PEM nor DER",
			mutate: func(t *testing.T, dir string) {
				writeFile(t, dir, "certs/seiko-tsa.pem", []byte("hello\n"))
			},
			want: []string{seiko + ":%d: error pem: certs/seiko-tsa.pem is neither a PEM certificate (no -----BEGIN CERTIFICATE----- line) nor a DER one"},
			lines: func(t *testing.T, dir string) []any {
				return []any{lineIn(t, dir, seiko, "certs/seiko-tsa.pem")}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := baseSources(t)
			tt.mutate(t, dir)
			_, diags, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			var args []any
			if tt.lines != nil {
				args = tt.lines(t, dir)
			}
			got := render(diags)
			for _, w := range tt.want {
				if strings.Contains(w, "%") {
					w = fmt.Sprintf(w, args...)
				}
				if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
					t.Errorf("no finding\n\t%s\ngot\n\t%s", w, strings.Join(got, "\n\t"))
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d findings, want %d:\n\t%s", len(got), len(tt.want), strings.Join(got, "\n\t"))
			}
		})
	}
}

// render gives findings as "file[:line]: severity rule: message", the path
// left out.
func render(l diag.List) []string {
	var out []string
	for _, d := range l {
		pos := d.Pos.File
		if d.Pos.Line > 0 {
			pos += fmt.Sprintf(":%d", d.Pos.Line)
		}
		out = append(out, fmt.Sprintf("%s: %s %s: %s", pos, d.Severity, d.Rule, d.Message))
	}
	return out
}

// TestLoadDER: a DER certificate named .cer or .crt (the schema allows
// them) loads into the same identity as its PEM form.
func TestLoadDER(t *testing.T) {
	pemDir := baseSources(t)
	pemSet, d, err := Load(pemDir)
	if err != nil || len(d) > 0 {
		t.Fatalf("%v %v", err, d)
	}
	want := pemSet.List.Providers[1].Services[0].Identity
	for _, ext := range []string{".cer", ".crt"} {
		t.Run(ext, func(t *testing.T) {
			dir := baseSources(t)
			blk, _ := pem.Decode(readFileT(t, dir, "certs/seiko-tsa.pem"))
			if err := os.Remove(filepath.Join(dir, "certs", "seiko-tsa.pem")); err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "certs/seiko-tsa"+ext, blk.Bytes)
			replaceIn(t, dir, "tsps/seiko-solutions.yaml", "certs/seiko-tsa.pem", "certs/seiko-tsa"+ext)
			set, d, err := Load(dir)
			if err != nil || len(d) > 0 {
				t.Fatalf("%v %v", err, d)
			}
			if got := set.List.Providers[1].Services[0].Identity; len(got) == 0 || !bytes.Equal(got[0].Certificate, want[0].Certificate) || got[1].SubjectName != want[1].SubjectName {
				t.Errorf("identity %v, want %v", got, want)
			}
		})
	}
}
