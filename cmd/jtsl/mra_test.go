package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMRALOTLRefusals: jtsl mra lotl says what is missing; a release
// without mra/JP-pointer.xml (sources without recognition_by_eu) is
// refused with exit 1 and nothing is written. The list it makes is
// checked end to end in TestTrustMRAJapaneseLeavesAgainstDSS.
func TestMRALOTLRefusals(t *testing.T) {
	dir, rel, bad := t.TempDir(), t.TempDir(), t.TempDir()
	out := filepath.Join(dir, "lotl.xml")
	// A release's pointer, for the refusals that come after reading it.
	if err := os.MkdirAll(filepath.Join(rel, "mra"), 0o755); err != nil {
		t.Fatal(err)
	}
	ptr := `<tsl:OtherTSLPointer xmlns:tsl="http://uri.etsi.org/02231/v2#"><tsl:TSLLocation>https://x.test/l.xml</tsl:TSLLocation></tsl:OtherTSLPointer>`
	if err := os.WriteFile(filepath.Join(rel, "mra", "JP-pointer.xml"), []byte(ptr), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(bad, "mra"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "mra", "JP-pointer.xml"), []byte("<x/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no --release", []string{"mra", "lotl", "--out", out, "--dev-key"}, 2, "mra lotl needs --release DIR"},
		{"no --out", []string{"mra", "lotl", "--release", dir, "--dev-key"}, 2, "mra lotl needs --out FILE.xml"},
		{"an argument", []string{"mra", "lotl", "x", "--release", dir, "--out", out}, 2, "takes no arguments"},
		{"no pointer in the release", []string{"mra", "lotl", "--release", dir, "--out", out, "--dev-key"}, 1,
			"has no mra/JP-pointer.xml: the sources have no recognition_by_eu in mra.yaml"},
		{"no key flag", []string{"mra", "lotl", "--release", rel, "--out", out}, 2, "--dev-key"},
		{"not a pointer", []string{"mra", "lotl", "--release", bad, "--out", out, "--dev-key"}, 1, "the root element is not a tsl:OtherTSLPointer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, o := jtsl(t, tt.args...)
			if code != tt.code || !strings.Contains(o, tt.want) {
				t.Errorf("exit %d, want %d; output lacks %q:\n%s", code, tt.code, tt.want, o)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a list was written")
			}
		})
	}
}
