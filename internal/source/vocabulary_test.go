package source

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/testtool"
)

// TestInForceStatuses: the statuses the sample's vocabulary declares in
// force are the ones jtsl's readers of the published J-TSL count as
// granted (model.JTSLInForceStatuses), which have no sources to read.
func TestInForceStatuses(t *testing.T) {
	set, d, err := Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || d.HasErrors() {
		t.Fatal(err, d)
	}
	var in []string
	for _, term := range set.Vocabulary.Terms {
		if term.Kind == KindStatus && term.InForce {
			in = append(in, term.URI)
		}
	}
	slices.Sort(in)
	want := slices.Sorted(slices.Values(model.JTSLInForceStatuses))
	if !slices.Equal(in, want) {
		t.Errorf("vocabulary.yaml in force: %v; model.JTSLInForceStatuses: %v", in, want)
	}
}

// TestMapping: mra.yaml reads into two MRA blocks, Japan pointed in the
// EU's recognition and pointing in Japan's; a history version takes what
// it does not give from the version after it; the reverse block is in the
// pointer it names.
func TestMapping(t *testing.T) {
	dir := t.TempDir()
	testtool.CopyDir(t, filepath.Join(testtool.Root(), "sources"), dir)
	f := filepath.Join(dir, "mra.yaml")
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	// QTST: an earlier version, repealed, that names other statuses.
	old := "    - legal_identifier: QTST\n      status: enacted\n      from: \"2026-10-01T00:00:00Z\"\n"
	if !strings.Contains(string(b), old) {
		t.Fatal("the sample's QTST equivalence moved: update the test")
	}
	b = []byte(strings.Replace(string(b), old, old+`      history:
        - status: repealed
          from: "2025-01-01T00:00:00Z"
          statuses:
            valid: {japan: ["https://www.digital.go.jp/trustlist/Svcstatus/operating"], eu: ["http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"]}
            invalid: {japan: ["https://www.digital.go.jp/trustlist/Svcstatus/ceased"], eu: ["http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn"]}
`, 1))
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	set, d, err := Load(dir)
	if err != nil || d.HasErrors() {
		t.Fatal(err, d)
	}
	m := set.Mapping
	if m == nil || m.ByEU == nil || m.ByJapan == nil {
		t.Fatalf("mapping %+v", m)
	}
	eq := m.ByEU.Equivalences[0]
	if eq.LegalIdentifier != "QCForESig" || eq.Types.Pointed[0].Type != "https://www.digital.go.jp/trustlist/Svctype/AccreditedCertification" ||
		eq.Types.Pointing[0].Type != model.SvcCAQC || eq.Types.Pointing[0].ASI.URI.Value != model.InfoForeSignatures {
		t.Errorf("recognition_by_eu: Japan is not the pointed party: %+v", eq.Types)
	}
	if m.ByEU.PointedLegislation != "https://laws.e-gov.go.jp/law/412AC0000000102" {
		t.Errorf("pointed legislation %s", m.ByEU.PointedLegislation)
	}
	back := m.ByJapan.Equivalences[0]
	if back.Types.Pointing[0].Type != "https://www.digital.go.jp/trustlist/Svctype/AccreditedCertification" || back.Types.Pointed[0].Type != model.SvcCAQC {
		t.Errorf("recognition_by_japan: Japan is not the pointing party: %+v", back.Types)
	}
	q := &m.ByEU.Equivalences[2]
	if len(q.History) != 1 || len(q.History[0].Instances) != 1 {
		t.Fatalf("QTST history %+v", q.History)
	}
	h := &q.History[0].Instances[0]
	if h.Status != mra.StatusRepealed || h.Statuses.Valid.Pointed[0] != "https://www.digital.go.jp/trustlist/Svcstatus/operating" {
		t.Errorf("history version %+v", h)
	}
	if !slices.Equal(h.Types.Pointed, q.Types.Pointed) {
		t.Error("a history version does not take the types it does not give from the version after it")
	}
	if p := set.Loc(h).Key("from").Pos(); p.File != "mra.yaml" || p.Line == 0 {
		t.Errorf("history version at %v", p)
	}
	n := 0
	for _, ptr := range set.List.Scheme.Pointers {
		for _, info := range ptr.AdditionalInformation {
			if info.Other != nil && strings.Contains(info.Other.XML, "MutualRecognitionAgreementInformation") {
				n++
				if ptr.Location != m.Pointer {
					t.Errorf("the block is in the pointer to %s", ptr.Location)
				}
			}
		}
	}
	if n != 1 {
		t.Errorf("%d pointers carry the block", n)
	}
}

// TestMappingParties: a mapping of other parties (parties:) names them in
// every key and reads as the same blocks; a key that is no party's, a
// party missing or two parties of one name are errors at the key.
func TestMappingParties(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join(testtool.Root(), "sources", "mra.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	keys := regexp.MustCompile(`(?m)(^\s*|[{,]\s*|- )japan(_legislation)?:`)
	renamed := "parties: {list: jp, other: eu}\n" + strings.Replace(keys.ReplaceAllString(string(sample), "${1}jp${2}:"), "recognition_by_japan:", "recognition_by_jp:", 1)
	load := func(t *testing.T, mraYAML string) (*Set, diag.List) {
		t.Helper()
		dir := t.TempDir()
		testtool.CopyDir(t, filepath.Join(testtool.Root(), "sources"), dir)
		if err := os.WriteFile(filepath.Join(dir, "mra.yaml"), []byte(mraYAML), 0o644); err != nil {
			t.Fatal(err)
		}
		set, d, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		return set, d
	}
	want, d := load(t, string(sample))
	if d.HasErrors() {
		t.Fatal(d.Errors())
	}
	got, d := load(t, renamed)
	if d.HasErrors() {
		t.Fatal(d.Errors())
	}
	if m := got.Mapping; m.Parties != (Parties{List: "jp", Other: "eu"}) || !reflect.DeepEqual(m.ByEU, want.Mapping.ByEU) || !reflect.DeepEqual(m.ByJapan, want.Mapping.ByJapan) {
		t.Errorf("parties jp and eu do not read as japan and eu: %+v", m.Parties)
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"not a party", "\n          jp: [", "\n          japan: [", "japan is not a party: the parties are jp and eu"},
		{"party missing", "\n  jp_legislation: https://laws.e-gov.go.jp/law/412AC0000000102", "", "jp_legislation is missing"},
		{"one name", "parties: {list: jp, other: eu}", "parties: {list: eu, other: eu}", `the two parties are both named "eu"`},
		{"another block", "recognition_by_jp:", "recognition_by_fr:", "recognition_by_fr is neither recognition_by_eu nor recognition_by_jp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(renamed, tc.old) {
				t.Fatalf("the sample moved: %q", tc.old)
			}
			_, d := load(t, strings.Replace(renamed, tc.old, tc.new, 1))
			errs := d.Errors()
			if len(errs) == 0 || !strings.Contains(errs[0].Message, tc.want) || errs[0].Pos.File != "mra.yaml" || errs[0].Pos.Line == 0 {
				t.Errorf("want an error at mra.yaml:line saying %q, got %v", tc.want, errs)
			}
		})
	}
}
