package source

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/schema"
)

// TestYAMLSyntax: each usual slip in hand-edited YAML is reported at its
// line and column, in words, with a fix.
func TestYAMLSyntax(t *testing.T) {
	tests := []struct {
		name, yaml string
		pos        string // file:line:col
		msg, fix   string // substrings
	}{
		{"tab after a key", "territory: JP\noperator:\n\tname: {en: X}\n", "f.yaml:3:1", "a tab character indents this line", "replace the tab with spaces"},
		{"tab in a nested block", "a:\n  b: 1\n  \tc: 2\n", "f.yaml:3:3", "tab character", "spaces"},
		{"unclosed double quote", "territory: JP\nname: {en: \"Digital Agency}\nuri: x\n", "", "", ""},
		{"unclosed double quote value", "territory: JP\nname: \"Digital Agency\nuri: x\n", "f.yaml:2:7", `the value quoted with " here is never closed`, `add the closing "`},
		{"unclosed single quote", "a: 1\nb: 'it''s\nc: 2\n", "f.yaml:2:4", "quoted with ' here is never closed", "add the closing '"},
		{"unclosed list", "langs: [en, ja\nb: 1\n", "f.yaml:1:8", "the [ opened here is not closed", "close it with ]"},
		{"key indented by one", "operator:\n  name: x\n address: y\n", "f.yaml:3:2", "indented 1 spaces, which lines up with nothing above it", "indent it by 0 or 2 spaces"},
		{"value with colon", "name: Agency: Digital\n", "f.yaml:1:7", `contains ": "`, `quote the value: name: "Agency: Digital"`},
	}
	for _, tt := range tests {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tt.yaml), &n)
		if err == nil {
			t.Errorf("%s: parses", tt.name)
			continue
		}
		d := yamlSyntax("f.yaml", []byte(tt.yaml), err)
		if d.Fix == nil || d.Fix.Message == "" {
			t.Errorf("%s: no fix: %s", tt.name, d.String())
			continue
		}
		if tt.pos == "" { // only: a position and a fix in words
			if d.Pos.Line == 0 {
				t.Errorf("%s: no line: %s", tt.name, d.String())
			}
			continue
		}
		if got := d.Pos.String(); got != tt.pos || !strings.Contains(d.Message, tt.msg) || !strings.Contains(d.Fix.Message, tt.fix) {
			t.Errorf("%s:\n got %s\nwant %s: …%s… (fix: …%s…)", tt.name, d.String(), tt.pos, tt.msg, tt.fix)
		}
	}
}

// TestPatternWords: every pattern and format of the schemas has words,
// so that no finding shows a regular expression.
func TestPatternWords(t *testing.T) {
	re := regexp.MustCompile(`"(pattern|format)": *("(?:[^"\\]|\\.)*")`)
	for _, n := range []string{"defs.schema.json", "scheme.schema.json", "tsp.schema.json"} {
		b, err := schema.FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			var p string
			if err := json.Unmarshal(m[2], &p); err != nil {
				t.Fatal(err)
			}
			if _, ok := patternWords[p]; !ok {
				t.Errorf("%s: %s %q has no words in patternWords", n, m[1], p)
			}
		}
	}
}
