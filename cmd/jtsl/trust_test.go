package main

import (
	"bytes"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

func jtsl(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"jtsl"}, args...), &out, &errb)
	return code, out.String() + errb.String()
}

// TestTrustFollowsPointers builds the sample (the TL) and a list of lists
// pointing to it, serves both over HTTPS on the loopback address, and asks
// whether a listed TSA certificate is trusted: yes through the pointer
// that names the TL's signer; no when the pointer names another signer;
// and a tampered list is never used.
func TestTrustFollowsPointers(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(testtool.Root(), "sources")
	tsa := filepath.Join(src, "certs", "seiko-tsa.pem")
	t.Setenv("JTSL_DEVKEY_DIR", filepath.Join(dir, "tl-key"))
	if code, out := jtsl(t, "build", "--sources", src, "--out", filepath.Join(dir, "tl")); code != 0 {
		t.Fatal(out)
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(dir)))
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	caFile := filepath.Join(dir, "server.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644)

	// The list of lists: the sample's scheme with its pointer aimed at the
	// served TL and naming signer (the TL's tlso.pem, or another one).
	lotl := func(name, signer string) string {
		ls := filepath.Join(dir, name+"-src")
		copyTree(t, src, ls)
		os.RemoveAll(filepath.Join(ls, "tsps")) // a list of lists lists no TSP
		os.MkdirAll(filepath.Join(ls, "tsps"), 0o755)
		os.WriteFile(filepath.Join(ls, "certs", "pointed-signer.pem"), mustRead(t, signer), 0o644)
		s := string(mustRead(t, filepath.Join(ls, "scheme.yaml")))
		s = strings.Replace(s, "https://ec.europa.eu/tools/lotl/eu-lotl.xml", srv.URL+"/tl/JP-TSL.xml", 1)
		s = strings.Replace(s, "certs/eu-lotl-signer.pem", "certs/pointed-signer.pem", 1)
		os.WriteFile(filepath.Join(ls, "scheme.yaml"), []byte(s), 0o644)
		t.Setenv("JTSL_DEVKEY_DIR", filepath.Join(dir, "lotl-key"))
		if code, out := jtsl(t, "build", "--sources", ls, "--out", filepath.Join(dir, name)); code != 0 {
			t.Fatal(out)
		}
		return srv.URL + "/" + name + "/JP-TSL.xml"
	}
	good := lotl("lotl-good", filepath.Join(dir, "tl", "tlso.pem"))
	bad := lotl("lotl-bad", filepath.Join(src, "certs", "eu-lotl-signer.pem"))
	lotlCert := filepath.Join(dir, "lotl-good", "tlso.pem")

	code, out := jtsl(t, "trust", tsa, "--lotl", good, "--lotl-cert", lotlCert, "--tls-ca", caFile, "--cache", filepath.Join(dir, "cache1"))
	if code != 0 || !strings.Contains(out, "result: TRUSTED") || !strings.Contains(out, "Seiko Time Stamp Service") {
		t.Errorf("through a good pointer: exit %d\n%s", code, out)
	}
	code, out = jtsl(t, "trust", tsa, "--lotl", bad, "--lotl-cert", lotlCert, "--tls-ca", caFile, "--cache", filepath.Join(dir, "cache2"))
	if code != 1 || !strings.Contains(out, "not used") || !strings.Contains(out, "NOT TRUSTED") {
		t.Errorf("pointer naming another signer: exit %d\n%s", code, out)
	}

	// Directly, with --list: trusted; tampered: the list is not used.
	tl := filepath.Join(dir, "tl", "JP-TSL.xml")
	if code, out := jtsl(t, "trust", tsa, "--list", tl, "--list-cert", filepath.Join(dir, "tl", "tlso.pem")); code != 0 {
		t.Errorf("--list: exit %d\n%s", code, out)
	}
	tampered := filepath.Join(dir, "tampered.xml")
	os.WriteFile(tampered, bytes.Replace(mustRead(t, tl), []byte("Seiko Solutions Inc."), []byte("Seiko Solutions Inc!"), 1), 0o644)
	code, out = jtsl(t, "trust", tsa, "--list", tampered)
	if code != 1 || !strings.Contains(out, "not used: ") || !strings.Contains(out, "ReferenceDigests") {
		t.Errorf("tampered list: exit %d\n%s", code, out)
	}
	// An unknown certificate is not trusted.
	if code, _ := jtsl(t, "trust", filepath.Join(src, "certs", "eu-lotl-signer.pem"), "--list", tl); code != 1 {
		t.Errorf("unknown certificate: exit %d", code)
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
