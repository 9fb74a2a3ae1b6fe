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
	// The lists of trusted entities' correspondence is Japan's and the
	// EU's alone (TestLoTEMapping).
	if i := strings.Index(string(sample), "\n"+loteMappingKey+":"); i >= 0 {
		sample = sample[:i+1]
	}
	keys := regexp.MustCompile(`(?m)(^\s*|[{,]\s*|- )japan(_legislation)?:`)
	renamed := "parties: {list: jp, other: eu}\n" + strings.Replace(keys.ReplaceAllString(string(sample), "${1}jp${2}:"), "recognition_by_japan:", "recognition_by_jp:", 1)
	load := func(t *testing.T, mraYAML string) (*Set, diag.List) {
		t.Helper()
		set, d, err := Load(sourcesWithMRA(t, mraYAML))
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

// TestLoTEMapping: mra.yaml's lists_of_trusted_entities is read by
// LoadLoTE, beside the lists it is about; a Japanese URI given twice, or
// the section in a mapping of other parties, is an error at its line, and
// a schema error is Load's to report (once).
func TestLoTEMapping(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join(testtool.Root(), "sources", "mra.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	set, d, err := LoadLoTE(sourcesWithMRA(t, string(sample)))
	if err != nil || d.HasErrors() {
		t.Fatal(err, d)
	}
	m := set.Mapping
	if len(m.ListTypes) != 3 || len(m.ServiceTypes) != 6 {
		t.Fatalf("%d list types, %d service types", len(m.ListTypes), len(m.ServiceTypes))
	}
	lt := m.ListType("https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList")
	if lt == nil || lt.EU != "http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList" || !lt.Enacted() ||
		lt.StatusDetermination.EU != "http://uri.etsi.org/19602/PIDProvidersList/StatusDetn/EU" || lt.CommunityRules.EU != "http://uri.etsi.org/19602/PIDProviders/schemerules/EU" {
		t.Errorf("the PID providers list type: %+v", lt)
	}
	if at := set.Loc(&lt.CommunityRules).Key("eu").Pos(); at.File != "mra.yaml" || at.Line == 0 {
		t.Errorf("community_rules.eu at %v", at)
	}
	const svc = "\n    - japan: http://uri.etsi.org/19602/SvcType/PID/Revocation\n"
	for _, tc := range []struct{ name, old, new, want string }{
		{"given twice", svc, "\n    - japan: http://uri.etsi.org/19602/SvcType/PID/Issuance\n", "http://uri.etsi.org/19602/SvcType/PID/Issuance is given twice (also at lists_of_trusted_entities.service_types[0])"},
		{"parties", "recognition_by_eu:", "parties: {list: japan, other: eu}\nrecognition_by_eu:", "lists_of_trusted_entities is for Japan's lists and the EU's"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, d, err := LoadLoTE(sourcesWithMRA(t, strings.Replace(string(sample), tc.old, tc.new, 1)))
			errs := d.Errors()
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) != 1 || !strings.Contains(errs[0].Message, tc.want) || errs[0].Pos.File != "mra.yaml" || errs[0].Pos.Line == 0 || errs[0].Pos.Col == 0 {
				t.Errorf("want one error at mra.yaml:line:col saying %q, got %v", tc.want, errs)
			}
		})
	}
	t.Run("schema", func(t *testing.T) {
		bad := strings.Replace(string(sample), svc+"      eu: http://uri.etsi.org/19602/SvcType/PID/Revocation\n", svc, 1)
		if set, d, err := LoadLoTE(sourcesWithMRA(t, bad)); err != nil || len(d) != 0 || set.Mapping != nil {
			t.Errorf("LoadLoTE: %v, %v, mapping %v; Load reports a schema error of mra.yaml", err, d, set.Mapping)
		}
		_, d, err := Load(sourcesWithMRA(t, bad))
		if errs := d.Errors(); err != nil || len(errs) != 1 || errs[0].Pos.File != "mra.yaml" || errs[0].Pos.Line == 0 || !strings.Contains(errs[0].Message, `"eu"`) {
			t.Errorf("Load: %v, %v", err, errs)
		}
	})
}

// sourcesWithMRA returns a copy of the sample's sources whose mra.yaml
// is mraYAML.
func sourcesWithMRA(t *testing.T, mraYAML string) string {
	t.Helper()
	dir := t.TempDir()
	testtool.CopyDir(t, filepath.Join(testtool.Root(), "sources"), dir)
	if err := os.WriteFile(filepath.Join(dir, "mra.yaml"), []byte(mraYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
