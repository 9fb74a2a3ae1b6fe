package lint

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

var issue = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

func TestSampleHasNoErrors(t *testing.T) {
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	for _, d := range Check(set, Options{IssueTime: issue}) {
		t.Errorf("%s", d)
	}
}

func TestRegistry(t *testing.T) {
	for i, r := range Rules {
		if r.ID == "" || r.Title == "" || r.Doc == "" || r.Since == "" || r.Check == nil {
			t.Errorf("rule %d (%s) lacks docs or a check", i, r.ID)
		}
		if i > 0 && Rules[i-1].ID >= r.ID {
			t.Errorf("registry not sorted at %s", r.ID)
		}
		if Lookup(r.ID) == nil {
			t.Errorf("Lookup(%s) = nil", r.ID)
		}
	}
}

func TestCorporateNumber(t *testing.T) {
	for s, want := range map[string]bool{"9010401012345": true, "8010401012345": false, "901040101234": false, "9O10401012345": false} {
		if ValidCorporateNumber(s) != want {
			t.Errorf("%s: want %v", s, want)
		}
	}
}
