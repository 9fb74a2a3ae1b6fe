package diag

import "testing"

func TestString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Rule: "schema", Severity: Error, Pos: Pos{"tsps/a.yaml", 3, 5}, Path: "services[0].status", Message: "is required"},
			"tsps/a.yaml:3:5: error schema: services[0].status: is required"},
		{Diagnostic{Rule: "JTSL001", Severity: Warning, Message: "m", Fix: &Fix{"use", "x"}},
			"warning JTSL001: m (fix: use: x)"},
		{Diagnostic{Severity: Info, Pos: Pos{File: "f"}, Message: "m"}, "f: info: m"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestListSortAndErrors(t *testing.T) {
	l := List{
		{Rule: "b", Severity: Warning, Pos: Pos{"b", 1, 1}},
		{Rule: "a", Severity: Error, Pos: Pos{"a", 2, 1}},
		{Rule: "a", Severity: Error, Pos: Pos{"a", 1, 1}},
	}
	l.Sort()
	if l[0].Pos.Line != 1 || l[0].Pos.File != "a" || l[2].Pos.File != "b" {
		t.Fatalf("bad order: %v", l)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 {
		t.Fatalf("errors: %v", l.Errors())
	}
}
