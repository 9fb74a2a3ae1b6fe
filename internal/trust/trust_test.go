package trust

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

type certKey struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

var serial int64

func mkCert(t *testing.T, cn string, parent *certKey, ca bool, mod func(*x509.Certificate)) *certKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial++
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{Country: []string{"JP"}, Organization: []string{"Test TSP"}, CommonName: cn},
		NotBefore:    time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:     time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	if ca {
		tmpl.IsCA, tmpl.BasicConstraintsValid = true, true
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	}
	if mod != nil {
		mod(tmpl)
	}
	parentCert, parentKey := tmpl, key
	if parent != nil {
		parentCert, parentKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parentCert, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return &certKey{c, key}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func service(typ string, c *certKey, status string, start time.Time, exts []model.Extension, hist ...model.HistoryInstance) model.Service {
	return model.Service{
		Type: typ, Name: model.MultiLang{{Lang: "en", Value: c.cert.Subject.CommonName}},
		Identity: model.DigitalIdentity{{Certificate: c.cert.Raw}},
		Status:   status, StatusStartingTime: start, Extensions: exts, History: hist,
	}
}

func TestLookup(t *testing.T) {
	qcCA := mkCert(t, "QC CA", nil, true, nil)
	oldCA := mkCert(t, "Withdrawn CA", nil, true, nil)
	tsa := mkCert(t, "TSA", nil, false, func(c *x509.Certificate) { c.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping} })
	stranger := mkCert(t, "Unknown CA", nil, true, nil)
	interm := mkCert(t, "Issuing CA", qcCA, true, nil)

	signer := func(parent *certKey, ku x509.KeyUsage) *x509.Certificate {
		return mkCert(t, "Yamada Taro", parent, false, func(c *x509.Certificate) {
			c.KeyUsage = ku
			oid, err := x509.OIDFromInts([]uint64{1, 2, 392, 1, 1})
			if err != nil {
				t.Fatal(err)
			}
			c.Policies = []x509.OID{oid}
		}).cert
	}
	foreSig := model.Extension{AdditionalServiceInformation: &model.AdditionalServiceInformation{URI: model.LangString{Lang: "en", Value: model.InfoForeSignatures}}}
	quals := model.Extension{Critical: true, Qualifications: []model.QualificationElement{
		{Qualifiers: []string{model.QualQCWithQSCD}, Criteria: model.CriteriaList{Assert: "all",
			KeyUsage:   []model.KeyUsage{{{Name: "nonRepudiation", Value: true}}},
			PolicySets: [][]model.ObjectIdentifier{{{Identifier: "urn:oid:1.2.392.1.1"}}}}},
		{Qualifiers: []string{model.QualQCForLegalPerson}, Criteria: model.CriteriaList{Assert: "atLeastOne",
			PolicySets: [][]model.ObjectIdentifier{{{Identifier: "1.2.392.9.9"}}}}},
	}}
	l := &model.List{Scheme: model.Scheme{Territory: "JP"}, Providers: []model.TSP{{
		Name: model.MultiLang{{Lang: "en", Value: "Test TSP"}},
		Services: []model.Service{
			service(model.SvcCAQC, qcCA, model.StatusGranted, at("2020-01-01T00:00:00Z"), []model.Extension{foreSig, quals}),
			service(model.SvcCAQC, oldCA, model.StatusWithdrawn, at("2024-04-01T00:00:00Z"), nil,
				model.HistoryInstance{Type: model.SvcCAQC, Status: model.StatusGranted, StatusStartingTime: at("2020-01-01T00:00:00Z")}),
			service(model.SvcTSAQTST, tsa, model.StatusGranted, at("2021-01-01T00:00:00Z"), nil),
		},
	}}}
	sources := []Source{{Name: "jp.xml", List: l}}

	tests := []struct {
		name       string
		q          Query
		granted    bool
		matches    int
		qualifiers []string
		status     string
	}{
		{"issued by granted QC CA", Query{Cert: signer(qcCA, x509.KeyUsageContentCommitment), At: at("2026-01-01T00:00:00Z")},
			true, 1, []string{model.QualQCWithQSCD}, model.StatusGranted},
		{"criteria not met: no nonRepudiation", Query{Cert: signer(qcCA, x509.KeyUsageDigitalSignature), At: at("2026-01-01T00:00:00Z")},
			true, 1, nil, model.StatusGranted},
		{"withdrawn CA after withdrawal", Query{Cert: signer(oldCA, x509.KeyUsageContentCommitment), At: at("2025-01-01T00:00:00Z")},
			false, 1, nil, model.StatusWithdrawn},
		{"withdrawn CA before withdrawal", Query{Cert: signer(oldCA, x509.KeyUsageContentCommitment), At: at("2023-01-01T00:00:00Z")},
			true, 1, nil, model.StatusGranted},
		{"before the service was listed", Query{Cert: signer(oldCA, x509.KeyUsageContentCommitment), At: at("2019-06-01T00:00:00Z")},
			false, 1, nil, ""},
		{"listed TSA certificate", Query{Cert: tsa.cert, At: at("2026-01-01T00:00:00Z")}, true, 1, nil, model.StatusGranted},
		{"unknown issuer", Query{Cert: signer(stranger, x509.KeyUsageContentCommitment), At: at("2026-01-01T00:00:00Z")}, false, 0, nil, ""},
		{"via intermediate chain", Query{Cert: signer(interm, x509.KeyUsageContentCommitment), Chain: []*x509.Certificate{stranger.cert, interm.cert}, At: at("2026-01-01T00:00:00Z")},
			true, 1, []string{model.QualQCWithQSCD}, model.StatusGranted},
		{"intermediate not given", Query{Cert: signer(interm, x509.KeyUsageContentCommitment), At: at("2026-01-01T00:00:00Z")}, false, 0, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := Lookup(sources, tt.q)
			if len(ms) != tt.matches {
				t.Fatalf("got %d matches, want %d: %+v", len(ms), tt.matches, ms)
			}
			granted := false
			for _, m := range ms {
				granted = granted || m.Granted
			}
			if granted != tt.granted {
				t.Errorf("granted = %v, want %v", granted, tt.granted)
			}
			if len(ms) == 0 {
				return
			}
			if ms[0].Status != tt.status {
				t.Errorf("status %q, want %q", ms[0].Status, tt.status)
			}
			if len(ms[0].Qualifiers) != len(tt.qualifiers) || (len(tt.qualifiers) > 0 && ms[0].Qualifiers[0] != tt.qualifiers[0]) {
				t.Errorf("qualifiers %v, want %v", ms[0].Qualifiers, tt.qualifiers)
			}
		})
	}
}

func TestCriteriaAssert(t *testing.T) {
	c := &x509.Certificate{KeyUsage: x509.KeyUsageDigitalSignature}
	yes := model.KeyUsage{{Name: "digitalSignature", Value: true}}
	no := model.KeyUsage{{Name: "keyCertSign", Value: true}}
	tests := []struct {
		cl   model.CriteriaList
		want bool
	}{
		{model.CriteriaList{Assert: "all", KeyUsage: []model.KeyUsage{yes, no}}, false},
		{model.CriteriaList{Assert: "atLeastOne", KeyUsage: []model.KeyUsage{yes, no}}, true},
		{model.CriteriaList{Assert: "none", KeyUsage: []model.KeyUsage{no}}, true},
		{model.CriteriaList{Assert: "none", KeyUsage: []model.KeyUsage{yes}}, false},
		{model.CriteriaList{Assert: "all", CriteriaList: []model.CriteriaList{{Assert: "atLeastOne", KeyUsage: []model.KeyUsage{no, yes}}}}, true},
		{model.CriteriaList{Assert: "all", Other: &model.OtherCriteria{Items: []model.OtherCriterion{{XML: "<x/>"}}}}, false},
	}
	for i, tt := range tests {
		if got := criteriaMatch(tt.cl, c); got != tt.want {
			t.Errorf("%d: got %v, want %v", i, got, tt.want)
		}
	}
}
