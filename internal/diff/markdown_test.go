package diff

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/tsl/tsltest"
)

func TestCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "`plain`"},
		{"a`b", "``a`b``"},
		{"a``b`", "``` a``b` ```"},
		{"two\nlines", "`two lines`"},
	}
	for _, tt := range tests {
		if got := code(tt.in); got != tt.want {
			t.Errorf("code(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMarkdownEscapes puts markup into a TSP name and a value: the
// comment shows it as text — escaped in prose, verbatim in code spans,
// where CommonMark reads no markup.
func TestMarkdownEscapes(t *testing.T) {
	const hostile = "<script>alert(1)</script> *bold* _em_ [x](javascript:alert(1)) | & ]]>\n# heading"
	old := tsltest.Valid(t, "testdata/old.xml")
	nw := tsltest.Valid(t, "testdata/old.xml")
	nw.Providers[0].Name[0].Value = hostile
	nw.Providers[0].InformationURI[0].Value = "https://example.org/`x`"
	md := Compare(old, nw).Markdown()
	got := strings.Split(md, "\n")
	for _, want := range []string{
		`### Changed TSP: \<script\>alert(1)\</script\> \*bold\* \_em\_ \[x\](javascript:alert(1)) \| \& \]\]\> \# heading (` + "`NTRJP-9011101056789`)",
		"- `TSPName[en]`: `Amano Corporation` → `<script>alert(1)</script> *bold* _em_ [x](javascript:alert(1)) | & ]]> # heading`",
		"- `TSPInformationURI[en]`: `https://www.e-timing.ne.jp/agreement_rule/` → `` https://example.org/`x` ``",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("Markdown lacks the line\n%s\nin\n%s", want, md)
		}
	}
}

// TestJSONShape checks the documented version 1 shape, also of an empty
// report: arrays, not null.
func TestJSONShape(t *testing.T) {
	l := tsltest.Valid(t, "testdata/old.xml")
	for name, r := range map[string]*Report{
		"empty":   Compare(l, l),
		"changes": Compare(l, tsltest.Valid(t, "testdata/new.xml")),
	} {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if m["version"] != 1.0 {
			t.Errorf("%s: version = %v", name, m["version"])
		}
		for _, k := range []string{"old", "new", "summary"} {
			if _, ok := m[k].(map[string]any); !ok {
				t.Errorf("%s: %q is %T, want an object", name, k, m[k])
			}
		}
		for _, k := range []string{"scheme", "tsps"} {
			if _, ok := m[k].([]any); !ok {
				t.Errorf("%s: %q is %T, want an array", name, k, m[k])
			}
		}
		if s := m["summary"].(map[string]any); len(s) != 7 {
			t.Errorf("%s: summary has %d counts, want 7", name, len(s))
		}
	}
	if md := Compare(l, l).Markdown(); !strings.Contains(md, "No change.") {
		t.Errorf("empty report: %s", md)
	}
}
