package keys_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
)

func TestDevKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".devkey")
	p := keys.Profile{Territory: "JP", OperatorNames: []string{"Digital Agency", "デジタル庁"}, IssueTime: issue, NextUpdate: next}

	k1, created, err := keys.DevKey(dir, p, issue)
	if err != nil || !created {
		t.Fatalf("first call: created=%v err=%v", created, err)
	}
	if pub, ok := k1.Signer.Public().(*ecdsa.PublicKey); !ok || pub.Curve != elliptic.P256() {
		t.Errorf("key %T, want ECDSA P-256", k1.Signer.Public())
	}
	c := k1.Cert
	if c.Subject.CommonName != keys.DevCommonName || c.Subject.Organization[0] != "Digital Agency" || c.Subject.Country[0] != "JP" {
		t.Errorf("subject %s", c.Subject)
	}
	if !c.NotBefore.Equal(issue.Add(-time.Hour)) || !c.NotAfter.Equal(issue.AddDate(2, 0, 0)) {
		t.Errorf("validity %s – %s", c.NotBefore, c.NotAfter)
	}
	if errs, warns := keys.CheckProfile(c, p); len(errs)+len(warns) > 0 {
		t.Errorf("profile: %v %v", errs, warns)
	}
	fi, err := os.Stat(filepath.Join(dir, keys.KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key.pem: %v mode %v, want 0600", err, fi.Mode())
	}
	signVerify(t, k1)

	// Reused while it passes, even a month later.
	k2, created, err := keys.DevKey(dir, p, issue.AddDate(0, 1, 0))
	if err != nil || created || !k2.Cert.Equal(k1.Cert) {
		t.Fatalf("second call: created=%v err=%v same=%v", created, err, k2.Cert.Equal(k1.Cert))
	}

	// Never replaced: not for another operator name (another territory's
	// sources)…
	keyBefore, _ := os.ReadFile(filepath.Join(dir, keys.KeyFile))
	p2 := p
	p2.OperatorNames = []string{"Another Agency"}
	_, _, err = keys.DevKey(dir, p2, issue)
	wantErr(t, err, "the development key in "+dir+" does not fit these sources (subject O is ", "; it is kept, not replaced: set JTSL_DEVKEY_DIR to another folder for these sources, or delete "+dir+" to make a new key")
	// …nor when the certificate no longer covers the issue time…
	later := issue.AddDate(3, 0, 0)
	p3 := p
	p3.IssueTime, p3.NextUpdate = later, later.AddDate(0, 6, 0)
	_, _, err = keys.DevKey(dir, p3, later)
	wantErr(t, err, "does not fit these sources (notAfter is ", "delete "+dir+" to make a new key")
	// …nor when the folder is damaged.
	if err := os.WriteFile(filepath.Join(dir, keys.CertFile), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = keys.DevKey(dir, p, issue)
	wantErr(t, err, "the development key in "+dir+" cannot be used (", "; it is kept, not replaced: delete "+dir+" to make a new key")
	if keyAfter, _ := os.ReadFile(filepath.Join(dir, keys.KeyFile)); string(keyAfter) != string(keyBefore) {
		t.Error("key.pem was replaced")
	}
}

func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one with %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q lacks %q", err, p)
		}
	}
}

func TestDevKeyCannotMeetProfile(t *testing.T) {
	dir := t.TempDir()
	p := keys.Profile{Territory: "JP", OperatorNames: []string{"Digital Agency"}, IssueTime: issue, NextUpdate: issue.AddDate(5, 0, 0)}
	_, _, err := keys.DevKey(dir, p, issue)
	if err == nil || !strings.Contains(err.Error(), "development key cannot meet the profile: notAfter is 2028-07-01T00:00:00Z, want at or after NextUpdate 2031-07-01T00:00:00Z") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, keys.KeyFile)); !os.IsNotExist(err) {
		t.Errorf("a key was written: %v", err)
	}
	if _, _, err := keys.DevKey(dir, keys.Profile{Territory: "JP"}, issue); err == nil {
		t.Error("DevKey without an operator name succeeded")
	}
}

func TestWriteFilesNeverReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "k")
	s, err := keys.NewKey(keys.ECP256)
	if err != nil {
		t.Fatal(err)
	}
	csr, err := keys.NewRequest(s, keys.Subject{Territory: "JP", Operator: "X"})
	if err != nil {
		t.Fatal(err)
	}
	if err := keys.WriteFiles(dir, s, csr, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, keys.KeyFile))
	s2, _ := keys.NewKey(keys.ECP256)
	err = keys.WriteFiles(dir, s2, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "key.pem exists: refusing to replace it") {
		t.Fatalf("second write: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, keys.KeyFile))
	if string(before) != string(after) {
		t.Error("key.pem was replaced")
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v, want 0700", fi.Mode())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d files, want key.pem and request.csr (no temporary files left)", len(entries))
	}
}
