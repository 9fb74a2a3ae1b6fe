package main

import (
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/testtool"
)

// A liveServer is the distribution point of a test: HTTPS on loopback,
// serving whatever the test puts in it.
type liveServer struct {
	*httptest.Server
	files atomic.Pointer[map[string]servedFile] // by path
}

type servedFile struct {
	data        []byte
	contentType string
}

func newLiveServer(t *testing.T) *liveServer {
	s := &liveServer{}
	s.files.Store(&map[string]servedFile{})
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := (*s.files.Load())[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		w.Write(f.data)
	}))
	t.Cleanup(s.Close)
	return s
}

// serve publishes a release's list and .sha2; edit changes the list
// served (not its .sha2), ctype overrides its Content-Type.
func (s *liveServer) serve(t *testing.T, out string, edit func([]byte) []byte, ctype string) {
	t.Helper()
	xml, err := os.ReadFile(filepath.Join(out, release.FileXML))
	if err != nil {
		t.Fatal(err)
	}
	sha, err := os.ReadFile(filepath.Join(out, release.FileSHA2))
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		xml = edit(xml)
	}
	if ctype == "" {
		ctype = release.ContentType(release.FileXML)
	}
	s.files.Store(&map[string]servedFile{
		"/" + release.FileXML:  {xml, ctype},
		"/" + release.FileSHA2: {sha, release.ContentType(release.FileSHA2)},
	})
}

// TestStatusLive (issue 24, item 8): jtsl status --url checks the list as
// a local HTTPS server serves it: a release, an older one, an expired
// one, a tampered one, one served with the wrong type, none at all, and
// the EC's list of lists naming the current signer or another. The exit
// codes are the documented ones; the JSON report says why.
func TestStatusLive(t *testing.T) {
	srv := newLiveServer(t)
	dir := t.TempDir()
	ca := filepath.Join(dir, "server-ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	url := srv.URL + "/" + release.FileXML

	// The sources name the server as the list's distribution point (the
	// EC's pointer, made from the release, then names it too).
	src := filepath.Join(dir, "src")
	if err := os.CopyFS(src, os.DirFS(filepath.Join(testtool.Root(), "sources"))); err != nil {
		t.Fatal(err)
	}
	scheme := filepath.Join(src, "scheme.yaml")
	b, err := os.ReadFile(scheme)
	if err != nil {
		t.Fatal(err)
	}
	const dp = "https://www.digital.go.jp/trustlist/JP-TSL.xml"
	if !strings.Contains(string(b), "  - "+dp+"\n") {
		t.Fatalf("scheme.yaml no longer names %s", dp)
	}
	if err := os.WriteFile(scheme, []byte(strings.Replace(string(b), "  - "+dp+"\n", "  - "+url+"\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(out, issue string, extra ...string) {
		t.Helper()
		args := append([]string{"build", "--sources", src, "--out", out, "--dev-key", "--issue-time", issue}, extra...)
		if code, msg := jtsl(t, args...); code != 0 {
			t.Fatalf("build %s: exit %d\n%s", out, code, msg)
		}
	}
	lotl := func(out, file string) {
		t.Helper()
		if code, msg := jtsl(t, "mra", "lotl", "--release", out, "--out", file, "--dev-key"); code != 0 {
			t.Fatalf("mra lotl: exit %d\n%s", code, msg)
		}
	}
	now := time.Now().UTC().Truncate(time.Second)
	// An expired release, signed with a development key made for its
	// issue time.
	t.Setenv("JTSL_DEVKEY_DIR", filepath.Join(dir, "devkey-expired"))
	expired := filepath.Join(dir, "expired")
	build(expired, "2026-01-01T00:00:00Z") // NextUpdate 2026-07-01
	t.Setenv("JTSL_DEVKEY_DIR", filepath.Join(dir, "devkey"))
	out, first := filepath.Join(dir, "out"), filepath.Join(dir, "first")
	build(out, now.Add(-2*time.Hour).Format(time.RFC3339))
	if err := os.CopyFS(first, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	build(out, now.Add(-time.Hour).Format(time.RFC3339), "--reissue") // sequence 2
	lotl(out, filepath.Join(dir, "lotl.xml"))
	// Another signer's release and list of lists, at the same URL.
	t.Setenv("JTSL_DEVKEY_DIR", filepath.Join(dir, "devkey2"))
	other := filepath.Join(dir, "other")
	build(other, now.Add(-time.Hour).Format(time.RFC3339))
	lotl(other, filepath.Join(dir, "other-lotl.xml"))

	tamper := func(b []byte) []byte {
		return []byte(strings.Replace(string(b), "Sample J-TSL, not for production use", "Sample J-TSL, not for production USE", 1))
	}
	live := []string{"status", "--url", url, "--tls-ca", ca, "--format", "json"}
	tests := []struct {
		name    string
		serve   string // release folder served
		edit    func([]byte) []byte
		ctype   string
		args    []string
		code    int
		problem string // in the report's problems (or warnings, exit 3)
		check   func(t *testing.T, r liveReport)
	}{
		{"current release", out, nil, "", []string{"--out", out}, exitOK, "", func(t *testing.T, r liveReport) {
			if !r.SignatureValid || r.SHA2 != "match" || !r.ContentTypeOK || r.Sequence != 2 || r.LocalSequence != 2 || !r.OK || r.DaysLeft <= 30 {
				t.Errorf("report %+v", r)
			}
		}},
		{"pinned with --cert", out, nil, "", []string{"--cert", filepath.Join(out, release.FileSigner)}, exitOK, "", nil},
		{"another signer pinned", out, nil, "", []string{"--cert", filepath.Join(other, release.FileSigner)}, exitInvalid, "signature: SignerPinned", nil},
		{"NextUpdate within the threshold", out, nil, "", []string{"--out", out, "--threshold", "400"}, exitRenew, "NextUpdate is within 400 days", nil},
		{"stale: the previous release is live", first, nil, "", []string{"--out", out}, exitInvalid, "the live list is sequence 1, the local release 2", nil},
		{"expired", expired, nil, "", []string{"--cert", filepath.Join(expired, release.FileSigner)}, exitInvalid, "has expired", nil},
		{"tampered", out, tamper, "", []string{"--out", out}, exitInvalid, "signature: ReferenceDigests", func(t *testing.T, r liveReport) {
			if r.SignatureValid || r.SHA2 != "mismatch" {
				t.Errorf("tampered list: signature_valid %v, sha2 %s", r.SignatureValid, r.SHA2)
			}
		}},
		{"served as text/xml", out, nil, "text/xml", []string{"--out", out}, exitInvalid, `served as "text/xml"`, func(t *testing.T, r liveReport) {
			if r.ContentTypeOK || r.ContentType != "text/xml" {
				t.Errorf("content type %q ok %v", r.ContentType, r.ContentTypeOK)
			}
		}},
		{"EC pointer names the signer", out, nil, "", []string{"--out", out, "--lotl", filepath.Join(dir, "lotl.xml"), "--lotl-cert", filepath.Join(dir, "lotl-signer.pem")}, exitOK, "", func(t *testing.T, r liveReport) {
			if r.LOTL == nil || !r.LOTL.Valid || !r.LOTL.Pointer || !r.LOTL.NamesSigner {
				t.Errorf("lotl %+v", r.LOTL)
			}
		}},
		{"EC pointer names another signer", out, nil, "", []string{"--out", out, "--lotl", filepath.Join(dir, "other-lotl.xml"), "--lotl-cert", filepath.Join(dir, "other-lotl-signer.pem")}, exitInvalid, "does not name the live list's signer", nil},
		{"list of lists not pinned", out, nil, "", []string{"--out", out, "--lotl", filepath.Join(dir, "lotl.xml"), "--lotl-cert", filepath.Join(dir, "other-lotl-signer.pem")}, exitInvalid, "does not verify with --lotl-cert", nil},
		{"nothing served", "", nil, "", []string{"--out", out}, exitNotFetch, "HTTP 404", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.serve == "" {
				srv.files.Store(&map[string]servedFile{})
			} else {
				srv.serve(t, tc.serve, tc.edit, tc.ctype)
			}
			code, msg := jtsl(t, append(append([]string{}, live...), tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, msg)
			}
			var r liveReport
			if err := json.Unmarshal([]byte(msg[:strings.LastIndex(msg, "}")+1]), &r); err != nil {
				t.Fatalf("no JSON report: %v\n%s", err, msg)
			}
			said := strings.Join(append(r.Problems, r.Warnings...), "\n")
			if (tc.problem == "") != (said == "") || !strings.Contains(said, tc.problem) {
				t.Errorf("problems %q, want %q", said, tc.problem)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}

	// The text form, and the usage errors.
	srv.serve(t, out, nil, "")
	code, msg := jtsl(t, "status", "--url", url, "--tls-ca", ca, "--out", out)
	for _, want := range []string{"signature    valid, pinned signer", "sequence     2 (local release 2)", ".sha2        match", "served as    application/vnd.etsi.tsl+xml"} {
		if code != exitOK || !strings.Contains(msg, want) {
			t.Errorf("text report (exit %d) does not say %q:\n%s", code, want, msg)
		}
	}
	for _, args := range [][]string{
		{"status", "--url", url, "--tls-ca", ca},                           // no pin
		{"status", "--url", url, "--cert", ca, "--lotl", "x.xml"},          // --lotl without --lotl-cert
		{"status", "--out", out, "--cert", filepath.Join(out, "tlso.pem")}, // --cert without --url
	} {
		if code, msg := jtsl(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitUsage, msg)
		}
	}
}
