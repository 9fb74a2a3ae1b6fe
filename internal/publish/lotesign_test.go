package publish

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/verify"
)

// jpLoTE is the Commission's mock PID provider list (15 entities, 17 real
// certificates) made a Japanese list of the same structure: the Digital
// Agency's, territory JP, a list type of its own.
func jpLoTE(t testing.TB) *lote.List {
	data, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	l, findings, err := lote.DecodeJSON(data, "mock")
	if err != nil || findings.HasErrors() {
		t.Fatal(err, findings)
	}
	s := &l.Scheme
	s.Type = "https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList"
	s.Territory = "JP"
	s.OperatorName = model.MultiLang{{Lang: "ja", Value: "デジタル庁"}, {Lang: "en", Value: "Digital Agency"}}
	s.ListIssueDateTime = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	next := s.ListIssueDateTime.AddDate(0, 6, 0)
	s.NextUpdate = &next
	return l
}

// TestSignLoTE: both bindings of a list, signed with RSA and ECDSA keys,
// pass every outside verifier: the TS 119 602 XSD, xmlsec1, the XAdES
// verifier and EU DSS's LoTE model and trusted-list signature validation
// (clean) on the XML; jose and @owf/eudi-lote on the JWS and its payload;
// and jtsl verify on all three.
func TestSignLoTE(t *testing.T) {
	tools := loteTools(t)
	l := jpLoTE(t)
	at := l.Scheme.ListIssueDateTime
	for _, alg := range []keys.Algorithm{keys.RSA3072, keys.ECP256} {
		t.Run(string(alg), func(t *testing.T) {
			k := signer(t, alg)
			s, err := SignLoTE(l, k.Signer, k.Cert, at)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			x, j, w, c := filepath.Join(dir, "lote.xml"), filepath.Join(dir, "lote.json"), filepath.Join(dir, "lote.jws"), filepath.Join(dir, "signer.pem")
			os.WriteFile(x, s.XML, 0o644)
			os.WriteFile(j, s.JSON, 0o644)
			os.WriteFile(w, s.JWS, 0o644)
			os.WriteFile(c, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.Cert.Raw}), 0o644)
			checkLoTEOutside(t, tools, x, j, w, c)
			for name, data := range map[string][]byte{"xml": s.XML, "jws": s.JWS} {
				rep := verify.CheckLoTE(data, verify.LoTEOptions{File: name, At: at.Add(time.Hour), Pin: []*x509.Certificate{k.Cert}})
				if !rep.Valid {
					t.Errorf("%s: jtsl verify: %s", name, rep.Text())
				}
			}
			// A changed entity name is refused by the XML verifiers.
			bad := bytes.Replace(s.XML, []byte("Agence Nationale"), []byte("Agence Nationalf"), 1)
			tf := filepath.Join(dir, "tampered.xml")
			os.WriteFile(tf, bad, 0o644)
			if _, ok := testtool.Run(t, tools["sig-verify-xmlsec"], tf, c); ok {
				t.Error("xmlsec1 accepts a tampered list")
			}
			if rep := verify.CheckLoTE(bad, verify.LoTEOptions{At: at}); rep.Valid {
				t.Error("jtsl verify accepts a tampered list")
			}
		})
	}
}

// TestSignLoTERefusals: nothing is signed that a reader would refuse.
func TestSignLoTERefusals(t *testing.T) {
	k := signer(t, keys.ECP256)
	l := jpLoTE(t)
	at := l.Scheme.ListIssueDateTime
	other := *l
	other.Scheme.OperatorName = model.MultiLang{{Lang: "en", Value: "Another Agency"}}
	if _, err := SignLoTE(&other, k.Signer, k.Cert, at); err == nil || !strings.Contains(err.Error(), "organizationName") {
		t.Errorf("a signer of another operator signs: %v", err)
	}
	x, _ := lote.MarshalXML(l)
	signed, err := SignLoTEXML(x, k.Signer, k.Cert, at)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := SignLoTEXML(signed, k.Signer, k.Cert, at); err == nil {
		t.Error("a signed list is signed again")
	}
	broken := bytes.Replace(x, []byte("<lote:LoTESequenceNumber>"), []byte("<lote:Foo/><lote:LoTESequenceNumber>"), 1)
	if _, err := SignLoTEXML(broken, k.Signer, k.Cert, at); err == nil {
		t.Error("a list with a structure error is signed")
	}
	j, _ := lote.EncodeJSON(l)
	if _, err := SignLoTEJSON(bytes.Replace(j, []byte(`"LoTESequenceNumber"`), []byte(`"X": 1, "LoTESequenceNumber"`), 1), k.Signer, k.Cert, at); err == nil {
		t.Error("a JSON list with an unknown member is signed")
	}
}

// TestSignLoTETreeRefuses: the build signs the XML tree it encoded
// without decoding it first; what does not read back as the compiled
// list is still refused, by the self-verification of the signed bytes.
func TestSignLoTETreeRefuses(t *testing.T) {
	k := signer(t, keys.ECP256)
	for _, c := range []struct {
		name, want string
		change     func(l *lote.List)
		encoded    bool // changed after the tree was encoded
	}{
		{"structure", "TrustedEntityServices", func(l *lote.List) { l.Entities[0].Services = nil }, false},
		{"other list", "do not decode to the compiled list", func(l *lote.List) { l.Entities[0].Name[0].Value = "Changed" }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := jpLoTE(t)
			if !c.encoded {
				c.change(l)
			}
			doc, err := lote.EncodeXML(l)
			if err != nil {
				t.Fatal(err)
			}
			if c.encoded {
				c.change(l)
			}
			_, err = signLoTETree(doc, l, k.Signer, k.Cert, l.Scheme.ListIssueDateTime)
			if err == nil || !strings.Contains(err.Error(), "self-verification") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want a self-verification error naming %q", err, c.want)
			}
		})
	}
}

// TestSignLoTEJSONAgainstList: the build's JSON binding must decode to
// the list it was encoded from (the ID and tag aside), as its XML binding
// must.
func TestSignLoTEJSONAgainstList(t *testing.T) {
	k := signer(t, keys.ECP256)
	l := jpLoTE(t)
	l.ID, l.Tag = "list-1", lote.Tag // XML only
	at := l.Scheme.ListIssueDateTime
	j, err := lote.EncodeJSON(l)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := signLoTEJSON(j, l, k.Signer, k.Cert, at); err != nil {
		t.Errorf("the list's own JSON binding: %v", err)
	}
	other := *l
	other.Entities = append([]lote.Entity{}, l.Entities...)
	other.Entities[0].Name = model.MultiLang{{Lang: "en", Value: "Changed"}}
	if _, err := signLoTEJSON(j, &other, k.Signer, k.Cert, at); err == nil || !strings.Contains(err.Error(), "compiled list") {
		t.Errorf("another list's JSON binding is signed: %v", err)
	}
}
