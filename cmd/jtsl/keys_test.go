package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/urfave/cli/v2"
)

// TestKeysScripts runs the `jtsl keys` scenarios in testdata/keys.
func TestKeysScripts(t *testing.T) {
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		// mode FILE PERM checks a file's permission bits (octal).
		"mode": func(ts *testscript.TestScript, neg bool, args []string) {
			if len(args) != 2 {
				ts.Fatalf("usage: mode FILE PERM")
			}
			want, err := strconv.ParseUint(args[1], 8, 32)
			ts.Check(err)
			fi, err := os.Stat(ts.MkAbs(args[0]))
			ts.Check(err)
			if got := fi.Mode().Perm(); (uint64(got) == want) == neg {
				ts.Fatalf("%s has mode %#o, want %s%#o", args[0], got, map[bool]string{true: "not ", false: ""}[neg], want)
			}
		},
	}
	for k, v := range scriptCmds {
		cmds[k] = v
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "keys"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("JTSL_DEVKEY_DIR", filepath.Join(env.WorkDir, ".devkey"))
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
		Cmds: cmds,
	})
}

// TestSchemeDefaultsOrder: English first, then the other names by language.
func TestSchemeDefaultsOrder(t *testing.T) {
	dir := t.TempDir()
	yaml := "operator:\n  name:\n    ko: 디지털청\n    ja: デジタル庁\n    en: Digital Agency\n"
	if err := os.WriteFile(filepath.Join(dir, "scheme.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	var got string
	app := newApp(nil, nil)
	for _, c := range app.Commands {
		if c.Name != "keys" {
			continue
		}
		for _, sub := range c.Subcommands {
			if sub.Name == "check" {
				sub.Action = func(c *cli.Context) error {
					d, err := readSchemeDefaults(c)
					got = fmt.Sprintf("%s %q %d %v", d.territory, d.operators, d.nextUpdateMonths, err)
					return nil
				}
			}
		}
	}
	if err := app.Run([]string{"jtsl", "keys", "check", "--sources", dir, "x.pem"}); err != nil {
		t.Fatal(err)
	}
	if want := `JP ["Digital Agency" "デジタル庁" "디지털청"] 6 <nil>`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
