package source

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
)

// TestLoc: every model value a rule reports on has its place recorded by
// Load, and that place holds the value: a history instance is the status
// entry it came from (the YAML lists them oldest first, the model newest
// first), a multilingual value is the value of its language key, a short
// form identity is the identity line.
func TestLoc(t *testing.T) {
	for _, dir := range []string{
		filepath.Join(testtool.Root(), "sources"),
		filepath.Join(testtool.Root(), "internal", "lint", "testdata", "base"),
	} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			set, d, err := Load(dir)
			if err != nil || d.HasErrors() {
				t.Fatalf("%v %v", err, d)
			}
			checkLocs(t, set)
		})
	}
}

var langKey = regexp.MustCompile(`(^|\.)([a-z]{2,3}(-[A-Za-z0-9]+)*)$`)

func checkLocs(t *testing.T, s *Set) {
	t.Helper()
	scalar := func(l Loc, want, what string) {
		t.Helper()
		n := l.File.node(l.Path())
		if n == nil || n.Value != want {
			got := "nothing"
			if n != nil {
				got = n.Value
			}
			t.Errorf("%s: %s at %s:%s holds %q, want %q", what, l.Path(), l.File.Path, l.Pos(), got, want)
		}
	}
	langs := func(m model.MultiLang, what string) {
		for k := range m {
			l := s.Loc(&m[k])
			scalar(l, m[k].Value, what)
			if g := langKey.FindStringSubmatch(l.Path()); g == nil || g[2] != m[k].Lang {
				t.Errorf("%s: value %d (%s) at %s", what, k, m[k].Lang, l.Path())
			}
		}
	}
	exts := func(xs []model.Extension, what string) {
		for k := range xs {
			l := s.Loc(&xs[k])
			if !strings.HasSuffix(l.Path(), "]") || !strings.Contains(l.Path(), "extensions[") {
				t.Errorf("%s extension %d at %s", what, k, l.Path())
			}
			if a := xs[k].AdditionalServiceInformation; a != nil {
				scalar(s.Loc(&a.URI), a.URI.Value, what+" additional service information")
			}
			for q := range xs[k].Qualifications {
				qe := &xs[k].Qualifications[q]
				for u := range qe.Qualifiers {
					scalar(s.Loc(&qe.Qualifiers[u]), qe.Qualifiers[u], what+" qualifier")
				}
			}
		}
	}
	sch := &s.List.Scheme
	if l := s.Loc(sch); l.Path() != "" || l.File != s.Scheme() {
		t.Errorf("scheme at %s %s", l.File.Path, l.Path())
	}
	scalar(s.Loc(sch).Key("territory"), sch.Territory, "territory")
	langs(sch.Name, "scheme name")
	langs(sch.OperatorName, "operator name")
	for k := range sch.OperatorAddress.Postal {
		scalar(s.Loc(&sch.OperatorAddress.Postal[k]).Key("country"), sch.OperatorAddress.Postal[k].CountryName, "operator country")
	}
	for i := range sch.DistributionPoints {
		scalar(s.Loc(&sch.DistributionPoints[i]), sch.DistributionPoints[i], "distribution point")
	}
	for i := range sch.Pointers {
		ptr := &sch.Pointers[i]
		scalar(s.Loc(ptr).Key("location"), ptr.Location, "pointer location")
		for k := range ptr.AdditionalInformation {
			info := &ptr.AdditionalInformation[k]
			if o := info.Other; o != nil {
				langs(o.SchemeOperatorName, "pointer operator name")
				if o.SchemeTerritory != "" {
					scalar(s.Loc(info).Key("scheme_territory"), o.SchemeTerritory, "pointer territory")
				}
			}
		}
	}
	exts(sch.Extensions, "scheme")
	for i := range s.List.Providers {
		tsp := &s.List.Providers[i]
		if l := s.Loc(tsp); l.File != s.TSP(i) || l.Path() != "" {
			t.Errorf("TSP %d at %s %s", i, l.File.Path, l.Path())
		}
		langs(tsp.Name, "TSP name")
		langs(tsp.TradeName, "trade name")
		langs(tsp.Address.Electronic, "electronic address")
		exts(tsp.Extensions, "TSP")
		for j := range tsp.Services {
			sv := &tsp.Services[j]
			sl := s.Loc(sv)
			scalar(sl.Key("id"), s.ServiceIDs[i][j], "service id")
			scalar(sl.Key("type"), sv.Type, "service type")
			langs(sv.Name, "service name")
			cur := s.Loc(&sv.Status)
			scalar(cur.Key("status"), sv.Status, "current status")
			scalar(cur.Key("from"), sv.StatusStartingTime.Format(time.RFC3339), "current status date")
			n := len(sv.History)
			if want := sl.Path() + ".status[" + strconv.Itoa(n) + "]"; cur.Path() != want {
				t.Errorf("current status at %s, want %s", cur.Path(), want)
			}
			for h := range sv.History {
				hl := s.Loc(&sv.History[h])
				if want := sl.Path() + ".status[" + strconv.Itoa(n-1-h) + "]"; hl.Path() != want {
					t.Errorf("history %d at %s, want %s", h, hl.Path(), want)
				}
				scalar(hl.Key("status"), sv.History[h].Status, "history status")
				exts(sv.History[h].Extensions, "history")
			}
			short := sl.File.node(sl.Path()+".identity").Kind == yaml.MappingNode
			for k := range sv.Identity {
				want := sl.Path() + ".identity"
				if !short {
					want += "[" + strconv.Itoa(k) + "]"
				}
				if got := s.Loc(&sv.Identity[k]).Path(); got != want {
					t.Errorf("identity entry %d at %s, want %s", k, got, want)
				}
			}
			for k := range sv.SupplyPoints {
				scalar(s.Loc(&sv.SupplyPoints[k]).Key("uri"), sv.SupplyPoints[k].URI, "supply point")
			}
			exts(sv.Extensions, "service")
		}
	}
}

// TestLocHas: Has, which looks from the recorded node, answers as the
// node at the whole path from the file's top does, for every recorded
// place and keys that are and are not there.
func TestLocHas(t *testing.T) {
	for _, dir := range []string{
		filepath.Join(testtool.Root(), "sources"),
		filepath.Join(testtool.Root(), "internal", "lint", "testdata", "base"),
	} {
		set, d, err := Load(dir)
		if err != nil || d.HasErrors() {
			t.Fatalf("%v %v", err, d)
		}
		has := 0
		for _, l := range set.locs.m {
			for _, key := range []string{"type", "status", "from", "name", "name.en", "certificate", "uri", "en", "lang", "address.electronic", "missing", "status.x"} {
				want := l.File.node(l.Key(key).Path()) != nil
				if got := l.Has(key); got != want {
					t.Errorf("%s: %s has %s: %v, the path from the top says %v", l.File.Path, l.Path(), key, got, want)
				}
				if want {
					has++
				}
			}
		}
		if has == 0 {
			t.Errorf("%s: no key found anywhere", dir)
		}
	}
}
