package source

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xeipuuv/gojsonschema"
	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/testtool"
)

// agreeOn fails the test when the verdict and gojsonschema answer
// differently for value x against any of schemas; it returns those that
// found x valid.
func agreeOn(t testing.TB, what string, x any, schemas []string) []string {
	t.Helper()
	var valid []string
	for _, n := range schemas {
		s, err := compiled(n)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Validate(gojsonschema.NewRawLoader(x))
		if err != nil {
			t.Fatal(err)
		}
		if got := verdicts[n].valid(x); got != res.Valid() {
			t.Errorf("%s against %s: verdict %v, gojsonschema %v %v", what, n, got, res.Valid(), res.Errors())
		}
		if res.Valid() {
			valid = append(valid, n)
		}
	}
	return valid
}

// yamlSeeds returns the YAML files of the sample sources and the
// testdata, and those in the test scripts' archives, by path.
func yamlSeeds(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	root := testtool.Root()
	for _, dir := range []string{"sources", "internal/source/testdata", "internal/lint/testdata", "cmd/jtsl/testdata"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			switch {
			case e.IsDir():
			case strings.HasSuffix(p, ".yaml"):
				b, err := os.ReadFile(p)
				out[p] = b
				return err
			case strings.HasSuffix(p, ".txtar"):
				a, err := txtar.ParseFile(p)
				if err != nil {
					return err
				}
				for _, f := range a.Files {
					if strings.HasSuffix(f.Name, ".yaml") {
						out[p+":"+f.Name] = f.Data
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestVerdictAgrees: every schema is read by compileVerdict, and for
// every YAML file of the sample and the testdata, against every schema,
// and for variants of each value of the files that are valid (a value
// removed, replaced by one of another type, an unknown key added), the
// verdict gives gojsonschema's answer.
func TestVerdictAgrees(t *testing.T) {
	compiled("tsp.schema.json")
	for _, n := range schemaFiles {
		if verdicts[n] == nil {
			_, err := compileVerdict(n)
			t.Errorf("%s: %v: every file is validated by gojsonschema alone", n, err)
		}
	}
	if t.Failed() {
		return
	}
	files, valid, variants, refused := 0, 0, 0, 0
	for p, b := range yamlSeeds(t) {
		var root yaml.Node
		if yaml.Unmarshal(b, &root) != nil || len(root.Content) == 0 {
			continue
		}
		budget := maxExpanded
		x, err := toJSON(root.Content[0], &budget)
		if err != nil {
			continue
		}
		files++
		ok := agreeOn(t, p, x, schemaFiles)
		if len(ok) == 0 {
			continue
		}
		valid++
		// Against the schemas the file is valid against; at most 100
		// variants a file, spread over it, keep the test short.
		vs := variantsOf(x)
		step := max(1, len(vs)/100)
		for i := 0; i < len(vs); i += step {
			variants++
			if len(agreeOn(t, fmt.Sprintf("%s variant %d", p, i), vs[i], ok)) < len(ok) {
				refused++
			}
		}
	}
	if files < 100 || valid < 20 || refused < 1000 || variants-refused < 1000 {
		t.Errorf("only %d files, %d valid, %d variants, %d refused", files, valid, variants, refused)
	}
	t.Logf("%d files, %d valid against a schema, %d variants, %d refused by one", files, valid, variants, refused)
}

// variantsOf returns copies of x with one value changed each.
func variantsOf(x any) []any {
	var out []any
	odd := []any{nil, true, "", "x", json.Number("1"), json.Number("1.5"), []any{}, map[string]any{}, map[string]any{"en": "x"}, []any{map[string]any{"en": "x"}}}
	var walk func(v any, set func(any))
	walk = func(v any, set func(any)) {
		for _, o := range odd {
			set(o)
			out = append(out, deepCopy(x))
		}
		set(v)
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				delete(v, k)
				out = append(out, deepCopy(x))
				v[k] = c
				walk(c, func(n any) { v[k] = n })
			}
			v["unknown_key"] = "x"
			out = append(out, deepCopy(x))
			delete(v, "unknown_key")
		case []any:
			for i, c := range v {
				walk(c, func(n any) { v[i] = n })
			}
		}
	}
	walk(x, func(any) {})
	return out
}

func deepCopy(x any) any {
	switch x := x.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, v := range x {
			m[k] = deepCopy(v)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, v := range x {
			s[i] = deepCopy(v)
		}
		return s
	}
	return x
}

// FuzzVerdict holds the verdict to gojsonschema on any YAML.
func FuzzVerdict(f *testing.F) {
	for _, b := range yamlSeeds(f) {
		f.Add(b)
	}
	compiled("tsp.schema.json")
	f.Fuzz(func(t *testing.T, b []byte) {
		var root yaml.Node
		if yaml.Unmarshal(b, &root) != nil || len(root.Content) == 0 {
			return
		}
		budget := maxExpanded
		x, err := toJSON(root.Content[0], &budget)
		if err != nil {
			return
		}
		agreeOn(t, "input", x, schemaFiles)
	})
}
