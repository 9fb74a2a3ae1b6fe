package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/publish"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

// roundTripIssue is when the round trips are built: a fixed day after
// every corpus list was issued (tests never read the clock), as a build
// today would be.
var roundTripIssue = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// corpusBuilds are the corpus lists whose sources build (every other
// list breaks an error-level rule of its own: an expired certificate in
// force, status dates out of order, a misspelt TS 119 612 URI…). The
// round trip finds them itself; this is the floor it must not fall below.
var corpusBuilds = []string{"CY_v6_seq53_2026-03-31", "LU_v6_seq66_2026-05-20", "MT_v6_seq55_2026-04-27", "SE_v6_seq62_2026-08-19"}

// importList runs jtsl import on list with extra flags and returns the
// sources folder.
func importList(t *testing.T, list string, flags ...string) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src")
	if code, msg := jtsl(t, append([]string{"import", list, "--out", src}, flags...)...); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, msg)
	}
	return src
}

// buildSources builds src as jtsl build does, with a development key of
// its own (the key's subject follows the list's operator), and returns
// the built list.
func buildSources(t *testing.T, src string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	_, err := publish.Build(publish.Options{Sources: src, Out: out, DevKeyDir: filepath.Join(dir, "devkey"), IssueTime: roundTripIssue})
	return filepath.Join(out, release.FileXML), err
}

// diffLists is jtsl diff --format json OLD NEW.
func diffLists(t *testing.T, old, new string) *diff.Report {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run([]string{"jtsl", "diff", "--format", "json", old, new}, &out, &errb); code != 0 {
		t.Fatalf("diff: exit %d\n%s", code, errb.String())
	}
	var r diff.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// findings returns the findings of a build refused for its sources.
func findings(t *testing.T, err error) diag.List {
	t.Helper()
	var d diag.List
	if !errors.As(err, &d) {
		t.Fatalf("build failed, not on its sources: %v", err)
	}
	return d
}

// TestImportBuildRoundTrip: import is the inverse of build. The sample
// J-TSL, in its own vocabulary and with its MRA block, and every corpus
// list whose sources build, imported then built, give a list jtsl diff
// finds identical to the original (sequence, dates and signature aside).
// A corpus list that does not build fails only on rules about the list's
// own content, never on what import writes (a URI left undeclared, a
// mapping that does not load). The Swiss list, in its national
// vocabulary, fails only on its misspelt TS 119 612 URIs: corrected, it
// builds to the original but for them (and its version, 5: jtsl
// publishes version 6).
func TestImportBuildRoundTrip(t *testing.T) {
	lists, err := filepath.Glob(filepath.Join(testtool.SharedPath(t, filepath.Join("corpus", "tl")), "*.xml"))
	if err != nil || len(lists) == 0 {
		t.Fatalf("no corpus lists: %v", err)
	}
	t.Run("sample", func(t *testing.T) {
		t.Parallel()
		sample, err := buildSources(t, filepath.Join(testtool.Root(), "sources"))
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := source.Load(filepath.Join(testtool.Root(), "sources"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			flags []string
		}{{"placeholders", nil}, {"vocabulary", []string{"--vocabulary", filepath.Join(testtool.Root(), "sources", "vocabulary.yaml")}}} {
			src := importList(t, sample, tc.flags...)
			set, d, err := source.Load(src)
			if err != nil || d.HasErrors() {
				t.Fatalf("%s: %v %v", tc.name, err, d.Errors())
			}
			if set.Mapping == nil || !reflect.DeepEqual(set.Mapping.ByJapan, want.Mapping.ByJapan) || set.Mapping.Pointer != want.Mapping.Pointer {
				t.Errorf("%s: mra.yaml's recognition_by_japan is not the sample's", tc.name)
			}
			if tc.flags != nil && !reflect.DeepEqual(set.Vocabulary.Terms, want.Vocabulary.Terms) {
				t.Errorf("%s: vocabulary.yaml is not the one given", tc.name)
			}
			code, msg := jtsl(t, "validate", "--sources", src)
			if code != 0 {
				t.Errorf("%s: validate exit %d\n%s", tc.name, code, msg)
			}
			if got := strings.Count(msg, "warning JTSL042"); (got > 0) != (tc.flags == nil) || got != strings.Count(msg, "warning ") {
				t.Errorf("%s: %d placeholder warnings\n%s", tc.name, got, msg)
			}
			built, err := buildSources(t, src)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if r := diffLists(t, sample, built); !r.Empty() {
				t.Errorf("%s: import then build changed the list:\n%s", tc.name, r.Markdown())
			}
		}
	})
	for _, f := range lists {
		name := strings.TrimSuffix(filepath.Base(f), ".xml")
		mustBuild := slices.Contains(corpusBuilds, name)
		swiss := strings.HasPrefix(name, "CH_")
		if testing.Short() && !mustBuild && !swiss {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := importList(t, f, "--lenient")
			built, err := buildSources(t, src)
			if swiss {
				fixSwiss(t, src, err)
				built, err = buildSources(t, src)
			}
			if err != nil {
				for _, d := range findings(t, err).Errors() {
					if !strings.HasPrefix(d.Rule, "JTSL") || slices.Contains([]string{"JTSL034", "JTSL035", "JTSL037"}, d.Rule) {
						t.Errorf("import wrote sources that fail %s: %s", d.Rule, d)
					}
				}
				if mustBuild {
					t.Errorf("no longer builds: %v", err)
				}
				return
			}
			r := diffLists(t, f, built)
			if swiss {
				r = withoutSwissFixes(t, r)
			}
			if !r.Empty() {
				t.Errorf("import then build changed the list:\n%s", r.Markdown())
			}
		})
	}
}

// The Swiss list writes two TS 119 612 additional information URIs as
// https://…/ (JTSL005: consumers compare URIs byte for byte).
var swissFixes = strings.NewReplacer(
	"https://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures/", "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures",
	"https://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSeals/", "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSeals")

// fixSwiss checks that the Swiss list's sources fail on its misspelt
// URIs alone, its own vocabulary declared, and corrects them.
func fixSwiss(t *testing.T, src string, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("the Swiss list's misspelt URIs were built")
	}
	for _, d := range findings(t, err).Errors() {
		if d.Rule != "JTSL005" {
			t.Errorf("not a misspelling: %s", d)
		}
	}
	files, _ := filepath.Glob(filepath.Join(src, "tsps", "*.yaml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(swissFixes.Replace(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// withoutSwissFixes returns r without the changes fixSwiss made (each
// additional information shows as removed and added again, corrected)
// and the version: jtsl publishes TS 119 612 v2.4.1 lists, version 6,
// and the Swiss list is of version 5. It fails on any other change.
func withoutSwissFixes(t *testing.T, r *diff.Report) *diff.Report {
	t.Helper()
	fixed := 0
	for _, tc := range r.TSPs {
		for _, s := range tc.Services {
			if s.Change != diff.Changed || s.Status != nil || s.Certificates != nil {
				t.Errorf("service %s: %+v", s.Name, s)
			}
			var olds, news []string
			for _, f := range s.Fields {
				if f.Old != "" {
					olds = append(olds, swissFixes.Replace(f.Old))
				}
				if f.New != "" {
					news = append(news, f.New)
				}
			}
			slices.Sort(olds)
			slices.Sort(news)
			if !slices.Equal(olds, news) {
				t.Errorf("service %s: not the corrections alone: %+v", s.Name, s.Fields)
			}
			fixed += len(news)
		}
		if len(tc.Fields) > 0 {
			t.Errorf("TSP %s: %+v", tc.Name, tc.Fields)
		}
	}
	version := []diff.FieldChange{{Field: "TSLVersionIdentifier", Old: "5", New: "6"}}
	if fixed == 0 || !reflect.DeepEqual(r.Scheme, version) {
		t.Errorf("%d corrections, scheme changes %+v", fixed, r.Scheme)
	}
	return &diff.Report{}
}
