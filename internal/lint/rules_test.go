package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

// Each case makes one mistake in a copy of testdata/base. The replacement
// text carries "# want JTSLnnn" on the line the finding must point at.
var mistakes = []struct {
	rule, file, old, new string
}{
	{"JTSL001", "tsps/seiko-solutions.yaml", "    name:\n      en: Seiko Time Stamp Service\n      ja: セイコータイムスタンプサービス\n", "    name:\n      - ja: セイコータイムスタンプサービス # want JTSL001\n"},
	{"JTSL002", "scheme.yaml", `  en: "JP:Trusted list`, `  en: "Trusted list`},
	{"JTSL003", "scheme.yaml", "type: http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist", "type: http://uri.etsi.org/TrstSvc/TrustedList/TSLType/TClist # want JTSL003"},
	{"JTSL004", "scheme.yaml", "status_determination_approach: http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/JPdetermination", "status_determination_approach: http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate # want JTSL004"},
	{"JTSL005", "tsps/seiko-solutions.yaml", "    type: http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST", "    type: http://uri.etsi.org/TrstSvc/SvcType/TSA/QTST # want JTSL005"},
	{"JTSL006", "tsps/seiko-solutions.yaml", "      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n",
		"      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n    extensions:\n      - critical: true # want JTSL006\n        qualifications: [{qualifiers: [http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/QCWithQSCD], criteria: {assert: all}}]\n"},
	{"JTSL007", "tsps/seiko-solutions.yaml", "      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n",
		"      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n    extensions:\n      - critical: false # want JTSL007\n        additional_service_information: {uri: {en: http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures}}\n"},
	{"JTSL008", "tsps/seiko-solutions.yaml", "      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n",
		"      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/recognisedatnationallevel, from: \"2024-01-01T00:00:00Z\"} # want JTSL008\n"},
	{"JTSL009", "tsps/seiko-solutions.yaml", "    identity: {certificate: certs/seiko-tsa.pem}", "    identity: [{certificate: certs/seiko-tsa.pem}, {certificate: certs/mind-tsa.pem}] # want JTSL009"},
	{"JTSL010", "tsps/seiko-solutions.yaml", "    identity: {certificate: certs/seiko-tsa.pem}", "    identity: [{certificate: certs/seiko-tsa.pem}, {ski: AAECAwQFBgcICQoLDA0ODxAREhM=}] # want JTSL010"},
	{"JTSL011", "tsps/seiko-solutions.yaml", "services:\n", "services:\n  - id: again\n    type: http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST\n    name: {en: Again}\n    identity: {certificate: certs/seiko-tsa.pem}\n    status: [{status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}]\n"},
	{"JTSL012", "tsps/seiko-solutions.yaml", "    type: http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST\n    name:\n      en: Seiko Time Stamp Service\n      ja: セイコータイムスタンプサービス\n    identity: {certificate: certs/seiko-tsa.pem}",
		"    type: http://uri.etsi.org/TrstSvc/Svctype/CA/QC\n    name:\n      en: Seiko Time Stamp Service\n      ja: セイコータイムスタンプサービス\n    identity: {certificate: certs/seiko-tsa.pem} # want JTSL012"},
	{"JTSL014", "tsps/seiko-solutions.yaml", "      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n",
		"      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/withdrawn, from: \"2023-01-01T00:00:00Z\"} # want JTSL014\n"},
	{"JTSL016", "tsps/seiko-solutions.yaml", "  en: NTRJP-6010401045678 # sample corporate number", "  en: NTRJP-6010401045679 # want JTSL016"},
	{"JTSL017", "tsps/seiko-solutions.yaml", "    - en: mailto:tsa-support@seiko-sol.co.jp\n", ""},
	{"JTSL018", "scheme.yaml", "historical_information_period: 65535", "historical_information_period: 10 # want JTSL018"},
	{"JTSL019", "scheme.yaml", "  - critical: false\n    xml: <jtsl:SchemeNote", "  - critical: true # want JTSL019\n    xml: <jtsl:SchemeNote"},
	{"JTSL021", "tsps/seiko-solutions.yaml", "information_uri:\n  en: https://www.seiko-cybertime.jp/", "information_uri:\n  en: javascript:alert(1) # want JTSL021"},
	{"JTSL022", "scheme.yaml", "territory: JP", "territory: FR"},
	{"JTSL023", "tsps/seiko-solutions.yaml", "      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n",
		"      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2023-01-01T00:00:00Z\", identity: [{ski: AAECAwQFBgcICQoLDA0ODxAREhM=}]} # want JTSL023\n      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted, from: \"2024-01-01T00:00:00Z\"}\n"},
	{"JTSL020", "tsps/seiko-solutions.yaml", "  en: Seiko Solutions Inc.\n", "  en: SECOM Trust Systems Co., Ltd. # want JTSL020\n"},
}

var wantRe = regexp.MustCompile(`# want (JTSL\d{3})`)

func TestOneMistakePerRule(t *testing.T) {
	covered := map[string]bool{"JTSL013": true, "JTSL015": true} // TestCertificateExpired, TestNextUpdateTooFar
	for _, m := range mistakes {
		covered[m.rule] = true
		t.Run(m.rule, func(t *testing.T) {
			dir := copyDir(t, filepath.Join("testdata", "base"))
			p := filepath.Join(dir, m.file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), m.old) {
				t.Fatalf("%s does not contain %q", m.file, m.old)
			}
			mutated := strings.Replace(string(b), m.old, m.new, 1)
			if err := os.WriteFile(p, []byte(mutated), 0o644); err != nil {
				t.Fatal(err)
			}
			set, diags, err := source.Load(dir)
			if err != nil || diags.HasErrors() {
				t.Fatalf("load: %v %v", err, diags)
			}
			got := Check(set, Options{IssueTime: issue})
			var found []string
			for _, d := range got {
				if d.Rule == m.rule {
					found = append(found, d.String())
				}
			}
			if len(found) == 0 {
				t.Fatalf("no %s finding; got %v", m.rule, got)
			}
			// The finding is on the line marked # want, when there is one.
			for i, line := range strings.Split(mutated, "\n") {
				if w := wantRe.FindStringSubmatch(line); w != nil && w[1] == m.rule {
					pos := fmt.Sprintf("%s:%d:", m.file, i+1)
					ok := false
					for _, f := range found {
						ok = ok || strings.HasPrefix(f, pos)
					}
					if !ok {
						t.Errorf("want %s at %s, got %v", m.rule, pos, found)
					}
				}
			}
		})
	}
	for _, r := range Rules {
		if !covered[r.ID] {
			t.Errorf("rule %s has no mistake case", r.ID)
		}
	}
}

func TestCertificateExpired(t *testing.T) {
	set, diags, err := source.Load(filepath.Join("testdata", "base"))
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	late := issue.AddDate(10, 0, 0) // the sample certificates end in 2034
	var n int
	for _, d := range Check(set, Options{IssueTime: late}) {
		if d.Rule == "JTSL013" {
			n++
		}
	}
	if n == 0 {
		t.Error("no JTSL013 for certificates expired at issue time")
	}
}

func copyDir(t *testing.T, src string) string {
	dst := t.TempDir()
	testtool.CopyDir(t, src, dst)
	return dst
}
