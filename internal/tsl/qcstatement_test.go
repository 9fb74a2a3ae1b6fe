package tsl_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
)

// TestQcStatementSetCriterion: an mra:QcStatementSet criterion (typed in
// the MRA block) is written with its own namespace declaration and is
// schema-valid in a list; a list read back keeps it verbatim, as its other
// unknown criteria, and round-trips.
func TestQcStatementSetCriterion(t *testing.T) {
	l, _ := compile(t, filepath.Join("testdata", "small"))
	zz := "ZZ"
	set := []model.QcStatement{
		{ID: model.ObjectIdentifier{Identifier: "0.4.0.1862.1.1"}},
		{ID: model.ObjectIdentifier{Identifier: "urn:oid:0.4.0.1862.1.6", Qualifier: "OIDAsURN"}, QcType: &model.ObjectIdentifier{Identifier: "0.4.0.1862.1.6.1"}},
		{ID: model.ObjectIdentifier{Identifier: "0.4.0.1862.1.7"}, QcCClegislation: &zz},
	}
	svc := &l.Providers[0].Services[0]
	svc.Extensions = append(svc.Extensions, model.Extension{Qualifications: []model.QualificationElement{{
		Qualifiers: []string{model.SvcInfoExtPrefix + "QCWithQSCD"},
		Criteria:   model.CriteriaList{Assert: "all", Other: &model.OtherCriteria{Items: []model.OtherCriterion{{QcStatementSet: set}}}},
	}}})
	b, err := tsl.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `<mra:QcStatementSet xmlns:mra="`+model.NSMRA+`">`) {
		t.Error("QcStatementSet not written with its namespace")
	}
	back, diags, err := tsl.Decode(b, tsl.DecodeOptions{File: "x.xml"})
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	ext := back.Providers[0].Services[0].Extensions
	got := ext[len(ext)-1].Qualifications[0].Criteria.Other.Items[0]
	if got.QcStatementSet != nil || !strings.Contains(got.XML, "QcStatementSet") {
		t.Errorf("a list's QcStatementSet is not kept verbatim: %+v", got)
	}
	again, err := tsl.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if back2, _, err := tsl.Decode(again, tsl.DecodeOptions{File: "again.xml"}); err != nil || !reflect.DeepEqual(back2, back) {
		t.Errorf("decode(encode(decoded list)) differs: %v", err)
	}
	xsd := testtool.Tool(t, "xsd-check", "xmllint")
	file := filepath.Join(t.TempDir(), "qc.xml")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, ok := testtool.Run(t, xsd, file); !ok {
		t.Errorf("XSD rejects the list:\n%s", msg)
	}
}
