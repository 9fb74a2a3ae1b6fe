package source

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestFuzzScriptFigures: scripts/fuzz (make fuzz, make test) bounds
// minimisation and reports each target's executions, executions per
// second, new interesting inputs and longest stall, then a table.
func TestFuzzScriptFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a fuzz campaign of 300 executions")
	}
	cmd := exec.Command("bash", filepath.Join(testtool.Root(), "scripts", "fuzz"), "300x")
	cmd.Env = append(os.Environ(), "FUZZTARGETS=FuzzCertificate")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		`(?m)^fuzz: FuzzCertificate ok \(300 execs, [0-9]+/s, [0-9]+ new interesting, longest stall [0-9]+s\)$`,
		`(?m)^fuzz: budget 300x per target, minimisation 100x per input, 1 worker\(s\)$`,
		`(?m)^target +result +execs +execs/s +new +stall$`,
		`(?m)^FuzzCertificate +ok +300 +[0-9]+ +[0-9]+ +[0-9]+s$`,
	} {
		if !regexp.MustCompile(want).Match(out) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
}

// TestFuzzFigures: the figures of a campaign longer than a minute, whose
// coordinator writes elapsed times as 1m0s and 1h0m6s, come from its last
// line (a campaign's first minute only, before); a count budget that ends
// while the coordinator gathers baseline coverage (a fuzz cache grown by a
// campaign holds more inputs than the budget) counts those executions.
func TestFuzzFigures(t *testing.T) {
	for _, tt := range []struct{ log, want string }{
		// 360 000 executions in 3 606 s, 9 new interesting, stalled 3 s.
		{"fuzz-coordinator.log", "360000 99 9 3\n"},
		// 300 of 612 cached inputs in 5 s.
		{"fuzz-baseline.log", "300 60 0 0\n"},
	} {
		out, err := exec.Command("awk", "-f", filepath.Join(testtool.Root(), "scripts", "fuzz-figures.awk"),
			filepath.Join("testdata", tt.log)).CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if got := string(out); got != tt.want {
			t.Errorf("%s: figures %q, want %q", tt.log, got, tt.want)
		}
	}
}
