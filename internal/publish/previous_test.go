package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// TestRealListAsPrevious: a real list signed after its ListIssueDateTime
// (the Austrian one, 25 minutes later; most real lists are) is accepted
// as --previous, as EU DSS accepts it, and the build continues from its
// sequence number. No corpus list is refused for its SigningTime.
func TestRealListAsPrevious(t *testing.T) {
	f := testtool.SharedPath(t, "corpus/tl/AT_v5_seq72_2026-03-11.xml")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := xmldoc.ParseBytes(data, xmldoc.Own(data))
	if err != nil {
		t.Fatal(err)
	}
	l, _ := tsl.DecodeDocument(doc, tsl.DecodeOptions{File: f})
	st := doc.FindElement("//SignedSignatureProperties/SigningTime")
	signed, err := time.Parse(time.RFC3339, strings.TrimSpace(st.Text()))
	if err != nil || !signed.After(l.Scheme.ListIssueDateTime.Add(5*time.Minute)) {
		t.Fatalf("the test needs a list signed well after its issue time: SigningTime %v (%v), issued %v", signed, err, l.Scheme.ListIssueDateTime)
	}

	p, err := loadPrevious(Options{Previous: f, IssueTime: signed.Add(time.Hour)})
	if err != nil {
		t.Fatalf("refused as previous release: %v", err)
	}
	if p.list.Scheme.SequenceNumber != l.Scheme.SequenceNumber {
		t.Errorf("sequence %d, want %d", p.list.Scheme.SequenceNumber, l.Scheme.SequenceNumber)
	}

	for _, f := range testtool.Corpus(t) {
		if _, err := loadPrevious(Options{Previous: f, IssueTime: time.Now()}); err != nil && strings.Contains(err.Error(), "SigningTime") {
			t.Errorf("%s refused for its SigningTime: %v", filepath.Base(f), err)
		}
	}
}
