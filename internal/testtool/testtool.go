// Package testtool finds the outside tools and data that tests judge
// jtsl's output with: the verifiers in ../shared/tools, the ETSI XSDs and
// the corpus of real trusted lists. A test that needs one and cannot find
// it skips with the reason; under CI (CI=true) that skip is a failure, so
// a green CI run always means the outside judges ran.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the repository root (the folder holding go.mod).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Shared returns the shared folder beside the repository (../shared), or
// JTSL_SHARED when set.
func Shared() string {
	if s := os.Getenv("JTSL_SHARED"); s != "" {
		return s
	}
	return filepath.Join(Root(), "..", "shared")
}

// CI reports whether the tests run under CI, where skips are failures.
func CI() bool { return os.Getenv("CI") == "true" }

// Skip skips the test with why, or fails it under CI.
func Skip(t testing.TB, why string) {
	t.Helper()
	if CI() {
		t.Fatalf("required under CI: %s", why)
	}
	t.Skip(why)
}

// SharedPath returns the path of rel inside the shared folder, skipping
// the test (failing under CI) when it does not exist.
func SharedPath(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Shared(), rel)
	if _, err := os.Stat(p); err != nil {
		Skip(t, "missing "+p+" (the shared folder must sit beside the repository)")
	}
	return p
}

// Tool returns the path of a verifier script in ../shared/tools, skipping
// (failing under CI) when the script or the programs it wraps are missing.
// needs lists the programs the script runs (xmllint, xmlsec1, node, java…)
// beyond those toolNeeds knows.
func Tool(t testing.TB, name string, needs ...string) string {
	t.Helper()
	p := SharedPath(t, filepath.Join("tools", name))
	for _, n := range append(toolNeeds[name], needs...) {
		if _, err := exec.LookPath(n); err != nil {
			Skip(t, n+" not installed (run ../shared/tools/install-prereqs or make test)")
		}
	}
	return p
}

// toolNeeds are the programs each script of ../shared/tools runs.
var toolNeeds = map[string][]string{
	"xsd-check": {"xmllint"}, "sig-verify-xmlsec": {"xmlsec1"}, "sig-verify-java": {"java"}, "dss-tl-check": {"java"},
	"xades-verify": {"node"}, "sig-verify-xmlcrypto": {"node"}, "jws-verify": {"node"}, "lote-check": {"node"},
	"json-schema-check": {"node"}, "hsm-setup": {"softhsm2-util", "pkcs11-tool", "openssl"},
}

// Tools is Tool for several scripts, by name.
func Tools(t testing.TB, names ...string) map[string]string {
	t.Helper()
	paths := map[string]string{}
	for _, n := range names {
		paths[n] = Tool(t, n)
	}
	return paths
}

// Run runs a tool and returns its combined output and whether it exited 0.
// An exit code of 2 (usage error / missing tool, by the tools' convention)
// skips the test, or fails it under CI.
func Run(t testing.TB, tool string, args ...string) (string, bool) {
	t.Helper()
	cmd := exec.Command(tool, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 2 {
			Skip(t, filepath.Base(tool)+" could not run: "+string(out))
		}
		return string(out), false
	}
	return string(out), true
}

// Corpus returns the real trusted lists of ../shared/corpus/tl (and
// samples), skipping (failing under CI) when the corpus is missing.
func Corpus(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"corpus/tl", "corpus/samples"} {
		m, _ := filepath.Glob(filepath.Join(Shared(), dir, "*.xml"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		Skip(t, "no corpus under "+Shared()+"/corpus")
	}
	return files
}
