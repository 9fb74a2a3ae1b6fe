package tsl_test

import (
	"flag"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
)

var update = flag.Bool("update", false, "rewrite golden files")

func compile(t *testing.T, dir string) (*model.List, []byte) {
	t.Helper()
	set, diags, err := source.Load(dir)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	l := set.List
	l.Scheme.SequenceNumber, l.ID = 1, "JP-TL-1"
	l.Scheme.ListIssueDateTime = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	nu := l.Scheme.ListIssueDateTime.AddDate(0, 6, 0)
	l.Scheme.NextUpdate = &nu
	b, err := tsl.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return l, b
}

// TestSmallGolden pins the compiled XML of a small fixture, checks it with
// the official XSD, and that it decodes back to the same model.
func TestSmallGolden(t *testing.T) {
	l, got := compile(t, filepath.Join("testdata", "small"))
	golden := filepath.Join("testdata", "small.golden.xml")
	testtool.Golden(t, golden, got, *update)
	back, diags, err := tsl.Decode(got, tsl.DecodeOptions{File: golden})
	if err != nil || diags.HasErrors() || !reflect.DeepEqual(back, l) {
		t.Errorf("golden does not decode to the model: %v %v", err, diags)
	}
	xsd := testtool.Tool(t, "xsd-check", "xmllint")
	if msg, ok := testtool.Run(t, xsd, golden); !ok {
		t.Errorf("XSD rejects the golden file:\n%s", msg)
	}
}

// TestSampleCoversTS119612 asserts, by XPath over the compiled sample, that
// every element of TS 119 612 clauses 5.3-5.6 the sample is meant to show
// is there at least once.
func TestSampleCoversTS119612(t *testing.T) {
	_, b := compile(t, filepath.Join(testtool.Root(), "sources"))
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(b); err != nil {
		t.Fatal(err)
	}
	paths := []string{
		"//SchemeInformation/SchemeOperatorAddress/PostalAddresses/PostalAddress[@xml:lang='ja']",
		"//SchemeInformation/SchemeOperatorAddress/ElectronicAddress/URI",
		"//SchemeInformation/SchemeInformationURI/URI",
		"//SchemeInformation/SchemeTypeCommunityRules/URI",
		"//SchemeInformation/PolicyOrLegalNotice/TSLPolicy",
		"//SchemeInformation/HistoricalInformationPeriod",
		"//PointersToOtherTSL/OtherTSLPointer/ServiceDigitalIdentities/ServiceDigitalIdentity/DigitalId/X509Certificate",
		"//OtherTSLPointer/AdditionalInformation/OtherInformation/TSLType",
		"//OtherTSLPointer/AdditionalInformation/OtherInformation/SchemeOperatorName",
		"//OtherTSLPointer/AdditionalInformation/OtherInformation/SchemeTypeCommunityRules",
		"//OtherTSLPointer/AdditionalInformation/OtherInformation/SchemeTerritory",
		"//OtherTSLPointer/AdditionalInformation/OtherInformation/MimeType",
		"//OtherTSLPointer/AdditionalInformation/TextualInformation",
		"//SchemeInformation/DistributionPoints/URI",
		"//SchemeInformation/SchemeExtensions/Extension[@Critical='false']",
		"//TSPInformation/TSPTradeName/Name",
		"//TSPInformation/TSPInformationExtensions/Extension",
		"//ServiceInformation/ServiceDigitalIdentity/DigitalId/X509Certificate",
		"//ServiceInformation/ServiceDigitalIdentity/DigitalId/X509SubjectName",
		"//ServiceInformation/ServiceDigitalIdentity/DigitalId/X509SKI",
		"//ServiceInformation/ServiceDigitalIdentity/DigitalId/KeyValue",
		"//ServiceInformation/ServiceDigitalIdentity/DigitalId/Other",
		"//ServiceSupplyPoints/ServiceSupplyPoint[@type]",
		"//ServiceInformation/SchemeServiceDefinitionURI/URI",
		"//ServiceInformation/TSPServiceDefinitionURI/URI",
		"//ServiceInformationExtensions/Extension/AdditionalServiceInformation/URI",
		"//ServiceInformationExtensions/Extension[@Critical='true']/Qualifications/QualificationElement[2]",
		"//Qualifications/QualificationElement/CriteriaList/KeyUsage/KeyUsageBit",
		"//Qualifications/QualificationElement/CriteriaList/PolicySet/PolicyIdentifier/Identifier",
		"//Qualifications/QualificationElement/CriteriaList/CriteriaList",
		"//Qualifications/QualificationElement/CriteriaList/otherCriteriaList/ExtendedKeyUsage/KeyPurposeId",
		"//Qualifications/QualificationElement/CriteriaList/otherCriteriaList/CertSubjectDNAttribute/AttributeOID",
		"//ServiceInformationExtensions/Extension/TakenOverBy/TSPName",
		"//ServiceInformationExtensions/Extension/ExpiredCertsRevocationInfo",
		"//TSPService/ServiceHistory/ServiceHistoryInstance/ServiceDigitalIdentity/DigitalId/X509SKI",
	}
	for _, p := range paths {
		if doc.FindElement(p) == nil {
			t.Errorf("the sample has no %s", p)
		}
	}
	if doc.FindElement("//ServiceHistoryInstance/ServiceDigitalIdentity/DigitalId/X509Certificate") != nil {
		t.Error("a history instance carries a certificate (TS 119 612 clause 5.6)")
	}
	// The sample lists the Japanese legal categories in the scheme's own
	// vocabulary, every one of them, and claims no EU-qualified type: a
	// Japanese service is not qualified under the EU regulation; the EU
	// meaning comes from the mutual recognition mapping.
	set, _, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || set.Vocabulary == nil {
		t.Fatalf("the sample has no vocabulary: %v", err)
	}
	types := map[string]bool{}
	for _, e := range doc.FindElements("//TrustServiceProviderList//ServiceTypeIdentifier") {
		types[e.Text()] = true
		if slices.Contains(model.QualifiedServiceTypes, e.Text()) {
			t.Errorf("the sample claims the EU-qualified type %s", e.Text())
		}
	}
	for _, want := range set.Vocabulary.URIs(source.KindServiceType) {
		if !types[want] {
			t.Errorf("no service of the scheme's type %s", want)
		}
	}
	statuses := map[string]bool{}
	for _, e := range doc.FindElements("//ServiceStatus") {
		statuses[e.Text()] = true
	}
	for _, want := range set.Vocabulary.URIs(source.KindStatus) {
		if !statuses[want] {
			t.Errorf("no service with the scheme's status %s", want)
		}
	}
}
