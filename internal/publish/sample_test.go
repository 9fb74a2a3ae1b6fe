package publish

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/samplecerts"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// The sample must carry the real trust anchors wherever they are public
// (issue 18). These tests hold the built sample to the certificates of
// ../shared/corpus, by SHA-256 of the DER.

// buildSample builds the sample sources and decodes the list it made.
func buildSample(t *testing.T) (string, *model.List) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build(t, sources(t), out, signer(t, keys.RSA3072), issue, false); err != nil {
		t.Fatal(err)
	}
	l := tsltest.Valid(t, filepath.Join(out, release.FileXML))
	return out, l
}

func pemSum(t *testing.T, file string) string {
	t.Helper()
	c, err := keys.ReadCertificate(file)
	if err != nil {
		t.Fatal(err)
	}
	return derSum(c.Raw)
}

func derSum(der []byte) string {
	s := sha256.Sum256(der)
	return hex.EncodeToString(s[:])
}

// serviceCerts maps the SHA-256 of every current service certificate of l
// to its service.
func serviceCerts(l *model.List) map[string]*model.Service {
	out := map[string]*model.Service{}
	for i := range l.Providers {
		for j := range l.Providers[i].Services {
			s := &l.Providers[i].Services[j]
			for _, d := range s.Identity {
				if d.Certificate != nil {
					out[derSum(d.Certificate)] = s
				}
			}
		}
	}
	return out
}

// TestSampleRealCertificates: every real JPKI CA certificate and the MIND
// unit certificate of jp-real/ is a service identity of the built sample;
// the expired 2015 JPKI keys are withdrawn, their grant kept as history;
// the pointer to the EU LOTL names exactly the signers the EU LOTL names
// for itself.
func TestSampleRealCertificates(t *testing.T) {
	real := testtool.SharedPath(t, filepath.Join("corpus", "certs", "jp-real"))
	_, l := buildSample(t)
	listed := serviceCerts(l)

	files, _ := filepath.Glob(filepath.Join(real, "jlis-jpki-*.pem"))
	if len(files) != 5 {
		t.Fatalf("%d JPKI certificates in %s, want 5", len(files), real)
	}
	files = append(files, filepath.Join(real, "mind-tsa-diastamp-a2e01-101.pem"))
	for _, f := range files {
		if _, ok := listed[pemSum(t, f)]; !ok {
			t.Errorf("%s is not a service certificate of the sample", filepath.Base(f))
		}
	}
	// The 2015 generation ended: its status is no longer the one the 2023
	// generation is in force with, which its history holds instead.
	for _, kind := range []string{"sign", "auth"} {
		old := listed[pemSum(t, filepath.Join(real, "jlis-jpki-"+kind+"-ca-2015.pem"))]
		cur := listed[pemSum(t, filepath.Join(real, "jlis-jpki-"+kind+"-ca-2023.pem"))]
		if old == nil || cur == nil {
			continue
		}
		if len(cur.History) != 0 || old.Status == cur.Status || len(old.History) == 0 || old.History[0].Status != cur.Status {
			t.Errorf("JPKI %s: 2015 generation %s (history %d), 2023 generation %s: the 2015 key is history", kind, old.Status, len(old.History), cur.Status)
		}
	}

	// The EU LOTL's pointer to itself.
	eu := testtool.SharedPath(t, filepath.Join("corpus", "tl", "EU-LOTL_v6_seq390_2026-08-03.xml"))
	lotl, _ := tsltest.Read(t, eu)
	signers := func(l *model.List) []string {
		var out []string
		for _, p := range l.Scheme.Pointers {
			if p.Location != "https://ec.europa.eu/tools/lotl/eu-lotl.xml" {
				continue
			}
			for _, id := range p.Identities {
				for _, d := range id {
					if d.Certificate != nil {
						out = append(out, derSum(d.Certificate))
					}
				}
			}
		}
		return out
	}
	want, got := signers(lotl), signers(l)
	if len(want) == 0 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the EU LOTL pointer names\n%v\nthe EU LOTL names itself with\n%v", got, want)
	}
}

// TestSampleMarks: in the sources, every certificate is either generated
// by internal/samplecerts and marked sample: true, or real and given a
// source:; the built page shows "sample certificate" beside exactly the
// generated ones.
func TestSampleMarks(t *testing.T) {
	generated := map[string]bool{}
	for _, files := range []func() (map[string][]byte, error){samplecerts.Files, samplecerts.LoTEFiles} {
		gen, err := files()
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range gen {
			if blk, _ := pem.Decode(b); blk.Type == "CERTIFICATE" {
				generated[derSum(blk.Bytes)] = true
				if !strings.HasSuffix(name, ".pem") {
					t.Fatal(name)
				}
			}
		}
	}
	set, diags, err := source.Load(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	// The lists of trusted entities' certificates are held to the same.
	lotes, diags, err := source.LoadLoTE(filepath.Join(testtool.Root(), "sources"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	for _, s := range []struct {
		certs []*x509.Certificate
		notes map[[sha256.Size]byte]source.CertNote
	}{{set.Certificates(), set.Notes}, {lotes.Certificates(), lotes.Notes}} {
		for _, c := range s.certs {
			sum := sha256.Sum256(c.Raw)
			n, hexSum := s.notes[sum], hex.EncodeToString(sum[:])
			switch {
			case generated[hexSum] && !n.Sample:
				t.Errorf("%s is generated but not marked sample: true", c.Subject)
			case !generated[hexSum] && (n.Sample || n.Source == ""):
				t.Errorf("%s is real but names no source (note %+v)", c.Subject, n)
			}
		}
	}

	out, l := buildSample(t)
	page, err := os.ReadFile(filepath.Join(out, release.FileHTML))
	if err != nil {
		t.Fatal(err)
	}
	mark := []byte(`<span class="sample">サンプル証明書 <span class="en" lang="en">sample certificate</span></span>`)
	seen := 0
	for sum := range serviceCerts(l) {
		i := bytes.Index(page, []byte("<code>"+sum+"</code>"))
		if i < 0 {
			t.Errorf("certificate %s not on the page", sum)
			continue
		}
		end := bytes.Index(page[i:], []byte("</dd>"))
		shown := bytes.Contains(page[i:i+end], mark)
		if shown != generated[sum] {
			t.Errorf("certificate %s: sample mark shown %v, generated %v", sum, shown, generated[sum])
		}
		if generated[sum] {
			seen++
		}
	}
	if seen == 0 {
		t.Error("no generated certificate in the sample")
	}
}

// TestSampleExpiredGeneration: lint agrees that the expired 2015 JPKI
// generation is history. Listed as still granted, it is refused
// (JTSL013); as the sources have it, the sample lints clean.
func TestSampleExpiredGeneration(t *testing.T) {
	src := sources(t)
	check := func() map[string]int {
		set, diags, err := source.Load(src)
		if err != nil || diags.HasErrors() {
			t.Fatal(err, diags)
		}
		rules := map[string]int{}
		for _, d := range lint.Check(set, lint.Options{IssueTime: issue}) {
			rules[d.Rule]++
		}
		return rules
	}
	if got := check(); len(got) != 0 {
		t.Fatalf("the sample does not lint clean: %v", got)
	}
	// The first status that ends the 2015 keys is the signing service's.
	p := filepath.Join(src, "tsps", "j-lis.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	for i, line := range lines {
		if strings.Contains(line, `from: "2025-10-19T15:00:00Z"`) {
			edit(t, p, line, "")
			break
		}
		if i == len(lines)-1 {
			t.Fatal("j-lis.yaml ends no 2015 key on 2025-10-19")
		}
	}
	if got := check(); got["JTSL013"] != 1 {
		t.Errorf("the 2015 generation listed as granted: findings %v, want one JTSL013", got)
	}
}

// TestSampleDSS: EU DSS loads the built sample cleanly: no structure
// message, the signature TOTAL_PASSED, verdict PASS.
func TestSampleDSS(t *testing.T) {
	dss := testtool.Tool(t, "dss-tl-check", "java")
	out, _ := buildSample(t)
	msg, ok := testtool.Run(t, dss, "--tl", filepath.Join(out, release.FileXML), "--cert", filepath.Join(out, release.FileSigner))
	var r struct {
		Verdict string `json:"verdict"`
		Lists   []struct {
			Parsing struct {
				StructureMessages []string `json:"structure_messages"`
			} `json:"parsing"`
			Validation struct {
				Indication string `json:"indication"`
			} `json:"validation"`
			Clean bool `json:"clean"`
		} `json:"lists"`
	}
	if err := json.Unmarshal([]byte(msg[strings.Index(msg, "{"):]), &r); err != nil || !ok {
		t.Fatalf("dss-tl-check: %v %v\n%s", ok, err, msg)
	}
	if r.Verdict != "PASS" || len(r.Lists) != 1 || !r.Lists[0].Clean || r.Lists[0].Validation.Indication != "TOTAL_PASSED" ||
		len(r.Lists[0].Parsing.StructureMessages) != 0 {
		t.Errorf("EU DSS does not accept the sample cleanly:\n%s", msg)
	}
}
