package mra

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

// TestLOTLName is how a test list of lists made by jtsl names itself: it
// is never the EC's AdES LOTL, and says so wherever a name shows.
const TestLOTLName = "EU:TEST AdES list of trusted lists made by jtsl for end-to-end tests, not published by the European Commission"

// TestLOTL returns an unsigned list of lists shaped as the EU's AdES LOTL
// (its TSLType, EU territory and list-of-lists URIs) holding one pointer,
// the tsl:OtherTSLPointer element of pointerXML (a release's
// mra/JP-pointer.xml), issued at issue and valid for six months: a list a
// user signs with any key to run EU DSS from the EC's side before the EC
// publishes anything.
func TestLOTL(pointerXML []byte, issue time.Time) ([]byte, error) {
	pd := etree.NewDocument()
	if err := pd.ReadFromBytes(pointerXML); err != nil {
		return nil, fmt.Errorf("pointer: not well-formed XML: %v", err)
	}
	p := pd.Root()
	if p == nil || p.Tag != "OtherTSLPointer" || p.NamespaceURI() != model.NSTSL {
		return nil, errors.New("pointer: the root element is not a tsl:OtherTSLPointer (give a release's mra/JP-pointer.xml)")
	}
	issue = issue.UTC().Truncate(time.Second)
	next := issue.AddDate(0, 6, 0)
	test := model.MultiLang{{Lang: "en", Value: "jtsl test list (not the European Commission)"}}
	l := &model.List{Tag: model.TSLTag, ID: "jtsl-test-ades-lotl", Scheme: model.Scheme{
		VersionIdentifier: model.Version6, SequenceNumber: 1, Type: AdESLOTLType,
		OperatorName: test,
		OperatorAddress: model.Address{
			Postal:     []model.PostalAddress{{Lang: "en", StreetAddress: "not a real address: a test list", Locality: "nowhere", CountryName: "EU"}},
			Electronic: model.MultiLang{{Lang: "en", Value: "https://example.invalid/jtsl-test-lotl"}},
		},
		Name:                        model.MultiLang{{Lang: "en", Value: TestLOTLName}},
		InformationURI:              model.MultiLang{{Lang: "en", Value: "https://example.invalid/jtsl-test-lotl"}},
		StatusDeterminationApproach: model.StatusDetnEUListOfTheLists,
		CommunityRules:              model.MultiLang{{Lang: "en", Value: model.SchemeRulesEUListOfTheLists}},
		Territory:                   "EU",
		HistoricalInformationPeriod: model.HistoricalInformationPeriodForever,
		ListIssueDateTime:           issue,
		NextUpdate:                  &next,
	}}
	doc, err := tsl.Encode(l)
	if err != nil {
		return nil, err
	}
	si := doc.Root().SelectElement("SchemeInformation")
	at := si.SelectElement("ListIssueDateTime")
	if si == nil || at == nil {
		return nil, errors.New("test LOTL: no SchemeInformation/ListIssueDateTime") // the encoder always writes them
	}
	// PointersToOtherTSL comes before ListIssueDateTime (TS 119 612 5.3.13).
	ptrs := etree.NewElement("PointersToOtherTSL")
	ptrs.Space = at.Space
	ptrs.AddChild(p.Copy())
	si.InsertChildAt(at.Index(), ptrs)
	doc.Indent(2)
	var b bytes.Buffer
	if _, err := doc.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
