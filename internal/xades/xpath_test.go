package xades

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// TestXPathFilterTransform: the 2015 Portuguese list's whole-document
// reference uses the XPath filter not(ancestor-or-self::ds:Signature)
// instead of the enveloped transform. That one expression is computed
// (the digest matches; a changed list does not), whatever prefix names
// the XML-DSig namespace; any other expression, or the prefix bound to
// another namespace or to none, stays unsupported. A computed filter
// counts as the enveloped transform: the reference is full scope (R13)
// and DataObjectFormat names it, as in EU DSS (TOTAL_PASSED on this list).
func TestXPathFilterTransform(t *testing.T) {
	data := portugal2015(t)
	const expr = "<ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath>"
	if !strings.Contains(string(data), expr) {
		t.Fatalf("the Portuguese list no longer holds %s", expr)
	}
	for _, tc := range []struct {
		name, old, new string
		digests        diag.Status
		problem        string // in ReferenceDigests' detail
	}{
		{"as signed", "", "", diag.Pass, ""},
		{"list changed", "<TSLSequenceNumber>20<", "<TSLSequenceNumber>21<", diag.Fail, "digest does not match"},
		{"other prefix for XML-DSig", expr, `<ds:XPath xmlns:dsig="http://www.w3.org/2000/09/xmldsig#">not(ancestor-or-self::dsig:Signature)</ds:XPath>`, diag.Pass, ""},
		{"white space around", expr, "<ds:XPath>\n  not(ancestor-or-self::ds:Signature)\n</ds:XPath>", diag.Pass, ""},
		{"other expression", expr, "<ds:XPath>not(ancestor::ds:Signature)</ds:XPath>", diag.Fail, "unsupported transform"},
		{"expression with more", expr, "<ds:XPath>not(ancestor-or-self::ds:Signature) or true()</ds:XPath>", diag.Fail, "unsupported transform"},
		{"prefix of another namespace", expr, `<ds:XPath xmlns:x="urn:other">not(ancestor-or-self::x:Signature)</ds:XPath>`, diag.Fail, "unsupported transform"},
		{"unbound prefix", expr, "<ds:XPath>not(ancestor-or-self::zz:Signature)</ds:XPath>", diag.Fail, "unsupported transform"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := verifyEdited(t, data, tc.old, tc.new)
			detail := detailOf(r, "ReferenceDigests")
			if got := status(r, "ReferenceDigests"); got != tc.digests || !strings.Contains(detail, tc.problem) {
				t.Errorf("ReferenceDigests %v (%s), want %v with %q", got, detail, tc.digests, tc.problem)
			}
			for _, name := range []string{"FullScope", "DataObjectFormat"} {
				if got := status(r, name); got != tc.digests {
					t.Errorf("%s %v, want %v: %v", name, got, tc.digests, failed(r))
				}
			}
			if tc.old == "" && (!r.CryptoValid || status(r, "SignatureValue") != diag.Pass) {
				t.Errorf("the list as signed does not verify: %v", failed(r))
			}
			// The signer's names break the DER string rules: read for
			// display all the same.
			if r.Signer == nil || r.Signer.Subject.CommonName != "José Deolindo Torres Sobral" || r.Signer.Issuer.CommonName != "ECCE" {
				t.Errorf("signer %v", r.Signer)
			}
		})
	}
}

// TestPartialReference: a further reference to an element short of the
// root is a partial signature scope, which fails EU DSS's FullScope
// (XAdESSignatureScopeFinder, FullScopeCheck) and ours, though a
// reference covers the whole list.
func TestPartialReference(t *testing.T) {
	data := portugal2015(t)
	// A reference to the first reference (in SignedInfo, outside what the
	// whole-document reference digests): its own digest does not matter.
	const ref = `<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties"`
	partial := `<ds:Reference URI="#r-id-1"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>`
	r := verifyEdited(t, data, ref, partial+ref)
	detail := detailOf(r, "FullScope")
	if status(r, "FullScope") != diag.Fail || !strings.Contains(detail, `reference 2 (URI="#r-id-1"): signs part of the document only`) {
		t.Errorf("FullScope %v (%s), want a failure naming the partial reference", status(r, "FullScope"), detail)
	}
}

// portugal2015 reads the 2015 Portuguese list of the corpus.
func portugal2015(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(testtool.SharedPath(t, "corpus/tl/PT_v4_seq20_2015-03-26.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// verifyEdited verifies data with its first old replaced by new (old
// empty: as it is), at a time the 2015 list was valid.
func verifyEdited(t *testing.T, data []byte, old, new string) *Result {
	t.Helper()
	in := string(data)
	if old != "" {
		if !strings.Contains(in, old) {
			t.Fatalf("no %q in the list", old)
		}
		in = strings.Replace(in, old, new, 1)
	}
	doc, err := xmldoc.ParseBytes([]byte(in), xmldoc.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return Verify(doc.Document, VerifyOptions{At: time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC), Line: doc.Line})
}

// detailOf is the detail of r's check name.
func detailOf(r *Result, name string) string {
	for _, c := range r.Checks {
		if c.Name == name {
			return c.Detail
		}
	}
	return ""
}
