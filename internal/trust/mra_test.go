package trust

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"math/big"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// The clock of the tables below: EU DSS's MRA tests write "now" into the
// LOTL and the certificate (issued 11 months before) and validate a moment
// later; here now is fixed and validation is a second later.
var (
	now        = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	issuance   = now.AddDate(0, -11, 0)
	validation = now.Add(time.Second)
)

const (
	zz          = "http://zz-trusted-list.go.zz/"
	zzForESig   = zz + "TrstSvc/Svctype/CA/QC/for-eSig"
	zzGranted   = zz + "TrstSvc/TrustedList/Svcstatus/granted"
	zzQualifier = zz + "TrstSvc/TrustedList/SvcInfoExt/"
	zzPolicy    = "1.3.6.1.4.1.314159.1.2"
)

// johnDoe is the signer of EU DSS's MRA tests (dss-test zz-pki.xml):
// nonRepudiation, policy 1.3.6.1.4.1.314159.1.2, QcCompliance, QcSSCD,
// QcType esign, QcCClegislation ZZ.
func johnDoe(t *testing.T, notBefore time.Time) *x509.Certificate {
	t.Helper()
	qc := testtool.QCStatements(t,
		testtool.QCStatement{ID: asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}},
		testtool.QCStatement{ID: asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 4}},
		testtool.QCStatement{ID: asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6}, Info: []asn1.ObjectIdentifier{{0, 4, 0, 1862, 1, 6, 1}}},
		testtool.QCStatement{ID: asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 7}, Info: []string{"ZZ"}})
	qc.Critical = true
	pol, _ := x509.ParseOID(zzPolicy)
	return testtool.NewCert(t, pkix.Name{CommonName: "John Doe", Organization: []string{"Test Qualified Trust Service Provider 1 from ZZ"},
		OrganizationalUnit: []string{"PKI-TEST"}, Country: []string{"ZZ"}}, nil, false, func(c *x509.Certificate) {
		c.SerialNumber, c.NotBefore, c.NotAfter = big.NewInt(100111), notBefore, notBefore.AddDate(2, 0, 0)
		c.KeyUsage, c.Policies = x509.KeyUsageContentCommitment, []x509.OID{pol}
		c.ExtraExtensions = []pkix.Extension{qc}
	}).Cert
}

// zzService is the one service of mra-zz-tl.xml: ZZ for-eSig, ZZ granted
// since 2020-11-10, ZZ QCWithQSCD for policy 1.3.6.1.4.1.314159.1.2.
func zzService() model.Service {
	return model.Service{
		Type: zzForESig, Name: model.MultiLang{{Lang: "en", Value: "ZZ eTrust QC for eSignatures CA"}},
		Status: zzGranted, StatusStartingTime: time.Date(2020, 11, 10, 0, 0, 0, 0, time.UTC),
		Extensions: []model.Extension{{Qualifications: []model.QualificationElement{{
			Qualifiers: []string{zzQualifier + "QCWithQSCD"},
			Criteria:   model.CriteriaList{Assert: "atLeastOne", PolicySets: [][]model.ObjectIdentifier{{{Identifier: zzPolicy}}}},
		}}}},
	}
}

func qcSet(stmts ...model.QcStatement) *model.OtherCriteria {
	return &model.OtherCriteria{Items: []model.OtherCriterion{{QcStatementSet: stmts}}}
}

func stmt(oid string) model.QcStatement {
	return model.QcStatement{ID: model.ObjectIdentifier{Identifier: oid}}
}

func legislation(cc string) model.QcStatement {
	return model.QcStatement{QcCClegislation: &cc}
}

func qcType(oid string) model.QcStatement {
	return model.QcStatement{QcType: &model.ObjectIdentifier{Identifier: oid}}
}

// sigQualification is the signature qualification EU DSS derives from the
// signing certificate's at issuance and at signing time (the rows of
// mra.md §8 are signature qualifications).
func sigQualification(iss, at Qualification) string {
	if iss.Name != at.Name {
		if !iss.QC || !at.QC {
			return "ADESIG"
		}
		return "mixed " + iss.Name + "/" + at.Name
	}
	switch iss.Name {
	case QCertForESigQSCD:
		return "QESIG"
	case QCertForESig:
		return "ADESIG_QC"
	case QCertForESealQSCD:
		return "QESEAL"
	}
	return "ADESIG"
}

func content(a *mra.Agreement, ctx string) *mra.ContentEquivalence {
	for i := range a.Equivalences[0].CertificateContent {
		if a.Equivalences[0].CertificateContent[i].Context == ctx {
			return &a.Equivalences[0].CertificateContent[i]
		}
	}
	return nil
}

// TestDSSCases is mra.md §8: each EU DSS MRA test class, its variation of
// the cookbook block, and what EU DSS asserts.
func TestDSSCases(t *testing.T) {
	repealed := func(a *mra.Agreement) { a.Equivalences[0].Status = mra.StatusRepealed }
	cases := []struct {
		name    string
		edit    func(a *mra.Agreement)
		sig     string
		enacted bool
		legalID string
		atBoth  string // the certificate's qualification at issuance and at validation time, when EU DSS asserts it
	}{
		{"MRALOTLTest", nil, "QESIG", true, "QCForESig", QCertForESigQSCD},
		{"MRANoQualifiersMappingTest", func(a *mra.Agreement) { a.Equivalences[0].Qualifiers = nil }, "QESIG", true, "QCForESig", ""},
		{"MRAWithCustomTrustServiceLegalIdentifierTest", func(a *mra.Agreement) { a.Equivalences[0].LegalIdentifier = "CustomQCForESig" }, "QESIG", true, "CustomQCForESig", ""},
		{"MRAWithCustomTrustServiceEquivalenceStatusStartingTimeTest", func(a *mra.Agreement) { a.Equivalences[0].StatusStartingTime = now }, "ADESIG", true, "", ""},
		{"MRAWithRepealedTrustServiceEquivalenceStatusTest", repealed, "ADESIG", false, "", ""},
		{"…PointedPartyServiceTypeIdentifierTest", func(a *mra.Agreement) {
			a.Equivalences[0].Types.Pointed[0].Type = "http://custom.country/TrstSvc/Svctype/CA/QC/for-eSig"
		}, "ADESIG", false, "", ""},
		{"…PointedPartyAdditionalServiceInformationTest", func(a *mra.Agreement) {
			a.Equivalences[0].Types.Pointed[0].ASI = &model.AdditionalServiceInformation{URI: model.LangString{Lang: "en", Value: model.InfoForeSeals}}
		}, "ADESIG", false, "", ""},
		{"…PointedPartyTrustServiceTSLStatusValidEquivalenceTest", func(a *mra.Agreement) {
			a.Equivalences[0].Statuses.Valid.Pointed = []string{"http://custom.country/Svcstatus/granted"}
		}, "ADESIG", false, "", ""},
		{"…PointingPartyServiceTypeIdentifierTest", func(a *mra.Agreement) {
			a.Equivalences[0].Types.Pointing[0].Type = model.SvcTypePrefix + "CA/PKC"
		}, "ADESIG", true, "QCForESig", ""},
		{"…PointingPartyAdditionalServiceInformationTest", func(a *mra.Agreement) {
			a.Equivalences[0].Types.Pointing[0].ASI.URI.Value = model.InfoForeSeals
		}, "ADESIG", true, "", ""},
		{"…PointingPartyTrustServiceTSLStatusValidEquivalenceTest", func(a *mra.Agreement) {
			a.Equivalences[0].Statuses.Valid.Pointing = []string{model.StatusRecognisedAtNationalLevel}
		}, "ADESIG", true, "QCForESig", ""},
		{"MRAWithCustomCertificateContentContextTest", func(a *mra.Agreement) {
			cc := a.Equivalences[0].CertificateContent
			a.Equivalences[0].CertificateContent = append(cc, mra.ContentEquivalence{Context: "http://ec.europa.eu/tools/lotl/mra/Exclusion",
				Pointing: model.CriteriaList{Assert: "all", Other: qcSet(stmt("0.4.0.1862.1.1"))}, Pointed: model.CriteriaList{Assert: "all", Other: qcSet(stmt("0.4.0.1862.1.1"))}})
		}, "QESIG", true, "QCForESig", ""},
		{"MRAWithDuplicatedCertificateContentContextTest", func(a *mra.Agreement) {
			a.Equivalences[0].CertificateContent = append(a.Equivalences[0].CertificateContent, *content(a, mra.ContextQcCompliance))
		}, "QESIG", true, "QCForESig", ""},

		// MRAWithCustomCertificateContentDeclaration…
		{"PointedPartyQcComplianceTest", func(a *mra.Agreement) {
			tc := "TC"
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.1"), model.QcStatement{ID: model.ObjectIdentifier{Identifier: "urn:oid:0.4.0.1862.1.7"}, QcCClegislation: &tc})}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceAssertStatusTest", func(a *mra.Agreement) { content(a, mra.ContextQcCompliance).Pointed.Assert = "none" }, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceQcStatementSetTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.1"), legislation("ZZ"))}
		}, "QESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceQcStatementSetWrongCCTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.1"), legislation("XX"))}
			content(a, mra.ContextQcCompliance).Pointing = model.CriteriaList{Assert: "none", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.7"))}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceCertPolicyTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", PolicySets: [][]model.ObjectIdentifier{{{Identifier: "urn:oid:" + zzPolicy}}}}
			content(a, mra.ContextQcCompliance).Pointing = model.CriteriaList{Assert: "all",
				CriteriaList: []model.CriteriaList{{Assert: "none", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.7"))}}, Other: qcSet(stmt("urn:oid:0.4.0.1862.1.1"))}
		}, "QESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceCertPolicySetTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", PolicySets: [][]model.ObjectIdentifier{{{Identifier: zzPolicy}}}}
		}, "QESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceWrongCertPolicyTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", PolicySets: [][]model.ObjectIdentifier{{{Identifier: "1.3.6.1.4.1.314159.1.1"}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceWrongCertPolicySetTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", PolicySets: [][]model.ObjectIdentifier{{{Identifier: "1.3.6.1.4.1.314159.1.1"}, {Identifier: zzPolicy}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceKeyUsageTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", KeyUsage: []model.KeyUsage{{{Name: "nonRepudiation", Value: true}}}}
		}, "QESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceKeyUsageSetTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", KeyUsage: []model.KeyUsage{{{Name: "nonRepudiation", Value: true}, {Name: "digitalSignature", Value: false}, {Name: "encipherOnly", Value: false}}}}
		}, "QESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceWrongKeyUsageTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", KeyUsage: []model.KeyUsage{{{Name: "digitalSignature", Value: true}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceWrongKeyUsageSetTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", KeyUsage: []model.KeyUsage{{{Name: "nonRepudiation", Value: true}, {Name: "digitalSignature", Value: true}, {Name: "encipherOnly", Value: false}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceFalseKeyUsageTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", KeyUsage: []model.KeyUsage{{{Name: "nonRepudiation", Value: false}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceCertSubjectDNAttributeTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", Other: &model.OtherCriteria{Items: []model.OtherCriterion{{CertSubjectDNAttribute: []model.ObjectIdentifier{{Identifier: "2.5.4.6"}, {Identifier: "2.5.4.11"}, {Identifier: "2.5.4.3"}}}}}}
		}, "QESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceWrongCertSubjectDNAttributeTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", Other: &model.OtherCriteria{Items: []model.OtherCriterion{{CertSubjectDNAttribute: []model.ObjectIdentifier{{Identifier: "2.5.4.6"}, {Identifier: "1.3.6.1.5.5.7.9.1"}}}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceURNExtendedKeyUsageTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", Other: &model.OtherCriteria{Items: []model.OtherCriterion{{ExtendedKeyUsage: []model.ObjectIdentifier{{Identifier: "urn:oid:1.3.6.1.5.5.7.3.8", Qualifier: "OIDAsURN"}}}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceWrongExtendedKeyUsageTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", Other: &model.OtherCriteria{Items: []model.OtherCriterion{{ExtendedKeyUsage: []model.ObjectIdentifier{{Identifier: "1.3.6.1.5.5.7.3.8"}}}}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcComplianceCompositeConditionTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointed = model.CriteriaList{Assert: "all", CriteriaList: []model.CriteriaList{{Assert: "atLeastOne",
				CriteriaList: []model.CriteriaList{{Assert: "none", PolicySets: [][]model.ObjectIdentifier{{{Identifier: "urn:oid:" + zzPolicy}}}}},
				Other:        qcSet(stmt("urn:oid:0.4.0.1862.1.1"), legislation("ZZ"))}}}
			content(a, mra.ContextQcCompliance).Pointing = model.CriteriaList{Assert: "all",
				CriteriaList: []model.CriteriaList{{Assert: "none", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.7"))}}, Other: qcSet(stmt("urn:oid:0.4.0.1862.1.1"))}
		}, "QESIG", true, "QCForESig", ""},
		{"PointingPartyQcComplianceAssertStatusTest", func(a *mra.Agreement) { content(a, mra.ContextQcCompliance).Pointing.Assert = "none" }, "ADESIG", true, "QCForESig", ""},
		{"PointingPartyQcComplianceTest", func(a *mra.Agreement) {
			content(a, mra.ContextQcCompliance).Pointing = model.CriteriaList{Assert: "all", CriteriaList: []model.CriteriaList{{Assert: "none", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.1"), stmt("urn:oid:0.4.0.1862.1.7"))}}}
		}, "ADESIG", true, "QCForESig", ""},
		{"PointedPartyQcQSCDTest", func(a *mra.Agreement) {
			c := content(a, mra.ContextQcQSCD)
			c.Pointed = model.CriteriaList{Assert: "all", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.4"))}
			c.Pointing = model.CriteriaList{Assert: "none", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.4"))}
		}, "QESIG", true, "QCForESig", ""},
		{"PointedPartyQcQSCDAndQualifierTest", func(a *mra.Agreement) {
			c := content(a, mra.ContextQcQSCD)
			c.Pointed = model.CriteriaList{Assert: "all", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.4"))}
			c.Pointing = model.CriteriaList{Assert: "none", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.4"))}
			a.Equivalences[0].Qualifiers.Lists = [][]mra.QualifierPair{{{Pointing: model.SvcInfoExtPrefix + "QCNoQSCD", Pointed: zzQualifier + "QCWithQSCD"}}}
		}, "ADESIG_QC", true, "QCForESig", ""},
		{"PointedPartyQcQSCDAndDifferentQualifierTest", func(a *mra.Agreement) {
			c := content(a, mra.ContextQcQSCD)
			c.Pointed = model.CriteriaList{Assert: "all", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.4"))}
			c.Pointing = model.CriteriaList{Assert: "none", Other: qcSet(stmt("urn:oid:0.4.0.1862.1.4"))}
			a.Equivalences[0].Qualifiers.Lists = [][]mra.QualifierPair{{{Pointing: model.SvcInfoExtPrefix + "QCNoQSCD", Pointed: zzQualifier + "QCNoQSCD"}}}
		}, "ADESIG_QC", true, "QCForESig", ""},
		{"PointedPartyQcTypeTest", func(a *mra.Agreement) {
			c := content(a, mra.ContextQcType)
			c.Pointed = model.CriteriaList{Assert: "none", Other: qcSet(qcType("urn:oid:0.4.0.1862.1.6.2"))}
			c.Pointing = model.CriteriaList{Assert: "atLeastOne", Other: qcSet(qcType("urn:oid:0.4.0.1862.1.6.2"))}
		}, "QESEAL", true, "QCForESig", ""},
	}
	tsp := model.TSP{Name: model.MultiLang{{Lang: "en", Value: "Third Country QTSP Company"}}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := cookbookAgreement(t)
			if c.edit != nil {
				c.edit(a)
			}
			cert := johnDoe(t, issuance)
			ev := Evaluate(a, Periods(tsp, zzService(), cert), cert, validation)
			check(t, ev, c.sig, c.enacted, c.legalID)
			if c.atBoth != "" && (ev.AtIssuance.Name != c.atBoth || ev.AtTime.Name != c.atBoth) {
				t.Errorf("certificate: %s / %s, want %s at both", ev.AtIssuance.Name, ev.AtTime.Name, c.atBoth)
			}
		})
	}
}

func check(t *testing.T, ev Evaluation, sig string, enacted bool, legalID string) {
	t.Helper()
	anyEnacted := false
	for _, p := range ev.Periods {
		anyEnacted = anyEnacted || p.EnactedMRA
	}
	if got := sigQualification(ev.AtIssuance, ev.AtTime); got != sig {
		t.Errorf("signature %s (certificate %s at issuance, %s at %s), want %s", got, ev.AtIssuance.Name, ev.AtTime.Name, validation.Format(time.RFC3339), sig)
	}
	if anyEnacted != enacted {
		t.Errorf("enacted service %v, want %v (%+v)", anyEnacted, enacted, ev.Periods)
	}
	if ev.LegalIdentifier != legalID {
		t.Errorf("legal identifier %q, want %q", ev.LegalIdentifier, legalID)
	}
}

// TestDSSHistoryCases: the history table of mra.md §8 (current entry and
// one history instance from 2020-05-16 unless stated).
func TestDSSHistoryCases(t *testing.T) {
	d := func(y, m int) time.Time { return now.AddDate(y, m, 0) }
	base := time.Date(2020, 5, 16, 23, 59, 59, 0, time.UTC)
	cases := []struct {
		name                   string
		cur                    string
		curStart               time.Time
		hist                   string
		histStart              time.Time
		noQualifiedCurrent     bool
		services, enactedCount int
		sig                    string
		enacted                bool
		legalID                string
	}{
		{"MRALOTLEnactedWithHistoryEnactedTest", mra.StatusEnacted, now, mra.StatusEnacted, base, false, 2, 2, "QESIG", true, "QCForESig"},
		{"MRALOTLEnactedWithHistoryRepealedTest", mra.StatusEnacted, now, mra.StatusRepealed, base, false, 2, 1, "ADESIG", true, ""},
		{"MRALOTLRepealedWithHistoryEnactedTest", mra.StatusRepealed, now, mra.StatusEnacted, base, false, 2, 1, "ADESIG", true, "QCForESig"},
		{"MRALOTLRepealedWithHistoryRepealedTest", mra.StatusRepealed, now, mra.StatusRepealed, base, false, 2, 0, "ADESIG", false, ""},
		{"MRALOTLEnactedInTheFutureWithHistoryRepealedTest", mra.StatusEnacted, d(0, 1), mra.StatusRepealed, base, false, 2, 1, "ADESIG", true, ""},
		{"MRALOTLEnactedInThePastWithHistoryRepealedTest", mra.StatusEnacted, d(-2, 0), mra.StatusRepealed, base, false, 1, 1, "QESIG", true, "QCForESig"},
		{"MRALOTLRepealedInTheFutureWithHistoryEnactedTest", mra.StatusRepealed, d(0, 1), mra.StatusEnacted, base, false, 2, 1, "QESIG", true, "QCForESig"},
		{"MRALOTLRepealedInThePastWithHistoryEnactedTest", mra.StatusRepealed, d(-2, 0), mra.StatusEnacted, base, false, 1, 0, "ADESIG", false, ""},
		{"MRALOTLEnactedWithHistoryEnactedAllInFutureTest", mra.StatusEnacted, d(2, 0), mra.StatusEnacted, now, false, 2, 2, "ADESIG", true, ""},
		{"MRALOTLRepealedWithHistoryRepealedAllInPastTest", mra.StatusRepealed, d(3, 0), mra.StatusRepealed, d(2, 0), false, 2, 0, "ADESIG", false, ""},
		{"MRALOTLEnactedNoQualifiedWithHistoryEnactedTest", mra.StatusEnacted, d(0, -3), mra.StatusEnacted, base, true, 2, 2, "QESIG", true, "QCForESig"},
	}
	tsp := model.TSP{Name: model.MultiLang{{Lang: "en", Value: "Third Country QTSP Company"}}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := cookbookAgreement(t)
			eq := &a.Equivalences[0]
			hist := eq.Terms
			hist.Status, hist.StatusStartingTime = c.hist, c.histStart
			eq.Status, eq.StatusStartingTime = c.cur, c.curStart
			if c.noQualifiedCurrent {
				cc := *content(a, mra.ContextQcCompliance)
				cc.Pointing.Assert = "none"
				eq.CertificateContent = append([]mra.ContentEquivalence{cc}, eq.CertificateContent[1:]...)
			}
			eq.History = []mra.History{{Instances: []mra.Terms{hist}}}
			cert := johnDoe(t, issuance)
			ev := Evaluate(a, Periods(tsp, zzService(), cert), cert, validation)
			enacted := 0
			for _, p := range ev.Periods {
				if p.EnactedMRA {
					enacted++
				}
			}
			if len(ev.Periods) != c.services || enacted != c.enactedCount {
				t.Errorf("services %d (%d enacted), want %d (%d)", len(ev.Periods), enacted, c.services, c.enactedCount)
			}
			check(t, ev, c.sig, c.enacted, c.legalID)
		})
	}
}

// TestNoMRA: without the block's translation the ZZ service's own URIs
// mean nothing to EU rules (dss-tl-check's run without --mra:
// CERT_FOR_ESIG), and with no service at all the answer is NA.
func TestNoMRA(t *testing.T) {
	cert := johnDoe(t, issuance)
	ps := Periods(model.TSP{}, zzService(), cert)
	c := ContentOf(cert)
	if q := Qualify(cert.NotBefore, c, ps, now); q.Name != CertForESig {
		t.Errorf("untranslated: %s, want CERT_FOR_ESIG", q.Name)
	}
	if q := Qualify(cert.NotBefore, c, nil, now); q.Name != NA {
		t.Errorf("no service: %s, want NA", q.Name)
	}
}

// TestCookbook is EU DSS's end-to-end MRA case (EXPECTED.md): John Doe's
// certificate, under the ZZ list reached through the cookbook LOTL's ZZ
// pointer, is QCERT_FOR_ESIG_QSCD at issuance and on 2022-08-01, with
// legal identifier QCForESig.
func TestCookbook(t *testing.T) {
	dir := testtool.SharedPath(t, "corpus/mra/cookbook")
	tl := tsltest.Valid(t, filepath.Join(dir, "mra-zz-tl.xml"))
	leaf, ca := readCert(t, filepath.Join(dir, "john-doe-signing.pem")), readCert(t, filepath.Join(dir, "extra-trusted-1-test-qualified-ca1-from-zz.pem"))
	var periods []Period
	for _, c := range Covering([]Source{{Name: "mra-zz-tl.xml", List: tl}}, Query{Cert: leaf, Chain: []*x509.Certificate{ca}}) {
		periods = append(periods, Periods(c.TSP, c.Service, leaf)...)
	}
	if len(periods) != 1 {
		t.Fatalf("%d service periods cover John Doe, want 1", len(periods))
	}
	at := time.Date(2022, 8, 1, 0, 0, 0, 0, time.UTC)
	ev := Evaluate(cookbookAgreement(t), periods, leaf, at)
	if ev.AtIssuance.Name != QCertForESigQSCD || ev.AtTime.Name != QCertForESigQSCD || ev.LegalIdentifier != "QCForESig" || !ev.Enacted {
		t.Errorf("got %s / %s, legal identifier %q, enacted %v; EU DSS: QCERT_FOR_ESIG_QSCD / QCERT_FOR_ESIG_QSCD, QCForESig",
			ev.AtIssuance.Name, ev.AtTime.Name, ev.LegalIdentifier, ev.Enacted)
	}
	p := ev.Periods[0]
	if p.Type != model.SvcCAQC || p.Status != model.StatusGranted || !slices.Equal(p.ASIs, []string{model.InfoForeSignatures}) ||
		!slices.Equal(p.Qualifiers, []string{model.SvcInfoExtPrefix + "QCWithQSCD"}) || !p.EnactedMRA {
		t.Errorf("translated service %+v", p)
	}
	if len(ev.Content.QcCClegislation) != 0 || !ev.Content.QcCompliance || len(ev.Original.QcCClegislation) != 1 {
		t.Errorf("certificate content %+v (original %+v)", ev.Content, ev.Original)
	}
	if len(ev.Contexts) != 3 || !ev.Contexts[0].Enacted || !ev.Contexts[1].Enacted || !ev.Contexts[2].Enacted {
		t.Errorf("contexts %+v", ev.Contexts)
	}
	// Before the ZZ service's status started (2020-11-10) EU DSS says
	// CERT_FOR_ESIG at that time (dss/README.md).
	if q := Evaluate(cookbookAgreement(t), periods, leaf, time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)).AtTime; q.Name != CertForESig {
		t.Errorf("at 2020-05-01: %s, want CERT_FOR_ESIG", q.Name)
	}
	// The verdict follows the translated service: granted as EU DSS reads
	// it on 2022-08-01, not before the service's status started, and never
	// from the ZZ status itself.
	if !GrantedEU(ev.Periods, at) || GrantedEU(ev.Periods, time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)) || GrantedEU(periods, at) {
		t.Errorf("GrantedEU: translated on %s %v, on 2020-05-01 %v, untranslated %v; want true, false, false", at.Format(time.DateOnly),
			GrantedEU(ev.Periods, at), GrantedEU(ev.Periods, time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)), GrantedEU(periods, at))
	}
}

// cookbookAgreement is the MRA block of the cookbook LOTL's ZZ pointer.
func cookbookAgreement(t *testing.T) *mra.Agreement {
	t.Helper()
	ps := tsltest.Valid(t, testtool.SharedPath(t, "corpus/mra/cookbook/mra-lotl.xml")).Scheme.Pointers
	a, err := mra.FromPointer(ps[len(ps)-1], "mra-lotl.xml")
	if err != nil || a == nil {
		t.Fatalf("FromPointer: %v %v", a, err)
	}
	return a
}

func readCert(t *testing.T, file string) *x509.Certificate {
	t.Helper()
	c, err := keys.ReadCertificate(file)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestReplacement: what a pointing-party declaration states, as EU DSS
// extracts it: atLeastOne takes its first child only, none swaps what its
// children add and remove (mra.md §5.4 step 3).
func TestReplacement(t *testing.T) {
	a := cookbookAgreement(t)
	r := replacement(content(a, mra.ContextQcType).Pointing)
	if !slices.Equal(r.add.types, []string{OIDQcTypeESign}) || !slices.Equal(r.add.stmts, []string{OIDQcType}) ||
		!slices.Equal(r.remove.types, []string{OIDQcTypeESeal, OIDQcTypeWeb}) {
		t.Errorf("QcType declaration: add %+v, remove %+v", r.add, r.remove)
	}
	r = replacement(content(a, mra.ContextQcCompliance).Pointing)
	if !slices.Equal(r.add.stmts, []string{OIDQcCompliance}) || !slices.Equal(r.remove.stmts, []string{OIDQcCClegislation}) {
		t.Errorf("QcCompliance declaration: add %+v, remove %+v", r.add, r.remove)
	}
}

// TestQualifierMapping: qualifiers are mapped, unmapped ones kept, and
// without a qualifier map none is left (DSS-3783).
func TestQualifierMapping(t *testing.T) {
	cert := johnDoe(t, issuance)
	ps := Periods(model.TSP{}, zzService(), cert)
	a := cookbookAgreement(t)
	if got := Translate(a, ps, cert).Periods[0].Qualifiers; !slices.Equal(got, []string{model.SvcInfoExtPrefix + "QCWithQSCD"}) {
		t.Errorf("mapped: %v", got)
	}
	a.Equivalences[0].Qualifiers.Lists = [][]mra.QualifierPair{{{Pointing: model.SvcInfoExtPrefix + "QCNoQSCD", Pointed: zzQualifier + "QCNoQSCD"}}}
	if got := Translate(a, ps, cert).Periods[0].Qualifiers; !slices.Equal(got, []string{zzQualifier + "QCWithQSCD"}) {
		t.Errorf("unmapped: %v", got)
	}
	a.Equivalences[0].Qualifiers = nil
	if got := Translate(a, ps, cert).Periods[0].Qualifiers; got != nil {
		t.Errorf("no map: %v", got)
	}
}
