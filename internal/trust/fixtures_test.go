package trust

import (
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
)

var update = flag.Bool("update", false, "write testdata/walk again")

// The fixture's times: the lists are signed at fixtureSigned and valid
// until 2045, so they verify at any time a test runs; the service was
// granted from 2024-01-01 and is withdrawn since 2026-03-01.
var (
	fixtureSigned    = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	fixtureNext      = time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC)
	fixtureGranted   = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	fixtureWithdrawn = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
)

// The pointers of testdata/walk/lotl.xml, by location.
const (
	locLOTL       = "https://lotl.example/lotl.xml"
	locTL         = "https://tl.example/tl.xml"
	locPDF        = "https://tl.example/tl.pdf"
	locOther      = "https://tl.example/other-signer.xml"
	locJP         = "https://jp.example/jp.xml"
	locFile       = "file:///etc/passwd"
	locPath       = "/etc/passwd"
	locHTTP       = "http://tl.example/tl.xml"
	locMissing    = "https://tl.example/missing.xml"
	locNoCert     = "https://tl.example/no-cert.xml"
	tslTypeJP     = model.TSLTypePrefix + "JPlist"
	fixtureMRAXML = `<mra:Example xmlns:mra="http://ec.europa.eu/tools/lotl/mra/schema/v2#">kept</mra:Example>`
)

// TestWriteFixtures writes testdata/walk (go test -run TestWriteFixtures
// -update): a trusted list with one CA/QC service, a list of lists
// pointing to it in every way the walk must tell apart, and the
// certificates. The keys are thrown away.
func TestWriteFixtures(t *testing.T) {
	if !*update {
		t.Skip("writes testdata/walk only with -update")
	}
	dir := filepath.Join("testdata", "walk")
	os.MkdirAll(dir, 0o755)
	tlKey, tlCert := fixtureSigner(t, "TL signer")
	lotlKey, lotlCert := fixtureSigner(t, "LOTL signer")
	_, otherCert := fixtureSigner(t, "Other signer")
	ca := mkCert(t, "Fixture CA", nil, true, func(c *x509.Certificate) {
		c.NotBefore, c.NotAfter = fixtureGranted.AddDate(-1, 0, 0), fixtureNext
	})
	leaf := mkCert(t, "Fixture leaf", ca, false, func(c *x509.Certificate) {
		c.NotBefore, c.NotAfter = fixtureGranted, fixtureNext
	})
	for name, c := range map[string]*x509.Certificate{
		"tl-signer.pem": tlCert, "lotl-signer.pem": lotlCert, "other-signer.pem": otherCert,
		"ca.pem": ca.cert, "leaf.pem": leaf.cert,
	} {
		writePEM(t, filepath.Join(dir, name), c)
	}

	base := sampleModel(t)
	tl := *base
	tl.Scheme.Type = model.TSLTypeEUGeneric
	tl.Scheme.Pointers = nil
	tsp := tl.Providers[0]
	svc := tsp.Services[0]
	svc.Type = model.SvcCAQC
	svc.Identity = model.DigitalIdentity{{Certificate: ca.cert.Raw}}
	svc.Status, svc.StatusStartingTime = model.StatusWithdrawn, fixtureWithdrawn
	svc.History = []model.HistoryInstance{{
		Type: svc.Type, Name: svc.Name, Identity: svc.Identity,
		Status: model.StatusGranted, StatusStartingTime: fixtureGranted,
	}}
	svc.HistoryPresent = true
	svc.Extensions = nil
	tsp.Services = []model.Service{svc}
	tl.Providers = []model.TSP{tsp}
	writeSigned(t, filepath.Join(dir, "tl.xml"), &tl, tlKey, tlCert)

	lotl := *base
	lotl.Providers = nil
	lotl.Scheme.Type = model.TSLTypeEUListOfTheLists
	lotl.Scheme.StatusDeterminationApproach = model.StatusDetnEUListOfTheLists
	ptr := func(loc, typ, mime string, signers ...*x509.Certificate) model.Pointer {
		p := model.Pointer{Location: loc}
		for _, s := range signers {
			p.Identities = append(p.Identities, model.DigitalIdentity{{Certificate: s.Raw}})
		}
		p.AdditionalInformation = []model.PointerInfo{{Other: &model.OtherInformation{TSLType: typ}}}
		if mime != "" {
			p.AdditionalInformation = append(p.AdditionalInformation, model.PointerInfo{Other: &model.OtherInformation{MimeType: mime}})
		}
		return p
	}
	eu, xml := model.TSLTypeEUGeneric, MimeTypeXML
	jp := ptr(locJP, tslTypeJP, xml, tlCert)
	jp.AdditionalInformation = append(jp.AdditionalInformation, model.PointerInfo{Other: &model.OtherInformation{XML: fixtureMRAXML}})
	lotl.Scheme.Pointers = []model.Pointer{
		ptr(locLOTL, model.TSLTypeEUListOfTheLists, xml, lotlCert),
		ptr(locTL, eu, xml, tlCert),
		ptr(locPDF, eu, "application/pdf", tlCert),
		ptr(locOther, eu, xml, otherCert),
		jp,
		ptr(locFile, eu, xml, tlCert),
		ptr(locPath, eu, xml, tlCert),
		ptr(locHTTP, eu, xml, tlCert),
		ptr(locMissing, eu, xml, tlCert),
		ptr(locNoCert, eu, xml),
	}
	writeSigned(t, filepath.Join(dir, "lotl.xml"), &lotl, lotlKey, lotlCert)
}

// sampleModel decodes the shared unsigned sample list.
func sampleModel(t *testing.T) *model.List {
	t.Helper()
	data, err := os.ReadFile(testtool.SharedPath(t, "tools/samples/sample-tl-unsigned.xml"))
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := tsl.Decode(data, tsl.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l.Scheme.ListIssueDateTime = fixtureSigned
	next := fixtureNext
	l.Scheme.NextUpdate = &next
	return l
}

// fixtureSigner makes a list signer: a self-signed certificate with the
// TLSO extended key usage (TS 119 612 clause 5.7.1).
func fixtureSigner(t *testing.T, cn string) (*ecdsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	s := mkCert(t, cn, nil, false, func(c *x509.Certificate) {
		c.NotBefore, c.NotAfter = fixtureSigned.AddDate(-1, 0, 0), fixtureNext
		c.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		c.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{0, 4, 0, 2231, 3, 0}}
		c.BasicConstraintsValid = true
	})
	return s.key, s.cert
}

func writeSigned(t *testing.T, file string, l *model.List, k *ecdsa.PrivateKey, c *x509.Certificate) {
	t.Helper()
	doc, err := tsl.Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	data, err := xades.SignToBytes(doc, k, c, xades.SignOptions{SigningTime: fixtureSigned})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writePEM(t *testing.T, file string, c *x509.Certificate) {
	t.Helper()
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
}
