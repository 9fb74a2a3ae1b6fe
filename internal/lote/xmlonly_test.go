package lote

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
)

// TestXMLOnly: what only the XML binding can hold (a closed list, a
// pointer's textual and other information, an empty service history, a
// verbatim extension) round-trips in XML, and the JSON binding refuses it
// rather than lose it.
func TestXMLOnly(t *testing.T) {
	for name, edit := range map[string]func(*List){
		"closed list": func(l *List) { l.Scheme.NextUpdate = nil },
		"textual information": func(l *List) {
			l.Scheme.Pointers[0].TextualInformation = model.MultiLang{{Lang: "en", Value: "the EU's list"}}
		},
		"other information": func(l *List) {
			l.Scheme.Pointers[0].OtherInformation = []string{`<x:other xmlns:x="urn:example">o</x:other>`}
		},
		"empty history":           func(l *List) { l.Entities[0].Services[1].HistoryPresent = true },
		"JSON extension into XML": nil,
	} {
		t.Run(name, func(t *testing.T) {
			l := fullList(t)
			if edit == nil {
				l.Scheme.Extensions = []Extension{{JSON: []byte(`{"a":1}`)}}
				if _, err := MarshalXML(l); err == nil || !strings.Contains(err.Error(), "no XML form") {
					t.Errorf("a JSON-only extension is written in XML: %v", err)
				}
				return
			}
			edit(l)
			x, err := MarshalXML(l)
			if err != nil {
				t.Fatal(err)
			}
			got, findings, err := DecodeXML(x, XMLOptions{})
			if err != nil || len(findings) > 0 {
				t.Fatal(err, findings)
			}
			got.Tag = ""
			if !reflect.DeepEqual(got, l) {
				t.Error("XML round trip")
			}
			if _, err := EncodeJSON(l); err == nil || !strings.Contains(err.Error(), "no JSON form") {
				t.Errorf("the JSON binding drops it: %v", err)
			}
		})
	}
}

// FuzzDecode: no input makes either decoder panic, and what decodes
// without a finding encodes again.
func FuzzDecode(f *testing.F) {
	l := fullList(f)
	for _, b := range bindings {
		data, err := b.encode(l)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"LoTE":{"ListAndSchemeInformation":{"a":[{"b":{}}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, b := range bindings {
			if l, err := b.decode(data); err == nil {
				if _, err := b.encode(l); err != nil && !strings.Contains(err.Error(), "form") {
					t.Errorf("%s: a list that decodes does not encode: %v", b.name, err)
				}
			}
		}
	})
}
