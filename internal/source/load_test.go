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
