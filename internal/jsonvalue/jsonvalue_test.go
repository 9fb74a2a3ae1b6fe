package jsonvalue

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// refValue is what the reader must agree with: encoding/json's verdict on
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

// plain is v with each object as encoding/json decodes one (a map).
func plain(v any) any {
	switch v := v.(type) {
	case Members:
		m := make(map[string]any, len(v))
		for _, x := range v {
			m[x.Key] = plain(x.Value)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i := range v {
			out[i] = plain(v[i])
		}
		return out
	}
	return v
}

// check compares Parse, ParseOrdered and Skip with encoding/json on data:
// the same verdict and, for valid text, the same values; ParseOrdered
// refuses a member named twice, where encoding/json keeps the last.
func check(t *testing.T, data []byte) {
	t.Helper()
	want, ok := refValue(data)
	got, err := Parse(data)
	if (err == nil) != ok {
		t.Fatalf("%.200q: Parse error %v, encoding/json valid %v", data, err, ok)
	}
	if ok && !reflect.DeepEqual(got, want) {
		t.Fatalf("%.200q: Parse %#v, encoding/json %#v", data, got, want)
	}
	got, err = ParseOrdered(data)
	switch {
	case err != nil && ok && errors.As(err, new(ErrRepeated)):
		if !repeated(data) {
			t.Fatalf("%.200q: no member is repeated: %v", data, err)
		}
	case (err == nil) != ok:
		t.Fatalf("%.200q: ParseOrdered error %v, encoding/json valid %v", data, err, ok)
	case ok && !reflect.DeepEqual(plain(got), want):
		t.Fatalf("%.200q: ParseOrdered %#v, encoding/json %#v", data, plain(got), want)
	}
	if ok {
		// Every valid value can be cut out with Skip.
		p := NewParser(data)
		if !p.Skip() {
			t.Fatalf("%.200q: Skip refuses a valid value", data)
		}
		if p.Next(); p.Pos() != len(data) {
			t.Fatalf("%.200q: Skip stops at %d of %d", data, p.Pos(), len(data))
		}
	}
}

// repeated reports whether an object of data, valid JSON, names a member
// twice (encoding/json's tokens, a set of names per open object).
func repeated(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	var open []map[string]bool // nil for an array
	key := func() bool { return len(open) > 0 && open[len(open)-1] != nil }
	wantKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'):
			open = append(open, map[string]bool{})
			wantKey = true
			continue
		case json.Delim('['):
			open = append(open, nil)
		case json.Delim('}'), json.Delim(']'):
			open = open[:len(open)-1]
		default:
			if k, ok := tok.(string); ok && wantKey && key() {
				if open[len(open)-1][k] {
					return true
				}
				open[len(open)-1][k] = true
				wantKey = false
				continue
			}
		}
		wantKey = key()
	}
}

func TestMatchesEncodingJSON(t *testing.T) {
	inputs := []string{
		``, ` `, `null`, `true`, `false`, `nul`, `truee`, `True`, `nullx`,
		`0`, `-0`, `01`, `-`, `1.`, `.5`, `1.5e`, `1e+`, `1E-7`, `-12.5e+30`, `1 2`, `+1`, `-a`,
		`123456789012345678901234567890`, `0x10`, `Infinity`, `NaN`,
		`""`, `"a"`, `"\u00e9\n\t\""`, `"\ud800"`, `"\x"`, `"a`, "\"\x01\"", "\"\x7f\"",
		"\"\xff\xfe\"", "\"caf\xc3\xa9\"", `"\/"`, `"\u12"`, "\"日本\"", `"a\`,
		`[]`, `[ ]`, `[1,]`, `[,1]`, `[1 2]`, `[1,[2,[3]]]`, `[`, `]`, `[}`,
		`{}`, `{ }`, `{"a":1}`, `{"a":1,}`, `{"a"}`, `{"a":}`, `{a:1}`, `{"a":1 "b":2}`, `{"a" 1}`,
		`{"a":{"b":[true,false,null,"x",-1.5e3]}}`, `{"a":1}x`, `{"a":1} `, "\n{\"a\":1}\r\n",
		`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"a":{"b":1},"c":{"b":2}}`,
		`{"a":{"b":[null,true,{"c":"d"}]}}`, `{"":""}`, `{"a":1}}`, `{"a":1]`,
		" \t\n\r{\"a\" : [ 1 , 2 ] } \n", "{\"a\":1}\x00", `{"a":"\u0000"}`,
		`{"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"10":10,"11":11,"12":12,"13":13,"14":14,"15":15,"16":16,"17":17,"1":0}`,
		`{"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"10":10,"11":11,"12":12,"13":13,"14":14,"15":15,"16":16,"17":17,"18":0}`,
		strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000),
		strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001),
	}
	for _, in := range inputs {
		check(t, []byte(in))
	}
	for _, dup := range []string{`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `[{"x":{"b":1,"b":1}}]`} {
		if _, err := ParseOrdered([]byte(dup)); err == nil || !strings.Contains(err.Error(), "appears twice") {
			t.Errorf("%s: %v", dup, err)
		}
	}
	// And a real list of trusted entities (the mirror's tests add mirrors).
	data, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	check(t, data)
}

// FuzzJSONValue holds Parse, ParseOrdered and Skip to encoding/json on any
// text.
func FuzzJSONValue(f *testing.F) {
	for _, s := range []string{`{"a":[1,-2.5e3,"x\u00e9",true,null,{}]}`, `"\ud83d\ude00"`, "[\"\xff\"]", `{"a":1,"a":{}}`,
		`{"a":[1,"x",{"b":null}]}`, `"\u00e9"`, `-1.5e3`, `[true,false]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { check(t, data) })
}
