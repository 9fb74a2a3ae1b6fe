package verify

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
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
		_, xmlsecOK := testtool.Xmlsec(t, xmlsec, f, "-q")
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
	testtool.Golden(t, golden, got, *update)
	if r.Valid {
		t.Error("a version 4 list must not be valid (R5)")
	}
}

// TestOptionsForOwnOutput: the options the build, sign and the
// previous-release check use. SkipFreshness reports the dates as skipped,
// not failed; Want adds DecodesToModel; ContentChecked reports Structure
// and TLVersion as skipped and still fails a changed list on its
// signature; a failure comes back from Err as one error naming the file
// and each failed check.
func TestOptionsForOwnOutput(t *testing.T) {
	f := testtool.SharedPath(t, "corpus/tl/MT_v6_seq55_2026-04-27.xml")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	late := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) // after NextUpdate
	r := Check(data, Options{File: "mt.xml", At: late})
	if checkStatus(r, "NotExpired") != diag.Fail || r.Err() == nil {
		t.Fatalf("expired list passed:\n%s", r.Text())
	}
	r = Check(data, Options{File: "mt.xml", At: late, SkipFreshness: true})
	if checkStatus(r, "NotExpired") != diag.Skipped || checkStatus(r, "NextUpdatePresent") != diag.Skipped || r.Err() != nil {
		t.Fatalf("SkipFreshness: %v\n%s", r.Err(), r.Text())
	}
	want := *r.Model()
	r = Check(data, Options{File: "mt.xml", At: late, ContentChecked: true})
	if checkStatus(r, "Structure") != diag.Skipped || checkStatus(r, "TLVersion") != diag.Skipped ||
		checkStatus(r, "NotExpired") != diag.Skipped || checkStatus(r, "ReferenceDigests") != diag.Pass || r.Err() != nil {
		t.Fatalf("ContentChecked: %v\n%s", r.Err(), r.Text())
	}
	changed := strings.Replace(string(data), "<TSLSequenceNumber>55<", "<TSLSequenceNumber>56<", 1)
	if changed == string(data) {
		t.Fatal("no sequence number to change")
	}
	r = Check([]byte(changed), Options{File: "mt.xml", At: late, ContentChecked: true})
	if checkStatus(r, "ReferenceDigests") != diag.Fail || r.Err() == nil {
		t.Fatalf("ContentChecked, changed list passed:\n%s", r.Text())
	}
	r = Check(data, Options{File: "mt.xml", At: late, SkipFreshness: true, Want: &want})
	if checkStatus(r, "DecodesToModel") != diag.Pass || r.Err() != nil {
		t.Fatalf("Want, same list: %v", r.Err())
	}
	want.Scheme.SequenceNumber++
	r = Check(data, Options{File: "mt.xml", At: late, SkipFreshness: true, Want: &want})
	err = r.Err()
	var ve *Error
	if !errors.As(err, &ve) || len(ve.Failed) != 1 || ve.Failed[0].Name != "DecodesToModel" {
		t.Fatalf("Want, other list: %v", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "mt.xml: 1 check(s) failed: DecodesToModel [TS 119 612 5.7]: ") || !strings.Contains(msg, "--explain") {
		t.Errorf("error format: %s", msg)
	}
}
