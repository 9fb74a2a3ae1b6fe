package verify

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

// reported is one check result the code can produce: its name and rule
// as written at the place that reports it.
type reported struct {
	name, rule, at string
}

// reportedChecks finds every check result written in the non-test files
// of dir: diag.Check literals with a constant Name, and xades's
// v.add/v.pass/v.fail calls, whose first arguments are name and rule.
func reportedChecks(t *testing.T, dir string) []reported {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	str := func(e ast.Expr) (string, bool) {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			return s, err == nil
		}
		return "", false
	}
	var out []reported
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				sel, ok := n.Type.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Check" {
					return true
				}
				r := reported{at: fset.Position(n.Pos()).String()}
				named := false
				for _, el := range n.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					switch kv.Key.(*ast.Ident).Name {
					case "Name":
						r.name, named = str(kv.Value)
					case "Rule":
						r.rule, _ = str(kv.Value)
					}
				}
				if named {
					out = append(out, r)
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || len(n.Args) < 2 {
					return true
				}
				if recv, ok := sel.X.(*ast.Ident); !ok || recv.Name != "v" || !slices.Contains([]string{"add", "pass", "fail"}, sel.Sel.Name) {
					return true
				}
				if _, fwd := n.Args[0].(*ast.Ident); fwd { // pass and fail forward to add
					return true
				}
				name, ok1 := str(n.Args[0])
				rule, ok2 := str(n.Args[1])
				if !ok1 || !ok2 {
					t.Errorf("%s: a check's name and rule are string constants", fset.Position(n.Pos()))
					return true
				}
				out = append(out, reported{name, rule, fset.Position(n.Pos()).String()})
			}
			return true
		})
	}
	return out
}

// TestRegistryMatchesCode: every check the code reports, here and in
// package xades, is in the registry with the rule it cites, and every
// registry entry is reported somewhere: the documentation (docs/checks.md,
// --explain) cannot drift from the reports.
func TestRegistryMatchesCode(t *testing.T) {
	var all []reported
	for _, dir := range []string{".", filepath.Join(testtool.Root(), "internal", "xades")} {
		all = append(all, reportedChecks(t, dir)...)
	}
	if len(all) < len(Checks) {
		t.Fatalf("found %d reported checks, fewer than the %d of the registry: the scan is broken", len(all), len(Checks))
	}
	seen := map[string]bool{}
	for _, r := range all {
		d := Lookup(r.name)
		switch {
		case d == nil || d.ID != r.name:
			t.Errorf("%s: check %q is not in the registry (internal/verify/checks.go)", r.at, r.name)
		case r.rule != "" && !slices.Contains(d.Rules, r.rule):
			t.Errorf("%s: check %s cites %q; the registry gives %v", r.at, r.name, r.rule, d.Rules)
		case r.rule == "" && len(d.Rules) > 0:
			t.Errorf("%s: check %s cites no rule; the registry gives %v", r.at, r.name, d.Rules)
		}
		seen[r.name] = true
	}
	for _, d := range Checks {
		if !seen[d.ID] {
			t.Errorf("registry entry %s is reported nowhere", d.ID)
		}
		for _, rule := range d.Rules {
			if strings.HasPrefix(rule, "R") && !slices.ContainsFunc(DSSRules, func(r DSSRule) bool { return r.ID == rule }) {
				t.Errorf("check %s cites %s, which DSSRules does not document", d.ID, rule)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(testtool.Root(), "docs", "checks.md")); err != nil {
		t.Error(err)
	}
}
