package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	// unsign IN OUT writes IN without its enveloped signature: an
	// unsigned list, as another compiler would hand it to jtsl sign.
	"unsign": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: unsign IN OUT")
		}
		b, err := os.ReadFile(ts.MkAbs(args[0]))
		ts.Check(err)
		i := strings.LastIndex(string(b), "<ds:Signature ")
		j := strings.LastIndex(string(b), "</ds:Signature>")
		if i < 0 || j < i {
			ts.Fatalf("%s has no ds:Signature", args[0])
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), append(b[:i:i], b[j+len("</ds:Signature>"):]...), 0o644))
	},
	// snapshot DIR FILE records every file under DIR with its content, so
	// that `unchanged DIR FILE` can prove nothing was touched.
	"snapshot": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: snapshot DIR FILE")
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(treeDump(ts, ts.MkAbs(args[0]))), 0o644))
	},
	"unchanged": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: unchanged DIR FILE")
		}
		want, err := os.ReadFile(ts.MkAbs(args[1]))
		ts.Check(err)
		same := treeDump(ts, ts.MkAbs(args[0])) == string(want)
		if same == neg {
			ts.Fatalf("%s changed: %v", args[0], !same)
		}
	},
	// cpdir SRC DST copies a folder tree (sources fixtures).
	"cpdir": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: cpdir SRC DST")
		}
		src, dst := ts.MkAbs(args[0]), ts.MkAbs(args[1])
		ts.Check(filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			if fi.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		}))
	},
	// replace FILE OLD NEW edits a file in place (one occurrence
	// required); \n and \t in OLD and NEW are a newline and a tab.
	"replace": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 3 {
			ts.Fatalf("usage: replace FILE OLD NEW")
		}
		p := ts.MkAbs(args[0])
		b, err := os.ReadFile(p)
		ts.Check(err)
		esc := strings.NewReplacer(`\n`, "\n", `\t`, "\t")
		old := esc.Replace(args[1])
		if !strings.Contains(string(b), old) {
			ts.Fatalf("%s does not contain %q", args[0], old)
		}
		ts.Check(os.WriteFile(p, []byte(strings.Replace(string(b), old, esc.Replace(args[2]), 1)), 0o644))
	},
}

func treeDump(ts *testscript.TestScript, dir string) string {
	var lines []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			lines = append(lines, "error "+err.Error())
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if fi.IsDir() {
			lines = append(lines, "dir "+rel)
			return nil
		}
		b, _ := os.ReadFile(p)
		lines = append(lines, "file "+rel+" "+string(b))
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
