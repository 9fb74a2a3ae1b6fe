package verify

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/russellhaering/goxmldsig/etreeutils"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

var signedAt = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

func newSigner(t *testing.T, cn string) (crypto.Signer, *x509.Certificate) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(k.Public())
	ski := sha256.Sum256(der)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{Country: []string{"JP"}, Organization: []string{"Digital Agency"}, CommonName: cn},
		NotBefore:    signedAt.AddDate(-1, 0, 0), NotAfter: signedAt.AddDate(3, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{{0, 4, 0, 2231, 3, 0}},
		BasicConstraintsValid: true, SubjectKeyId: ski[:20],
	}
	c, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(c)
	return k, cert
}

// signedSample returns the shared unsigned sample list, signed.
func signedSample(t *testing.T, s crypto.Signer, c *x509.Certificate) *etree.Document {
	t.Helper()
	data, err := os.ReadFile(testtool.SharedPath(t, "tools/samples/sample-tl-unsigned.xml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if err := xades.Sign(d.Document, s, c, xades.SignOptions{SigningTime: signedAt}); err != nil {
		t.Fatal(err)
	}
	return d.Document
}

// resign recomputes the SignatureValue after an attack changed SignedInfo,
// so that the test exercises the structural check, not only the crypto.
func resign(t *testing.T, doc *etree.Document, s crypto.Signer) {
	t.Helper()
	sig := doc.FindElement("//Signature")
	// jtsl signs SignedInfo in exclusive C14N: canonicalised as goxmldsig
	// does, with the namespaces in scope carried onto the detached copy.
	si := sig.SelectElement("SignedInfo")
	ctx, err := etreeutils.NSBuildParentContext(si)
	if err != nil {
		t.Fatal(err)
	}
	detached, err := etreeutils.NSDetatch(ctx, si)
	if err != nil {
		t.Fatal(err)
	}
	data, err := dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("").Canonicalize(detached)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(data)
	der, err := s.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	var rs struct{ R, S *big.Int }
	asn1.Unmarshal(der, &rs)
	out := make([]byte, 64)
	rs.R.FillBytes(out[:32])
	rs.S.FillBytes(out[32:])
	sig.SelectElement("SignatureValue").SetText(base64.StdEncoding.EncodeToString(out))
}

func TestSignatureAttacks(t *testing.T) {
	s, cert := newSigner(t, "signer")
	_, cert2 := newSigner(t, "attacker")
	tests := []struct {
		name   string
		attack func(d *etree.Document)
		check  string // the check that must fail
		reason string // and what its detail must say
	}{
		{"signature moved into SchemeInformation", func(d *etree.Document) {
			sig := d.FindElement("//Signature")
			d.Root().RemoveChild(sig)
			d.FindElement("//SchemeInformation").AddChild(sig)
		}, "SignaturePlacement", "not a child of the root"},
		{"signature duplicated", func(d *etree.Document) {
			d.Root().AddChild(d.FindElement("//Signature").Copy())
		}, "SignaturePresent", "exactly one"},
		{"root wrapped in another element", func(d *etree.Document) {
			root := d.Root()
			w := etree.NewElement("Wrapper")
			d.RemoveChild(root)
			w.AddChild(root)
			d.SetRoot(w)
		}, "RootElement", "root element is"},
		{"duplicate Id attribute", func(d *etree.Document) {
			d.FindElement("//SchemeName").CreateAttr("Id", "jtsl-xades-sp")
		}, "UniqueIds", "duplicate Id"},
		{"second QualifyingProperties in another ds:Object", func(d *etree.Document) {
			sig := d.FindElement("//Signature")
			obj := sig.SelectElement("Object").Copy()
			for _, e := range obj.FindElements(".//*[@Id]") {
				e.RemoveAttr("Id")
			}
			sig.AddChild(obj)
		}, "QualifyingProperties", "exactly one"},
		{"unreferenced SignedProperties", func(d *etree.Document) {
			si := d.FindElement("//SignedInfo")
			for _, r := range si.SelectElements("Reference") {
				if r.SelectAttrValue("Type", "") != "" {
					si.RemoveChild(r)
				}
			}
			resign(t, d, s)
		}, "SignedPropertiesReferenced", "not signed"},
		{"SignedProperties reference without Type", func(d *etree.Document) {
			for _, r := range d.FindElements("//Reference") {
				r.RemoveAttr("Type")
			}
			resign(t, d, s)
		}, "SignedPropertiesReferenced", "not signed"},
		{"KeyInfo certificate swapped", func(d *etree.Document) {
			d.FindElement("//X509Certificate").SetText(base64.StdEncoding.EncodeToString(cert2.Raw))
		}, "SignatureValue", "does not verify"},
		{"whitespace injected in signed content", func(d *etree.Document) {
			n := d.FindElement("//SchemeOperatorName/Name")
			n.SetText(n.Text() + " ")
		}, "ReferenceDigests", "digest does not match"},
		{"one character changed in a signed element", func(d *etree.Document) {
			n := d.FindElement("//SchemeOperatorName/Name")
			n.SetText("X" + n.Text()[1:])
		}, "ReferenceDigests", "digest does not match"},
		{"one character changed in SignedProperties", func(d *etree.Document) {
			st := d.FindElement("//SigningTime")
			st.SetText(strings.Replace(st.Text(), "2026", "2025", 1))
		}, "ReferenceDigests", "digest does not match"},
		{"one character changed in SignatureValue", func(d *etree.Document) {
			sv := d.FindElement("//SignatureValue")
			b, _ := base64.StdEncoding.DecodeString(sv.Text())
			b[5] ^= 1
			sv.SetText(base64.StdEncoding.EncodeToString(b))
		}, "SignatureValue", "does not verify"},
		{"ds prefix bound to another namespace", func(d *etree.Document) {
			sig := d.FindElement("//Signature")
			sig.RemoveAttr("xmlns:ds")
			sig.CreateAttr("xmlns:ds", "http://www.w3.org/2000/09/xmldsig#evil")
		}, "SignaturePresent", "not http://www.w3.org/2000/09/xmldsig#"},
		{"SigningCertificateV2 digest of another certificate", func(d *etree.Document) {
			sum := sha256.Sum256(cert2.Raw)
			d.FindElement("//CertDigest/DigestValue").SetText(base64.StdEncoding.EncodeToString(sum[:]))
		}, "ReferenceDigests", "digest does not match"},
		{"external reference", func(d *etree.Document) {
			d.FindElement("//SignedInfo/Reference").CreateAttr("URI", "http://example.org/other.xml")
			resign(t, d, s)
		}, "ReferencesResolved", "same-document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := signedSample(t, s, cert)
			tt.attack(d)
			data, err := d.WriteToBytes()
			if err != nil {
				t.Fatal(err)
			}
			r := Check(data, Options{File: "attack.xml", At: signedAt.Add(time.Hour), Pin: []*x509.Certificate{cert}})
			if r.Valid {
				t.Fatalf("attack accepted:\n%s", r.Text())
			}
			for _, c := range r.Checks {
				if c.Name == tt.check {
					if c.Status != diag.Fail || !strings.Contains(c.Detail, tt.reason) {
						t.Errorf("check %s: %s %q, want fail with %q", c.Name, c.Status, c.Detail, tt.reason)
					}
					return
				}
			}
			t.Errorf("no %s check in:\n%s", tt.check, r.Text())
		})
	}
}

// TestCommentInTextIsHarmless: a comment splitting a signed text node is
// dropped by exclusive c14n (no comments), and the decoder reads the text
// exactly as canonicalised — no SAML-style truncation.
func TestCommentInTextIsHarmless(t *testing.T) {
	s, cert := newSigner(t, "signer")
	d := signedSample(t, s, cert)
	n := d.FindElement("//SchemeOperatorName/Name")
	orig := n.Text()
	n.SetText(orig[:3])
	n.CreateComment("injected")
	n.CreateText(orig[3:])
	data, _ := d.WriteToBytes()
	r := Check(data, Options{File: "comment.xml", At: signedAt.Add(time.Hour), Pin: []*x509.Certificate{cert}})
	if !r.Valid {
		t.Fatalf("comment outside c14n changed the verdict:\n%s", r.Text())
	}
	if got := r.Model().Scheme.OperatorName[0].Value; got != orig {
		t.Errorf("decoded %q, signed %q", got, orig)
	}
}

func TestOwnSignatureValid(t *testing.T) {
	s, cert := newSigner(t, "signer")
	data, _ := signedSample(t, s, cert).WriteToBytes()
	r := Check(data, Options{File: "ok.xml", At: signedAt.Add(time.Hour), Pin: []*x509.Certificate{cert}})
	for _, c := range r.Checks {
		if c.Status == diag.Fail {
			t.Errorf("%s: %s", c.Name, c.Detail)
		}
	}
}
