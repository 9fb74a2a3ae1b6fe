package lote

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

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
