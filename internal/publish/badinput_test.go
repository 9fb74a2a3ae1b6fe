package publish

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/tsl"
)

// badInputs has one case per class of bad input (issue: hostile input):
// each mutates a copy of the sample sources and must be refused with the
// message given, leaving out/ exactly as it was.
var badInputs = []struct {
	name, want string // want: in the error, or a regular expression when it starts with ^
	mutate     func(t *testing.T, src string)
}{
	{"yaml syntax error", "tsps/amano.yaml:", func(t *testing.T, src string) {
		appendTo(t, src, "tsps/amano.yaml", "broken: [unclosed\n")
	}},
	{"alias bomb (billion laughs)", "alias", func(t *testing.T, src string) {
		bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		prev := "a"
		for i := 0; i < 9; i++ {
			n := string(rune('b' + i))
			bomb += n + ": &" + n + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
			prev = n
		}
		write(t, src, "tsps/bomb.yaml", bomb)
	}},
	{"deep nesting", "nested deeper", func(t *testing.T, src string) {
		write(t, src, "tsps/deep.yaml", "name: "+strings.Repeat("[", 200)+strings.Repeat("]", 200)+"\n")
	}},
	{"huge file", "more than the limit", func(t *testing.T, src string) {
		write(t, src, "tsps/huge.yaml", "name: {en: \""+strings.Repeat("x", 5<<20)+"\"}\n")
	}},
	{"not UTF-8", "not valid UTF-8", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "Amano Corporation", "Amano \xff\xfe Corporation")
	}},
	{"control character", "control character U+0007", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "Amano Corporation", "Amano \\a Corporation")
		replace(t, src, "tsps/amano.yaml", "en: Amano \\a Corporation", "en: \"Amano \\a Corporation\"")
	}},
	{"NUL byte", "NUL byte", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "Amano Corporation", "Amano \x00 Corporation")
	}},
	{"invalid certificate", "malformed certificate", func(t *testing.T, src string) {
		write(t, src, "certs/amano-tsa.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte("not DER")})))
	}},
	{"expired certificate on a granted service", "JTSL013", func(t *testing.T, src string) {
		write(t, src, "certs/amano-tsa.pem", expiredTSA(t))
	}},
	{"CA certificate where an end entity is expected", "JTSL012", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "certs/amano-tsa.pem", "certs/moj-registrar-2025.pem")
	}},
	{"end entity where a CA is expected", "JTSL012", func(t *testing.T, src string) {
		replace(t, src, "tsps/ministry-of-justice.yaml", "certs/moj-registrar-2025.pem", "certs/amano-tsa.pem")
	}},
	{"duplicate TSP", "JTSL020", func(t *testing.T, src string) {
		write(t, src, "tsps/amano-again.yaml", string(read(t, src, "tsps/amano.yaml")))
	}},
	{"duplicate service id", "duplicate service id", func(t *testing.T, src string) {
		replace(t, src, "tsps/j-lis.yaml", "id: jpki-user-authentication", "id: jpki-signature")
	}},
	{"certificate path with ../", "leaves the sources folder", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "certs/amano-tsa.pem", "certs/../../amano-tsa.pem")
	}},
	{"absolute certificate path", "services[0].identity", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "certs/amano-tsa.pem", "/etc/ssl/certs/amano-tsa.pem")
	}},
	{"certificate symlink leaving the folder", "resolves outside the sources folder", func(t *testing.T, src string) {
		outside := filepath.Join(filepath.Dir(src), "outside.pem")
		os.WriteFile(outside, read(t, src, "certs/amano-tsa.pem"), 0o644)
		os.Remove(filepath.Join(src, "certs/amano-tsa.pem"))
		if err := os.Symlink(outside, filepath.Join(src, "certs/amano-tsa.pem")); err != nil {
			t.Fatal(err)
		}
	}},
	{"date out of range", "is not a date-time", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", `from: "2024-01-01T00:00:00Z"`, `from: "2024-13-01T00:00:00Z"`)
	}},
	{"URI with spaces", "contains white space", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "https://www.e-timing.ne.jp/agreement_rule/", "https://www.e-timing.ne.jp/agreement rule/")
	}},
	{"javascript: URI", "uses the javascript: scheme", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "https://www.e-timing.ne.jp/agreement_rule/", "javascript:alert(document.cookie)")
	}},
	{"U+FFFE in text", "control characters are not allowed", func(t *testing.T, src string) {
		replace(t, src, "tsps/amano.yaml", "Amano Corporation", "Amano \uFFFE Corporation")
	}},
	// The mutual recognition sources: file:line, nothing published.
	{"mapping: unknown context", `^mra\.yaml:\d+:\d+: error schema: recognition_by_eu\.equivalences\[0\]\.certificate_content\[1\]\.context`, func(t *testing.T, src string) {
		replace(t, src, "mra.yaml", "- context: QcType\n          japan: *signing", "- context: QcTypo\n          japan: *signing")
	}},
	{"mapping: a pointer the scheme lacks", `^mra\.yaml:\d+:\d+: error mra: recognition_by_japan\.pointer: scheme\.yaml has no pointer to https://ec\.europa\.eu/tools/lotl/eu-lotl\.xmI`, func(t *testing.T, src string) {
		replace(t, src, "mra.yaml", "pointer: https://ec.europa.eu/tools/lotl/eu-lotl.xml", "pointer: https://ec.europa.eu/tools/lotl/eu-lotl.xmI")
	}},
	{"mapping: ambiguous", `^mra\.yaml:\d+:\d+: error JTSL036: recognition_by_eu\.equivalences\[1\]\.legal_identifier: QCForESig and QCForESeal both claim`, func(t *testing.T, src string) {
		replace(t, src, "mra.yaml", "          - type: https://www.digital.go.jp/trustlist/Svctype/AccreditedESeal\n",
			"          - type: https://www.digital.go.jp/trustlist/Svctype/AccreditedCertification\n")
	}},
	{"mapping: history oldest first", `^mra\.yaml:\d+:\d+: error JTSL038: recognition_by_eu\.equivalences\[2\]\.history\[0\]\.from`, func(t *testing.T, src string) {
		replace(t, src, "mra.yaml", "      from: \"2026-10-01T00:00:00Z\"\n      types:\n        japan:\n          - type: https://www.digital.go.jp/trustlist/Svctype/AccreditedTimeStamping",
			"      from: \"2026-10-01T00:00:00Z\"\n      history:\n        - {status: repealed, from: \"2026-11-01T00:00:00Z\"}\n      types:\n        japan:\n          - type: https://www.digital.go.jp/trustlist/Svctype/AccreditedTimeStamping")
	}},
	{"vocabulary: a label missing", `^vocabulary\.yaml:\d+:\d+: error schema: statuses\[0\]\.label`, func(t *testing.T, src string) {
		replace(t, src, "vocabulary.yaml", "      ja: 認定\n", "")
	}},
	{"vocabulary: a type a service uses, undeclared", `^tsps/ministry-of-internal-affairs-and-communications\.yaml:\d+:\d+: error JTSL034: services\[0\]\.type: https://www\.digital\.go\.jp/trustlist/Svctype/GPKI is declared neither`, func(t *testing.T, src string) {
		replace(t, src, "vocabulary.yaml", "  - uri: https://www.digital.go.jp/trustlist/Svctype/GPKI\n", "  - uri: https://www.digital.go.jp/trustlist/Svctype/GovernmentPKI\n")
	}},
	{"lists of trusted entities: an EU value misspelt", `^mra\.yaml:\d+:\d+: error JTSL070: lists_of_trusted_entities\.list_types\[0\]\.eu: http://uri\.etsi\.org/19602/LoTEType/EUPIDProviderList is not`, func(t *testing.T, src string) {
		replace(t, src, "mra.yaml", "eu: http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList", "eu: http://uri.etsi.org/19602/LoTEType/EUPIDProviderList")
	}},
	{"lists of trusted entities: a correspondence without its date", `^mra\.yaml:\d+:\d+: error schema: lists_of_trusted_entities\.service_types\[0\]\.from`, func(t *testing.T, src string) {
		replace(t, src, "mra.yaml", "      eu: http://uri.etsi.org/19602/SvcType/PID/Issuance\n      status: enacted\n      from: \"2026-10-01T00:00:00Z\"\n", "      eu: http://uri.etsi.org/19602/SvcType/PID/Issuance\n      status: enacted\n")
	}},
}

func read(t *testing.T, src, rel string) []byte {
	b, err := os.ReadFile(filepath.Join(src, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, src, rel, s string) {
	if err := os.WriteFile(filepath.Join(src, rel), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, src, rel, s string) { write(t, src, rel, string(read(t, src, rel))+s) }

func replace(t *testing.T, src, rel, old, new string) { edit(t, filepath.Join(src, rel), old, new) }

func expiredTSA(t *testing.T) string {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(99), Subject: pkix.Name{Country: []string{"JP"}, Organization: []string{"Amano Corporation"}, CommonName: "SAMPLE expired TSA"},
		NotBefore: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestBadInputs(t *testing.T) {
	k := signer(t, keys.ECP256)
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			src := sources(t)
			out := filepath.Join(t.TempDir(), "out")
			if _, err := build(t, src, out, k, issue, false); err != nil {
				t.Fatal(err)
			}
			before := tree(t, out)
			tt.mutate(t, src)
			_, err := build(t, src, out, k, issue.Add(time.Hour), true)
			matches := func(s string) bool {
				if strings.HasPrefix(tt.want, "^") {
					return regexp.MustCompile("(?m)" + tt.want).MatchString(s)
				}
				return strings.Contains(s, tt.want)
			}
			if err == nil || !matches(err.Error()) {
				t.Fatalf("got %v\nwant an error containing %q", err, tt.want)
			}
			if !equalTrees(tree(t, out), before) {
				t.Error("out/ was touched")
			}
		})
	}
}

// TestMarkupIsEscaped: text that would break XML or HTML is published
// correctly escaped in the XML, the JSON and the page.
func TestMarkupIsEscaped(t *testing.T) {
	const nasty = `Amano <b>&amp; "Co"</b> ]]> <script>alert(1)</script>`
	src := sources(t)
	replace(t, src, "tsps/amano.yaml", "  en: Amano Corporation", "  en: '"+nasty+"'")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build(t, src, out, signer(t, keys.ECP256), issue, false); err != nil {
		t.Fatal(err)
	}
	xml, _ := os.ReadFile(filepath.Join(out, release.FileXML))
	l, diags, err := tsl.Decode(xml, tsl.DecodeOptions{})
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	found := false
	for _, p := range l.Providers {
		found = found || p.Name.Get("en") == nasty
	}
	if !found || strings.Contains(string(xml), "<script>") {
		t.Error("XML does not carry the text escaped and intact")
	}
	js, _ := os.ReadFile(filepath.Join(out, release.FileJSON))
	var any map[string]any
	if err := json.Unmarshal(js, &any); err != nil || !strings.Contains(string(js), `\"Co\"`) {
		t.Errorf("JSON: %v", err)
	}
	html, _ := os.ReadFile(filepath.Join(out, release.FileHTML))
	if strings.Contains(string(html), "<script>") || !strings.Contains(string(html), "&lt;script&gt;alert(1)&lt;/script&gt;") || strings.Contains(string(html), "]]>") {
		t.Error("HTML does not escape the text")
	}
}
