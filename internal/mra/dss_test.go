package mra

import (
	"crypto/x509"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/trust"
	"github.com/jtsl/jtsl/internal/tsl"
)

// A DSSQualification is one --qualify entry of dss-tl-check's report.
type DSSQualification struct {
	File            string   `json:"file"`
	AtIssuance      string   `json:"qualification_at_issuance"`
	AtValidation    string   `json:"qualification_at_validation"`
	Enacted         bool     `json:"mra_enacted"`
	LegalIdentifier string   `json:"mra_enacted_trust_service_legal_identifier"`
	Messages        []string `json:"qualification_messages"`
}

// runDSS runs EU DSS (dss-tl-check) and returns its --qualify entries.
func runDSS(t *testing.T, args ...string) []DSSQualification {
	t.Helper()
	tool := testtool.Tool(t, "dss-tl-check", "java")
	out, _ := testtool.Run(t, tool, args...) // exit 1 = a list is not clean; the qualification is still there
	var rep struct {
		Qualification []DSSQualification `json:"qualification"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Qualification) == 0 {
		t.Fatalf("dss-tl-check gave no qualification: %v\n%.2000s", err, out)
	}
	return rep.Qualification
}

// TestCookbookAgainstDSS: EU DSS itself and Evaluate give the same
// answer for EU DSS's cookbook vector at 2022-08-01 (EXPECTED.md).
func TestCookbookAgainstDSS(t *testing.T) {
	dir := testtool.SharedPath(t, "corpus/mra/cookbook")
	const (
		lotl = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_lotl.xml"
		zz   = "https://esignature.ec.europa.eu/efda/intl-pilot/api/v1/intl-pilot/tl/mra_tl_zz.xml"
	)
	at := time.Date(2022, 8, 1, 0, 0, 0, 0, time.UTC)
	args := []string{"--lotl", lotl, "--lotl-cert", filepath.Join(dir, "zz-lotl-signer.pem"),
		"--map", lotl + "=" + filepath.Join(dir, "mra-lotl.xml"), "--map", zz + "=" + filepath.Join(dir, "mra-zz-tl.xml"),
		"--mra", "--tl-type", "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/ZZlist", "--no-detail",
		"--qualify", filepath.Join(dir, "john-doe-signing.pem"), "--at", at.Format(time.RFC3339)}
	for _, f := range []string{"extra-trusted-1-test-qualified-ca1-from-zz.pem", "extra-trusted-2-test-qtsp-1-rootca-from-zz.pem",
		"extra-trusted-3-zz-qtsp1-ocsp-responder.pem", "extra-trusted-4-good-tsa.pem"} {
		args = append(args, "--trust", filepath.Join(dir, f))
	}
	dss := runDSS(t, args...)[0]

	data, err := os.ReadFile(filepath.Join(dir, "mra-zz-tl.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tl, _, err := tsl.Decode(data, tsl.DecodeOptions{File: "mra-zz-tl.xml"})
	if err != nil {
		t.Fatal(err)
	}
	leaf, ca := readCert(t, filepath.Join(dir, "john-doe-signing.pem")), readCert(t, filepath.Join(dir, "extra-trusted-1-test-qualified-ca1-from-zz.pem"))
	var periods []trust.Period
	for _, c := range trust.Covering([]trust.Source{{Name: zz, List: tl}}, trust.Query{Cert: leaf, Chain: []*x509.Certificate{ca}}) {
		periods = append(periods, trust.Periods(c.TSP, c.Service, leaf)...)
	}
	ev := Evaluate(cookbookAgreement(t), periods, leaf, at)
	if ev.AtIssuance.Name != dss.AtIssuance || ev.AtTime.Name != dss.AtValidation || ev.LegalIdentifier != dss.LegalIdentifier || ev.Enacted != dss.Enacted {
		t.Errorf("jtsl %s / %s, %q, enacted %v; EU DSS %s / %s, %q, enacted %v",
			ev.AtIssuance.Name, ev.AtTime.Name, ev.LegalIdentifier, ev.Enacted, dss.AtIssuance, dss.AtValidation, dss.LegalIdentifier, dss.Enacted)
	}
	if dss.AtIssuance != trust.QCertForESigQSCD || dss.LegalIdentifier != "QCForESig" {
		t.Errorf("EU DSS no longer says what EXPECTED.md records: %+v", dss)
	}
}
