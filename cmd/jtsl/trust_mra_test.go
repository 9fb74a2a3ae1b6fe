package main

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/trust"
)

// The proof of issue 15 against EU DSS itself (../shared/tools/dss-tl-check):
// for EU DSS's cookbook vector and for a test PKI under a Japanese list
// reached through an AdES-LOTL-shaped list of lists with an MRA block,
// `jtsl trust --mra` and EU DSS qualify every certificate alike. EU DSS
// runs twice in all (one run qualifies every leaf).

// A dssQualification is one --qualify entry of dss-tl-check's report.
type dssQualification struct {
	File            string   `json:"file"`
	AtIssuance      string   `json:"qualification_at_issuance"`
	AtValidation    string   `json:"qualification_at_validation"`
	Enacted         bool     `json:"mra_enacted"`
	LegalIdentifier string   `json:"mra_enacted_trust_service_legal_identifier"`
	Messages        []string `json:"qualification_messages"`
}

// A dssReport is what the tests read of dss-tl-check's report.
type dssReport struct {
	Qualification []dssQualification `json:"qualification"`
	Lists         []struct {
		Kind, URL string
		Parsing   struct {
			Messages []string `json:"structure_messages"`
		}
		Validation struct {
			Indication string
		}
		Clean bool
	}
}

// runDSS runs EU DSS and returns its --qualify entries, in order.
func runDSS(t *testing.T, args ...string) []dssQualification {
	return runDSSReport(t, args...).Qualification
}

func runDSSReport(t *testing.T, args ...string) dssReport {
	t.Helper()
	tool := testtool.Tool(t, "dss-tl-check", "java")
	out, _ := testtool.Run(t, tool, args...) // exit 1 = a list is not clean; the qualification is there all the same
	var rep dssReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Qualification) == 0 {
		t.Fatalf("dss-tl-check gave no qualification: %v\n%.2000s", err, out)
	}
	return rep
}

// jtslMRA is `jtsl trust --mra --format json`'s answer.
type jtslMRA struct {
	AtIssuance      string `json:"qualification_at_issuance"`
	AtTime          string `json:"qualification_at_time"`
	LegalIdentifier string `json:"mra_legal_identifier"`
	Enacted         bool   `json:"mra_enacted"`
}

func trustMRA(t *testing.T, args ...string) jtslMRA {
	t.Helper()
	_, out := jtsl(t, append(append([]string{"trust"}, args...), "--mra", "--format", "json")...)
	var r jtslMRA
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.AtIssuance == "" {
		t.Fatalf("jtsl trust --mra: %v\n%s", err, out)
	}
	return r
}

func sameAsDSS(t *testing.T, name string, j jtslMRA, d dssQualification) {
	t.Helper()
	if j.AtIssuance != d.AtIssuance || j.AtTime != d.AtValidation || j.LegalIdentifier != d.LegalIdentifier || j.Enacted != d.Enacted {
		t.Errorf("%s: jtsl %s / %s, %q, enacted %v; EU DSS %s / %s, %q, enacted %v", name,
			j.AtIssuance, j.AtTime, j.LegalIdentifier, j.Enacted, d.AtIssuance, d.AtValidation, d.LegalIdentifier, d.Enacted)
	}
}

// TestTrustMRACookbookAgainstDSS: EU DSS's cookbook vector (EXPECTED.md)
// gets the same answer from `jtsl trust --mra` as from EU DSS:
// QCERT_FOR_ESIG_QSCD at issuance and on 2022-08-01, QCForESig.
func TestTrustMRACookbookAgainstDSS(t *testing.T) {
	c := testtool.SharedPath(t, "corpus/mra/cookbook")
	const (
		lotlURL = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_lotl.xml"
		zzURL   = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml"
		zzType  = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/ZZlist"
		at      = "2022-08-01T00:00:00Z"
	)
	maps := []string{"--map", lotlURL + "=" + filepath.Join(c, "mra-lotl.xml"), "--map", zzURL + "=" + filepath.Join(c, "mra-zz-tl.xml")}
	dssArgs := append([]string{"--lotl", lotlURL, "--lotl-cert", filepath.Join(c, "zz-lotl-signer.pem"), "--mra", "--tl-type", zzType,
		"--no-detail", "--qualify", filepath.Join(c, "john-doe-signing.pem"), "--at", at}, maps...)
	for _, f := range []string{"extra-trusted-1-test-qualified-ca1-from-zz.pem", "extra-trusted-2-test-qtsp-1-rootca-from-zz.pem",
		"extra-trusted-3-zz-qtsp1-ocsp-responder.pem", "extra-trusted-4-good-tsa.pem"} {
		dssArgs = append(dssArgs, "--trust", filepath.Join(c, f))
	}
	d := runDSS(t, dssArgs...)[0]
	args := append([]string{filepath.Join(c, "john-doe-signing.pem"), "--chain", filepath.Join(c, "extra-trusted-1-test-qualified-ca1-from-zz.pem"),
		"--lotl", lotlURL, "--lotl-cert", filepath.Join(c, "zz-lotl-signer.pem"), "--offline", "--cache", "",
		"--tl-type", zzType, "--verify-at", "2026-12-01T00:00:00Z", "--at", at}, maps...)
	j := trustMRA(t, args...)
	sameAsDSS(t, "John Doe", j, d)
	if d.AtIssuance != trust.QCertForESigQSCD || d.AtValidation != trust.QCertForESigQSCD || d.LegalIdentifier != "QCForESig" {
		t.Errorf("EU DSS no longer gives what EXPECTED.md records: %+v", d)
	}
	// The text form says the same.
	_, out := jtsl(t, append(append([]string{"trust"}, args...), "--mra")...)
	for _, w := range []string{"at issuance (2021-08-13T09:03:09Z): QCERT_FOR_ESIG_QSCD", "at " + at + ": QCERT_FOR_ESIG_QSCD",
		"certificate content translated by the enacted equivalence QCForESig", "MRA QCForESig enacted since 2020-05-16T23:59:59Z"} {
		if !strings.Contains(out, w) {
			t.Errorf("text output lacks %q\n%s", w, out)
		}
	}
	// Without --mra the report has no qualification.
	_, out = jtsl(t, append(append([]string{"trust"}, args...), "--format", "json")...)
	if strings.Contains(out, "qualification_at_issuance") {
		t.Error("the report has a qualification without --mra")
	}
}

// TestTrustMRAJapaneseLeavesAgainstDSS is the end-to-end proof of mutual
// recognition, through the real pipeline: a copy of the sample sources
// with a test CA for each Japanese category of sources/mra.yaml is built
// with jtsl build, jtsl mra lotl makes the test AdES LOTL that holds the
// release's mra/JP-pointer.xml, and for every leaf (one per category, and
// the negative ones) EU DSS (one run for all) and jtsl trust --mra give the
// same qualification at issuance and at the validation time, the same
// legal identifier and enacted flag; EU DSS warns about nothing the list's
// own data could avoid. The copy's mapping adds one history version: the
// e-seal equivalence was repealed before it was enacted.
func TestTrustMRAJapaneseLeavesAgainstDSS(t *testing.T) {
	dir := t.TempDir()
	if d := os.Getenv("JTSL_KEEP_PKI"); d != "" {
		dir = d // to run EU DSS on the files by hand
	}
	t.Setenv("JTSL_DEVKEY_DIR", filepath.Join(dir, "devkey"))
	src, out := filepath.Join(dir, "sources"), filepath.Join(dir, "out")
	testtool.CopyDir(t, filepath.Join(testtool.Root(), "sources"), src)
	mapping := filepath.Join(src, "mra.yaml")
	b, err := os.ReadFile(mapping)
	if err != nil {
		t.Fatal(err)
	}
	seal := "    - legal_identifier: QCForESeal\n      status: enacted\n      from: \"" + enacted.Format(time.RFC3339) + "\"\n"
	if !strings.Contains(string(b), seal) {
		t.Fatalf("sources/mra.yaml no longer enacts QCForESeal from %s: update the test", enacted.Format(time.RFC3339))
	}
	b = []byte(strings.Replace(string(b), seal, seal+"      history:\n        - {status: repealed, from: \"2025-01-01T00:00:00Z\"}\n", 1))
	if err := os.WriteFile(mapping, b, 0o644); err != nil {
		t.Fatal(err)
	}
	leaves := testPKI(t, src, dir)
	at := time.Now().UTC().Truncate(time.Second)
	if at.Before(withdrawn) {
		t.Fatalf("the test's dates assume it runs after %s", withdrawn.Format(time.RFC3339))
	}
	atText := at.Format(time.RFC3339)
	if code, o := jtsl(t, "build", "--sources", src, "--out", out, "--dev-key", "--issue-time", atText); code != 0 {
		t.Fatalf("jtsl build: %d\n%s", code, o)
	}
	lotl := filepath.Join(dir, "lotl.xml")
	if code, o := jtsl(t, "mra", "lotl", "--release", out, "--out", lotl, "--dev-key", "--issue-time", atText); code != 0 {
		t.Fatalf("jtsl mra lotl: %d\n%s", code, o)
	}
	for _, f := range []string{filepath.Join(out, "mra", "JP-pointer.xml"), lotl} {
		args := []string{"--quiet", f}
		if strings.HasSuffix(f, "JP-pointer.xml") {
			args = []string{"--quiet", "--any-root", f}
		}
		if o, ok := testtool.Run(t, testtool.Tool(t, "xsd-check", "xmllint"), args...); !ok {
			t.Errorf("xsd-check (MRA schema) %s:\n%s", f, o)
		}
	}
	common := []string{"--lotl", lotlURL, "--lotl-cert", filepath.Join(dir, "lotl-signer.pem"),
		"--map", lotlURL + "=" + lotl, "--map", jpLocation + "=" + filepath.Join(out, "JP-TSL.xml"),
		"--tl-type", jpListType, "--at", atText}
	args := append([]string{"--mra", "--no-detail"}, common...)
	for _, l := range leaves {
		args = append(args, "--qualify", l.file)
	}
	rep := runDSSReport(t, args...)
	// EU DSS loads the J-TSL through the test LOTL, with MRA on: both
	// lists parsed without a structure message and their signatures
	// TOTAL_PASSED.
	if len(rep.Lists) != 2 {
		t.Errorf("EU DSS processed %d lists, want the test LOTL and the J-TSL", len(rep.Lists))
	}
	for _, l := range rep.Lists {
		if !l.Clean || l.Validation.Indication != "TOTAL_PASSED" || len(l.Parsing.Messages) > 0 {
			t.Errorf("EU DSS: %s %s: clean %v, %s, %v", l.Kind, l.URL, l.Clean, l.Validation.Indication, l.Parsing.Messages)
		}
	}
	dss := rep.Qualification
	if len(dss) != len(leaves) {
		t.Fatalf("EU DSS qualified %d certificates, want %d", len(dss), len(leaves))
	}
	seen := map[string]bool{}
	for i, l := range leaves {
		d := dss[i]
		j := trustMRA(t, append([]string{l.file, "--offline", "--cache", ""}, common...)...)
		t.Logf("%-55s EU DSS %s / %s %q; jtsl %s / %s %q", l.name, d.AtIssuance, d.AtValidation, d.LegalIdentifier, j.AtIssuance, j.AtTime, j.LegalIdentifier)
		sameAsDSS(t, l.name, j, d)
		seen[d.AtIssuance] = true
		for _, m := range d.Messages {
			if strings.Contains(m, "QUAL_IS_TRUST_CERT_MATCH_SERVICE") || strings.Contains(m, "QUAL_TL_SERV_CONS") {
				t.Errorf("%s: EU DSS warns: %s", l.name, m)
			}
		}
	}
	// The comparison proves something only if the leaves differ.
	for _, q := range []string{trust.QCertForESigQSCD, "QCERT_FOR_ESIG", "QCERT_FOR_ESEAL", "CERT_FOR_UNKNOWN"} {
		if !seen[q] {
			t.Errorf("no leaf is %s at issuance: the comparison proves less than it should", q)
		}
	}
}

// Dates of the sample mapping and of the test PKI.
var (
	enacted   = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC) // sources/mra.yaml: every equivalence from then
	before    = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)  // a leaf issued before it
	after     = time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)
	withdrawn = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) // the withdrawn test CA's accreditation ends
)

const (
	jp         = "https://www.digital.go.jp/trustlist/"
	jpListType = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist"
	jpLocation = "https://www.digital.go.jp/trustlist/JP-TSL.xml"
	lotlURL    = "https://lotl.test/ades-lotl-test.xml"
)

// A pkiLeaf is one certificate of the test, with why it is there.
type pkiLeaf struct {
	name, file string
}

// testPKI adds to the sources src a TSP whose services are test CAs of
// every Japanese category the sample mapping names (and one it does not),
// writes their certificates under src/certs and the leaves under dir.
func testPKI(t *testing.T, src, dir string) []pkiLeaf {
	t.Helper()
	type lf struct {
		name          string
		notBefore     time.Time
		signing, qcJP bool // nonRepudiation; QcCompliance + QcCClegislation JP
	}
	type svc struct {
		id, name, typ, status string
		ended                 bool // accreditation ended at withdrawn
		extra                 string
		leaves                []lf
	}
	// The qualifiers each category's services give in the sample.
	qualifiers := func(criteria string, qs ...string) string {
		q := "    extensions:\n      - critical: true\n        qualifications:\n          - qualifiers: ["
		for i, x := range qs {
			if i > 0 {
				q += ", "
			}
			q += jp + "SvcInfoExt/" + x
		}
		return q + "]\n            criteria: " + criteria + "\n"
	}
	const (
		signing = "{assert: all, key_usage: [[{name: nonRepudiation, value: true}]]}"
		sealing = "{assert: atLeastOne, key_usage: [[{name: nonRepudiation, value: true}], [{name: digitalSignature, value: true}]]}"
	)
	accredited := qualifiers(signing, "StatutoryCertificate", "ForSignatures")
	secure := qualifiers(signing, "StatutoryCertificate", "ForSignatures", "KeyInSecureDevice")
	registration := accredited + "      - critical: false\n        additional_service_information:\n          uri: {en: " + model.InfoForeSignatures + "}\n"
	seal := qualifiers(sealing, "StatutoryCertificate", "ForSeals")
	services := []svc{
		{"accredited", "Test Accredited CA", "Svctype/AccreditedCertification", "accredited", false, accredited, []lf{
			{"accredited certification", after, true, false},
			{"accredited, issued before the equivalence was enacted", before, true, false},
			{"accredited, authentication key usage (content not mapped)", after, false, false},
			{"accredited, QcCompliance and QcCClegislation JP", after, true, true}}},
		{"withdrawn", "Test Withdrawn CA", "Svctype/AccreditedCertification", "accredited", true, accredited, []lf{
			{"withdrawn service, issued while accredited", after, true, false}}},
		{"jpki", "Test JPKI Signing CA", "Svctype/JPKI/Signature", "operating", false, secure, []lf{
			{"JPKI signing (key in a secure device)", after, true, false}}},
		{"jpki-auth", "Test JPKI User Authentication CA", "Svctype/JPKI/UserAuthentication", "operating", false, "", []lf{
			{"JPKI user authentication (not in the mapping)", after, true, false}}},
		{"registration", "Test Commercial Registration CA", "Svctype/CommercialRegistration", "operating", false, registration, []lf{
			{"commercial registration", after, true, false}}},
		{"e-seal", "Test E-Seal CA", "Svctype/AccreditedESeal", "accredited", false, seal, []lf{
			{"e-seal", after, true, false},
			{"e-seal issued while the equivalence was repealed", before, true, false}}},
	}
	const tsp = "jtsl Test PKI Co."
	y := `# yaml-language-server: $schema=../../schema/tsp.schema.json
name: {en: ` + tsp + `}
trade_name: {en: NTRJP-7010001099999}
address:
  postal: {en: {street: 1-1 Test, locality: Tokyo, country: JP}}
  electronic: [{en: "mailto:test@example.jp"}, {en: "https://example.jp/"}]
information_uri: {en: "https://example.jp/test-pki"}
services:
`
	var leaves []pkiLeaf
	for _, s := range services {
		ca := testtool.NewCert(t, pkix.Name{Country: []string{"JP"}, Organization: []string{tsp}, CommonName: s.name}, nil, true, nil)
		writeCertPEM(t, filepath.Join(src, "certs", "test-"+s.id+".pem"), ca.Cert)
		status := "      - {status: " + jp + "Svcstatus/" + s.status + ", from: \"2026-01-01T00:00:00Z\"}\n"
		if s.ended {
			status += "      - {status: " + jp + "Svcstatus/accreditationended, from: \"" + withdrawn.Format(time.RFC3339) + "\"}\n"
		}
		y += "  - id: " + s.id + "\n    type: " + jp + s.typ + "\n    name: {en: " + s.name + "}\n" +
			"    identity: {certificate: certs/test-" + s.id + ".pem, sample: true}\n    status:\n" + status + s.extra
		for _, x := range s.leaves {
			f := filepath.Join(dir, fmt.Sprintf("leaf-%02d.pem", len(leaves)+1))
			writeCertPEM(t, f, leaf(t, x.name, ca, x.notBefore, x.signing, x.qcJP).Cert)
			leaves = append(leaves, pkiLeaf{x.name, f})
		}
	}
	if err := os.WriteFile(filepath.Join(src, "tsps", "test-pki.yaml"), []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return leaves
}

// leaf issues an end-entity certificate at notBefore: a signing
// certificate (nonRepudiation) or an authentication one, with qcJP the QC
// statements a Japanese certificate could carry: QcCompliance and
// QcCClegislation JP.
func leaf(t *testing.T, cn string, ca *testtool.Issued, notBefore time.Time, signing, qcJP bool) *testtool.Issued {
	return testtool.NewCert(t, pkix.Name{Country: []string{"JP"}, CommonName: cn}, ca, false, func(c *x509.Certificate) {
		c.NotBefore, c.NotAfter = notBefore, notBefore.AddDate(20, 0, 0)
		c.KeyUsage = x509.KeyUsageDigitalSignature
		if signing {
			c.KeyUsage = x509.KeyUsageContentCommitment
		}
		if qcJP {
			c.ExtraExtensions = append(c.ExtraExtensions, testtool.QCStatements(t,
				testtool.QCStatement{ID: asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}},
				testtool.QCStatement{ID: asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 7}, Info: []string{"JP"}}))
		}
	})
}

func writeCertPEM(t *testing.T, file string, c *x509.Certificate) {
	t.Helper()
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
}
