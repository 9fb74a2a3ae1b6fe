package source

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestQuickSchemaCompiles: every schema quickValid is for compiles (a
// keyword it does not know would silently send every file through
// gojsonschema again: teach it the keyword, exactly as gojsonschema
// reads it).
func TestQuickSchemaCompiles(t *testing.T) {
	for _, n := range quickSchemas {
		if _, err := compileQuick(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

// TestQuickSchemaAgrees: quickValid calls valid exactly the documents
// gojsonschema calls valid, for the sample's entity files and each of
// their mutations (a value removed, replaced by one of many shapes, a
// member or item added): an invalid file is never let through, and a
// valid one is not sent to gojsonschema for nothing.
func TestQuickSchemaAgrees(t *testing.T) {
	const name = "lote-entity.schema.json"
	full, err := compiled(name)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(testtool.Root(), "sources", LoTEDir, "*", "entities", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no sample entity files")
	}
	valid, invalid := 0, 0
	for _, p := range files {
		v := yamlValue(t, p)
		if !quickValid(name, v) {
			t.Errorf("%s: the sample is not valid", p)
		}
		for _, m := range mutations(v) {
			res, err := full.Validate(gojsonschema.NewRawLoader(m))
			if err != nil {
				t.Fatal(err)
			}
			if got := quickValid(name, m); got != res.Valid() {
				js, _ := json.Marshal(m)
				t.Errorf("%s: quickValid %v, gojsonschema %v (%v) for %s", filepath.Base(p), got, res.Valid(), res.Errors(), js)
			}
			if res.Valid() {
				valid++
			} else {
				invalid++
			}
		}
	}
	if valid < 50 || invalid < 500 {
		t.Errorf("only %d valid and %d invalid mutations: the test no longer tells them apart", valid, invalid)
	}
	t.Logf("%d valid and %d invalid mutations agree", valid, invalid)
}

// FuzzQuickSchema: for any YAML, quickValid and gojsonschema agree on the
// entity schema.
func FuzzQuickSchema(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(testtool.Root(), "sources", LoTEDir, "*", "entities", "*.yaml"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	full, err := compiled("lote-entity.schema.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
			return
		}
		budget := 10000
		v, err := toJSON(doc.Content[0], &budget)
		if err != nil {
			return
		}
		res, err := full.Validate(gojsonschema.NewRawLoader(v))
		if err != nil {
			return
		}
		if got := quickValid("lote-entity.schema.json", v); got != res.Valid() {
			t.Errorf("quickValid %v, gojsonschema %v (%v)", got, res.Valid(), res.Errors())
		}
	})
}

// yamlValue is the file's values as validate gives them to the schema.
func yamlValue(t *testing.T, p string) any {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	budget := maxExpanded
	v, err := toJSON(doc.Content[0], &budget)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// shapes are the values a mutation puts in place of another: each form
// the schemas accept somewhere, and wrong ones.
var shapes = []any{
	"", "x", "https://example.jp/x", "lote/certs/x.pem", "2026-01-01T00:00:00Z", "a b",
	json.Number("1"), json.Number("1.0"), json.Number("1.5"), true, false, nil,
	map[string]any{}, []any{},
	map[string]any{"en": "x"}, map[string]any{"en": ""}, map[string]any{"ja": "x"}, map[string]any{"en": "x", "e n": "y"},
	[]any{map[string]any{"en": "x"}}, []any{map[string]any{"en": "x", "ja": "y"}}, []any{"x"},
	map[string]any{"certificate": "lote/certs/x.pem"},
	map[string]any{"certificate": "lote/certs/x.pem", "sample": true},
	map[string]any{"certificate": "lote/certs/x.pem", "sample": false},
	map[string]any{"certificate": "lote/certs/x.pem", "source": "s"},
	map[string]any{"certificate": "lote/certs/x.pem", "sample": true, "source": "s"},
	map[string]any{"certificate": "/x.pem"},
	[]any{map[string]any{"subject_name": "CN=x"}},
	map[string]any{"en": map[string]any{"street": "s", "locality": "l", "country": "JP"}},
	[]any{map[string]any{"lang": "en", "street": "s", "locality": "l", "country": "JP"}},
	[]any{map[string]any{"street": "s", "locality": "l", "country": "JP"}},
	map[string]any{"status": "https://example.jp/s", "from": "2026-01-01T00:00:00Z"},
}

// mutations returns the variants of v with one change each.
func mutations(v any) []any {
	out := append([]any{}, shapes...)
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			c := maps.Clone(v)
			delete(c, k)
			out = append(out, c)
			for _, m := range mutations(x) {
				c := maps.Clone(v)
				c[k] = m
				out = append(out, c)
			}
		}
		for _, k := range []string{"zz", "ja", "EN", "sample", "type"} {
			if _, ok := v[k]; !ok {
				c := maps.Clone(v)
				c[k] = "x"
				out = append(out, c)
			}
		}
	case []any:
		for i, x := range v {
			out = append(out, append(append([]any{}, v[:i]...), v[i+1:]...))
			for _, m := range mutations(x) {
				c := append([]any{}, v...)
				c[i] = m
				out = append(out, c)
			}
		}
		if len(v) > 0 {
			out = append(out, append(append([]any{}, v...), v[0]))
		}
	}
	return out
}
