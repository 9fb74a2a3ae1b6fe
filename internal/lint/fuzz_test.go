package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/testtool"
)

// The scheme's vocabulary and its mutual recognition mapping are read
// from YAML and judged by the rules: FuzzVocabulary and FuzzMapping feed
// each file, with the lint cases' base sources beside it (two TSPs and
// the pointer to the EU LOTL: the sample's twelve TSPs made an execution
// five times slower), through Load and Check (the reverse block into its
// pointer, every rule). Neither may panic or hang; a set that loads is
// checked. The seeds are the sample's file and the cases'.

func FuzzVocabulary(f *testing.F) { fuzzSourceFile(f, "vocabulary.yaml") }

func FuzzMapping(f *testing.F) { fuzzSourceFile(f, "mra.yaml") }

func fuzzSourceFile(f *testing.F, name string) {
	sample := filepath.Join(testtool.Root(), "sources")
	if b, err := os.ReadFile(filepath.Join(sample, name)); err == nil {
		f.Add(b)
	}
	// The lint cases' files of that name: each a way the file goes wrong.
	cases, _ := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	for _, c := range cases {
		a, err := txtar.ParseFile(c)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			if file.Name == name {
				f.Add(file.Data)
			}
		}
	}
	f.Add([]byte("a: &a [x]\nb: [*a, *a]\n"))
	// One folder for every execution of this process: only the fuzzed
	// file changes.
	dir := f.TempDir()
	testtool.CopyDir(f, filepath.Join("testdata", "base"), dir)
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		set, diags, err := source.Load(dir)
		if err != nil || diags.HasErrors() {
			return
		}
		Check(set, Options{IssueTime: issue})
	})
}
