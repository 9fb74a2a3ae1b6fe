package keys_test

import (
	"os"
	"testing"
)

// hsmDir is the SoftHSM token folder, made at most once per test binary
// (see softHSM) and removed when the tests end.
var hsmDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if hsmDir != "" {
		os.RemoveAll(hsmDir)
	}
	os.Exit(code)
}
