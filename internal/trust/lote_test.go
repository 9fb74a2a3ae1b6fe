package trust

import (
	"context"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/jws"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/xades"
)

// mapGetter serves lists named by the user from memory.
type mapGetter map[string][]byte

func (g mapGetter) Get(_ context.Context, loc string) ([]byte, error) {
	if b, ok := g[loc]; ok {
		return b, nil
	}
	return nil, errors.New("no such list")
}

func (g mapGetter) GetURL(context.Context, string) ([]byte, error) {
	return nil, errors.New("no download")
}

// TestTrustLoTE: a certificate issued under a service of a Japanese list
// of trusted entities (signed, pinned) is found with its entity and
// service; the Commission's mock list, unsigned, is used only with
// --allow-unpinned, and names the entity of each of its certificates.
func TestTrustLoTE(t *testing.T) {
	at := time.Date(2026, 7, 2, 0, 0, 0, 0, time.UTC)
	mock, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := lote.DecodeJSON(mock, "mock")
	if err != nil {
		t.Fatal(err)
	}
	// The mock list made Japan's, with one more entity whose PID issuer
	// is a CA of ours.
	ca := testtool.NewCert(t, pkix.Name{CommonName: "JPKI sample CA", Country: []string{"JP"}}, nil, true, nil)
	leaf := testtool.NewCert(t, pkix.Name{CommonName: "PID of a resident"}, ca, false, nil)
	signer := testtool.NewCert(t, pkix.Name{Organization: []string{"Digital Agency"}, Country: []string{"JP"}, CommonName: "LoTE signer"}, nil, false, nil)
	s := &l.Scheme
	s.Type, s.Territory = "https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList", "JP"
	s.OperatorName = model.MultiLang{{Lang: "en", Value: "Digital Agency"}}
	s.ListIssueDateTime = at.Add(-24 * time.Hour)
	next := at.AddDate(0, 3, 0)
	s.NextUpdate = &next
	jlis := l.Entities[0]
	jlis.Name = model.MultiLang{{Lang: "en", Value: "J-LIS"}}
	jlis.Services = []lote.Service{{Type: lote.SvcTypePIDIssuance, Name: model.MultiLang{{Lang: "en", Value: "JPKI"}},
		Identity: model.DigitalIdentity{{Certificate: ca.Cert.Raw}}}}
	l.Entities = append(l.Entities, jlis)
	doc, err := lote.EncodeXML(l)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := xades.SignToBytes(doc, signer.Key, signer.Cert, xades.SignOptions{SigningTime: s.ListIssueDateTime})
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := lote.EncodeJSON(l)
	signedJWS, err := jws.Sign(payload, signer.Key, signer.Cert, s.ListIssueDateTime)
	if err != nil {
		t.Fatal(err)
	}
	get := mapGetter{"jp.xml": signed, "jp.jws": signedJWS, "mock.json": mock}
	pins := []*x509.Certificate{signer.Cert}
	for _, loc := range []string{"jp.xml", "jp.jws"} {
		res, err := Walk(context.Background(), Options{LoTEs: []Input{{Location: loc, Pins: pins}}, Get: get, VerifyAt: at})
		if err != nil {
			t.Fatal(err)
		}
		if r := res.Lists[0]; r.Status != Used || !r.Pinned || r.Kind != "lote" || r.Anchors != 18 {
			t.Fatalf("%s: %+v", loc, r)
		}
		ms := Lookup(res.Sources, Query{Cert: leaf.Cert, Chain: []*x509.Certificate{ca.Cert}, At: at})
		if len(ms) != 1 || ms[0].TSP != "J-LIS" || ms[0].Service != "JPKI" || !ms[0].Granted || ms[0].Type != lote.SvcTypePIDIssuance ||
			!strings.Contains(ms[0].How, "issued by the listed service certificate") {
			t.Errorf("%s: %+v", loc, ms)
		}
		other := testtool.NewCert(t, pkix.Name{CommonName: "not listed"}, nil, false, nil)
		if ms := Lookup(res.Sources, Query{Cert: other.Cert, At: at}); len(ms) != 0 {
			t.Errorf("%s: an unlisted certificate matches: %+v", loc, ms)
		}
	}
	// Another signer: the list fails and is not used.
	res, _ := Walk(context.Background(), Options{LoTEs: []Input{{Location: "jp.xml", Pins: []*x509.Certificate{ca.Cert}}}, Get: get, VerifyAt: at})
	if r := res.Lists[0]; r.Status != Failed || len(res.Sources) != 0 {
		t.Errorf("a list of another signer: %+v", r)
	}

	// The Commission's mock list: unsigned, so used only when allowed;
	// verified before its NextUpdate (2026-06-01).
	at = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	res, _ = Walk(context.Background(), Options{LoTEs: []Input{{Location: "mock.json"}}, Get: get, VerifyAt: at})
	if r := res.Lists[0]; r.Status != Skipped || !strings.Contains(r.Note, "unsigned") {
		t.Errorf("the unsigned mock list is used unasked: %+v", r)
	}
	res, _ = Walk(context.Background(), Options{LoTEs: []Input{{Location: "mock.json"}}, Get: get, VerifyAt: at, AllowUnpinned: true})
	if r := res.Lists[0]; r.Status != Used || r.Anchors != 17 {
		t.Fatalf("mock list: %+v", r)
	}
	mockList, _, _ := lote.DecodeJSON(mock, "mock")
	e := mockList.Entities[3]
	cert, err := x509.ParseCertificate(e.Services[0].Identity[0].Certificate)
	if err != nil {
		t.Fatal(err)
	}
	ms := Lookup(res.Sources, Query{Cert: cert, At: at})
	if len(ms) == 0 || ms[0].TSP != e.Name.English() || ms[0].Territory != "EU" || !ms[0].Granted {
		t.Errorf("mock list: %+v (want %s, %s)", ms, e.Name.English(), base64.StdEncoding.EncodeToString(cert.Raw)[:20])
	}
}
