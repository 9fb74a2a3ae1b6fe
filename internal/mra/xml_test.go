package mra

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// cookbookPointer returns the ZZ pointer of EU DSS's cookbook LOTL.
func cookbookPointer(t *testing.T) model.Pointer {
	t.Helper()
	file := testtool.SharedPath(t, "corpus/mra/cookbook/mra-lotl.xml")
	l := tsltest.Valid(t, file)
	ps := l.Scheme.Pointers
	return ps[len(ps)-1]
}

func cookbookAgreement(t *testing.T) *Agreement {
	t.Helper()
	a, err := FromPointer(cookbookPointer(t), "mra-lotl.xml")
	if err != nil || a == nil {
		t.Fatalf("FromPointer: %v %v", a, err)
	}
	return a
}

// TestDecodeCookbook reads the ZZ pointer's block as mra.md §2 and
// EXPECTED.md describe it.
func TestDecodeCookbook(t *testing.T) {
	a := cookbookAgreement(t)
	if a.TechnicalType != 1 || a.Version != 1 || a.MRADepth != 1 || a.PointedLegislation != "uri/.../" {
		t.Errorf("attributes: %+v", a)
	}
	if len(a.Equivalences) != 1 {
		t.Fatalf("%d equivalences", len(a.Equivalences))
	}
	eq := a.Equivalences[0]
	if eq.LegalIdentifier != "QCForESig" || eq.Status != StatusEnacted ||
		!eq.StatusStartingTime.Equal(time.Date(2020, 5, 16, 23, 59, 59, 0, time.UTC)) {
		t.Errorf("equivalence: %q %q %v", eq.LegalIdentifier, eq.Status, eq.StatusStartingTime)
	}
	if got := eq.Types.Pointing[0]; got.Type != model.SvcTypePrefix+"CA/QC" || got.ASI == nil || !strings.HasSuffix(got.ASI.URI.Value, "ForeSignatures") {
		t.Errorf("pointing type %+v", got)
	}
	if got := eq.Types.Pointed[0]; got.Type != "http://zz-trusted-list.go.zz/TrstSvc/Svctype/CA/QC/for-eSig" || got.ASI != nil {
		t.Errorf("pointed type %+v", got)
	}
	if len(eq.CertificateContent) != 3 || eq.CertificateContent[2].Context != ContextQcQSCD {
		t.Fatalf("contents %+v", eq.CertificateContent)
	}
	qs := eq.CertificateContent[0].Pointed.Other.Items[0].QcStatementSet
	if len(qs) != 2 || qs[1].QcCClegislation == nil || *qs[1].QcCClegislation != "ZZ" || qs[1].ID.Identifier != "urn:oid:0.4.0.1862.1.7" {
		t.Errorf("QcCompliance pointed set %+v", qs)
	}
	if eq.Qualifiers == nil || len(eq.Qualifiers.Lists) != 1 || len(eq.Qualifiers.Lists[0]) != 8 || eq.Qualifiers.NamePointing != "Sie:Q" {
		t.Errorf("qualifiers %+v", eq.Qualifiers)
	}
}

// TestRoundTrip: Marshal is deterministic, Parse(Marshal(a)) == a, the
// golden file is the cookbook block as jtsl writes it, and the block is
// valid against the MRA schema inside an OtherTSLPointer.
func TestRoundTrip(t *testing.T) {
	a := cookbookAgreement(t)
	a.Equivalences[0].History = []History{{Instances: []Terms{a.Equivalences[0].Terms}}}
	a.Equivalences[0].History[0].Instances[0].Status = StatusRepealed
	a.Equivalences[0].History[0].Instances[0].StatusStartingTime = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	a.Equivalences[0].History[0].Instances[0].Qualifiers = nil
	out, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Marshal(a)
	if again != out {
		t.Error("Marshal is not deterministic")
	}
	golden := filepath.Join("testdata", "cookbook-block.xml")
	if os.Getenv("UPDATE") != "" {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil || string(want) != out {
		t.Errorf("Marshal differs from %s (UPDATE=1 after checking): %v", golden, err)
	}
	back, err := Parse([]byte(out), golden)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, a) {
		testtool.LogDiff(t, back, a)
		t.Error("Parse(Marshal(a)) != a")
	}

	// The block inside a pointer, as the EC's LOTL would hold it.
	p := cookbookPointer(t)
	for i, info := range p.AdditionalInformation {
		if info.Other != nil && strings.Contains(info.Other.XML, Element) {
			p.AdditionalInformation[i].Other = &model.OtherInformation{XML: out}
		}
	}
	back2, err := FromPointer(p, "pointer")
	if err != nil || !reflect.DeepEqual(back2, a) {
		t.Errorf("FromPointer after Marshal: %v", err)
	}
	xsd := testtool.Tool(t, "xsd-check", "xmllint")
	file := filepath.Join(t.TempDir(), "pointer.xml")
	if err := os.WriteFile(file, []byte(pointerXML(t, p)), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, ok := testtool.Run(t, xsd, "--any-root", file); !ok {
		t.Errorf("the MRA schema rejects the block in a pointer:\n%s", msg)
	}
	// And a broken one is refused, so the check above can fail.
	bad := strings.Replace(pointerXML(t, p), "<mra:TrustServiceLegalIdentifier>QCForESig</mra:TrustServiceLegalIdentifier>", "", 1)
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := testtool.Run(t, xsd, "--any-root", file); ok {
		t.Error("xsd-check accepts a block without legal identifier")
	}
}

// pointerXML writes p as a standalone tsl:OtherTSLPointer document.
func pointerXML(t *testing.T, p model.Pointer) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<tsl:OtherTSLPointer xmlns:tsl="` + model.NSTSL + `" xmlns:tslx="` + model.NSTSLX + `">` + "\n")
	b.WriteString("<tsl:ServiceDigitalIdentities>")
	for _, id := range p.Identities {
		b.WriteString("<tsl:ServiceDigitalIdentity>")
		for _, d := range id {
			if d.Certificate != nil {
				b.WriteString("<tsl:DigitalId><tsl:X509Certificate>" + base64.StdEncoding.EncodeToString(d.Certificate) + "</tsl:X509Certificate></tsl:DigitalId>")
			}
		}
		b.WriteString("</tsl:ServiceDigitalIdentity>")
	}
	b.WriteString("</tsl:ServiceDigitalIdentities>\n<tsl:TSLLocation>" + p.Location + "</tsl:TSLLocation>\n<tsl:AdditionalInformation>\n")
	for _, info := range p.AdditionalInformation {
		o := info.Other
		switch {
		case o == nil:
		case o.TSLType != "":
			b.WriteString("<tsl:OtherInformation><tsl:TSLType>" + o.TSLType + "</tsl:TSLType></tsl:OtherInformation>\n")
		case o.MimeType != "":
			b.WriteString("<tsl:OtherInformation><tslx:MimeType>" + o.MimeType + "</tslx:MimeType></tsl:OtherInformation>\n")
		case o.XML != "":
			b.WriteString("<tsl:OtherInformation>" + o.XML + "</tsl:OtherInformation>\n")
		}
	}
	b.WriteString("</tsl:AdditionalInformation>\n</tsl:OtherTSLPointer>\n")
	return b.String()
}

// TestDecodeErrors: broken blocks are refused with the element's path and
// line, and hostile input (a DOCTYPE) never gets past xmldoc.
func TestDecodeErrors(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "cookbook-block.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, old, new, want string }{
		{"no legal id", "<mra:TrustServiceLegalIdentifier>QCForESig</mra:TrustServiceLegalIdentifier>", "", "missing mandatory element TrustServiceLegalIdentifier"},
		{"bad time", "2020-05-16T23:59:59Z", "yesterday", `"yesterday" is not an xsd:dateTime`},
		{"bad integer", `MRADepth="1"`, `MRADepth="one"`, "MRADepth"},
		{"unknown element", "<mra:TrustServiceEquivalenceStatus>", "<mra:Surprise/><mra:TrustServiceEquivalenceStatus>", "unexpected element"},
		{"doctype", `<mra:MutualRecognitionAgreementInformation`, `<!DOCTYPE x [<!ENTITY a "b">]><mra:MutualRecognitionAgreementInformation`, "DOCTYPE"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Replace(string(good), c.old, c.new, 1)
			_, err := Parse([]byte(in), "block.xml")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "block.xml") {
				t.Errorf("got %v, want an error naming block.xml and %q", err, c.want)
			}
		})
	}
	if _, err := Marshal(&Agreement{}); err == nil || !strings.Contains(err.Error(), "TrustServiceEquivalenceInformation") {
		t.Errorf("Marshal of an empty block: %v", err)
	}
}
