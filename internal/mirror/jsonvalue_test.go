package mirror

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// refValue is what parseValue must agree with: encoding/json's verdict on
// the text and, if valid, its value with UseNumber.
func refValue(data []byte) (any, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}

// checkValue compares parseValue and skip with encoding/json on data.
func checkValue(t *testing.T, data []byte) {
	t.Helper()
	got, err := parseValue(data)
	want, ok := refValue(data)
	if (err == nil) != ok {
		t.Fatalf("%.200q: parseValue error %v, encoding/json valid %v", data, err, ok)
	}
	if ok && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.200q: parseValue %#v, encoding/json %#v", data, got, want)
	}
	if ok {
		// Every valid value can be cut out with skip.
		p := valueParser{data: data}
		if !p.skip() {
			t.Fatalf("%.200q: skip refuses a valid value", data)
		}
		if p.space(); p.i != len(data) {
			t.Fatalf("%.200q: skip stops at %d of %d", data, p.i, len(data))
		}
	}
}

func TestValueParserMatchesEncodingJSON(t *testing.T) {
	inputs := []string{
		``, ` `, `null`, `true`, `false`, `nul`, `truee`, `True`,
		`0`, `-0`, `01`, `-`, `1.`, `.5`, `1.5e`, `1e+`, `1E-7`, `-12.5e+30`, `1 2`, `+1`,
		`123456789012345678901234567890`, `0x10`, `Infinity`, `NaN`,
		`""`, `"a"`, `"\u00e9\n\t\""`, `"\ud800"`, `"\x"`, `"a`, "\"\x01\"", "\"\x7f\"",
		"\"\xff\xfe\"", "\"caf\xc3\xa9\"", `"\/"`, `"\u12"`, "\"日本\"",
		`[]`, `[ ]`, `[1,]`, `[,1]`, `[1 2]`, `[1,[2,[3]]]`, `[`, `]`, `[}`,
		`{}`, `{ }`, `{"a":1}`, `{"a":1,}`, `{"a"}`, `{"a":}`, `{a:1}`, `{"a":1 "b":2}`,
		`{"a":1,"a":2}`, `{"a":{"b":[null,true,{"c":"d"}]}}`, `{"":""}`, `{"a":1}}`, `{"a":1]`,
		" \t\n\r{\"a\" : [ 1 , 2 ] } \n", "{\"a\":1}\x00", `{"a":"\u0000"}`,
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000),
		strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001),
	}
	for _, in := range inputs {
		checkValue(t, []byte(in))
	}
	// And real mirrors: the sample's and a few corpus lists'.
	lists := []string{"sample"}
	lists = append(lists, testtool.Corpus(t)[:5]...)
	for _, f := range lists {
		l := sample(t)
		if f != "sample" {
			l, _ = tsltest.Read(t, f)
		}
		js, err := Encode(l)
		if err != nil {
			t.Fatal(err)
		}
		checkValue(t, js)
	}
}

// TestValidateInPartsText is TestValidateInParts for mirrors broken in
// their text rather than in their values: not JSON, or JSON that split
// must hand to the whole schema.
func TestValidateInPartsText(t *testing.T) {
	js, err := Encode(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	s := string(js)
	entity := strings.Index(s, `"TrustedEntityInformation"`)
	if entity < 0 {
		t.Fatal("no trusted entity in the sample mirror")
	}
	last := strings.LastIndex(s, `"TrustedEntityInformation"`)
	cases := map[string]string{
		"valid":               s,
		"truncated":           s[:len(s)/2],
		"trailing garbage":    s + "x",
		"trailing value":      s + "{}",
		"entity not JSON":     s[:last] + `"a": nul, ` + s[last:],
		"entity trailing ,":   s[:last] + `"a": 1,, ` + s[last:],
		"unbalanced entity":   s[:last] + `"a": [}, ` + s[last:],
		"repeated LoTE":       strings.TrimSuffix(strings.TrimSpace(s), "}") + `, "LoTE": {}}`,
		"repeated list":       strings.Replace(s, `"ListAndSchemeInformation"`, `"TrustedEntitiesList": [], "ListAndSchemeInformation"`, 1),
		"repeated entity key": s[:entity] + `"TrustedEntityInformation": 1, ` + s[entity:],
		"escaped key":         strings.Replace(s, `"LoTE"`, `"Lo\u0054E"`, 1),
		"members reordered":   reordered(t, js),
		"scheme not JSON":     strings.Replace(s, `"ListAndSchemeInformation": {`, `"ListAndSchemeInformation": {"a":-,`, 1),
	}
	for name, doc := range cases {
		got, want := Validate([]byte(doc)), validateWhole([]byte(doc))
		if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Errorf("%s: in parts %v\nwhole %v", name, got, want)
		}
		// A repeated key is JSON (the last one counts), as is an escape.
		valid := map[string]bool{"valid": true, "repeated list": true, "repeated entity key": true, "escaped key": true, "members reordered": true}
		if !valid[name] && want == nil {
			t.Errorf("%s: the breakage is not one the whole check sees", name)
		}
		if valid[name] && want != nil {
			t.Errorf("%s: %v", name, want)
		}
	}
}

// reordered returns the mirror js with the trusted entities before the
// scheme information.
func reordered(t *testing.T, js []byte) string {
	t.Helper()
	var doc struct {
		LoTE struct {
			ListAndSchemeInformation json.RawMessage
			TrustedEntitiesList      json.RawMessage
		}
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	return `{"LoTE": {"TrustedEntitiesList": ` + string(doc.LoTE.TrustedEntitiesList) +
		`, "ListAndSchemeInformation": ` + string(doc.LoTE.ListAndSchemeInformation) + `}}`
}

// TestSplit checks that Validate's split takes the parts of a mirror as
// Encode writes it, or with its members in another order, and hands every
// trusted entity over; anything else is left to the whole schema.
func TestSplit(t *testing.T) {
	l := sample(t)
	js, err := Encode(l)
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{"as encoded": string(js), "reordered": reordered(t, js)} {
		n := 0
		scheme, ok := split([]byte(doc), func([]byte) { n++ })
		if !ok || scheme == nil || n != len(l.Providers) {
			t.Errorf("%s: split %v, %d entities of %d", name, ok, n, len(l.Providers))
		}
	}
	for _, doc := range []string{`{}`, `{"LoTE": {}}`, `{"LoTE": {"TrustedEntitiesList": []}}`, `{"LoTE": {"X": 1}}`,
		`{"LoTE": {"ListAndSchemeInformation": {}, "TrustedEntitiesList": [], "TrustedEntitiesList": []}}`} {
		if _, ok := split([]byte(doc), func([]byte) {}); ok {
			t.Errorf("%s: split", doc)
		}
	}
}

// FuzzValueParser holds parseValue and skip to encoding/json on any text.
func FuzzValueParser(f *testing.F) {
	for _, s := range []string{`{"a":[1,-2.5e3,"x\u00e9",true,null,{}]}`, `"\ud83d\ude00"`, "[\"\xff\"]", `{"a":1,"a":{}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkValue(t, data)
	})
}
