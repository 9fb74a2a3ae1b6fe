package lote

import (
	"bytes"
	"crypto/x509/pkix"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
)

var issued = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

func ml(pairs ...string) model.MultiLang {
	var m model.MultiLang
	for i := 0; i+1 < len(pairs); i += 2 {
		m = append(m, model.LangString{Lang: pairs[i], Value: pairs[i+1]})
	}
	return m
}

func address(country string) model.Address {
	return model.Address{
		Postal: []model.PostalAddress{
			{Lang: "ja", StreetAddress: "紀尾井町1-3", Locality: "千代田区", StateOrProvince: "東京都", PostalCode: "102-0094", CountryName: country},
			{Lang: "en", StreetAddress: "1-3 Kioicho", Locality: "Chiyoda-ku", PostalCode: "102-0094", CountryName: country},
		},
		Electronic: ml("en", "mailto:trustlist@example.go.jp", "en", "https://www.digital.go.jp/"),
	}
}

// fullList is a list with every element both bindings can hold.
func fullList(t testing.TB) *List {
	cert := testtool.NewCert(t, pkix.Name{Country: []string{"JP"}, Organization: []string{"J-LIS"}, CommonName: "PID issuer"}, nil, false, nil)
	kv, err := keyValueOf(map[string]any{"kty": "EC", "crv": "P-256",
		"x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})
	if err != nil {
		t.Fatal(err)
	}
	if kv, err = tsl.NormalizeXML(kv); err != nil {
		t.Fatal(err)
	}
	hip := 65535
	next := issued.AddDate(0, 6, 0)
	cur := Service{
		Type: "https://www.digital.go.jp/lote/SvcType/PID/Issuance", Name: ml("ja", "PID発行", "en", "PID issuance"),
		Identity: model.DigitalIdentity{{Certificate: cert.Cert.Raw}, {SubjectName: "CN=PID issuer,O=J-LIS,C=JP"},
			{KeyValue: kv}, {SKI: cert.Cert.SubjectKeyId}, {Other: "jp-pid-1", OtherPresent: true}},
		Status: "https://www.digital.go.jp/lote/Status/granted", StatusStartingTime: issued.AddDate(-1, 0, 0),
		SchemeServiceDefinitionURI: ml("en", "https://www.digital.go.jp/lote/pid"),
		SupplyPoints:               []model.SupplyPoint{{URI: "https://pid.example.jp/issue", Type: "https://www.digital.go.jp/lote/SupplyPoint/OID4VCI"}, {URI: "https://pid.example.jp/status", Type: "https://www.digital.go.jp/lote/SupplyPoint/status"}},
		DefinitionURI:              ml("ja", "https://pid.example.jp/policy"),
		Extensions:                 []Extension{{Critical: true, ServiceUniqueIdentifier: "urn:jp:pid:1"}},
		History: []HistoryInstance{{
			Type: "https://www.digital.go.jp/lote/SvcType/PID/Issuance", Name: ml("en", "PID issuance"),
			Identity: model.DigitalIdentity{{Certificate: cert.Cert.Raw}}, Status: "https://www.digital.go.jp/lote/Status/suspended",
			StatusStartingTime: issued.AddDate(-2, 0, 0), Extensions: []Extension{{XML: `<x:note xmlns:x="urn:example">n</x:note>`}},
		}},
	}
	return &List{
		Scheme: Scheme{
			VersionIdentifier: Version, SequenceNumber: 3, Type: "https://www.digital.go.jp/lote/LoTEType/JPPIDProvidersList",
			OperatorName: ml("ja", "デジタル庁", "en", "Digital Agency"), OperatorAddress: address("JP"),
			Name: ml("en", "JP: PID providers"), InformationURI: ml("en", "https://www.digital.go.jp/lote/pid"),
			StatusDeterminationApproach: "https://www.digital.go.jp/lote/StatusDetn/JP",
			CommunityRules:              ml("en", "https://www.digital.go.jp/lote/schemerules/JP"),
			Territory:                   "JP",
			PolicyOrLegalNotice:         &model.PolicyOrLegalNotice{Policies: ml("ja", "https://www.digital.go.jp/lote/policy", "en", "https://www.digital.go.jp/lote/policy/en")},
			HistoricalInformationPeriod: &hip,
			Pointers: []Pointer{{
				Identities: []model.DigitalIdentity{{{Certificate: cert.Cert.Raw}}}, Location: "https://example.europa.eu/pid.json",
				Qualifiers: []Qualifier{{LoTEType: TypeEUPIDProviders, SchemeOperatorName: ml("en", "European Commission"),
					CommunityRules: ml("en", "http://uri.etsi.org/19602/PIDProviders/schemerules/EU"), SchemeTerritory: "EU", MimeType: MimeTypeJSON}},
			}},
			ListIssueDateTime: issued, NextUpdate: &next,
			DistributionPoints: []string{"https://www.digital.go.jp/lote/JP-PID.xml", "https://www.digital.go.jp/lote/JP-PID.json"},
			Extensions:         []Extension{{Critical: false, XML: `<x:remark xmlns:x="urn:example">r</x:remark>`}},
		},
		Entities: []Entity{{
			Name: ml("ja", "地方公共団体情報システム機構", "en", "J-LIS"), TradeName: ml("en", "NTRJP-5010005013021"),
			Address: address("JP"), InformationURI: ml("en", "https://www.j-lis.go.jp/", "en", InformationURIPrefix+"PIDProvider/JP"),
			Extensions: []Extension{{AssociatedBodies: []AssociatedBody{{
				Name: ml("en", "Ministry of Internal Affairs"), TradeName: ml("en", "MIC"),
				Address:        model.Address{Postal: address("JP").Postal[1:], Electronic: ml("en", "https://www.soumu.go.jp/")},
				InformationURI: ml("en", "https://www.soumu.go.jp/"),
			}}}},
			Services: []Service{cur, {Name: ml("en", "PID revocation"), Identity: model.DigitalIdentity{{Certificate: cert.Cert.Raw}}}},
		}},
	}
}

func TestXMLRoundTrip(t *testing.T) {
	l := fullList(t)
	b, err := MarshalXML(l)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := MarshalXML(l)
	if !bytes.Equal(b, again) {
		t.Error("two encodings of one list differ")
	}
	got, findings, err := DecodeXML(b, XMLOptions{File: "lote.xml"})
	if err != nil || len(findings) > 0 {
		t.Fatalf("decode: %v %v", err, findings)
	}
	l.Tag = Tag // written when the model has none
	if !reflect.DeepEqual(got, l) {
		testtool.LogDiff(t, got, l)
		t.Error("DecodeXML(EncodeXML(l)) != l")
	}
}

func TestJSONRoundTrip(t *testing.T) {
	l := fullList(t)
	b, err := EncodeJSON(l)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := EncodeJSON(l); !bytes.Equal(b, again) {
		t.Error("two encodings of one list differ")
	}
	got, findings, err := DecodeJSON(b, "lote.json")
	if err != nil || len(findings) > 0 {
		t.Fatalf("decode: %v %v", err, findings)
	}
	// The JSON binding groups a digital identity's ids by kind, which
	// fullList's order already is.
	if !reflect.DeepEqual(got, l) {
		testtool.LogDiff(t, got, l)
		t.Error("DecodeJSON(EncodeJSON(l)) != l")
	}
}

// TestBindingsAgree: the XML and the JSON binding of one list decode to
// the same model.
func TestBindingsAgree(t *testing.T) {
	l := fullList(t)
	x, _ := MarshalXML(l)
	j, _ := EncodeJSON(l)
	fromX, _, _ := DecodeXML(x, XMLOptions{})
	fromJ, _, _ := DecodeJSON(j, "")
	fromX.Tag = ""
	if !reflect.DeepEqual(fromX, fromJ) {
		testtool.LogDiff(t, fromX, fromJ)
		t.Error("the bindings decode differently")
	}
}

// TestOutsideValidators: the XML binding is valid against the ETSI XSD
// (xmllint), the JSON one against the ETSI JSON schema (ajv) and for
// @owf/eudi-lote.
func TestOutsideValidators(t *testing.T) {
	l := fullList(t)
	dir := t.TempDir()
	x, err := MarshalXML(l)
	if err != nil {
		t.Fatal(err)
	}
	j, err := EncodeJSON(l)
	if err != nil {
		t.Fatal(err)
	}
	xp, jp := filepath.Join(dir, "lote.xml"), filepath.Join(dir, "lote.json")
	os.WriteFile(xp, x, 0o644)
	os.WriteFile(jp, j, 0o644)
	t.Run("xsd", func(t *testing.T) {
		xsd := testtool.Tool(t, "xsd-check", "xmllint")
		schema := testtool.SharedPath(t, "etsi/lote/1960201_xsd_schema.xsd")
		if msg, ok := testtool.Run(t, xsd, "--schema", schema, "--any-root", xp); !ok {
			t.Errorf("the TS 119 602 XSD rejects the XML binding:\n%s", msg)
		}
	})
	t.Run("json-schema", func(t *testing.T) {
		check := testtool.Tool(t, "json-schema-check", "node")
		schema := testtool.SharedPath(t, "etsi/lote/1960201_json_schema.json")
		if msg, ok := testtool.Run(t, check, "--schema", schema, jp); !ok {
			t.Errorf("the TS 119 602 JSON schema rejects the JSON binding:\n%s", msg)
		}
	})
	t.Run("lote-check", func(t *testing.T) {
		check := testtool.Tool(t, "lote-check", "node")
		if msg, ok := testtool.Run(t, check, jp); !ok {
			t.Errorf("@owf/eudi-lote rejects the JSON binding:\n%s", msg)
		}
	})
}

// TestMockList: the Commission's mock PID provider list decodes without a
// finding, and encoding it again gives the same JSON values.
func TestMockList(t *testing.T) {
	data, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	l, findings, err := DecodeJSON(data, "mock.json")
	if err != nil || len(findings) > 0 {
		t.Fatalf("decode: %v\n%v", err, findings)
	}
	services := 0
	for _, e := range l.Entities {
		services += len(e.Services)
	}
	if len(l.Entities) != 15 || services != 17 || l.Scheme.Type != TypeEUPIDProviders || l.Scheme.Territory != "EU" {
		t.Errorf("%d entities, %d services, type %s, territory %s; want 15, 17 (as EU DSS reports), %s, EU",
			len(l.Entities), services, l.Scheme.Type, l.Scheme.Territory, TypeEUPIDProviders)
	}
	out, err := EncodeJSON(l)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	json.Unmarshal(data, &a)
	json.Unmarshal(out, &b)
	if !reflect.DeepEqual(a, b) {
		t.Error("the mock list encodes to other JSON values than it was read from")
	}
	// Its XML binding is valid too.
	x, err := MarshalXML(l)
	if err != nil {
		t.Fatal(err)
	}
	back, findings, err := DecodeXML(x, XMLOptions{})
	if err != nil || len(findings) > 0 {
		t.Fatalf("decode XML: %v %v", err, findings)
	}
	back.Tag = ""
	if !reflect.DeepEqual(back, l) {
		t.Error("the mock list's XML binding decodes to another list")
	}
}

// TestJSONStrict: the JSON decoder names what is wrong and where.
func TestJSONStrict(t *testing.T) {
	good, err := EncodeJSON(fullList(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, from, to, path, msg string
	}{
		{"unknown member", `"LoTESequenceNumber": 3,`, `"LoTESequenceNumber": 3, "Extra": 1,`, "LoTE.ListAndSchemeInformation.Extra", "unknown member"},
		{"missing required", `"ListIssueDateTime"`, `"ListIssueDate"`, "LoTE.ListAndSchemeInformation.ListIssueDateTime", "missing required"},
		{"wrong type", `"LoTESequenceNumber": 3`, `"LoTESequenceNumber": "3"`, "LoTE.ListAndSchemeInformation.LoTESequenceNumber", "cannot unmarshal"},
		{"bad URI", `"https://www.digital.go.jp/lote/StatusDetn/JP"`, `"not a uri"`, "LoTE.ListAndSchemeInformation.StatusDeterminationApproach", "not an absolute URI"},
		{"bad date", `"2026-04-01T00:00:00Z"`, `"2026-04-01"`, "LoTE.ListAndSchemeInformation.ListIssueDateTime", "RFC 3339"},
		{"repeated member", `"LoTESequenceNumber": 3,`, `"LoTESequenceNumber": 3, "LoTESequenceNumber": 4,`, "LoTE.ListAndSchemeInformation.LoTESequenceNumber", "appears twice"},
		{"deep", `"TEName": [`, `"TENames": [`, "LoTE.TrustedEntitiesList[0].TrustedEntityInformation.TEName", "missing required"},
		{"empty array", `"DistributionPoints": [`, `"DistributionPoints": [], "X": [`, "LoTE.ListAndSchemeInformation.DistributionPoints", "at least one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(string(good), tc.from, tc.to, 1)
			if bad == string(good) {
				t.Fatalf("%q not in the document", tc.from)
			}
			_, findings, err := DecodeJSON([]byte(bad), "bad.json")
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if f.Path == tc.path && strings.Contains(f.Message, tc.msg) {
					return
				}
			}
			t.Errorf("no finding at %s saying %q; got %v", tc.path, tc.msg, findings)
		})
	}
	if _, _, err := DecodeJSON([]byte(`{"LoTE": `), "cut.json"); err == nil {
		t.Error("cut JSON decodes")
	}
}

// TestXMLStrict: the XML decoder reports, with the element's path, what the
// XSD refuses.
func TestXMLStrict(t *testing.T) {
	good, err := MarshalXML(fullList(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, from, to, path, msg string
	}{
		{"unknown element", `<lote:SchemeTerritory>`, `<lote:Foo/><lote:SchemeTerritory>`, "/ListOfTrustedEntities/ListAndSchemeInformation/Foo", "unexpected element"},
		{"missing element", `<lote:LoTESequenceNumber>3</lote:LoTESequenceNumber>`, ``, "/ListOfTrustedEntities/ListAndSchemeInformation/LoTESequenceNumber", "missing mandatory"},
		{"bad integer", `<lote:LoTESequenceNumber>3<`, `<lote:LoTESequenceNumber>x<`, "/ListOfTrustedEntities/ListAndSchemeInformation/LoTESequenceNumber", "not an integer"},
		{"history without status", `<lote:ServiceStatus>https://www.digital.go.jp/lote/Status/suspended</lote:ServiceStatus>`, ``,
			"/ListOfTrustedEntities/TrustedEntitiesList/TrustedEntity[1]/TrustedEntityServices/TrustedEntityService[1]/ServiceHistory/ServiceHistoryInstance[1]/ServiceStatus", "missing mandatory"},
		{"wrong root", `lote:ListOfTrustedEntities `, `lote:TrustServiceStatusList `, "/", "root element"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(string(good), tc.from, tc.to, 1)
			if tc.name == "wrong root" {
				bad = strings.Replace(bad, "</lote:ListOfTrustedEntities>", "</lote:TrustServiceStatusList>", 1)
			}
			if bad == string(good) {
				t.Fatalf("%q not in the document", tc.from)
			}
			_, findings, err := DecodeXML([]byte(bad), XMLOptions{File: "bad.xml"})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if f.Path == tc.path && strings.Contains(f.Message, tc.msg) && f.Pos.Line > 0 {
					return
				}
			}
			t.Errorf("no finding at %s saying %q with a line; got %v", tc.path, tc.msg, findings)
		})
	}
	if _, _, err := DecodeXML([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><x/>`), XMLOptions{File: "dtd.xml"}); err == nil {
		t.Error("a DTD is read")
	}
}
