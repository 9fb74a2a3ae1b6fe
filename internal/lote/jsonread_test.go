package lote

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

// plain is v with each object as encoding/json decodes one (a map).
func plain(v any) any {
	switch v := v.(type) {
	case members:
		m := make(map[string]any, len(v))
		for _, x := range v {
			m[x.k] = plain(x.v)
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

// checkReadJSON compares readJSON with encoding/json (UseNumber) on data:
// the same verdict and, for valid text, the same values; and a member
// named twice is refused, where encoding/json keeps the last.
func checkReadJSON(t *testing.T, data []byte) {
	t.Helper()
	got, err := readJSON(data)
	var want any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	ok := json.Valid(data) && dec.Decode(&want) == nil
	switch {
	case err != nil && ok && errors.As(err, new(errRepeated)):
		// encoding/json keeps the last; readJSON refuses.
		if !repeated(data) {
			t.Fatalf("%.200q: no member is repeated: %v", data, err)
		}
	case (err == nil) != ok:
		t.Fatalf("%.200q: readJSON error %v, encoding/json valid %v", data, err, ok)
	case ok && !reflect.DeepEqual(plain(got), want):
		t.Fatalf("%.200q: readJSON %#v, encoding/json %#v", data, plain(got), want)
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

func TestReadJSONMatchesEncodingJSON(t *testing.T) {
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
		`{"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"10":10,"11":11,"12":12,"13":13,"14":14,"15":15,"16":16,"17":17,"1":0}`,
		`{"1":1,"2":2,"3":3,"4":4,"5":5,"6":6,"7":7,"8":8,"9":9,"10":10,"11":11,"12":12,"13":13,"14":14,"15":15,"16":16,"17":17,"18":0}`,
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001), strings.Repeat("[", 9999) + strings.Repeat("]", 9999),
	}
	for _, in := range inputs {
		checkReadJSON(t, []byte(in))
	}
	for _, dup := range []string{`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `[{"x":{"b":1,"b":1}}]`} {
		if _, err := readJSON([]byte(dup)); err == nil || !strings.Contains(err.Error(), "appears twice") {
			t.Errorf("%s: %v", dup, err)
		}
	}
	data, err := os.ReadFile(testtool.SharedPath(t, "etsi/lote/sample-Mock_PID_Provider_List_v0.0.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkReadJSON(t, data)
}

// FuzzReadJSON holds readJSON to encoding/json on any text.
func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,"x",{"b":null}]}`, `{"a":1,"a":2}`, `"\u00e9"`, `-1.5e3`, `[true,false]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkReadJSON(t, data) })
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
		v, err := readJSON([]byte(strings.ReplaceAll(string(good), bad.from, bad.to)))
		if err != nil {
			t.Fatal(err)
		}
		l, quiet := walkJSON(v, "f", false)
		v, _ = readJSON([]byte(strings.ReplaceAll(string(good), bad.from, bad.to)))
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
