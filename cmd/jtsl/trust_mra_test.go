package main

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/trust"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
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

// runDSS runs EU DSS and returns its --qualify entries, in order.
func runDSS(t *testing.T, args ...string) []dssQualification {
	t.Helper()
	tool := testtool.Tool(t, "dss-tl-check", "java")
	out, _ := testtool.Run(t, tool, args...) // exit 1 = a list is not clean; the qualification is there all the same
	var rep struct {
		Qualification []dssQualification `json:"qualification"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Qualification) == 0 {
		t.Fatalf("dss-tl-check gave no qualification: %v\n%.2000s", err, out)
	}
	return rep.Qualification
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

// TestTrustMRAJapaneseLeavesAgainstDSS: for every leaf of the test PKI
// (each Japanese category of the block, and the negative leaves), EU DSS
// (one run for all) and `jtsl trust --mra` give the same qualification at
// issuance and at the validation time, the same legal identifier and
// enacted flag; and EU DSS warns about nothing the list's own data could
// avoid (the service certificate's names, the service's consistency).
func TestTrustMRAJapaneseLeavesAgainstDSS(t *testing.T) {
	dir := t.TempDir()
	if d := os.Getenv("JTSL_KEEP_PKI"); d != "" {
		dir = d // to run EU DSS on the files by hand
	}
	leaves := buildPKI(t, dir, jpAgreement())
	common := []string{"--lotl", lotlURL, "--lotl-cert", filepath.Join(dir, "lotl-signer.pem"),
		"--map", lotlURL + "=" + filepath.Join(dir, "lotl.xml"), "--map", jpLocation + "=" + filepath.Join(dir, "jp.xml"),
		"--tl-type", jpListType, "--at", pkiAt.Format(time.RFC3339)}
	args := append([]string{"--mra", "--no-detail"}, common...)
	for _, l := range leaves {
		args = append(args, "--qualify", l.file)
	}
	dss := runDSS(t, args...)
	if len(dss) != len(leaves) {
		t.Fatalf("EU DSS qualified %d certificates, want %d", len(dss), len(leaves))
	}
	qc := 0
	for i, l := range leaves {
		d := dss[i]
		j := trustMRA(t, append([]string{l.file, "--offline", "--cache", "", "--verify-at", pkiSigned.Format(time.RFC3339)}, common...)...)
		t.Logf("%-50s EU DSS %s / %s %q; jtsl %s / %s %q", l.name, d.AtIssuance, d.AtValidation, d.LegalIdentifier, j.AtIssuance, j.AtTime, j.LegalIdentifier)
		sameAsDSS(t, l.name, j, d)
		if strings.HasPrefix(d.AtIssuance, "QCERT") {
			qc++
		}
		for _, m := range d.Messages {
			if strings.Contains(m, "QUAL_IS_TRUST_CERT_MATCH_SERVICE") || strings.Contains(m, "QUAL_TL_SERV_CONS") {
				t.Errorf("%s: EU DSS warns: %s", l.name, m)
			}
		}
	}
	if qc == 0 {
		t.Error("no leaf is qualified: the comparison proves little")
	}
}

// A test PKI for a Japanese list reached through an AdES-LOTL-shaped list
// of lists whose pointer carries an MRA block: what EU DSS and jtsl must
// judge alike. Every time is fixed: nothing depends on the day the test
// runs (the lists are valid until 2045).
var (
	pkiSigned = time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	pkiNext   = time.Date(2045, 1, 1, 0, 0, 0, 0, time.UTC)
	pkiAt     = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) // the validation time
)

const (
	jp             = "https://www.digital.go.jp/trustlist/"
	jpAccredited   = jp + "Svctype/AccreditedCertification"
	jpJPKISig      = jp + "Svctype/JPKI/Signature"
	jpJPKIAuth     = jp + "Svctype/JPKI/UserAuthentication"
	jpRegistration = jp + "Svctype/CommercialRegistration"
	jpESeal        = jp + "Svctype/AccreditedESeal"
	jpStAccredited = jp + "Svcstatus/accredited"
	jpStStatutory  = jp + "Svcstatus/statutory"
	jpStWithdrawn  = jp + "Svcstatus/withdrawn"
	jpQualifier    = jp + "SvcInfoExt/" // test qualifier URIs of the scheme

	policySig  = "1.2.392.100.1.1.1" // test policy OIDs of the leaves
	policyJPKI = "1.2.392.100.1.2.1"
	policyReg  = "1.2.392.100.1.3.1"
	policySeal = "1.2.392.100.1.4.1"

	jpListType = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist"
	jpLocation = "https://www.digital.go.jp/trustlist/JP-TSL.xml"
	lotlURL    = "https://lotl.test/ades-lotl-test.xml"
)

func listSigner(t *testing.T, cn string) *testtool.Issued {
	return testtool.NewCert(t, pkix.Name{Country: []string{"JP"}, Organization: []string{"jtsl test"}, CommonName: cn}, nil, false, func(c *x509.Certificate) {
		c.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		c.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{0, 4, 0, 2231, 3, 0}}
	})
}

// leaf issues an end-entity certificate at notBefore with a policy (none
// when "") and, with qc, the QC statements a Japanese certificate would
// carry: QcCompliance and QcCClegislation JP.
func leaf(t *testing.T, cn string, ca *testtool.Issued, notBefore time.Time, policy string, qc bool) *testtool.Issued {
	return testtool.NewCert(t, pkix.Name{Country: []string{"JP"}, CommonName: cn}, ca, false, func(c *x509.Certificate) {
		c.NotBefore, c.NotAfter = notBefore, notBefore.AddDate(3, 0, 0)
		c.KeyUsage = x509.KeyUsageContentCommitment | x509.KeyUsageDigitalSignature
		if policy != "" {
			o, _ := x509.ParseOID(policy)
			c.Policies = []x509.OID{o}
		}
		if qc {
			v, err := asn1.Marshal([]any{
				struct{ ID asn1.ObjectIdentifier }{asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}},
				struct {
					ID   asn1.ObjectIdentifier
					Info []string
				}{asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 7}, []string{"JP"}},
			})
			if err != nil {
				t.Fatal(err)
			}
			c.ExtraExtensions = append(c.ExtraExtensions, pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}, Value: v})
		}
	})
}

func writeSignedList(t *testing.T, file string, l *model.List, s *testtool.Issued) {
	t.Helper()
	doc, err := tsl.Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	data, err := xades.SignToBytes(doc, s.Key, s.Cert, xades.SignOptions{SigningTime: pkiSigned})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeCertPEM(t *testing.T, file string, c *x509.Certificate) {
	t.Helper()
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
}

// baseList is the shared unsigned sample list with the fixture's dates.
func baseList(t *testing.T) *model.List {
	t.Helper()
	data, err := os.ReadFile(testtool.SharedPath(t, "tools/samples/sample-tl-unsigned.xml"))
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := tsl.Decode(data, tsl.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	l.Scheme.ListIssueDateTime = pkiSigned
	next := pkiNext
	l.Scheme.NextUpdate = &next
	return l
}

func policyCriteria(assert string, policies ...string) model.CriteriaList {
	cl := model.CriteriaList{Assert: assert}
	for _, p := range policies {
		cl.PolicySets = append(cl.PolicySets, []model.ObjectIdentifier{{Identifier: p}})
	}
	return cl
}

func declares(stmts ...model.QcStatement) model.CriteriaList {
	return model.CriteriaList{Assert: "all", Other: qcSet(stmts...)}
}

// jpAgreement is an EU-direction block for the test list: QCForESig for
// accredited certification and JPKI signing (enacted 2020), QCForESeal
// for accredited e-seals (enacted only from 2026-01-01, repealed before),
// commercial registration repealed; JPKI user authentication unmapped.
func jpAgreement() *mra.Agreement {
	statuses := mra.StatusEquivalence{
		Valid:   mra.StatusPair{Pointing: []string{model.StatusGranted}, Pointed: []string{jpStAccredited, jpStStatutory}},
		Invalid: mra.StatusPair{Pointing: []string{model.StatusWithdrawn}, Pointed: []string{jpStWithdrawn}},
	}
	eu := func(asi string) []mra.ServiceType {
		return []mra.ServiceType{{Type: model.SvcCAQC, ASI: &model.AdditionalServiceInformation{URI: model.LangString{Lang: "en", Value: asi}}}}
	}
	content := func(cond model.CriteriaList, qcType string, qscd bool) []mra.ContentEquivalence {
		// QcCompliance: the certificate's own QcCClegislation JP would make
		// it non-qualified for EU rules; the declaration removes it.
		compliance := model.CriteriaList{Assert: "all", CriteriaList: []model.CriteriaList{
			{Assert: "all", Other: qcSet(stmt(trust.OIDQcCompliance))},
			{Assert: "none", Other: qcSet(stmt(trust.OIDQcCClegislation))}}}
		out := []mra.ContentEquivalence{
			{Context: mra.ContextQcCompliance, Pointed: cond, Pointing: compliance},
			{Context: mra.ContextQcType, Pointed: cond, Pointing: declares(model.QcStatement{ID: model.ObjectIdentifier{Identifier: trust.OIDQcType}, QcType: &model.ObjectIdentifier{Identifier: qcType}})},
		}
		if qscd {
			out = append(out, mra.ContentEquivalence{Context: mra.ContextQcQSCD, Pointed: cond, Pointing: declares(stmt(trust.OIDQcSSCD))})
		}
		return out
	}
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	sealTerms := mra.Terms{Types: mra.TypeEquivalence{Pointing: eu(model.InfoForeSeals), Pointed: []mra.ServiceType{{Type: jpESeal}}},
		Status: mra.StatusEnacted, StatusStartingTime: d(2026, 1), Statuses: statuses,
		CertificateContent: content(policyCriteria("all", policySeal), "0.4.0.1862.1.6.2", false),
		Qualifiers: &mra.QualifierEquivalence{NamePointing: "Sie:Q", NamePointed: "Sie:Q", Lists: [][]mra.QualifierPair{{
			{Pointing: model.SvcInfoExtPrefix + "QCStatement", Pointed: jpQualifier + "QCStatement"},
			{Pointing: model.SvcInfoExtPrefix + "QCForESeal", Pointed: jpQualifier + "QCForESeal"},
		}}}}
	sealBefore := sealTerms
	sealBefore.Status, sealBefore.StatusStartingTime = mra.StatusRepealed, d(2020, 1)
	return &mra.Agreement{TechnicalType: 1, Version: 1, MRADepth: 1,
		PointingLegislation: "https://eur-lex.europa.eu/eli/reg/2014/910/oj", PointedLegislation: "https://laws.e-gov.go.jp/law/412AC0000000102",
		Equivalences: []mra.Equivalence{
			{LegalIdentifier: "QCForESig", Terms: mra.Terms{
				Types:  mra.TypeEquivalence{Pointing: eu(model.InfoForeSignatures), Pointed: []mra.ServiceType{{Type: jpAccredited}, {Type: jpJPKISig}}},
				Status: mra.StatusEnacted, StatusStartingTime: d(2020, 1), Statuses: statuses,
				CertificateContent: content(policyCriteria("atLeastOne", policySig, policyJPKI), "0.4.0.1862.1.6.1", true),
				Qualifiers: &mra.QualifierEquivalence{NamePointing: "Sie:Q", NamePointed: "Sie:Q", Lists: [][]mra.QualifierPair{{
					{Pointing: model.SvcInfoExtPrefix + "QCStatement", Pointed: jpQualifier + "QCStatement"},
					{Pointing: model.SvcInfoExtPrefix + "QCForESig", Pointed: jpQualifier + "QCForESig"},
					{Pointing: model.SvcInfoExtPrefix + "QCWithQSCD", Pointed: jpQualifier + "QCWithQSCD"},
				}}}}},
			{LegalIdentifier: "QCForESeal", Terms: sealTerms, History: []mra.History{{Instances: []mra.Terms{sealBefore}}}},
			{LegalIdentifier: "QCForESig-CommercialRegistration", Terms: mra.Terms{
				Types:  mra.TypeEquivalence{Pointing: eu(model.InfoForeSignatures), Pointed: []mra.ServiceType{{Type: jpRegistration}}},
				Status: mra.StatusRepealed, StatusStartingTime: d(2020, 1), Statuses: statuses,
				CertificateContent: content(policyCriteria("all", policyReg), "0.4.0.1862.1.6.1", true)}},
		}}
}

// A pkiLeaf is one certificate of the test, with why it is there.
type pkiLeaf struct {
	name, file string
	cert       *x509.Certificate
}

// buildPKI writes into dir the signed test list, the signed list of lists
// pointing to it with block a, their signers' certificates and the leaves
// (one per Japanese category, and the negative ones).
func buildPKI(t *testing.T, dir string, a *mra.Agreement) (leaves []pkiLeaf) {
	t.Helper()
	tlSigner, lotlKey := listSigner(t, "J-TSL test signer"), listSigner(t, "AdES LOTL test signer")
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	l := baseList(t)
	l.Scheme.Type = jpListType
	l.Scheme.Pointers = nil
	type lf = struct {
		name, policy string
		notBefore    time.Time
		qc           bool
	}
	type svc struct {
		tsp, name, typ, status string
		since                  time.Time
		history                []model.HistoryInstance
		qualifiers             []model.QualificationElement
		leaves                 []lf
	}
	// JPKI signing certificates carry no QC statements: the list says
	// what they are, with the scheme's qualifiers.
	jpki := []model.QualificationElement{{
		Qualifiers: []string{jpQualifier + "QCStatement", jpQualifier + "QCForESig", jpQualifier + "QCWithQSCD"},
		Criteria:   policyCriteria("atLeastOne", policyJPKI)}}
	// E-seal certificates state QcCompliance without a QcType, which EU
	// DSS reads as e-signature: the list says they are e-seals.
	eseal := []model.QualificationElement{{
		Qualifiers: []string{jpQualifier + "QCStatement", jpQualifier + "QCForESeal"},
		Criteria:   policyCriteria("atLeastOne", policySeal)}}
	services := []svc{
		{"Accredited CA Co.", "Accredited CA", jpAccredited, jpStAccredited, d(2020, 1), nil, nil, []lf{
			{"accredited", policySig, d(2025, 6), true},
			{"accredited, without the mapped policy", "", d(2025, 6), true},
			{"accredited, without QC statements", policySig, d(2025, 6), false}}},
		{"Withdrawn CA Co.", "Withdrawn CA", jpAccredited, jpStWithdrawn, d(2025, 1),
			[]model.HistoryInstance{{Type: jpAccredited, Status: jpStAccredited, StatusStartingTime: d(2020, 1)}}, nil,
			[]lf{{"withdrawn service, issued while accredited", policySig, d(2024, 6), true}}},
		{"J-LIS", "JPKI signing CA", jpJPKISig, jpStStatutory, d(2020, 1), nil, jpki, []lf{
			{"JPKI signing (qualifiers)", policyJPKI, d(2025, 6), false},
			{"JPKI signing, without the policy", "", d(2025, 6), false}}},
		{"J-LIS", "JPKI user authentication CA", jpJPKIAuth, jpStStatutory, d(2020, 1), nil, nil, []lf{
			{"JPKI user authentication (unmapped)", policyJPKI, d(2025, 6), true}}},
		{"Ministry of Justice", "Commercial registration CA", jpRegistration, jpStStatutory, d(2020, 1), nil, nil, []lf{
			{"commercial registration (equivalence repealed)", policyReg, d(2025, 6), true}}},
		{"E-Seal Co.", "E-seal CA", jpESeal, jpStAccredited, d(2020, 1), nil, eseal, []lf{
			{"e-seal", policySeal, d(2026, 3), true},
			{"e-seal issued before the equivalence was enacted", policySeal, d(2025, 6), true}}},
	}
	l.Providers = nil
	for _, s := range services {
		ca := testtool.NewCert(t, pkix.Name{Country: []string{"JP"}, Organization: []string{s.tsp}, CommonName: s.name}, nil, true, nil)
		name := model.MultiLang{{Lang: "en", Value: s.name}}
		ms := model.Service{Type: s.typ, Name: name, Identity: model.DigitalIdentity{{Certificate: ca.Cert.Raw}},
			Status: s.status, StatusStartingTime: s.since}
		if s.qualifiers != nil {
			ms.Extensions = []model.Extension{{Qualifications: s.qualifiers}}
		}
		for _, h := range s.history {
			h.Name, h.Identity, h.Extensions = name, ms.Identity, ms.Extensions
			ms.History = append(ms.History, h)
		}
		ms.HistoryPresent = len(ms.History) > 0
		tspName := model.MultiLang{{Lang: "en", Value: s.tsp}}
		var tsp *model.TSP
		for i := range l.Providers {
			if l.Providers[i].Name[0].Value == s.tsp {
				tsp = &l.Providers[i]
			}
		}
		if tsp == nil {
			base := baseList(t).Providers[0]
			base.Name, base.TradeName, base.Services = tspName, nil, nil
			l.Providers = append(l.Providers, base)
			tsp = &l.Providers[len(l.Providers)-1]
		}
		tsp.Services = append(tsp.Services, ms)
		for _, x := range s.leaves {
			leaves = append(leaves, pkiLeaf{name: x.name, cert: leaf(t, x.name, ca, x.notBefore, x.policy, x.qc).Cert})
		}
	}
	writeSignedList(t, filepath.Join(dir, "jp.xml"), l, tlSigner)

	block, err := mra.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	lotl := baseList(t)
	lotl.Providers = nil
	lotl.Scheme.Type = mra.AdESLOTLType
	lotl.Scheme.StatusDeterminationApproach = model.StatusDetnEUListOfTheLists
	lotl.Scheme.Pointers = []model.Pointer{{
		Location:   jpLocation,
		Identities: []model.DigitalIdentity{{{Certificate: tlSigner.Cert.Raw}}},
		AdditionalInformation: []model.PointerInfo{
			{Other: &model.OtherInformation{TSLType: jpListType}},
			{Other: &model.OtherInformation{SchemeOperatorName: l.Scheme.OperatorName}},
			{Other: &model.OtherInformation{MimeType: "application/vnd.etsi.tsl+xml"}},
			{Other: &model.OtherInformation{XML: block}},
		},
	}}
	writeSignedList(t, filepath.Join(dir, "lotl.xml"), lotl, lotlKey)
	writeCertPEM(t, filepath.Join(dir, "lotl-signer.pem"), lotlKey.Cert)
	for i := range leaves {
		leaves[i].file = filepath.Join(dir, "leaf"+string(rune('a'+i))+".pem")
		writeCertPEM(t, leaves[i].file, leaves[i].cert)
	}
	return leaves
}

func qcSet(stmts ...model.QcStatement) *model.OtherCriteria {
	return &model.OtherCriteria{Items: []model.OtherCriterion{{QcStatementSet: stmts}}}
}

func stmt(oid string) model.QcStatement {
	return model.QcStatement{ID: model.ObjectIdentifier{Identifier: oid}}
}
