package xades

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

type testKey struct {
	name   string
	signer crypto.Signer
	cert   *x509.Certificate
}

var (
	keysOnce sync.Once
	testKeys []testKey
)

// tlsoCert makes a self-signed certificate with the TLSO profile of
// TS 119 612 clause 5.7.1.
func tlsoCert(t testing.TB, signer crypto.Signer, cn string) *x509.Certificate {
	pubDER, _ := x509.MarshalPKIXPublicKey(signer.Public())
	ski := sha1.Sum(pubDER)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{Country: []string{"JP"}, Organization: []string{"Digital Agency"}, CommonName: cn},
		NotBefore:             time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{{0, 4, 0, 2231, 3, 0}},
		BasicConstraintsValid: true,
		SubjectKeyId:          ski[:],
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, signer.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func keys(t testing.TB) []testKey {
	keysOnce.Do(func() {
		rk, _ := rsa.GenerateKey(rand.Reader, 3072)
		e256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		e384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		for _, k := range []struct {
			n string
			s crypto.Signer
		}{{"rsa3072", rk}, {"p256", e256}, {"p384", e384}} {
			testKeys = append(testKeys, testKey{k.n, k.s, tlsoCert(t, k.s, "jtsl test "+k.n)})
		}
	})
	return testKeys
}

var signingTime = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

// signSample signs the shared unsigned sample list and returns the bytes.
func signSample(t testing.TB, k testKey, mutate func(*etree.Document)) []byte {
	t.Helper()
	return signSampleWith(t, signTree, k, mutate)
}

// A signFunc signs a document parsed from data and returns the signed
// bytes: Sign and then etree's serialisation, SignToBytes, or SignBytes.
type signFunc func(data []byte, doc *xmldoc.Document, k testKey) ([]byte, error)

func signTree(_ []byte, doc *xmldoc.Document, k testKey) ([]byte, error) {
	if err := Sign(doc.Document, k.signer, k.cert, SignOptions{SigningTime: signingTime}); err != nil {
		return nil, err
	}
	return doc.WriteToBytes()
}

func signBytes(_ []byte, doc *xmldoc.Document, k testKey) ([]byte, error) {
	return SignToBytes(doc.Document, k.signer, k.cert, SignOptions{SigningTime: signingTime})
}

func signSplice(data []byte, doc *xmldoc.Document, k testKey) ([]byte, error) {
	return SignBytes(data, doc.RootEnd, doc.Document, k.signer, k.cert, SignOptions{SigningTime: signingTime})
}

// signAhead is signSplice with the digest computed ahead, as jtsl sign
// does, always with SHA-256: a P-384 key's signature takes SHA-384 and
// computes it again.
func signAhead(data []byte, doc *xmldoc.Document, k testKey) ([]byte, error) {
	d, err := DocumentDigest(doc.Document, crypto.SHA256)
	if err != nil {
		return nil, err
	}
	return SignBytes(data, doc.RootEnd, doc.Document, k.signer, k.cert, SignOptions{SigningTime: signingTime, Digest: d})
}

// signCanon signs doc's canonical form, as a build signs the one
// tsl.WriteCanonical writes (SignCanonical).
func signCanon(_ []byte, doc *xmldoc.Document, k testKey) ([]byte, error) {
	c := &Canonical{}
	if err := c14n.ExcDocumentTo(c, doc.Document, doc.Root(), nil, nil); err != nil {
		return nil, err
	}
	return SignCanonical(c, k.signer, k.cert, SignOptions{SigningTime: signingTime})
}

var signFuncs = []struct {
	name string
	sign signFunc
}{{"Sign", signTree}, {"SignToBytes", signBytes}, {"SignBytes", signSplice}, {"SignBytes, digest ahead", signAhead},
	{"SignCanonical", signCanon}}

// signSampleWith signs the shared unsigned sample list with sign, after
// mutate has changed its tree (and the tree was written and read again,
// so that the bytes are those of the tree).
func signSampleWith(t testing.TB, sign signFunc, k testKey, mutate func(*etree.Document)) []byte {
	t.Helper()
	data, err := os.ReadFile(testtool.SharedPath(t, "tools/samples/sample-tl-unsigned.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(doc.Document)
		if data, err = doc.WriteToBytes(); err != nil {
			t.Fatal(err)
		}
		if doc, err = xmldoc.ParseBytes(data, xmldoc.Limits{}); err != nil {
			t.Fatal(err)
		}
	}
	out, err := sign(data, doc, k)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func verifyBytes(t testing.TB, data []byte, pin *x509.Certificate) *Result {
	t.Helper()
	doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	opts := VerifyOptions{At: signingTime.Add(time.Hour), Line: doc.Line}
	if pin != nil {
		opts.Pin = []*x509.Certificate{pin}
	}
	return Verify(doc.Document, opts)
}

func writeTemp(t testing.TB, dir, name string, data []byte) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func certPEM(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}
