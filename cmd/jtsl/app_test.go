package main

import (
	"bytes"
	"testing"
)

// TestExitCodes pins the exit-code contract: 0 ok, 1 invalid input or a
// failed check, 2 usage.
func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"jtsl", "env"}, 0},
		{[]string{"jtsl", "nosuchcommand"}, 2},
		{[]string{"jtsl", "verify"}, 2},
		{[]string{"jtsl", "verify", "--bogus"}, 2},
		{[]string{"jtsl", "verify", "missing.xml", "--at", "never"}, 2},
		{[]string{"jtsl", "verify", "testdata/missing.xml"}, 1},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		if got := run(tt.args, &out, &errb); got != tt.want {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tt.args, got, tt.want, errb.String())
		}
	}
}

func TestInterspersed(t *testing.T) {
	app := newApp(nil, nil)
	got := interspersed(app, []string{"jtsl", "verify", "f.xml", "--cert", "a.pem", "--format=json", "--at", "T"})
	want := []string{"jtsl", "verify", "--cert", "a.pem", "--format=json", "--at", "T", "--", "f.xml"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestBuildExitCodes: invalid sources exit 1, not 2.
func TestBuildExitCodes(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if got := run([]string{"jtsl", "build", "--sources", dir + "/none", "--out", dir + "/out", "--dev-key"}, &out, &errb); got != 1 {
		t.Errorf("missing sources: exit %d (%s)", got, errb.String())
	}
	if got := run([]string{"jtsl", "build", "--key", "k.pem"}, &out, &errb); got != 2 {
		t.Errorf("--key without --cert: exit %d", got)
	}
}
