package source

import (
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

func TestLoadSample(t *testing.T) {
	set, diags, err := Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		t.Error(d.String())
	}
	l := set.List
	if len(l.Providers) < 8 {
		t.Errorf("%d TSPs", len(l.Providers))
	}
	n, withHistory := 0, 0
	for _, p := range l.Providers {
		for _, s := range p.Services {
			n++
			if len(s.History) > 0 {
				withHistory++
				for i, h := range s.History {
					for _, d := range h.Identity {
						if d.Certificate != nil {
							t.Errorf("history instance carries a certificate (TS 119 612 5.6)")
						}
					}
					newer := s.StatusStartingTime
					if i > 0 {
						newer = s.History[i-1].StatusStartingTime
					}
					if !h.StatusStartingTime.Before(newer) {
						t.Errorf("history not newest first")
					}
				}
			}
		}
	}
	if n < 12 || withHistory < 2 {
		t.Errorf("%d services, %d with history", n, withHistory)
	}
}

// TestDropNodes: once the checks have run the build lets go of the parsed
// YAML and the position table; a position then names the file alone, and
// the model and certificates stay.
func TestDropNodes(t *testing.T) {
	set, _, err := Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil {
		t.Fatal(err)
	}
	if p := set.TSP(0).Pos("services[0]"); p.Line == 0 {
		t.Fatalf("before: %v, want a line", p)
	}
	set.DropNodes()
	for _, f := range set.Files {
		if f.root != nil {
			t.Errorf("%s: parsed YAML still held", f.Path)
		}
	}
	if len(set.locs.m) != 0 {
		t.Errorf("%d positions still held", len(set.locs.m))
	}
	if p := set.TSP(0).Pos("services[0]"); p.File != set.TSP(0).Path || p.Line != 0 {
		t.Errorf("after: %v, want %s without a line", p, set.TSP(0).Path)
	}
	if len(set.List.Providers) == 0 || len(set.Certificates()) == 0 {
		t.Error("model or certificates let go")
	}
}
