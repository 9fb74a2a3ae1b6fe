//go:build cgo

package main

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/testtool"
)

// TestBuildWithHSM signs the sample on a real SoftHSM2 token with both of
// its keys (RSA-3072 and ECDSA P-256) through jtsl build --pkcs11, and has
// every independent verifier accept both lists. The TLSO certificates
// (C=JP, O=Digital Agency) are issued for the token keys by a test CA of
// the operator, as a supervisory body's CA would; the PIN must appear in
// no output.
func TestBuildWithHSM(t *testing.T) {
	tool := testtool.Tools(t, "xsd-check", "sig-verify-xmlsec", "xades-verify", "sig-verify-xmlcrypto", "sig-verify-java")

	dir := t.TempDir()
	const pin = "736102"
	env := softHSM(t, dir, pin)
	op := newOperator(t, dir, env)

	var all bytes.Buffer
	for _, k := range []struct{ label, certVar string }{
		{env["PKCS11_RSA_KEY_LABEL"], "PKCS11_RSA_CERT"},
		{env["PKCS11_EC_KEY_LABEL"], "PKCS11_EC_CERT"},
	} {
		t.Run(k.label, func(t *testing.T) {
			tlso := op.tlso(t, k.label, k.certVar)
			out := filepath.Join(dir, k.label+"-out")
			var stdout, stderr bytes.Buffer
			uri := "pkcs11:token=" + env["PKCS11_TOKEN_LABEL"] + ";object=" + k.label
			code := run([]string{"jtsl", "build", "--sources", filepath.Join(testtool.Root(), "sources"), "--out", out,
				"--pkcs11", uri, "--pkcs11-module", env["PKCS11_MODULE"], "--cert", tlso}, &stdout, &stderr)
			all.Write(stdout.Bytes())
			all.Write(stderr.Bytes())
			if code != 0 {
				t.Fatalf("build exit %d:\n%s", code, stderr.String())
			}
			x := filepath.Join(out, "JP-TSL.xml")
			for _, c := range [][]string{
				{tool["xsd-check"], x}, {tool["sig-verify-xmlsec"], x, op.caFile}, {tool["xades-verify"], "--strict", "--cert", tlso, x},
				{tool["sig-verify-xmlcrypto"], x, tlso}, {tool["sig-verify-java"], x, tlso},
			} {
				if msg, ok := testtool.Run(t, c[0], c[1:]...); !ok || strings.Contains(msg, "WARN") {
					t.Errorf("%s rejects the HSM-signed list:\n%s", filepath.Base(c[0]), msg)
				}
			}
		})
	}
	// A wrong PIN: a clear error, exit 1, and no PIN in the output.
	t.Setenv("JTSL_PKCS11_PIN", "999999")
	var stdout, stderr bytes.Buffer
	out := filepath.Join(dir, "wrong-pin-out")
	code := run([]string{"jtsl", "build", "--sources", filepath.Join(testtool.Root(), "sources"), "--out", out,
		"--pkcs11", "pkcs11:token=" + env["PKCS11_TOKEN_LABEL"] + ";object=" + env["PKCS11_EC_KEY_LABEL"], "--pkcs11-module", env["PKCS11_MODULE"]}, &stdout, &stderr)
	all.Write(stdout.Bytes())
	all.Write(stderr.Bytes())
	if code != 1 || !strings.Contains(strings.ToLower(stderr.String()), "pin") {
		t.Errorf("wrong PIN: exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("out/ created despite a wrong PIN")
	}
	for _, secret := range []string{pin, "999999", "81726354"} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("a PIN appears in jtsl's output")
		}
	}
}

// softHSM makes a SoftHSM2 token with hsm-setup in dir/hsm (user PIN
// pin), puts SOFTHSM2_CONF and JTSL_PKCS11_PIN in the test's environment
// and returns the variables of its hsm.env.
func softHSM(t *testing.T, dir, pin string) map[string]string {
	t.Helper()
	setup := testtool.Tool(t, "hsm-setup", "softhsm2-util", "pkcs11-tool", "openssl")
	if out, err := exec.Command(setup, "-q", "--pin", pin, "--so-pin", "81726354", filepath.Join(dir, "hsm")).CombinedOutput(); err != nil {
		t.Fatalf("hsm-setup: %v\n%s", err, out)
	}
	env := readEnv(t, filepath.Join(dir, "hsm", "hsm.env"))
	t.Setenv("SOFTHSM2_CONF", env["SOFTHSM2_CONF"])
	t.Setenv("JTSL_PKCS11_PIN", pin)
	return env
}

func readEnv(t *testing.T, file string) map[string]string {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "export ")
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(k, "#") {
			env[k] = strings.Trim(v, `"'`)
		}
	}
	return env
}

// An operator is the operator's test CA, which issues the TLSO
// certificates for a token's keys as a supervisory body's CA would; its
// certificate is written to caFile.
type operator struct {
	dir, caFile string
	env         map[string]string // the token's (softHSM)
	key         *ecdsa.PrivateKey
	ca          *x509.Certificate
}

func newOperator(t *testing.T, dir string, env map[string]string) *operator {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{Country: []string{"JP"}, Organization: []string{"Digital Agency"}, CommonName: "jtsl test operator CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(5, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	o := &operator{dir: dir, caFile: filepath.Join(dir, "operator-ca.pem"), env: env, key: k, ca: c}
	writePEM(t, o.caFile, der)
	return o
}

// tlso issues the TLSO certificate of the token key label, whose token
// certificate the variable certVar names, and returns its file.
func (o *operator) tlso(t *testing.T, label, certVar string) string {
	file := filepath.Join(o.dir, label+"-tlso.pem")
	writePEM(t, file, issueTLSO(t, readPEMCert(t, o.env[certVar]), o.key, o.ca))
	return file
}

// issueTLSO issues a TLSO-profile certificate for the key of tokenCert.
func issueTLSO(t *testing.T, tokenCert *x509.Certificate, caKey *ecdsa.PrivateKey, ca *x509.Certificate) []byte {
	pub, _ := x509.MarshalPKIXPublicKey(tokenCert.PublicKey)
	ski := sha256.Sum256(pub)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:   pkix.Name{Country: []string{"JP"}, Organization: []string{"Digital Agency"}, CommonName: "jtsl test TLSO on HSM"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(2, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment, BasicConstraintsValid: true,
		UnknownExtKeyUsage: []asn1.ObjectIdentifier{{0, 4, 0, 2231, 3, 0}}, SubjectKeyId: ski[:20]}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, tokenCert.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func readPEMCert(t *testing.T, file string) *x509.Certificate {
	c, err := keys.ReadCertificate(file)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writePEM(t *testing.T, file string, der []byte) {
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestKeysNewPKCS11: keys new --pkcs11 makes the certificate request (and
// a self-signed certificate) for a key that lives on a SoftHSM2 token,
// signed there, with the TLSO profile; no key file is written and the PIN
// appears in no output. OpenSSL verifies the request.
func TestKeysNewPKCS11(t *testing.T) {
	dir := t.TempDir()
	const pin = "583920"
	env := softHSM(t, dir, pin)
	for _, k := range []struct{ label, certVar string }{
		{env["PKCS11_EC_KEY_LABEL"], "PKCS11_EC_CERT"},
		{env["PKCS11_RSA_KEY_LABEL"], "PKCS11_RSA_CERT"},
	} {
		out := filepath.Join(dir, "req-"+k.label)
		var stdout, stderr bytes.Buffer
		code := run([]string{"jtsl", "keys", "new", "--out", out, "--self-signed", "--operator", "Digital Agency",
			"--pkcs11", "pkcs11:token=" + env["PKCS11_TOKEN_LABEL"] + ";object=" + k.label, "--pkcs11-module", env["PKCS11_MODULE"]}, &stdout, &stderr)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", k.label, code, stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), pin) {
			t.Errorf("%s: the PIN appears in the output", k.label)
		}
		if _, err := os.Stat(filepath.Join(out, "key.pem")); err == nil {
			t.Errorf("%s: a key file was written for a key on the token", k.label)
		}
		ver, err := exec.Command("openssl", "req", "-in", filepath.Join(out, "request.csr"), "-noout", "-text", "-verify").CombinedOutput()
		if err != nil || !bytes.Contains(ver, []byte("verify OK")) {
			t.Errorf("%s: openssl does not verify the request: %v\n%s", k.label, err, ver)
		}
		for _, want := range []string{"O = Digital Agency", "Digital Signature, Non Repudiation", "0.4.0.2231.3.0", "CA:FALSE"} {
			if !bytes.Contains(ver, []byte(want)) {
				t.Errorf("%s: request lacks %q:\n%s", k.label, want, ver)
			}
		}
		// The request is for the token's key: its public key is the one in
		// the token's own certificate.
		tokenCert := readPEMCert(t, env[k.certVar])
		csrPEM, _ := os.ReadFile(filepath.Join(out, "request.csr"))
		blk, _ := pem.Decode(csrPEM)
		csr, err := x509.ParseCertificateRequest(blk.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := x509.MarshalPKIXPublicKey(csr.PublicKey)
		b, _ := x509.MarshalPKIXPublicKey(tokenCert.PublicKey)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the request is not for the token's key", k.label)
		}
		stdout.Reset()
		if code := run([]string{"jtsl", "keys", "check", filepath.Join(out, "cert.pem"), "--operator", "Digital Agency"}, &stdout, &stderr); code != 0 {
			t.Errorf("%s: the self-signed certificate fails the profile:\n%s", k.label, stdout.String())
		}
	}
}

// TestStationWithHSM: prepare → sign on a SoftHSM2 token → publish, end
// to end, for its ECDSA key and its RSA key with RSASSA-PSS; the release
// passes the outside verifiers and EU DSS (dss-tl-check), and the mirror's
// JWS verifies with jose. The TLSO certificates are issued for the token
// keys by a test CA of the operator.
func TestStationWithHSM(t *testing.T) {
	tool := testtool.Tools(t, "xsd-check", "sig-verify-xmlsec", "xades-verify", "jws-verify", "lote-check", "dss-tl-check")
	t.Setenv("SOURCE_DATE_EPOCH", "") // EU DSS checks the list at the clock
	dir := t.TempDir()
	const pin = "461937"
	env := softHSM(t, dir, pin)
	op := newOperator(t, dir, env)
	src := filepath.Join(testtool.Root(), "sources")
	jtsl := func(args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"jtsl"}, args...), &stdout, &stderr); code != 0 {
			t.Fatalf("jtsl %v: exit %d\n%s", args, code, stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), pin) {
			t.Errorf("jtsl %v: the PIN appears in the output", args[0])
		}
		return stderr.String()
	}
	for _, k := range []struct {
		label, certVar string
		extra          []string
	}{
		{env["PKCS11_EC_KEY_LABEL"], "PKCS11_EC_CERT", nil},
		{env["PKCS11_RSA_KEY_LABEL"], "PKCS11_RSA_CERT", []string{"--rsa-pss"}},
	} {
		t.Run(k.label, func(t *testing.T) {
			tlso := op.tlso(t, k.label, k.certVar)
			prep, out := filepath.Join(dir, k.label+"-prep"), filepath.Join(dir, k.label+"-out")
			jtsl("build", "--sources", src, "--out", out, "--prepare", prep)
			jtsl(append([]string{"sign", prep, "--pkcs11", "pkcs11:token=" + env["PKCS11_TOKEN_LABEL"] + ";object=" + k.label,
				"--pkcs11-module", env["PKCS11_MODULE"], "--cert", tlso}, k.extra...)...)
			jtsl("publish", prep, "--out", out)
			x, c := filepath.Join(out, "JP-TSL.xml"), filepath.Join(out, "tlso.pem")
			checks := [][]string{
				{tool["xsd-check"], x}, {tool["xades-verify"], "--strict", "--cert", c, x},
				{tool["jws-verify"], "--cert", c, "--payload", filepath.Join(out, "JP-TSL.json"), filepath.Join(out, "JP-TSL.json.jws")},
				{tool["lote-check"], filepath.Join(out, "JP-TSL.json")},
				{tool["dss-tl-check"], "--tl", x, "--cert", c, "--no-detail"},
			}
			if k.extra == nil { // xmlsec1 1.2 does not know RSASSA-PSS (see TestRSAPSS)
				checks = append(checks, []string{tool["sig-verify-xmlsec"], x, op.caFile})
			}
			for _, ch := range checks {
				msg, ok := testtool.Run(t, ch[0], ch[1:]...)
				if !ok || strings.Contains(msg, "WARN") {
					t.Errorf("%s rejects the station's release: %v\n%s", filepath.Base(ch[0]), ok, tail(msg))
				}
				if filepath.Base(ch[0]) == "dss-tl-check" && !strings.Contains(msg, `"verdict": "PASS"`) {
					t.Errorf("EU DSS: no PASS verdict:\n%s", tail(msg))
				}
			}
		})
	}
}
