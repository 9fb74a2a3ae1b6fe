package verify

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/testtool"
)

const module = "github.com/jtsl/jtsl/"

// signatureAPI is what only this package may use of package xades: a
// signed list is checked by Check, everywhere.
var signatureAPI = map[string]bool{"Verify": true, "VerifyOptions": true, "Result": true}

// parsers read a list (or any XML) into a tree or the model.
var parsers = map[string]map[string]bool{
	module + "internal/xmldoc": {"Parse": true, "ParseBytes": true},
	module + "internal/tsl":    {"Decode": true, "DecodeDocument": true},
	module + "internal/lote":   {"DecodeXML": true, "DecodeXMLDocument": true, "DecodeJSON": true},
}

// readers are the functions outside the XML packages that parse a list
// without checking it, keyed by function name (so that they may move
// between packages), each with the reason. A new caller that checks what
// it parses belongs in Check instead.
var readers = map[string]string{
	"runImport":    "jtsl import turns a list's content into sources",
	"readList":     "jtsl diff compares two lists' content",
	"readRelease":  "jtsl status reads the local release's scheme information (and status --url its sequence)",
	"SignDocument": "jtsl sign reads the unsigned list it signs; what it signed goes through Check",
	"SignPrepared": "jtsl sign DIR reads the unsigned prepared list it signs (SignDocument checks what it signed through Check)",
	"Publish":      "jtsl publish reads the unsigned prepared list (its SHA-256 pinned in prepared.json) to compare; the signed list goes through Check (selfVerify)",
	"SignLoTEXML":  "the producer reads the unsigned list of trusted entities it signs; what it signed goes through CheckLoTE (selfVerifyLoTE)",
	"signLoTEJSON": "the producer reads the unsigned JSON list of trusted entities it signs; what it signed goes through CheckLoTE (selfVerifyLoTE)",
}

// xmlPackages parse XML as their job; package mra reads MRA blocks, not
// lists.
var xmlPackages = []string{"internal/xmldoc", "internal/tsl", "internal/lote", "internal/xades", "internal/verify", "internal/mra"}

// TestOnlyVerifyChecksLists scans every non-test Go file of the module:
// only package verify uses xades.Verify, and outside the XML packages a
// list is parsed only by the readers above. This guards issue 17's "one
// consumer path": the build's self-verification, the previous-release
// check, jtsl sign and jtsl trust all check through Check.
func TestOnlyVerifyChecksLists(t *testing.T) {
	root := testtool.Root()
	fset := token.NewFileSet()
	scanned := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		dir := filepath.ToSlash(filepath.Dir(rel))
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		scanned++
		imports := map[string]string{} // local name → import path
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = p
		}
		for _, decl := range f.Decls {
			fn := ""
			if fd, ok := decl.(*ast.FuncDecl); ok {
				fn = fd.Name.Name
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				x, ok := sel.X.(*ast.Ident)
				if !ok {
					return true
				}
				pkg := imports[x.Name]
				at := fset.Position(sel.Pos())
				if pkg == module+"internal/xades" && signatureAPI[sel.Sel.Name] && dir != "internal/verify" {
					t.Errorf("%s: xades.%s outside package verify: check a signed list with verify.Check (its Options pin, time and limit it)", at, sel.Sel.Name)
				}
				if parsers[pkg][sel.Sel.Name] && !inXMLPackage(dir) && readers[fn] == "" {
					t.Errorf("%s: %s parses a list with %s.%s: check it with verify.Check (Report.Model gives the list), or, if it only reads the content, add %s to readers in %s with the reason",
						at, fn, x.Name, sel.Sel.Name, fn, "internal/verify/guard_test.go")
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scanned < 50 {
		t.Fatalf("scanned %d files: the walk missed the tree", scanned)
	}
}

func inXMLPackage(dir string) bool {
	for _, p := range xmlPackages {
		if dir == p || strings.HasPrefix(dir, p+"/") {
			return true
		}
	}
	return false
}
