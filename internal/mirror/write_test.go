package mirror

import (
	"bytes"
	"encoding/json"
	"testing"
)

// marshal is encoding/json's compact text of v, as Encode configures it.
func marshal(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// TestWriterShapes checks the writer against encoding/json on an entity
// with what the sample and corpus lack or hold rarely: nil and empty
// slices, omitted members, every identity kind.
func TestWriterShapes(t *testing.T) {
	ok := true
	lv := []langValue{{Lang: "ja", Value: "名"}}
	lu := []langURI{{Lang: "en", URIValue: "http://x/"}}
	for name, te := range map[string]trustedEntity{
		"zero": {},
		"empty slices": {Information: teInfo{Name: []langValue{}, TradeName: []langValue{}, InformationURI: []langURI{},
			Address: teAddress{Postal: []postal{}, Electronic: []langURI{}}, Extensions: []extension{}}, Services: []teService{}},
		"full": {Information: teInfo{Name: lv, TradeName: lv, InformationURI: lu,
			Address:    teAddress{Postal: []postal{{Lang: "ja", StreetAddress: "s", Country: "JP"}, {Lang: "en", StreetAddress: "s", Locality: "l", StateOrProvince: "p", PostalCode: "1", Country: "JP"}}, Electronic: lu},
			Extensions: []extension{{Critical: &ok, XML: new(string)}}},
			Services: []teService{{}, {Information: serviceInfo{Name: lv, Type: "t", Status: "s", StatusStartingTime: "x",
				Identity: sdi{X509Certificates: []pkiOb{{Val: "AA=="}}, X509SubjectNames: []string{"CN=a"},
					PublicKeyValues: []map[string]any{{"kty": "EC"}}, X509SKIs: []string{"AA=="}, OtherIds: []string{"o"},
					Order: "CNKSO", KeyValues: []string{"<k/>"}, AdditionalInfo: []infoItem{{TSLType: "t"}}, NoIdentities: true},
				SchemeServiceDefinitionURI: lu, TSPServiceDefinitionURI: lu,
				SupplyPoints: []supplyPoint{{URIValue: "u"}, {ServiceType: "t", URIValue: "u"}},
				Extensions:   []extension{{Critical: &ok, ExpiredCertsRevocationInfo: "x"}}},
				History: []historyInstance{{}, {Name: lv, Identity: sdi{NoIdentities: true}, Extensions: []extension{{}}}}},
				{Information: serviceInfo{SupplyPoints: []supplyPoint{}, Identity: sdi{X509Certificates: []pkiOb{}}}, History: []historyInstance{}},
			}},
	} {
		w := newWriter()
		if err := w.entity(&te); err != nil {
			t.Fatal(err)
		}
		if want := marshal(t, te); !bytes.Equal(w.b, want) {
			t.Errorf("%s: writer\n%s\nencoding/json\n%s", name, w.b, want)
		}
	}
}
