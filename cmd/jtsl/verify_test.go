package main

import (
	"strings"
	"testing"
)

// TestVerifyExplain: --explain prints a check's documentation and the EU
// DSS rules it cites, from the registry; an unknown check is a usage
// error naming docs/checks.md.
func TestVerifyExplain(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"known", []string{"verify", "--explain", "signingtime"}, exitOK,
			[]string{"SigningTime: SigningTime present and plausible", "R18 — SigningTime within the signer's validity"}},
		{"unknown", []string{"verify", "--explain", "Nope"}, exitUsage, []string{`no check "Nope"`, "docs/checks.md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := jtsl(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
