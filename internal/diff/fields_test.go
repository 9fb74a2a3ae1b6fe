package diff

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// unreported are the model fields a change of which is deliberately not
// a change of the list (see the package doc): what every release changes,
// and the presence of an empty ServiceHistory element.
var unreported = regexp.MustCompile(`^\.(ID|Scheme\.SequenceNumber|Scheme\.ListIssueDateTime|Scheme\.NextUpdate)$|\.HistoryPresent$`)

// TestEveryFieldIsSeen changes every value of a list, one at a time, and
// requires a non-empty report: no field of the model can change unseen.
// The list is testdata/old.xml, which holds every element of the sample,
// plus the rarer shapes made here (verbatim XML, descriptions).
func TestEveryFieldIsSeen(t *testing.T) {
	base, work := tsltest.Valid(t, "testdata/old.xml"), tsltest.Valid(t, "testdata/old.xml")
	for _, l := range []*model.List{base, work} {
		l.Providers = append(l.Providers, rareShapes())
		l.Scheme.Pointers = append(l.Scheme.Pointers, model.Pointer{Location: "https://example.org/tl.xml",
			AdditionalInformation: []model.PointerInfo{{Other: &model.OtherInformation{XML: "<x:I xmlns:x=\"urn:x\"/>"}}}})
		// The XSD makes policy and legal notice a choice; the model, and
		// so the report, has room for both.
		l.Scheme.PolicyOrLegalNotice.LegalNotices = model.MultiLang{{Lang: "en", Value: "Notice"}}
	}
	seen := map[string]bool{}
	leaves(reflect.ValueOf(work).Elem(), "", func(path string, change func() func()) {
		if unreported.MatchString(path) {
			return
		}
		seen[normalize(path)] = true
		restore := change()
		defer restore()
		if r := Compare(base, work); r.Empty() {
			t.Errorf("changing %s is not reported", path)
		}
	})
	if r := Compare(base, work); !r.Empty() {
		t.Fatalf("the values were not restored: %v", lines(r))
	}
	// Every field of the model must have been changed at least once.
	all := map[string]bool{}
	typePaths(reflect.TypeOf(model.List{}), "", all, nil)
	var missing []string
	for p := range all {
		if !unreported.MatchString(p) && !seen[normalize(p)] {
			missing = append(missing, normalize(p))
		}
	}
	slices.Sort(missing)
	if missing = slices.Compact(missing); len(missing) > 0 {
		t.Errorf("the fixture has no value for:\n%s", strings.Join(missing, "\n"))
	}
}

// normalize maps the paths that share one renderer onto one: every
// Extension, every DigitalIdentity, every Address, nested CriteriaLists.
func normalize(p string) string {
	for _, r := range []struct{ re, to string }{
		{`^\.(Scheme|Providers|Providers\.Services\.History)\.Extensions`, ".Providers.Services.Extensions"},
		{`^\.(Scheme\.Pointers\.Identities|Providers\.Services\.History\.Identity)`, ".Providers.Services.Identity"},
		{`^\.Scheme\.OperatorAddress`, ".Providers.Address"},
		{`(\.CriteriaList)+`, ".CriteriaList"},
	} {
		p = regexp.MustCompile(r.re).ReplaceAllString(p, r.to)
	}
	return p
}

// rareShapes is a TSP with the shapes the sample does not use.
func rareShapes() model.TSP {
	oid := []model.ObjectIdentifier{{Identifier: "urn:oid:1.2.3", Qualifier: "OIDAsURN", Description: "d", DocumentationReferences: []string{"https://example.org/doc"}}}
	jp := "JP"
	criteria := model.CriteriaList{Assert: "all", Description: "outer", PolicySets: [][]model.ObjectIdentifier{oid},
		CriteriaList: []model.CriteriaList{{Assert: "none", Description: "inner",
			Other: &model.OtherCriteria{Items: []model.OtherCriterion{{XML: "<x:Criterion xmlns:x=\"urn:x\"/>"}}}}},
		Other: &model.OtherCriteria{Items: []model.OtherCriterion{{ExtendedKeyUsage: oid}, {CertSubjectDNAttribute: oid},
			{QcStatementSet: []model.QcStatement{{ID: oid[0], QcType: &oid[0]}, {ID: oid[0], QcCClegislation: &jp}}}, {XML: "<x:C xmlns:x=\"urn:x\"/>"}}},
	}
	return model.TSP{
		Name:      model.MultiLang{{Lang: "en", Value: "Rare Shapes Inc."}},
		TradeName: model.MultiLang{{Lang: "en", Value: "NTRJP-1234567890123"}},
		Services: []model.Service{{
			Type: model.SvcCAQC, Name: model.MultiLang{{Lang: "en", Value: "Rare"}},
			Status: model.StatusGranted, StatusStartingTime: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
			Extensions: []model.Extension{
				{AdditionalServiceInformation: &model.AdditionalServiceInformation{
					URI: model.LangString{Lang: "en", Value: model.InfoForeSignatures}, OtherInformation: "<x:Info xmlns:x=\"urn:x\"/>", OtherPresent: true}},
				{Qualifications: []model.QualificationElement{{Qualifiers: []string{model.QualQCWithQSCD}, Criteria: criteria}}},
				{TakenOverBy: &model.TakenOverBy{URI: model.LangString{Lang: "en", Value: "https://example.org/"},
					OtherQualifiers: []string{"<x:Q xmlns:x=\"urn:x\"/>"}}},
				{Critical: true, XML: "<x:Ext xmlns:x=\"urn:x\">v</x:Ext>"},
			},
		}},
	}
}

// typePaths collects the leaf paths of a type, entering a recursive type
// once.
func typePaths(t reflect.Type, path string, out map[string]bool, stack []reflect.Type) {
	if t == reflect.TypeOf(time.Time{}) {
		out[path] = true
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		typePaths(t.Elem(), path, out, stack)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			out[path] = true
			return
		}
		typePaths(t.Elem(), path, out, stack)
	case reflect.Struct:
		if slices.Contains(stack, t) {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			typePaths(t.Field(i).Type, path+"."+t.Field(i).Name, out, append(stack, t))
		}
	default:
		out[path] = true
	}
}

// leaves calls visit for every non-zero leaf value under v (strings,
// numbers, true booleans, byte slices, times) with a function that changes
// the value in place and returns its undo. Zero values are left alone:
// setting one would break the model's one-field-set rules (DigitalID,
// Extension), which only a broken decoder could produce.
func leaves(v reflect.Value, path string, visit func(string, func() func())) {
	set := func(nv reflect.Value) func() func() {
		return func() func() {
			old := reflect.New(v.Type()).Elem()
			old.Set(v)
			v.Set(nv)
			return func() { v.Set(old) }
		}
	}
	switch {
	case v.Type() == reflect.TypeOf(time.Time{}):
		if t := v.Interface().(time.Time); !t.IsZero() {
			visit(path, set(reflect.ValueOf(t.Add(time.Hour))))
		}
		return
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		if v.Len() > 0 {
			b := append([]byte{0xff ^ byte(v.Index(0).Uint())}, v.Bytes()[1:]...)
			visit(path, set(reflect.ValueOf(b).Convert(v.Type())))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 {
			visit(path, set(reflect.ValueOf(v.String()+"x").Convert(v.Type())))
		}
	case reflect.Int:
		if v.Int() != 0 {
			visit(path, set(reflect.ValueOf(int(v.Int()+1)).Convert(v.Type())))
		}
	case reflect.Bool:
		if v.Bool() {
			visit(path, set(reflect.ValueOf(false)))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			leaves(v.Elem(), path, visit)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			leaves(v.Index(i), path, visit)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			leaves(v.Field(i), path+"."+v.Type().Field(i).Name, visit)
		}
	default:
		panic("leaves: unexpected kind " + v.Kind().String() + " at " + path)
	}
}
