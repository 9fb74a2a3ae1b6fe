package verify

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

func checkStatus(r *Report, name string) diag.Status {
	for _, c := range r.Checks {
		if c.Name == name {
			return c.Status
		}
	}
	return diag.Skipped
}

// TestCorpusAgreement: for every real list, our signature verdict agrees
// with xmlsec1 and our structure verdict with xmllint and the official
// XSDs, file by file.
func TestCorpusAgreement(t *testing.T) {
	xmlsec := testtool.Tool(t, "sig-verify-xmlsec", "xmlsec1")
	xsd := testtool.Tool(t, "xsd-check", "xmllint")
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range testtool.Corpus(t) {
		name := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := Check(data, Options{File: name, At: at})
		sigOK := true
		for _, n := range []string{"SignaturePresent", "SignaturePlacement", "ReferenceDigests", "SignatureValue", "FullScope"} {
			sigOK = sigOK && checkStatus(r, n) == diag.Pass
		}
		_, xmlsecOK := testtool.Run(t, xmlsec, "-q", f)
		if sigOK != xmlsecOK {
			t.Errorf("%s: signature verdict %v, xmlsec1 %v\n%s", name, sigOK, xmlsecOK, r.Text())
		}
		structOK := checkStatus(r, "Structure") == diag.Pass
		_, xsdOK := testtool.Run(t, xsd, "-q", f)
		if structOK != xsdOK {
			t.Errorf("%s: structure verdict %v, xmllint %v\n%v", name, structOK, xsdOK, r.Structure)
		}
	}
}

// TestReportJSONGolden pins the documented JSON shape of a report.
func TestReportJSONGolden(t *testing.T) {
	f := testtool.SharedPath(t, "corpus/tl/MT_v4_seq13_2015-06-01.xml")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	r := Check(data, Options{File: "MT_v4_seq13_2015-06-01.xml", At: time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC)})
	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "mt-v4.json.golden")
	if *update {
		os.WriteFile(golden, got, 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("JSON report differs from %s (run with -update after checking):\n%s", golden, got)
	}
	if r.Valid {
		t.Error("a version 4 list must not be valid (R5)")
	}
}
