package jsonverdict

import (
	"regexp"
	"testing"

	"github.com/jtsl/jtsl/schema"
)

// TestPatternClass: a pattern read as a table of bytes matches what the
// regular expression matches, and one it cannot read so is left to it.
func TestPatternClass(t *testing.T) {
	inputs := []string{"", "a", "QUJD", "QUJD+/==", "QU JD", "QUJD\n", "\nQUJD", "é", "a\xffb", "a\u00e9", "-", "a-b", "ab_c.d:e f", "[", "]", "^", "\\"}
	for _, tt := range []struct {
		p     string
		table bool
	}{
		{`^[A-Za-z0-9+/=]+$`, true},
		{`^[A-Za-z0-9+/=]*$`, true},
		{`^[a-z0-9_. :]+$`, true},
		{`^[a-z-]+$`, false},
		{`^[^a]+$`, false},
		{`^[\w]+$`, false},
		{`^[a-z]{2}$`, false},
		{`[a-z]+`, false},
		{`a]+$`, false},
		{`^a]+$`, false},
	} {
		p, err := compilePattern(tt.p)
		if err != nil {
			t.Fatal(err)
		}
		if (p.class != nil) != tt.table {
			t.Errorf("%s: read as a table %v, want %v", tt.p, p.class != nil, tt.table)
		}
		re := regexp.MustCompile(tt.p)
		for _, s := range inputs {
			if got, want := p.match(s), re.MatchString(s); got != want {
				t.Errorf("%s on %q: %v, the regular expression says %v", tt.p, s, got, want)
			}
		}
	}
}

// BenchmarkCompile measures compiling the sources' seven schemas, which
// share their definitions: every build pays it once.
func BenchmarkCompile(b *testing.B) {
	names := []string{"scheme.schema.json", "tsp.schema.json", "vocabulary.schema.json", "mra.schema.json",
		"lote-scheme.schema.json", "lote-entity.schema.json", "lote-vocabulary.schema.json"}
	b.ReportAllocs()
	for b.Loop() {
		c := NewCompiler(schema.FS.ReadFile)
		for _, n := range names {
			if _, err := c.Compile(n, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
}
