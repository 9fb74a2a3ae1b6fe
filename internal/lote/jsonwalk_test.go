package lote

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/jsonvalue"
	"github.com/jtsl/jtsl/internal/testtool"
)

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
