package lote

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/testtool"
)

// pidList is fullList made to follow the PID providers' profile, with
// Japan's own four scheme values.
func pidList(t *testing.T) *List {
	l := fullList(t)
	l.Scheme.HistoricalInformationPeriod = nil
	for i := range l.Entities[0].Services {
		s := &l.Entities[0].Services[i]
		s.Type, s.Status, s.StatusStartingTime, s.History = SvcTypePIDIssuance, "", time.Time{}, nil
	}
	return l
}

// euValues replaces the four values only the Commission writes.
func euValues(l *List, p *Profile) {
	l.Scheme.Type, l.Scheme.Territory, l.Scheme.StatusDeterminationApproach = p.Type, "EU", p.StatusDetn
	l.Scheme.CommunityRules = ml("en", p.SchemeRules)
}

func TestProfileCases(t *testing.T) {
	p := Profiles[TypeEUPIDProviders]
	if got := p.Check(pidList(t), false); len(got) > 0 {
		t.Fatalf("the PID list departs from the profile: %v", got)
	}
	hip := 10
	far := issued.AddDate(0, 7, 0)
	for _, tc := range []struct {
		rule, path string
		edit       func(*List)
	}{
		{"version", "LoTE.ListAndSchemeInformation.LoTEVersionIdentifier", func(l *List) { l.Scheme.VersionIdentifier = 2 }},
		{"scheme-rules", "LoTE.ListAndSchemeInformation.SchemeTypeCommunityRules", func(l *List) { l.Scheme.CommunityRules = nil }},
		{"no-history-period", "LoTE.ListAndSchemeInformation.HistoricalInformationPeriod", func(l *List) { l.Scheme.HistoricalInformationPeriod = &hip }},
		{"next-update", "LoTE.ListAndSchemeInformation.NextUpdate", func(l *List) { l.Scheme.NextUpdate = &far }},
		{"entity-uri", "LoTE.TrustedEntitiesList[0].TrustedEntityInformation.TEInformationURI", func(l *List) { l.Entities[0].InformationURI[1].Value += "X" }},
		{"no-status", "LoTE.TrustedEntitiesList[0].TrustedEntityServices[1].ServiceInformation.ServiceStatus", func(l *List) { l.Entities[0].Services[1].Status = "urn:x" }},
		{"no-status", "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.StatusStartingTime", func(l *List) { l.Entities[0].Services[0].StatusStartingTime = issued }},
		{"service-type", "LoTE.TrustedEntitiesList[0].TrustedEntityServices[0].ServiceInformation.ServiceTypeIdentifier", func(l *List) { l.Entities[0].Services[0].Type = SvcTypeEAAIssuance }},
	} {
		l := pidList(t)
		tc.edit(l)
		got := p.Check(l, false)
		if len(got) != 1 || got[0].Rule != tc.rule || got[0].Path != tc.path {
			t.Errorf("%s: got %v", tc.rule, got)
		}
	}
	pub := Profiles[TypeEUPubEAAProviders]
	l := pidList(t)
	if got := pub.Check(l, false); !hasRule(got, "no-pointers") || !hasRule(got, "history-period") {
		t.Errorf("Pub-EAA profile: %v", got)
	}
	if got := p.Check(l, true); !hasRule(got, "eu-values") {
		t.Errorf("the Japanese values pass as the EU's: %v", got)
	}
}

func hasRule(ps []Problem, rule string) bool {
	for _, p := range ps {
		if p.Rule == rule {
			return true
		}
	}
	return false
}

// TestProfileAgreesWithLoteCheck: the mock list passes its profile in
// both checkers, and a Japanese list that follows the structure of the
// PID profile passes lote-check --profile once its four scheme values are
// the EU's; a departure lote-check sees, Check sees too.
func TestProfileAgreesWithLoteCheck(t *testing.T) {
	data, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	mock, _, _ := DecodeJSON(data, "mock")
	p := Profiles[TypeEUPIDProviders]
	if got := p.Check(mock, true); len(got) > 0 {
		t.Errorf("the Commission's mock list departs from its profile: %v", got)
	}
	check := testtool.Tool(t, "lote-check", "node")
	dir := t.TempDir()
	l := pidList(t)
	euValues(l, p)
	bad := pidList(t)
	euValues(bad, p)
	bad.Entities[0].Services[0].Status = "urn:x:granted"
	for name, x := range map[string]*List{"ok": l, "bad": bad} {
		js, err := EncodeJSON(x)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name+".json")
		os.WriteFile(f, js, 0o644)
		msg, ok := testtool.Run(t, check, "--profile", p.Name, f)
		if mine := len(p.Check(x, true)) == 0; ok != mine {
			t.Errorf("%s: lote-check says valid=%v, Check %v:\n%s", name, ok, mine, msg)
		}
	}
}
