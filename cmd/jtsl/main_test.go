package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/jtsl/jtsl/internal/testtool"
)

// TestMain lets testscript run the jtsl command in-process as "jtsl".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"jtsl": func() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scenarios in testdata/script: command lines,
// stdout, stderr, exit codes and the files left behind.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("ROOT", testtool.Root())
			env.Setenv("SHARED", testtool.Shared())
			env.Setenv("JTSL_DEVKEY_DIR", filepath.Join(env.WorkDir, ".devkey"))
			return nil
		},
		Cmds: scriptCmds,
	})
}
