package tsl_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/synth"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// sameCanonical checks that WriteCanonical writes the canonical form of
// Encode's tree, or fails as Encode does.
func sameCanonical(t *testing.T, name string, l *model.List) {
	t.Helper()
	if err := tsl.CanonicalAgrees(l); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestCanonicalMatchesTree: the canonical writer a build signs gives the
// bytes of the tree encoder's canonical form, for the sample, the small
// fixture, synthetic lists and every corpus list (extensions, verbatim
// content, multilingual values, characters to escape), and for a model
// with what the others may lack.
func TestCanonicalMatchesTree(t *testing.T) {
	for _, dir := range []string{filepath.Join(testtool.Root(), "sources"), filepath.Join("testdata", "small")} {
		l, _ := compile(t, dir)
		sameCanonical(t, dir, l)
	}
	n := 1000
	if testing.Short() {
		n = 100
	}
	sameCanonical(t, "synthetic", synth.Load(t, n).List)
	for _, f := range testtool.Corpus(t) {
		l, _ := tsltest.Read(t, f)
		sameCanonical(t, filepath.Base(f), l)
	}
	l, _ := compile(t, filepath.Join("testdata", "small"))
	odd(l)
	sameCanonical(t, "odd", l)
	// Both encoders follow one description, so the comparison above does
	// not see a change to it: the golden, made by the tree encoder before
	// the canonical writer existed, does.
	var got bytes.Buffer
	if err := tsl.WriteCanonical(&got, l); err != nil {
		t.Fatal(err)
	}
	testtool.Golden(t, filepath.Join("testdata", "odd.canonical.xml"), got.Bytes(), *update)
}

// odd puts into l what needs escaping or care: markup characters, quotes,
// tabs, line breaks and carriage returns in texts and attributes, verbatim
// content with namespaces of its own beside typed criteria, an MRA
// QcStatementSet, empty values.
func odd(l *model.List) {
	const s = "a&b<c>d\"e'f\tg\nh\ri ü 日本"
	l.ID = s
	l.Scheme.Name = append(l.Scheme.Name, model.LangString{Lang: "ja", Value: s})
	l.Scheme.Territory = s
	l.Scheme.DistributionPoints = []string{}
	t := &l.Providers[0]
	t.TradeName = model.MultiLang{{Lang: s, Value: ""}}
	t.Address.Postal[0].StateOrProvince = s
	id := model.ObjectIdentifier{Identifier: "1.2.3", Qualifier: "OIDAsURN", Description: s, DocumentationReferences: []string{"urn:x"}}
	qc := "JP"
	sv := &t.Services[0]
	sv.Identity = append(sv.Identity,
		model.DigitalID{KeyValue: `<ds:KeyValue xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:RSAKeyValue><ds:Modulus>AQAB</ds:Modulus></ds:RSAKeyValue></ds:KeyValue>`},
		model.DigitalID{SKI: []byte{1, 2, 3}},
		model.DigitalID{Other: `<x:Thing xmlns:x="urn:x" b="2" a="&amp;&#9;">t&lt;</x:Thing> tail <!-- c --><?pi x?>`, OtherPresent: true},
		model.DigitalID{Other: "", OtherPresent: true},
	)
	sv.SupplyPoints = []model.SupplyPoint{{URI: "https://x.example/" + s, Type: s}}
	sv.Extensions = append(sv.Extensions,
		model.Extension{Critical: true, Qualifications: []model.QualificationElement{{
			Qualifiers: []string{"http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithSSCD"},
			Criteria: model.CriteriaList{Assert: "atLeastOne", Description: s,
				KeyUsage:   []model.KeyUsage{{{Name: "nonRepudiation", Value: true}}},
				PolicySets: [][]model.ObjectIdentifier{{id}},
				Other: &model.OtherCriteria{Items: []model.OtherCriterion{
					{ExtendedKeyUsage: []model.ObjectIdentifier{id}},
					{XML: `<y:Other xmlns:y="urn:y" xmlns="urn:default"><z>1</z></y:Other>`},
					{CertSubjectDNAttribute: []model.ObjectIdentifier{id}},
					{QcStatementSet: []model.QcStatement{{ID: id, QcCClegislation: &qc}, {ID: id, QcType: &id}}},
				}},
				CriteriaList: []model.CriteriaList{{Assert: "all", Other: &model.OtherCriteria{Items: []model.OtherCriterion{
					{QcStatementSet: []model.QcStatement{{ID: id}}},
				}}}},
			}}}},
		model.Extension{XML: `<tsl:Unknown xmlns:tsl="http://uri.etsi.org/02231/v2#">` + "x\r\n" + `</tsl:Unknown>`},
		model.Extension{Critical: true, TakenOverBy: &model.TakenOverBy{URI: model.LangString{Lang: "en", Value: "urn:t"},
			TSPName: model.MultiLang{{Lang: "en", Value: s}}, SchemeOperatorName: model.MultiLang{{Lang: "en", Value: s}},
			SchemeTerritory: "JP", OtherQualifiers: []string{`<q xmlns="urn:q">1</q>`, "text only"}}},
		model.Extension{AdditionalServiceInformation: &model.AdditionalServiceInformation{
			URI: model.LangString{Lang: "en", Value: "urn:a"}, InformationValue: s, OtherInformation: "<o/>", OtherPresent: true}},
	)
	sv.HistoryPresent = true
	l.Scheme.Pointers = append(l.Scheme.Pointers, model.Pointer{Location: "https://x.example/l.xml",
		Identities: []model.DigitalIdentity{{{SubjectName: s}}},
		AdditionalInformation: []model.PointerInfo{
			{Textual: &model.LangString{Lang: "en", Value: s}},
			{Other: &model.OtherInformation{MimeType: "application/vnd.etsi.tsl+xml"}},
			{Other: &model.OtherInformation{XML: `<mra:MutualRecognitionAgreementInformation xmlns:mra="http://ec.europa.eu/tools/lotl/mra/schema/v2#"><mra:A/></mra:MutualRecognitionAgreementInformation>`}},
		}})
}
