package arch

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the layers of docs/architecture.md from the table")

const module = "github.com/jtsl/jtsl/"

// moduleGraph is the import graph of the module's packages (tests'
// imports left out), from go list.
func moduleGraph(t *testing.T) Graph {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json", "./...")
	cmd.Dir = testtool.Root()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	g := Graph{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rel, ok := strings.CutPrefix(p.ImportPath, module)
		if !ok {
			continue
		}
		g[rel] = []string{}
		for _, q := range p.Imports {
			if r, ok := strings.CutPrefix(q, module); ok {
				g[rel] = append(g[rel], r)
			}
		}
	}
	if len(g) == 0 {
		t.Fatal("go list found no package of the module")
	}
	return g
}

// TestLayers holds the module to the layers: every package has one,
// nothing imports above or beside its layer, no cycle, no chain longer
// than MaxChain.
func TestLayers(t *testing.T) {
	g := moduleGraph(t)
	for _, p := range Check(g) {
		t.Error(p)
	}
	t.Logf("longest chain: %s", strings.Join(Longest(g), " > "))
}

// TestCheck: Check catches each kind of break on a small graph.
func TestCheck(t *testing.T) {
	ok := Graph{
		"cmd/jtsl":         {"internal/publish", "internal/trust"},
		"internal/publish": {"internal/lint", "internal/xades"},
		"internal/trust":   {"internal/verify", "internal/mra"},
		"internal/verify":  {"internal/xades", "internal/tsl"},
		"internal/xades":   {"internal/c14n"},
		"internal/lint":    {"internal/source"},
		"internal/source":  {"internal/mra", "internal/c14n"},
		"internal/mra":     {"internal/tsl"},
		"internal/tsl":     {"internal/model"},
		"internal/c14n":    {"internal/model"},
		"internal/model":   {},
	}
	if p := Check(ok); len(p) != 0 {
		t.Fatalf("a layered graph: %q", p)
	}
	for _, c := range []struct {
		name, from, to, want string
	}{
		{"source imports the signer", "internal/source", "internal/xades", "internal/source (sources and rules) imports internal/xades (signatures)"},
		{"lint imports verify", "internal/lint", "internal/verify", "internal/lint (sources and rules) imports internal/verify"},
		{"model imports trust", "internal/model", "internal/trust", "internal/model (base) imports internal/trust"},
		{"source imports publish", "internal/source", "internal/publish", "internal/source (sources and rules) imports internal/publish"},
		{"a codec imports a source", "internal/tsl", "internal/source", "internal/tsl (codecs) imports internal/source"},
		{"the mra codec imports trust", "internal/mra", "internal/trust", "internal/mra (codecs) imports internal/trust"},
		{"a cycle", "internal/c14n", "internal/xades", "import cycle: internal/c14n > internal/xades > internal/c14n"},
		{"no layer", "internal/model", "internal/new", "internal/new has no layer"},
	} {
		g := Graph{}
		for k, v := range ok {
			g[k] = slices.Clone(v)
		}
		g[c.from] = append(g[c.from], c.to)
		if _, ok := g[c.to]; !ok {
			g[c.to] = nil
		}
		if p := Check(g); !slices.ContainsFunc(p, func(s string) bool { return strings.Contains(s, c.want) }) {
			t.Errorf("%s: %q, want %q", c.name, p, c.want)
		}
	}
	// A chain of MaxChain+1 packages within one layer.
	long := Graph{}
	chain := []string{"cmd/jtsl"}
	for i := 0; i < MaxChain; i++ {
		chain = append(chain, Layers[len(Layers)-1].Packages[0]+strings.Repeat("/x", i+1))
	}
	for i, p := range chain {
		long[p] = nil
		if i+1 < len(chain) {
			long[p] = []string{chain[i+1]}
		}
	}
	saved := Layers[len(Layers)-1].Packages
	Layers[len(Layers)-1].Packages = chain
	defer func() { Layers[len(Layers)-1].Packages = saved }()
	if p := Check(long); len(p) != 1 || !strings.Contains(p[0], "import chain of 9 packages, more than 8: cmd/jtsl > ") {
		t.Errorf("a chain of %d: %q", len(chain), p)
	}
}

// TestArchitectureDoc holds the layers shown in docs/architecture.md to
// the table.
func TestArchitectureDoc(t *testing.T) {
	const rel = "docs/architecture.md"
	b, err := os.ReadFile(filepath.Join(testtool.Root(), rel))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, Begin), strings.Index(s, End)
	if i < 0 || j < i {
		t.Fatalf("%s has no %q … %q part", rel, Begin, End)
	}
	testtool.Generated(t, rel, s[:i]+Markdown()+s[j+len(End):], "./internal/arch", *updateDocs)
}
