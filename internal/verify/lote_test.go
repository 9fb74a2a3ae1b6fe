package verify

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/jws"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func mockList(t *testing.T) []byte {
	data, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// statusOf returns the status of the named check, or -1.
func statusOf(r *Report, name string) diag.Status {
	for _, c := range r.Checks {
		if c.Name == name {
			return c.Status
		}
	}
	return -1
}

// TestMockLoTE: the Commission's mock PID provider list reads clean,
// reported as unsigned; with a signer expected it fails.
func TestMockLoTE(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	r := CheckLoTE(mockList(t), LoTEOptions{File: "mock.json", At: at})
	if !r.Valid || r.Format != FormatLoTEJSON || statusOf(r, "LoTESigned") != diag.Warn {
		t.Fatalf("%s", r.Text())
	}
	for _, name := range []string{"LoTEStructure", "LoTEVersion", "NotExpired", "LoTEProfile", "HistoryOrder"} {
		if statusOf(r, name) != diag.Pass {
			t.Errorf("%s: %v\n%s", name, statusOf(r, name), r.Text())
		}
	}
	if r.List.Providers != 15 || r.List.Services != 17 || r.List.Territory != "EU" {
		t.Errorf("summary %+v", r.List)
	}
	pin := testtool.NewCert(t, pkix.Name{CommonName: "x"}, nil, false, nil).Cert
	if r := CheckLoTE(mockList(t), LoTEOptions{At: at, Pin: []*x509.Certificate{pin}}); r.Valid || statusOf(r, "LoTESigned") != diag.Fail {
		t.Errorf("an unsigned list passes with a signer expected:\n%s", r.Text())
	}
	if r := CheckLoTE(mockList(t), LoTEOptions{At: at.AddDate(1, 0, 0)}); r.Valid || statusOf(r, "NotExpired") != diag.Fail {
		t.Errorf("an expired list passes:\n%s", r.Text())
	}
}

// signedMock is the mock list signed in both bindings by a certificate
// naming its operator and territory (or others, by edit).
func signedMock(t *testing.T, edit func(*pkix.Name)) (x, j []byte, cert *x509.Certificate) {
	name := pkix.Name{Organization: []string{"European Commission"}, Country: []string{"EU"}, CommonName: "LoTE signer"}
	if edit != nil {
		edit(&name)
	}
	k := testtool.NewCert(t, name, nil, false, nil)
	l, _, err := lote.DecodeJSON(mockList(t), "mock")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := lote.EncodeXML(l)
	if err != nil {
		t.Fatal(err)
	}
	signedAt := l.Scheme.ListIssueDateTime
	if x, err = xades.SignToBytes(doc, k.Key, k.Cert, xades.SignOptions{SigningTime: signedAt}); err != nil {
		t.Fatal(err)
	}
	if j, err = jws.Sign(mockList(t), k.Key, k.Cert, signedAt); err != nil {
		t.Fatal(err)
	}
	return x, j, k.Cert
}

// TestSignedLoTE: both signed bindings verify, pinned; a changed byte, a
// wrong pin or a signer of another operator fail with the check that says
// so.
func TestSignedLoTE(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	x, j, cert := signedMock(t, nil)
	pin := []*x509.Certificate{cert}
	for name, tc := range map[string]struct {
		data   []byte
		format Format
	}{"xml": {x, FormatLoTEXML}, "jws": {j, FormatLoTEJWS}} {
		r := CheckLoTE(tc.data, LoTEOptions{File: name, At: at, Pin: pin, Limits: xmldoc.Own(tc.data)})
		if !r.Valid || r.Format != tc.format || statusOf(r, "SignerBinding") != diag.Pass || statusOf(r, "LoTESigned") != diag.Pass ||
			statusOf(r, "SignerPinned") != diag.Pass || r.Signer == nil || !r.Signer.Pinned {
			t.Errorf("%s:\n%s", name, r.Text())
		}
		other := []*x509.Certificate{testtool.NewCert(t, pkix.Name{CommonName: "other"}, nil, false, nil).Cert}
		if r := CheckLoTE(tc.data, LoTEOptions{At: at, Pin: other}); r.Valid || statusOf(r, "SignerPinned") != diag.Fail {
			t.Errorf("%s: another signer passes:\n%s", name, r.Text())
		}
	}
	bad := bytes.Replace(x, []byte("Agence Nationale"), []byte("Agence Nationalf"), 1)
	if r := CheckLoTE(bad, LoTEOptions{At: at, Pin: pin}); r.Valid || statusOf(r, "ReferenceDigests") != diag.Fail {
		t.Errorf("a changed XML list passes:\n%s", r.Text())
	}
	parts := strings.Split(string(j), ".")
	sig := []byte(parts[2])
	// Another base64url letter: sig[3] ^= 1 made a character outside
	// the alphabet from about one signature in sixteen ('a', 'z', '-', '_'),
	// and the text was then no JWS at all.
	if sig[3] == 'A' {
		sig[3] = 'B'
	} else {
		sig[3] = 'A'
	}
	if r := CheckLoTE([]byte(parts[0]+"."+parts[1]+"."+string(sig)), LoTEOptions{At: at, Pin: pin}); r.Valid || statusOf(r, "JWSSignature") != diag.Fail {
		t.Errorf("a changed JWS passes:\n%s", r.Text())
	}
	x2, j2, _ := signedMock(t, func(n *pkix.Name) { n.Organization = []string{"Someone Else"} })
	for _, data := range [][]byte{x2, j2} {
		if r := CheckLoTE(data, LoTEOptions{At: at}); r.Valid || statusOf(r, "SignerBinding") != diag.Fail {
			t.Errorf("a signer of another operator passes:\n%s", r.Text())
		}
	}
}

// TestLoTEWantPayload: a producer's JWS that carries exactly the payload
// it decoded passes DecodesToModel without decoding it again; one that
// carries other bytes, even of the same list, fails it.
func TestLoTEWantPayload(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	_, j, cert := signedMock(t, nil)
	want, _, err := lote.DecodeJSON(mockList(t), "mock")
	if err != nil {
		t.Fatal(err)
	}
	opts := LoTEOptions{At: at, Pin: []*x509.Certificate{cert}, Want: want, WantPayload: mockList(t)}
	if r := CheckLoTE(j, opts); !r.Valid || statusOf(r, "DecodesToModel") != diag.Pass || statusOf(r, "LoTEProfile") != diag.Pass {
		t.Errorf("the payload that was checked:\n%s", r.Text())
	}
	opts.WantPayload = append(mockList(t), '\n')
	if r := CheckLoTE(j, opts); r.Valid || statusOf(r, "DecodesToModel") != diag.Fail {
		t.Errorf("a JWS of other bytes passes:\n%s", r.Text())
	}
}

// TestLoTEContentChecks: profile, history order and unknown formats.
func TestLoTEContentChecks(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	l, _, _ := lote.DecodeJSON(mockList(t), "mock")
	l.Entities[0].Services[0].Status = "urn:x:granted"
	l.Entities[0].Services[0].StatusStartingTime = at.AddDate(-1, 0, 0)
	l.Entities[0].Services[0].History = []lote.HistoryInstance{
		{Name: l.Entities[0].Services[0].Name, Status: "urn:x:a", StatusStartingTime: at.AddDate(-3, 0, 0)},
		{Name: l.Entities[0].Services[0].Name, Status: "urn:x:b", StatusStartingTime: at.AddDate(-2, 0, 0)},
	}
	js, err := lote.EncodeJSON(l)
	if err != nil {
		t.Fatal(err)
	}
	r := CheckLoTE(js, LoTEOptions{At: at})
	if r.Valid || statusOf(r, "LoTEProfile") != diag.Fail || statusOf(r, "HistoryOrder") != diag.Fail {
		t.Errorf("%s", r.Text())
	}
	// A list of another scheme is held to the profile it names.
	l, _, _ = lote.DecodeJSON(mockList(t), "mock")
	l.Scheme.Type, l.Scheme.Territory = "https://www.digital.go.jp/lote/JPPIDProvidersList", "JP"
	js, _ = lote.EncodeJSON(l)
	if r := CheckLoTE(js, LoTEOptions{At: at}); statusOf(r, "LoTEProfile") != diag.Skipped {
		t.Errorf("%s", r.Text())
	}
	if r := CheckLoTE(js, LoTEOptions{At: at, Profile: lote.Profiles[lote.TypeEUPIDProviders]}); statusOf(r, "LoTEProfile") != diag.Pass {
		t.Errorf("%s", r.Text())
	}
	for _, data := range []string{"", "hello", "a.b"} {
		if r := CheckLoTE([]byte(data), LoTEOptions{}); r.Valid || statusOf(r, "LoTEFormat") != diag.Fail {
			t.Errorf("%q: %s", data, r.Text())
		}
	}
	if r := CheckLoTE([]byte(`{"LoTE": {"ListAndSchemeInformation": {}}, "x": 1}`), LoTEOptions{}); r.Valid || statusOf(r, "LoTEStructure") != diag.Fail || len(r.Structure) == 0 {
		t.Errorf("%s", r.Text())
	}
	if r := CheckLoTE(mockList(t), LoTEOptions{At: at, Limits: xmldoc.Limits{MaxBytes: 1000}}); r.Valid || statusOf(r, "LoTEStructure") != diag.Fail {
		t.Errorf("a list over the size limit is read: %s", r.Text())
	}
}

func TestDetect(t *testing.T) {
	for in, want := range map[string]Format{
		"\ufeff  <?xml version=\"1.0\"?><!-- c --><lote:ListOfTrustedEntities xmlns:lote=\"x\"/>": FormatLoTEXML,
		"<ListOfTrustedEntities>":     FormatLoTEXML,
		"<tsl:TrustServiceStatusList": FormatTSL,
		" {\"LoTE\":{}}":              FormatLoTEJSON,
		"eyJh.eyJi.c2ln\n":            FormatLoTEJWS,
		"eyJh.eyJi":                   FormatUnknown,
		"":                            FormatUnknown,
	} {
		if got := Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %q, want %q", in, got, want)
		}
	}
}
