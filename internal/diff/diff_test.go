package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSampleChanges edits the sample in memory the way a release would —
// a withdrawal, a new service, a renamed TSP, a removed TSP — and checks
// the report against golden Markdown and JSON.
func TestSampleChanges(t *testing.T) {
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	old := set.List
	set2, _, _ := source.Load(filepath.Join(testtool.Root(), "sources"))
	nw := set2.List
	old.Scheme.SequenceNumber, nw.Scheme.SequenceNumber = 7, 8

	at := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	s := &nw.Providers[0].Services[0]
	s.History = append(s.History[:0:0], s.History...)
	s.Status, s.StatusStartingTime = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn", at
	nw.Providers[1].Name[0].Value += " (renamed)"
	added := nw.Providers[1].Services[0]
	added.Name = append(added.Name[:0:0], added.Name...)
	added.Name[0].Value = "Brand new service"
	added.Identity = nil
	nw.Providers[1].Services = append(nw.Providers[1].Services, added)
	nw.Providers = nw.Providers[:len(nw.Providers)-1]
	nw.Scheme.DistributionPoints = []string{"https://example.org/JP-TSL.xml"}

	r := Compare(old, nw)
	js, _ := json.MarshalIndent(r, "", "  ")
	golden(t, "sample.md.golden", []byte(r.Markdown()))
	golden(t, "sample.json.golden", js)
	if Compare(old, old).Empty() != true {
		t.Error("a list compared with itself has changes")
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		os.WriteFile(p, got, 0o644)
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update after checking):\n%s", name, got)
	}
}
