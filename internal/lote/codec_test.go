package lote

import (
	"bytes"
	"crypto/x509/pkix"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/jsonvalue"
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

// bindings are the two codecs, decoding to a list with no finding.
var bindings = []struct {
	name   string
	encode func(*List) ([]byte, error)
	decode func([]byte) (*List, error)
}{
	{"xml", MarshalXML, func(b []byte) (*List, error) { return noFindings(DecodeXML(b, XMLOptions{File: "lote.xml"})) }},
	{"json", EncodeJSON, func(b []byte) (*List, error) { return noFindings(DecodeJSON(b, "lote.json")) }},
}

func noFindings(l *List, findings diag.List, err error) (*List, error) {
	if err == nil && len(findings) > 0 {
		err = findings
	}
	return l, err
}

// TestRoundTrip: each binding encodes a list to the same bytes every
// time, and decodes them to the same list (the XML binding writes the
// LOTETag when the model has none).
func TestRoundTrip(t *testing.T) {
	for _, b := range bindings {
		l := fullList(t)
		data, err := b.encode(l)
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := b.encode(l); !bytes.Equal(data, again) {
			t.Errorf("%s: two encodings of one list differ", b.name)
		}
		got, err := b.decode(data)
		if err != nil {
			t.Fatalf("%s: %v", b.name, err)
		}
		got.Tag = ""
		if !reflect.DeepEqual(got, l) {
			testtool.LogDiff(t, got, l)
			t.Errorf("%s: Decode(Encode(l)) != l", b.name)
		}
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

// TestStrict: each decoder names what is wrong and where (the XML one
// with the line).
func TestStrict(t *testing.T) {
	good := map[string]string{}
	for _, b := range bindings {
		data, err := b.encode(fullList(t))
		if err != nil {
			t.Fatal(err)
		}
		good[b.name] = string(data)
	}
	for _, tc := range []struct {
		binding, name, from, to, path, msg string
	}{
		{"json", "unknown member", `"LoTESequenceNumber": 3,`, `"LoTESequenceNumber": 3, "Extra": 1,`, "LoTE.ListAndSchemeInformation.Extra", "unknown member"},
		{"json", "missing required", `"ListIssueDateTime"`, `"ListIssueDate"`, "LoTE.ListAndSchemeInformation.ListIssueDateTime", "missing required"},
		{"json", "wrong type", `"LoTESequenceNumber": 3`, `"LoTESequenceNumber": "3"`, "LoTE.ListAndSchemeInformation.LoTESequenceNumber", "expected an integer"},
		{"json", "bad URI", `"https://www.digital.go.jp/lote/StatusDetn/JP"`, `"not a uri"`, "LoTE.ListAndSchemeInformation.StatusDeterminationApproach", "not an absolute URI"},
		{"json", "bad date", `"2026-04-01T00:00:00Z"`, `"2026-04-01"`, "LoTE.ListAndSchemeInformation.ListIssueDateTime", "RFC 3339"},
		{"json", "deep", `"TEName": [`, `"TENames": [`, "LoTE.TrustedEntitiesList[0].TrustedEntityInformation.TEName", "missing required"},
		{"json", "empty array", `"DistributionPoints": [`, `"DistributionPoints": [], "X": [`, "LoTE.ListAndSchemeInformation.DistributionPoints", "at least one"},
		{"xml", "unknown element", `<lote:SchemeTerritory>`, `<lote:Foo/><lote:SchemeTerritory>`, "/ListOfTrustedEntities/ListAndSchemeInformation/Foo", "unexpected element"},
		{"xml", "missing element", `<lote:LoTESequenceNumber>3</lote:LoTESequenceNumber>`, ``, "/ListOfTrustedEntities/ListAndSchemeInformation/LoTESequenceNumber", "missing mandatory"},
		{"xml", "bad integer", `<lote:LoTESequenceNumber>3<`, `<lote:LoTESequenceNumber>x<`, "/ListOfTrustedEntities/ListAndSchemeInformation/LoTESequenceNumber", "not an integer"},
		{"xml", "history without status", `<lote:ServiceStatus>https://www.digital.go.jp/lote/Status/suspended</lote:ServiceStatus>`, ``,
			"/ListOfTrustedEntities/TrustedEntitiesList/TrustedEntity[1]/TrustedEntityServices/TrustedEntityService[1]/ServiceHistory/ServiceHistoryInstance[1]/ServiceStatus", "missing mandatory"},
		{"xml", "wrong root", `lote:ListOfTrustedEntities`, `lote:TrustServiceStatusList`, "/", "root element"},
	} {
		t.Run(tc.binding+" "+tc.name, func(t *testing.T) {
			bad := strings.ReplaceAll(good[tc.binding], tc.from, tc.to)
			if bad == good[tc.binding] {
				t.Fatalf("%q not in the document", tc.from)
			}
			var findings diag.List
			var err error
			if tc.binding == "xml" {
				_, findings, err = DecodeXML([]byte(bad), XMLOptions{File: "bad.xml"})
			} else {
				_, findings, err = DecodeJSON([]byte(bad), "bad.json")
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if f.Path == tc.path && strings.Contains(f.Message, tc.msg) && (tc.binding == "json" || f.Pos.Line > 0) {
					return
				}
			}
			t.Errorf("no finding at %s saying %q; got %v", tc.path, tc.msg, findings)
		})
	}
	if _, _, err := DecodeJSON([]byte(`{"LoTE": `), "cut.json"); err == nil {
		t.Error("cut JSON decodes")
	}
	// A member named twice, anywhere, however spelled: readers would
	// disagree on what a signed list says.
	for _, tc := range []struct{ from, to string }{
		{`"LoTESequenceNumber": 3,`, `"LoTESequenceNumber": 3, "LoTESequenceNumber": 4,`},
		{`"TEName": [`, `"TEName": [], "TE\u004eame": [`},
		{`"lang": "ja",`, `"lang": "ja", "lang": "en",`},
	} {
		bad := strings.Replace(good["json"], tc.from, tc.to, 1)
		if _, _, err := DecodeJSON([]byte(bad), "dup.json"); err == nil || !strings.Contains(err.Error(), "appears twice") {
			t.Errorf("%s: %v", tc.to, err)
		}
	}
	if _, err := jsonvalue.ParseOrdered([]byte(`{"a": ["a", {"a": 1}], "b": "a\"a", "c": {"a": 2}}`)); err != nil {
		t.Errorf("no member is repeated: %v", err)
	}
	if _, _, err := DecodeXML([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><x/>`), XMLOptions{File: "dtd.xml"}); err == nil {
		t.Error("a DTD is read")
	}
}

// TestWalkWithoutPaths: the walk that names no path finds what the walk
// that names them finds, and decodes the same list, so that DecodeJSON
// walks twice only when there is something to say.
func TestWalkWithoutPaths(t *testing.T) {
	good, err := EncodeJSON(fullList(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ from, to string }{
		{"", ""}, {`"LoTESequenceNumber": 3`, `"LoTESequenceNumber": "3", "X": 1`},
		{`"TEName": [`, `"TENames": [`}, {`"ServiceName"`, `"ServiceNam"`}, {`"uriValue"`, `"uri"`},
		{`"2026-04-01T00:00:00Z"`, `"2026-04-01"`}, {`"lang": "ja"`, `"lang": 1`},
	} {
		v, err := jsonvalue.ParseOrdered([]byte(strings.ReplaceAll(string(good), bad.from, bad.to)))
		if err != nil {
			t.Fatal(err)
		}
		l, quiet := walkJSON(v, "f", false)
		v, _ = jsonvalue.ParseOrdered([]byte(strings.ReplaceAll(string(good), bad.from, bad.to)))
		want, named := walkJSON(v, "f", true)
		if len(quiet) != len(named) || !reflect.DeepEqual(l, want) {
			t.Errorf("%s: %d findings without paths, %d with (%v); same list: %v", bad.to, len(quiet), len(named), named, reflect.DeepEqual(l, want))
		}
		for i := range min(len(quiet), len(named)) {
			if quiet[i].Message != named[i].Message {
				t.Errorf("%s: %q without paths, %q with", bad.to, quiet[i].Message, named[i].Message)
			}
		}
		if bad.from != "" && len(named) == 0 {
			t.Errorf("%s: no finding", bad.to)
		}
	}
}

// TestEncodeJSONIndented: EncodeJSON, which indents as it writes, writes
// what json.Indent makes of the same text.
func TestEncodeJSONIndented(t *testing.T) {
	data, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	mock, _, err := DecodeJSON(data, "mock")
	if err != nil {
		t.Fatal(err)
	}
	for name, l := range map[string]*List{"full": fullList(t), "mock": mock} {
		got, err := EncodeJSON(l)
		if err != nil {
			t.Fatal(err)
		}
		var compact, want bytes.Buffer
		if err := json.Compact(&compact, got); err != nil {
			t.Fatal(err)
		}
		json.Indent(&want, compact.Bytes(), "", "  ")
		want.WriteByte('\n')
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s: EncodeJSON is not indented as json.Indent indents it:\n%s", name, got)
		}
	}
}
