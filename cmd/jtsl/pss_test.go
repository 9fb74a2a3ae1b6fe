package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestRSAPSS: an RSA key whose certificate outlives 2029 makes build
// warn (EU DSS's policy refuses PKCS#1 v1.5 from then) and say to use
// --rsa-pss; with --rsa-pss the list is signed sha256-rsa-MGF1 and the
// mirror PS256, and EU DSS, xadesjs and jose accept them.
func TestRSAPSS(t *testing.T) {
	tool := testtool.Tools(t, "dss-tl-check", "xades-verify", "jws-verify", "sig-verify-xmlsec")
	dir := t.TempDir()
	src := filepath.Join(testtool.Root(), "sources")
	t.Setenv("SOURCE_DATE_EPOCH", "") // EU DSS checks the list at the clock
	jtsl := func(args ...string) (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(append([]string{"jtsl"}, args...), &out, &errb); code != 0 {
			t.Fatalf("jtsl %v: exit %d\n%s", args, code, errb.String())
		}
		return out.String(), errb.String()
	}
	k := filepath.Join(dir, "k")
	jtsl("keys", "new", "--rsa", "--self-signed", "--days", "1500", "--out", k, "--sources", src)
	keyFlags := []string{"--sources", src, "--key", filepath.Join(k, "key.pem"), "--cert", filepath.Join(k, "cert.pem")}

	_, stderr := jtsl(append([]string{"build", "--out", filepath.Join(dir, "v15")}, keyFlags...)...)
	if !regexp.MustCompile(`WARNING: signer certificate: signature scheme is RSA PKCS#1 v1.5 .*sign with RSASSA-PSS \(--rsa-pss\)`).MatchString(stderr) {
		t.Errorf("build with an RSA PKCS#1 v1.5 signer valid past 2029 does not warn:\n%s", stderr)
	}

	out := filepath.Join(dir, "pss")
	_, stderr = jtsl(append([]string{"build", "--rsa-pss", "--out", out}, keyFlags...)...)
	if strings.Contains(stderr, "PKCS#1 v1.5") {
		t.Errorf("build --rsa-pss still warns:\n%s", stderr)
	}
	x, c := filepath.Join(out, "JP-TSL.xml"), filepath.Join(out, "tlso.pem")
	b, _ := os.ReadFile(x)
	if !bytes.Contains(b, []byte(`<ds:SignatureMethod Algorithm="http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1">`)) {
		t.Error("the list is not signed with RSASSA-PSS")
	}
	for _, tc := range []struct {
		tool string
		args []string
		want string
	}{
		{tool["dss-tl-check"], []string{"--tl", x, "--cert", c, "--no-detail"}, `"verdict": "PASS"`},
		{tool["xades-verify"], []string{"--strict", "--cert", c, x}, "PASS"},
		{tool["jws-verify"], []string{"--cert", c, "--payload", filepath.Join(out, "JP-TSL.json"), filepath.Join(out, "JP-TSL.json.jws")}, "(PS256)"},
	} {
		msg, ok := testtool.Run(t, tc.tool, tc.args...)
		if !ok || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: %v, output lacks %q:\n%s", filepath.Base(tc.tool), ok, tc.want, tail(msg))
		}
	}
	// xmlsec1 knows RSASSA-PSS from version 1.3 on; 1.2 (Debian 12) does
	// not know the algorithm at all and cannot judge.
	msg, ok := testtool.Run(t, tool["sig-verify-xmlsec"], x, c)
	v, _ := exec.Command("xmlsec1", "--version").Output()
	switch {
	case ok:
	case strings.HasPrefix(string(v), "xmlsec1 1.2.") && strings.Contains(msg, "xmlSecTransformIdListFindByHref") && strings.Contains(msg, "sha256-rsa-MGF1"):
		t.Logf("%s does not know RSASSA-PSS (1.3 does): not judged by xmlsec1", strings.TrimSpace(string(v)))
	default:
		t.Errorf("xmlsec1 rejects the RSASSA-PSS list:\n%s", tail(msg))
	}
}

func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}
