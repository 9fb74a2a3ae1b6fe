package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/testtool"
)

// listChecks are the checks of `jtsl verify` about the list rather than
// its signature: EU DSS reports them apart from the signature's
// indication (structure messages, TLExpirationDetection), and runs its
// list validation at the machine clock, which a test cannot choose.
var listChecks = map[string]bool{"Structure": true, "TLVersion": true, "NextUpdatePresent": true, "NotExpired": true}

// TestVerifyAgreesWithDSS (issue 24, item 5): on every real list the
// signature verdict of `jtsl verify` (every check but listChecks passes
// or warns) is EU DSS's (indication TOTAL_PASSED), both trusting the
// certificate in the list's KeyInfo. The 2015 Portuguese list, signed
// through the XPath filter not(ancestor-or-self::ds:Signature), is the
// case that once differed. dss-tl-check takes one list a run (a JVM
// start each), so the lists run in parallel subtests.
func TestVerifyAgreesWithDSS(t *testing.T) {
	tool := testtool.Tool(t, "dss-tl-check", "java")
	for _, f := range testtool.Corpus(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			code, out := jtsl(t, "verify", f, "--format", "json")
			var rep struct {
				Checks []struct{ Name, Status, Detail string }
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Checks) == 0 {
				t.Fatalf("jtsl verify (exit %d) gave no report: %v\n%.2000s", code, err, out)
			}
			ours, failed := true, []string{}
			for _, c := range rep.Checks {
				if c.Status == "fail" && !listChecks[c.Name] {
					ours = false
					failed = append(failed, c.Name+": "+c.Detail)
				}
			}
			indication := dssIndication(t, tool, f)
			if theirs := indication == "TOTAL_PASSED"; ours != theirs {
				t.Errorf("signature verdict: jtsl %v (failed: %s), EU DSS %s", ours, strings.Join(failed, "; "), indication)
			}
		})
	}
}

// dssIndication runs EU DSS on list f, trusting the certificate of its
// KeyInfo, and returns the indication of the list's signature.
func dssIndication(t *testing.T, tool, f string) string {
	t.Helper()
	doc := etree.NewDocument()
	if err := doc.ReadFromFile(f); err != nil {
		t.Fatal(err)
	}
	x := doc.FindElement("/*/Signature/KeyInfo/X509Data/X509Certificate")
	if x == nil {
		t.Fatalf("%s: no KeyInfo certificate", f)
	}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(x.Text()), ""))
	if err != nil {
		t.Fatalf("%s: KeyInfo certificate: %v", f, err)
	}
	cert := filepath.Join(t.TempDir(), "signer.der") // dss-tl-check reads PEM or DER
	if err := os.WriteFile(cert, der, 0o600); err != nil {
		t.Fatal(err)
	}
	// Exit 1 = the list is not clean (an old version, an expired
	// NextUpdate); the signature's indication is there all the same.
	out, _ := testtool.Run(t, tool, "--tl", f, "--cert", cert, "--no-detail")
	var rep dssReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Lists) != 1 {
		t.Fatalf("dss-tl-check gave no list report: %v\n%.2000s", err, out)
	}
	return rep.Lists[0].Validation.Indication
}
