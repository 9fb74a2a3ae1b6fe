package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite testdata/findings.golden")

// issue is the issue time of the cases unless one says otherwise.
var issue = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)

// wantRe finds the expectations of a fixture line: "# want JTSL012" or
// "# want JTSL003 JTSL005".
var wantRe = regexp.MustCompile(`#\s*want((?:\s+JTSL\d{3})+)`)

// A lintCase is one testdata/cases/*.txtar: files that replace or add to a
// copy of testdata/base, and the options to check them with.
type lintCase struct {
	name  string
	files []txtar.File
	opts  Options
}

func readCases(t *testing.T) []lintCase { return readCasesIn(t, "cases") }

// readCasesIn reads the cases of testdata/dir.
func readCasesIn(t *testing.T, dir string) []lintCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases in testdata/%s: %v", dir, err)
	}
	var out []lintCase
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := lintCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), files: a.Files, opts: Options{IssueTime: issue}}
		// The archive comment may set the options: "issue-time: …",
		// "next-update: …" (RFC 3339).
		for _, line := range strings.Split(string(a.Comment), "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			tp := func() time.Time {
				tm, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
				if err != nil {
					t.Fatalf("%s: %s: %v", p, k, err)
				}
				return tm
			}
			switch k {
			case "issue-time":
				c.opts.IssueTime = tp()
			case "next-update":
				c.opts.NextUpdate = tp()
			}
		}
		out = append(out, c)
	}
	return out
}

// run loads a case's sources and checks them.
func (c lintCase) run(t *testing.T) diag.List {
	t.Helper()
	dir := t.TempDir()
	testtool.CopyDir(t, filepath.Join("testdata", "base"), dir)
	c.write(t, dir)
	set, diags, err := source.Load(dir)
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v\n%v", err, diags)
	}
	return Check(set, c.opts)
}

// write puts the case's files into dir.
func (c lintCase) write(t *testing.T, dir string) {
	t.Helper()
	for _, f := range c.files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// wants returns the expected findings of a case as "file:line: RULE".
func (c lintCase) wants() []string {
	var out []string
	for _, f := range c.files {
		for i, line := range strings.Split(string(f.Data), "\n") {
			if m := wantRe.FindStringSubmatch(line); m != nil {
				for _, id := range strings.Fields(m[1]) {
					out = append(out, fmt.Sprintf("%s:%d: %s", f.Name, i+1, id))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestCases checks each case in the way of go/analysis's analysistest:
// every finding is on a line whose "# want" names its rule, and every
// "# want" is met, so a case shows its mistake and nothing else. The
// findings' full text (messages and fixes) is pinned in
// testdata/findings.golden.
func TestCases(t *testing.T) {
	covered := runCases(t, readCases(t), lintCase.run, filepath.Join("testdata", "findings.golden"))
	for _, r := range Rules {
		if r.Check != nil && !covered[r.ID] {
			t.Errorf("rule %s has no case in testdata/cases", r.ID)
		}
	}
}

// runCases runs cases with run, compares each one's findings with its
// "# want" lines and all the findings' text with the golden file, and
// returns the rules the cases want.
func runCases(t *testing.T, cases []lintCase, run func(lintCase, *testing.T) diag.List, golden string) map[string]bool {
	var text strings.Builder
	covered := map[string]bool{}
	for _, c := range cases {
		want := c.wants()
		for _, w := range want {
			covered[w[strings.LastIndexByte(w, ' ')+1:]] = true
		}
		if id := c.name[:min(7, len(c.name))]; !slices.ContainsFunc(want, func(w string) bool { return strings.HasSuffix(w, " "+id) }) {
			t.Errorf("%s: the case is named after %s but wants no %s finding", c.name, id, id)
		}
		var findings diag.List
		t.Run(c.name, func(t *testing.T) {
			findings = run(c, t)
			var got []string
			for _, d := range findings {
				got = append(got, fmt.Sprintf("%s:%d: %s", d.Pos.File, d.Pos.Line, d.Rule))
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("findings at\n\t%s\nwant\n\t%s\nfull findings:\n%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"), findings)
			}
		})
		fmt.Fprintf(&text, "-- %s --\n", c.name)
		for _, d := range findings {
			fmt.Fprintln(&text, d.String())
			for _, r := range d.Related {
				fmt.Fprintf(&text, "\t%s: %s\n", r.Pos, r.Message)
			}
		}
	}
	compareGolden(t, golden, text.String())
	return covered
}

// TestBaseIsClean checks that the cases start from sources without any
// finding.
func TestBaseIsClean(t *testing.T) {
	for _, d := range (lintCase{opts: Options{IssueTime: issue}}).run(t) {
		t.Errorf("%s", d)
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(b) != got {
		t.Errorf("%s differs (run go test ./internal/lint -update and review the diff):\n%s", path, lineDiff(string(b), got))
	}
}

// lineDiff lists the lines only in a (-) or only in b (+).
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range al {
		if !slices.Contains(bl, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bl {
		if !slices.Contains(al, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
