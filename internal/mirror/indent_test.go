package mirror

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/synth"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

// reference encodes l the plain way, one json.Encoder with SetIndent over
// the whole document: what Encode's piecewise encoding and indent must
// reproduce byte for byte.
func reference(t *testing.T, l *model.List) []byte {
	t.Helper()
	js, err := Encode(l) // for the scheme information only
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		LoTE struct {
			ListAndSchemeInformation json.RawMessage `json:"ListAndSchemeInformation"`
		} `json:"LoTE"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	full := document{}
	if err := json.Unmarshal(doc.LoTE.ListAndSchemeInformation, &full.LoTE.ListAndSchemeInformation); err != nil {
		t.Fatal(err)
	}
	for i := range l.Providers {
		full.LoTE.TrustedEntitiesList = append(full.LoTE.TrustedEntitiesList, encodeEntity(&l.Providers[i]))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(full); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEncodeMatchesIndent checks Encode (its writer and indent) against
// the plain encoding on the sample, a list without TSPs, a synthetic list
// and every corpus list.
func TestEncodeMatchesIndent(t *testing.T) {
	lists := map[string]*model.List{"sample": sample(t), "synthetic": synth.Load(t, 1000).List}
	empty := *sample(t)
	empty.Providers = nil
	lists["no TSPs"] = &empty
	for _, f := range testtool.Corpus(t) {
		l, _ := tsltest.Read(t, f)
		lists[filepath.Base(f)] = l
	}
	for name, l := range lists {
		got, err := Encode(l)
		if err != nil {
			t.Fatal(err)
		}
		if want := reference(t, l); !bytes.Equal(got, want) {
			t.Errorf("%s: Encode differs from json.Encoder with SetIndent", name)
		}
	}
}

// TestIndentStrings checks the indenter on strings that hold JSON's
// punctuation and escaped quotes.
func TestIndentStrings(t *testing.T) {
	for _, src := range []string{
		`{"a":"x,y:{}[]","b":["\"","\\","\\\"",{}],"c":{},"d":[]}`,
		`[{"k":"\\\\"},[],[[]],{"":""}]`,
	} {
		var want bytes.Buffer
		if err := json.Indent(&want, []byte(src), "", "  "); err != nil {
			t.Fatal(err)
		}
		mid := len(src) / 2
		for mid < len(src) && src[mid] != ',' {
			mid++ // pieces never split a string: cut at a comma
		}
		if got := indent([][]byte{[]byte(src[:mid]), []byte(src[mid:])}); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("indent(%s) =\n%s\nwant\n%s", src, got, want.Bytes())
		}
	}
}
