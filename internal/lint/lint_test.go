package lint

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

// kinds is how many of its checks a rule has.
func kinds(r Rule) int {
	n := 0
	for _, has := range []bool{r.Check != nil, r.LoTE != nil, r.LoTESet != nil} {
		if has {
			n++
		}
	}
	return n
}

func TestRegistry(t *testing.T) {
	for i, r := range Rules {
		if !strings.HasPrefix(r.ID, "JTSL") || len(r.ID) != 7 || r.Title == "" || r.Since == "" || kinds(r) != 1 {
			t.Errorf("rule %d (%s) lacks an ID, title, version or check (one of Check, LoTE and LoTESet)", i, r.ID)
		}
		if r.Severity != diag.Error && r.Severity != diag.Warning {
			t.Errorf("%s: severity %s; a rule is an error or a warning", r.ID, r.Severity)
		}
		if !strings.Contains(r.Doc, "clause") && !strings.Contains(r.Doc, "RFC") || !strings.Contains(r.Doc, "\n\nBad:\n\n") || !strings.Contains(r.Doc, "\n\nGood:\n\n") {
			t.Errorf("%s: the documentation cites no clause or lacks a bad and a good example", r.ID)
		}
		if strings.HasSuffix(r.Title, ".") {
			t.Errorf("%s: title ends with a period", r.ID)
		}
		if i > 0 && Rules[i-1].ID >= r.ID {
			t.Errorf("registry not sorted at %s", r.ID)
		}
		if Lookup(r.ID) != &Rules[i] {
			t.Errorf("Lookup(%s) does not find it", r.ID)
		}
	}
	if Lookup("JTSL999") != nil {
		t.Error("Lookup of an unknown ID is not nil")
	}
}

// TestSample checks the real sample sources of the repository: no finding
// of error level (warnings are logged).
func TestSample(t *testing.T) {
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	for _, d := range Check(set, Options{IssueTime: issue}) {
		if d.Severity == diag.Error {
			t.Errorf("%s", d)
		} else {
			t.Logf("%s", d)
		}
	}
}

func TestCorporateNumber(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"7000012050002", true},  // the National Tax Agency's own number
		{"9010401012345", true},  // Σ ≡ 0 (mod 9): check digit 9
		{"6010401045678", true},  // the samples'
		{"6010401045679", false}, // last digit changed
		{"5010401045678", false}, // check digit changed
		{"601040104567", false},  // 12 digits
		{"60104010456789", false},
		{"6O10401045678", false}, // letter O
		{"", false},
	} {
		if got := ValidCorporateNumber(c.s); got != c.want {
			t.Errorf("ValidCorporateNumber(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func loadBase(t *testing.T) *source.Set {
	t.Helper()
	set, diags, err := source.Load(filepath.Join("testdata", "base"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	return set
}

func rulesOf(l diag.List) map[string]int {
	m := map[string]int{}
	for _, d := range l {
		m[d.Rule]++
	}
	return m
}

// TestOptions checks the time options: NextUpdate derived from
// next_update_months unless given, and time rules skipped without a time.
func TestOptions(t *testing.T) {
	set := loadBase(t)
	for _, c := range []struct {
		name string
		opts Options
		want int // JTSL015 findings
	}{
		{"derived", Options{IssueTime: issue}, 0},
		{"six months", Options{IssueTime: issue, NextUpdate: issue.AddDate(0, 6, 0)}, 0},
		{"one second more", Options{IssueTime: issue, NextUpdate: issue.AddDate(0, 6, 0).Add(time.Second)}, 1},
		{"at issue", Options{IssueTime: issue, NextUpdate: issue}, 1},
		{"before issue", Options{IssueTime: issue, NextUpdate: issue.Add(-time.Hour)}, 1},
		{"no issue time", Options{}, 0},
	} {
		if got := rulesOf(Check(set, c.opts))["JTSL015"]; got != c.want {
			t.Errorf("%s: %d JTSL015 findings, want %d", c.name, got, c.want)
		}
	}
	// A status in the future and an expired certificate need an issue time.
	far := issue.AddDate(20, 0, 0)
	if got := rulesOf(Check(set, Options{IssueTime: far})); got["JTSL013"] == 0 {
		t.Errorf("no JTSL013 at %s: %v", far, got)
	}
	if got := rulesOf(Check(set, Options{})); got["JTSL013"]+got["JTSL014"]+got["JTSL015"] != 0 {
		t.Errorf("time rules ran without an issue time: %v", got)
	}
}

// TestMandatory checks the parts of JTSL025 that the JSON Schema already
// demands of YAML (so no fixture can reach them) on a model changed after
// loading, as a list built some other way could be.
func TestMandatory(t *testing.T) {
	set := loadBase(t)
	set.List.Scheme.Territory = ""
	set.List.Scheme.CommunityRules = nil
	set.List.Scheme.PolicyOrLegalNotice = nil
	set.List.Providers[0].Services = nil
	var got []string
	for _, d := range Check(set, Options{IssueTime: issue}) {
		if d.Rule == "JTSL025" {
			got = append(got, d.Pos.File+" "+d.Path)
		}
	}
	want := []string{"scheme.yaml territory", "scheme.yaml community_rules", "scheme.yaml policy", "tsps/secom-trust-systems.yaml services"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("JTSL025 at\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSampleIsClean checks that the J-TSL sample in sources/ has no
// finding at all, warnings included: the sample is what a new user copies.
func TestSampleIsClean(t *testing.T) {
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatalf("load: %v\n%v", err, diags)
	}
	for _, d := range Check(set, Options{IssueTime: issue}) {
		t.Errorf("%s", d)
	}
}

// TestRecertifiedKey checks JTSL013 on an identity of two certificates of
// one key: expired alone it is an error; beside a renewed certificate of
// the same key and subject, valid at issue time, it is not.
func TestRecertifiedKey(t *testing.T) {
	c, err := keys.ReadCertificate(filepath.Join("testdata", "base", "certs", "seiko-tsa.pem"))
	if err != nil {
		t.Fatal(err)
	}
	// The renewal: same subject and public key, a later validity, signed
	// by a throwaway issuer (the lint rules do not check the issuer).
	issuerKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := *c
	tmpl.SerialNumber = big.NewInt(2)
	tmpl.NotBefore, tmpl.NotAfter = c.NotAfter.AddDate(0, -1, 0), c.NotAfter.AddDate(5, 0, 0)
	tmpl.AuthorityKeyId = nil
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &x509.Certificate{Subject: pkix.Name{CommonName: "renewal issuer"}}, c.PublicKey, issuerKey)
	if err != nil {
		t.Fatal(err)
	}
	after := c.NotAfter.AddDate(1, 0, 0) // the first certificate has expired

	for _, renewed := range []bool{false, true} {
		dir := t.TempDir()
		testtool.CopyDir(t, filepath.Join("testdata", "base"), dir)
		if renewed {
			if err := os.WriteFile(filepath.Join(dir, "certs", "seiko-tsa-2.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(dir, "tsps", "seiko-solutions.yaml")
			b, _ := os.ReadFile(f)
			b = []byte(strings.Replace(string(b), "identity: {certificate: certs/seiko-tsa.pem}",
				"identity:\n      - certificate: certs/seiko-tsa.pem\n      - certificate: certs/seiko-tsa-2.pem", 1))
			os.WriteFile(f, b, 0o644)
		}
		set, d, err := source.Load(dir)
		if err != nil || d.HasErrors() {
			t.Fatalf("load: %v %v", err, d)
		}
		var got []string
		for _, f := range Check(set, Options{IssueTime: after, NextUpdate: after.AddDate(0, 1, 0)}) {
			if f.Rule == "JTSL013" && f.Pos.File == "tsps/seiko-solutions.yaml" {
				got = append(got, f.String())
			}
		}
		if want := !renewed; (len(got) > 0) != want {
			t.Errorf("renewed=%v: JTSL013 findings %q, want any: %v", renewed, got, want)
		}
	}
}
