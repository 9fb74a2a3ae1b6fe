package mra

import (
	"crypto"
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
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/trust"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
)

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

type pkiKey struct {
	key  crypto.Signer
	cert *x509.Certificate
}

func newCert(t *testing.T, subject pkix.Name, issuer *pkiKey, ca bool, edit func(*x509.Certificate)) *pkiKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(k.Public())
	ski := sha256.Sum256(der)
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: subject,
		NotBefore: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: pkiNext,
		SubjectKeyId: ski[:20], BasicConstraintsValid: true, IsCA: ca,
	}
	if ca {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	}
	if edit != nil {
		edit(tmpl)
	}
	parent, signer := tmpl, crypto.Signer(k)
	if issuer != nil {
		parent, signer = issuer.cert, issuer.key
	}
	c, err := x509.CreateCertificate(rand.Reader, tmpl, parent, k.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(c)
	if err != nil {
		t.Fatal(err)
	}
	return &pkiKey{k, cert}
}

func listSigner(t *testing.T, cn string) *pkiKey {
	return newCert(t, pkix.Name{Country: []string{"JP"}, Organization: []string{"jtsl test"}, CommonName: cn}, nil, false, func(c *x509.Certificate) {
		c.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		c.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{0, 4, 0, 2231, 3, 0}}
	})
}

// leaf issues an end-entity certificate at notBefore with a policy (none
// when "") and, with qc, the QC statements a Japanese certificate would
// carry: QcCompliance and QcCClegislation JP.
func leaf(t *testing.T, cn string, ca *pkiKey, notBefore time.Time, policy string, qc bool) *pkiKey {
	return newCert(t, pkix.Name{Country: []string{"JP"}, CommonName: cn}, ca, false, func(c *x509.Certificate) {
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

func writeSignedList(t *testing.T, file string, l *model.List, s *pkiKey) {
	t.Helper()
	doc, err := tsl.Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	data, err := xades.SignToBytes(doc, s.key, s.cert, xades.SignOptions{SigningTime: pkiSigned})
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
func jpAgreement() *Agreement {
	statuses := StatusEquivalence{
		Valid:   StatusPair{Pointing: []string{model.StatusGranted}, Pointed: []string{jpStAccredited, jpStStatutory}},
		Invalid: StatusPair{Pointing: []string{model.StatusWithdrawn}, Pointed: []string{jpStWithdrawn}},
	}
	eu := func(asi string) []ServiceType {
		return []ServiceType{{Type: model.SvcCAQC, ASI: &model.AdditionalServiceInformation{URI: model.LangString{Lang: "en", Value: asi}}}}
	}
	content := func(cond model.CriteriaList, qcType string, qscd bool) []ContentEquivalence {
		// QcCompliance: the certificate's own QcCClegislation JP would make
		// it non-qualified for EU rules; the declaration removes it.
		compliance := model.CriteriaList{Assert: "all", CriteriaList: []model.CriteriaList{
			{Assert: "all", Other: qcSet(stmt(trust.OIDQcCompliance))},
			{Assert: "none", Other: qcSet(stmt(trust.OIDQcCClegislation))}}}
		out := []ContentEquivalence{
			{Context: ContextQcCompliance, Pointed: cond, Pointing: compliance},
			{Context: ContextQcType, Pointed: cond, Pointing: declares(model.QcStatement{ID: model.ObjectIdentifier{Identifier: trust.OIDQcType}, QcType: &model.ObjectIdentifier{Identifier: qcType}})},
		}
		if qscd {
			out = append(out, ContentEquivalence{Context: ContextQcQSCD, Pointed: cond, Pointing: declares(stmt(trust.OIDQcSSCD))})
		}
		return out
	}
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	sealTerms := Terms{Types: TypeEquivalence{Pointing: eu(model.InfoForeSeals), Pointed: []ServiceType{{Type: jpESeal}}},
		Status: StatusEnacted, StatusStartingTime: d(2026, 1), Statuses: statuses,
		CertificateContent: content(policyCriteria("all", policySeal), "0.4.0.1862.1.6.2", false)}
	sealBefore := sealTerms
	sealBefore.Status, sealBefore.StatusStartingTime = StatusRepealed, d(2020, 1)
	return &Agreement{TechnicalType: 1, Version: 1, MRADepth: 1,
		PointingLegislation: "https://eur-lex.europa.eu/eli/reg/2014/910/oj", PointedLegislation: "https://laws.e-gov.go.jp/law/412AC0000000102",
		Equivalences: []Equivalence{
			{LegalIdentifier: "QCForESig", Terms: Terms{
				Types:  TypeEquivalence{Pointing: eu(model.InfoForeSignatures), Pointed: []ServiceType{{Type: jpAccredited}, {Type: jpJPKISig}}},
				Status: StatusEnacted, StatusStartingTime: d(2020, 1), Statuses: statuses,
				CertificateContent: content(policyCriteria("atLeastOne", policySig, policyJPKI), "0.4.0.1862.1.6.1", true),
				Qualifiers: &QualifierEquivalence{NamePointing: "Sie:Q", NamePointed: "Sie:Q", Lists: [][]QualifierPair{{
					{Pointing: model.SvcInfoExtPrefix + "QCStatement", Pointed: jpQualifier + "QCStatement"},
					{Pointing: model.SvcInfoExtPrefix + "QCForESig", Pointed: jpQualifier + "QCForESig"},
					{Pointing: model.SvcInfoExtPrefix + "QCWithQSCD", Pointed: jpQualifier + "QCWithQSCD"},
				}}}}},
			{LegalIdentifier: "QCForESeal", Terms: sealTerms, History: []History{{Instances: []Terms{sealBefore}}}},
			{LegalIdentifier: "QCForESig-CommercialRegistration", Terms: Terms{
				Types:  TypeEquivalence{Pointing: eu(model.InfoForeSignatures), Pointed: []ServiceType{{Type: jpRegistration}}},
				Status: StatusRepealed, StatusStartingTime: d(2020, 1), Statuses: statuses,
				CertificateContent: content(policyCriteria("all", policyReg), "0.4.0.1862.1.6.1", true)}},
		}}
}

// A pkiLeaf is one certificate of the test, with why it is there.
type pkiLeaf struct {
	name string
	cert *x509.Certificate
}

// buildPKI writes into dir the signed test list, the signed list of lists
// pointing to it with block a, their signers' certificates and the leaves
// (one per Japanese category, and the negative ones).
func buildPKI(t *testing.T, dir string, a *Agreement) (lotlSigner *x509.Certificate, leaves []pkiLeaf) {
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
		{"E-Seal Co.", "E-seal CA", jpESeal, jpStAccredited, d(2020, 1), nil, nil, []lf{
			{"e-seal", policySeal, d(2026, 3), true},
			{"e-seal issued before the equivalence was enacted", policySeal, d(2025, 6), true}}},
	}
	l.Providers = nil
	for _, s := range services {
		ca := newCert(t, pkix.Name{Country: []string{"JP"}, Organization: []string{s.tsp}, CommonName: s.name}, nil, true, nil)
		name := model.MultiLang{{Lang: "en", Value: s.name}}
		ms := model.Service{Type: s.typ, Name: name, Identity: model.DigitalIdentity{{Certificate: ca.cert.Raw}},
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
			leaves = append(leaves, pkiLeaf{x.name, leaf(t, x.name, ca, x.notBefore, x.policy, x.qc).cert})
		}
	}
	writeSignedList(t, filepath.Join(dir, "jp.xml"), l, tlSigner)

	block, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	lotl := baseList(t)
	lotl.Providers = nil
	lotl.Scheme.Type = AdESLOTLType
	lotl.Scheme.StatusDeterminationApproach = model.StatusDetnEUListOfTheLists
	lotl.Scheme.Pointers = []model.Pointer{{
		Location:   jpLocation,
		Identities: []model.DigitalIdentity{{{Certificate: tlSigner.cert.Raw}}},
		AdditionalInformation: []model.PointerInfo{
			{Other: &model.OtherInformation{TSLType: jpListType}},
			{Other: &model.OtherInformation{SchemeOperatorName: l.Scheme.OperatorName}},
			{Other: &model.OtherInformation{MimeType: "application/vnd.etsi.tsl+xml"}},
			{Other: &model.OtherInformation{XML: block}},
		},
	}}
	writeSignedList(t, filepath.Join(dir, "lotl.xml"), lotl, lotlKey)
	writeCertPEM(t, filepath.Join(dir, "lotl-signer.pem"), lotlKey.cert)
	for i, x := range leaves {
		writeCertPEM(t, filepath.Join(dir, "leaf"+string(rune('a'+i))+".pem"), x.cert)
	}
	return lotlKey.cert, leaves
}

// TestJapaneseLeavesAgainstDSS: for every leaf of the test PKI, EU DSS
// (one run, every leaf) and jtsl give the same qualification at issuance
// and at the validation time, the same enacted flag and legal identifier;
// and EU DSS warns about nothing the list's own data could avoid.
func TestJapaneseLeavesAgainstDSS(t *testing.T) {
	dir := t.TempDir()
	if d := os.Getenv("JTSL_KEEP_PKI"); d != "" {
		dir = d // to run EU DSS on the files by hand
	}
	a := jpAgreement()
	lotlSigner, leaves := buildPKI(t, dir, a)
	_ = lotlSigner
	args := []string{"--lotl", lotlURL, "--lotl-cert", filepath.Join(dir, "lotl-signer.pem"),
		"--map", lotlURL + "=" + filepath.Join(dir, "lotl.xml"), "--map", jpLocation + "=" + filepath.Join(dir, "jp.xml"),
		"--mra", "--tl-type", jpListType, "--no-detail", "--at", pkiAt.Format(time.RFC3339)}
	for i := range leaves {
		args = append(args, "--qualify", filepath.Join(dir, "leaf"+string(rune('a'+i))+".pem"))
	}
	dss := runDSS(t, args...)
	if len(dss) != len(leaves) {
		t.Fatalf("EU DSS qualified %d certificates, want %d", len(dss), len(leaves))
	}

	data, err := os.ReadFile(filepath.Join(dir, "jp.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tl, diags, err := tsl.Decode(data, tsl.DecodeOptions{File: "jp.xml"})
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	for i, lf := range leaves {
		var periods []trust.Period
		for _, c := range trust.Covering([]trust.Source{{Name: jpLocation, List: tl}}, trust.Query{Cert: lf.cert}) {
			periods = append(periods, trust.Periods(c.TSP, c.Service, lf.cert)...)
		}
		ev := Evaluate(a, periods, lf.cert, pkiAt)
		d := dss[i]
		t.Logf("%-50s EU DSS %s / %s %q; jtsl %s / %s %q", lf.name, d.AtIssuance, d.AtValidation, d.LegalIdentifier, ev.AtIssuance.Name, ev.AtTime.Name, ev.LegalIdentifier)
		// Warnings the list's own data could avoid: the service
		// certificate's names against the service, the service's
		// consistency (qualifiers, ASIs, status).
		for _, m := range d.Messages {
			if strings.Contains(m, "QUAL_IS_TRUST_CERT_MATCH_SERVICE") || strings.Contains(m, "QUAL_TL_SERV_CONS") {
				t.Errorf("%s: EU DSS warns: %s", lf.name, m)
			}
			if ev.AtIssuance.QC && ev.AtTime.QC {
				t.Logf("  %s", m)
			}
		}
		if ev.AtIssuance.Name != d.AtIssuance || ev.AtTime.Name != d.AtValidation || ev.LegalIdentifier != d.LegalIdentifier || ev.Enacted != d.Enacted {
			t.Errorf("%s: jtsl %s / %s, %q, enacted %v; EU DSS %s / %s, %q, enacted %v", lf.name,
				ev.AtIssuance.Name, ev.AtTime.Name, ev.LegalIdentifier, ev.Enacted, d.AtIssuance, d.AtValidation, d.LegalIdentifier, d.Enacted)
		}
	}
}
