package diff

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// TestCorpusOrderAndRoundTrip compares every real list of the corpus with
// itself reordered (TSPs, services, pointers and distribution points in
// reverse) and with itself encoded and decoded again: neither is a change.
// Real lists list one certificate under several types and repeat names, so
// this exercises the one-to-one matching on real data.
func TestCorpusOrderAndRoundTrip(t *testing.T) {
	for _, file := range testtool.Corpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			l, _ := tsltest.Read(t, file)
			if r := Compare(l, reversed(l)); !r.Empty() {
				t.Errorf("reordered list reported as changed:\n%s", strings.Join(lines(r), "\n"))
			}
			data, err := tsl.Marshal(l)
			if err != nil {
				t.Fatal(err)
			}
			back, _ := tsltest.Decode(t, data, file)
			if r := Compare(l, back); !r.Empty() {
				t.Errorf("round trip reported as changed:\n%s", strings.Join(lines(r), "\n"))
			}
		})
	}
}

// reversed returns a copy of l with its lists in reverse order.
func reversed(l *model.List) *model.List {
	c := *l
	c.Scheme.Pointers = slices.Clone(l.Scheme.Pointers)
	slices.Reverse(c.Scheme.Pointers)
	c.Scheme.DistributionPoints = slices.Clone(l.Scheme.DistributionPoints)
	slices.Reverse(c.Scheme.DistributionPoints)
	c.Providers = slices.Clone(l.Providers)
	slices.Reverse(c.Providers)
	for i := range c.Providers {
		c.Providers[i].Services = slices.Clone(c.Providers[i].Services)
		slices.Reverse(c.Providers[i].Services)
	}
	return &c
}

// TestCorpusPairs compares two releases of the same real list, years
// apart, and checks that every TSP and pointer is accounted for exactly
// once: those left after taking the added ones from the new list are those
// left after taking the removed ones from the old.
func TestCorpusPairs(t *testing.T) {
	dir := testtool.SharedPath(t, "corpus/tl")
	for _, pair := range [][2]string{
		{"MT_v4_seq13_2015-06-01.xml", "MT_v6_seq55_2026-04-27.xml"},
		{"EU-LOTL_v5_seq370_2025-08-08.xml", "EU-LOTL_v6_seq390_2026-08-03.xml"},
	} {
		t.Run(pair[1], func(t *testing.T) {
			old, nw := tsltest.Valid(t, filepath.Join(dir, pair[0])), tsltest.Valid(t, filepath.Join(dir, pair[1]))
			r := Compare(old, nw)
			if r.Empty() {
				t.Fatal("no change found")
			}
			s := r.Summary
			if len(nw.Providers)-s.TSPsAdded != len(old.Providers)-s.TSPsRemoved {
				t.Errorf("TSPs: %d new - %d added != %d old - %d removed", len(nw.Providers), s.TSPsAdded, len(old.Providers), s.TSPsRemoved)
			}
			added, removed := 0, 0
			for _, f := range r.Scheme {
				if f.Field == "PointersToOtherTSL" {
					if f.Old == "" {
						added++
					} else {
						removed++
					}
				}
			}
			if len(nw.Scheme.Pointers)-added != len(old.Scheme.Pointers)-removed {
				t.Errorf("pointers: %d new - %d added != %d old - %d removed", len(nw.Scheme.Pointers), added, len(old.Scheme.Pointers), removed)
			}
			if md := r.Markdown(); !strings.Contains(md, "### Scheme information") {
				t.Errorf("Markdown:\n%s", md)
			}
		})
	}
}
