package lint

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// silentOnCorpus are the rules that no list of the corpus trips: real
// lists that EU DSS accepts, so a finding of these rules there would be a
// false positive. (The others find real slips: misspelt URIs, expired
// certificates, equal history dates, missing registration identifiers.)
var silentOnCorpus = []string{
	"JTSL002", "JTSL003", "JTSL006", "JTSL007", "JTSL008", "JTSL009", "JTSL010",
	"JTSL018", "JTSL019", "JTSL022", "JTSL026", "JTSL028", "JTSL029",
}

// TestCorpus imports every real list of the corpus into sources
// (source.Write, then source.Load) and runs every rule at the list's own
// issue time and NextUpdate. Findings point into the written files and
// never relate a finding to itself. Counts per rule are logged (-v).
func TestCorpus(t *testing.T) {
	total := map[string]int{}
	for _, file := range testtool.Corpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			l, _ := tsltest.Read(t, file)
			dir := t.TempDir()
			if err := source.Write(dir, l); err != nil {
				t.Fatal(err)
			}
			set, diags, err := source.Load(dir)
			if err != nil || diags.HasErrors() {
				t.Fatalf("load: %v %v", err, diags)
			}
			opts := Options{IssueTime: l.Scheme.ListIssueDateTime}
			if l.Scheme.NextUpdate != nil {
				opts.NextUpdate = *l.Scheme.NextUpdate
			}
			per := map[string]int{}
			for _, d := range Check(set, opts) {
				per[d.Rule]++
				if slices.Contains(silentOnCorpus, d.Rule) {
					t.Errorf("false positive: %s", d)
				}
				if d.Pos.File == "" || d.Pos.Line == 0 {
					t.Errorf("finding without a position: %s", d)
				}
				for _, r := range d.Related {
					if r.Pos == d.Pos {
						t.Errorf("finding related to itself: %s", d)
					}
				}
			}
			var counts []string
			for _, id := range slices.Sorted(maps.Keys(per)) {
				counts = append(counts, fmt.Sprintf("%s %d", id, per[id]))
				total[id] += per[id]
			}
			t.Logf("%d TSPs: %s", len(l.Providers), strings.Join(counts, ", "))
		})
	}
	t.Logf("all lists: %v", total)
}
