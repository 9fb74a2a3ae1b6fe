package mirror

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

var issued = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

func sample(t *testing.T) *model.List {
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	l := set.List
	l.Scheme.SequenceNumber, l.Scheme.ListIssueDateTime, l.ID = 4, issued, "JP-TL-4"
	nu := issued.AddDate(0, 6, 0)
	l.Scheme.NextUpdate = &nu
	return l
}

// roundTrip is the lossless property: XML → model → JSON → model.
func roundTrip(t *testing.T, name string, l *model.List) {
	t.Helper()
	js, err := Encode(l)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	got, err := Decode(js)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !reflect.DeepEqual(got, l) {
		t.Errorf("%s: the mirror loses information", name)
	}
}

func TestSampleLossless(t *testing.T) {
	roundTrip(t, "sample", sample(t))
}

func TestCorpusLossless(t *testing.T) {
	for _, f := range testtool.Corpus(t) {
		l, _ := tsltest.Read(t, f)
		roundTrip(t, filepath.Base(f), l)
	}
}

// TestSchemas: the sample's mirror is valid against the ETSI TS 119 602
// JSON schema (ajv), against our stricter schema and for lote-check.
func TestSchemas(t *testing.T) {
	js, err := Encode(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(js); err != nil {
		t.Error(err)
	}
	check := testtool.Tool(t, "json-schema-check", "node")
	dir := t.TempDir()
	p := filepath.Join(dir, "JP-TSL.json")
	os.WriteFile(p, js, 0o644)
	if msg, ok := testtool.Run(t, check, p); !ok {
		t.Errorf("ETSI TS 119 602 schema rejects the mirror:\n%s", msg)
	}
	sp := filepath.Join(dir, "schema.json")
	os.WriteFile(sp, Schema, 0o644)
	if msg, ok := testtool.Run(t, check, "--schema", sp, p); !ok {
		t.Errorf("our schema (checked by ajv) rejects the mirror:\n%s", msg)
	}
	// A TS 119 602 reader written apart from ours, stricter than the
	// ETSI schema (every ServiceSupplyPoint has its ServiceType).
	lote := testtool.Tool(t, "lote-check", "node")
	if msg, ok := testtool.Run(t, lote, p); !ok {
		t.Errorf("@owf/eudi-lote rejects the mirror:\n%s", msg)
	}
}

func selfSigned(t *testing.T, s crypto.Signer) *x509.Certificate {
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{Country: []string{"JP"}, Organization: []string{"Digital Agency"}},
		NotBefore: issued.AddDate(-1, 0, 0), NotAfter: issued.AddDate(2, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, s.Public(), s)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return c
}

// TestJWS: the mirror's JWS verifies with an independent implementation
// (node jose) using the certificate in x5c; a changed payload does not.
func TestJWS(t *testing.T) {
	verify := testtool.Tool(t, "jws-verify", "node")
	js, _ := Encode(sample(t))
	rk, _ := rsa.GenerateKey(rand.Reader, 3072)
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dir := t.TempDir()
	for name, s := range map[string]crypto.Signer{"rsa": rk, "ec": ek} {
		cert := selfSigned(t, s)
		jws, err := Sign(js, s, cert, issued)
		if err != nil {
			t.Fatal(err)
		}
		cp := filepath.Join(dir, name+".pem")
		os.WriteFile(cp, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o644)
		jp := filepath.Join(dir, name+".jws")
		pp := filepath.Join(dir, "payload.json")
		os.WriteFile(jp, jws, 0o644)
		os.WriteFile(pp, js, 0o644)
		if msg, ok := testtool.Run(t, verify, "--cert", cp, "--payload", pp, jp); !ok {
			t.Errorf("%s: jose rejects the JWS:\n%s", name, msg)
		}
		bad := append([]byte(nil), js...)
		bad[len(bad)/2] ^= 1
		os.WriteFile(pp, bad, 0o644)
		if _, ok := testtool.Run(t, verify, "--payload", pp, jp); ok {
			t.Errorf("%s: a changed payload verifies", name)
		}
	}
}
