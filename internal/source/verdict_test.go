package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xeipuuv/gojsonschema"
	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/jsonverdict"
	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/schema"
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
		if got := verdicts()[n].Valid(x); got != res.Valid() {
			t.Errorf("%s against %s: verdict %v, gojsonschema %v %v", what, n, got, res.Valid(), res.Errors())
		}
		if res.Valid() {
			valid = append(valid, n)
		}
	}
	return valid
}

// yamlValue is the value validate gives the schemas for the YAML b; not
// ok for YAML that does not parse or expands too far.
func yamlValue(b []byte) (any, bool) {
	var root yaml.Node
	if yaml.Unmarshal(b, &root) != nil || len(root.Content) == 0 {
		return nil, false
	}
	budget := maxExpanded
	x, err := toJSON(root.Content[0], &budget)
	return x, err == nil
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

// TestVerdictAgrees: every schema is read by package jsonverdict, and for
// every YAML file of the sample and the testdata, against every schema,
// and for variants of each value of the files that are valid (a value
// removed, replaced by one of another type, an unknown key added), the
// verdict gives gojsonschema's answer.
func TestVerdictAgrees(t *testing.T) {
	for _, n := range schemaFiles {
		if _, err := compiled(n); err != nil {
			t.Error(err)
		}
		if verdicts()[n] == nil {
			_, err := jsonverdict.NewCompiler(schema.FS.ReadFile).Compile(n, "")
			t.Errorf("%s: %v: every file is validated by gojsonschema alone", n, err)
		}
	}
	if t.Failed() {
		return
	}
	files, valid, variants, refused := 0, 0, 0, 0
	for p, b := range yamlSeeds(t) {
		x, ok := yamlValue(b)
		if !ok {
			continue
		}
		files++
		against := agreeOn(t, p, x, schemaFiles)
		if len(against) == 0 {
			continue
		}
		valid++
		// Against the schemas the file is valid against.
		for i, v := range testtool.JSONVariants(x, 100) {
			variants++
			if len(agreeOn(t, fmt.Sprintf("%s variant %d", p, i), v, against)) < len(against) {
				refused++
			}
		}
	}
	if files < 100 || valid < 20 || refused < 1000 || variants-refused < 1000 {
		t.Errorf("only %d files, %d valid, %d variants, %d refused", files, valid, variants, refused)
	}
	t.Logf("%d files, %d valid against a schema, %d variants, %d refused by one", files, valid, variants, refused)
}

// FuzzVerdict holds the verdict to gojsonschema on any YAML.
func FuzzVerdict(f *testing.F) {
	for _, b := range yamlSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if x, ok := yamlValue(b); ok {
			agreeOn(t, "input", x, schemaFiles)
		}
	})
}
