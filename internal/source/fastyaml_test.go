package source

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// FastAgrees parses data with parseFast and, when parseFast takes it,
// with yaml.v3: it reports whether parseFast took it, and fails t when
// yaml.v3 refuses it or reads it otherwise.
func FastAgrees(t testing.TB, what string, data []byte) bool {
	t.Helper()
	fast, ok := parseFast(data)
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Errorf("%s: parseFast took what yaml.v3 refuses: %v\n%s", what, err, data)
		return true
	}
	if len(doc.Content) == 0 {
		t.Errorf("%s: parseFast took an empty document\n%s", what, data)
		return true
	}
	if d := nodeDiff(doc.Content[0], fast, ""); d != "" {
		t.Errorf("%s: parseFast differs from yaml.v3 at %s\n%s", what, d, data)
	}
	return true
}

// nodeDiff says where two trees differ in a field of a node but its
// comments; "" when they do not.
func nodeDiff(want, got *yaml.Node, at string) string {
	if (want == nil) != (got == nil) {
		return fmt.Sprintf("%s: %v against %v", at, want, got)
	}
	if want == nil {
		return ""
	}
	// Comments are the one thing parseFast does not keep: no one reads
	// them from the tree.
	type fields struct {
		kind                  yaml.Kind
		style                 yaml.Style
		tag, value, anchor    string
		alias                 bool
		lineNum, col, entries int
	}
	of := func(n *yaml.Node) fields {
		return fields{n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Alias != nil, n.Line, n.Column, len(n.Content)}
	}
	if w, g := of(want), of(got); w != g {
		return fmt.Sprintf("%s: yaml.v3 %+v, parseFast %+v", at, w, g)
	}
	for i := range want.Content {
		if d := nodeDiff(want.Content[i], got.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// TestParseFastAgrees: every YAML file of the sample, the testdata and
// the test scripts, and each of them with any one line removed or
// indented by one space more, is either left to yaml.v3 or read as
// yaml.v3 reads it.
func TestParseFastAgrees(t *testing.T) {
	took, all := 0, 0
	for p, b := range yamlSeeds(t) {
		all++
		if FastAgrees(t, p, b) {
			took++
		}
		lines := strings.SplitAfter(string(b), "\n")
		for i := range lines {
			FastAgrees(t, fmt.Sprintf("%s without line %d", p, i+1), []byte(strings.Join(lines[:i], "")+strings.Join(lines[i+1:], "")))
			FastAgrees(t, fmt.Sprintf("%s with line %d indented", p, i+1), []byte(strings.Join(lines[:i], "")+" "+strings.Join(lines[i:], "")))
		}
	}
	t.Logf("parseFast read %d of %d files", took, all)
	for _, s := range fastCases {
		FastAgrees(t, fmt.Sprintf("%q", s), []byte(s))
	}
}

// fastCases are layouts near the edge of what parseFast reads.
var fastCases = []string{
	"a: b\n", "a: 1\n", "a: 102-0094\n", "a: 2024-01-01\n", "a: true\n", "a: ~\n", "a: null\n", "a: yes\n", "a: 0x1f\n",
	"a: 1_000\n", "a: .5\n", "a: +1\n", "a: 1e3\n", "a: .inf\n", "a: 0o17\n", "a: 0b101\n", "a:\n", "a: b:\n", "a: b: c\n",
	"a: {b: c, d: \"e\"}\n", "a: {b: http://x/y, c: d}\n", "a: {b: c,}\n", "a: {}\n", "a: { b: c }\n", "a: {b: c} \n",
	"a:\n- b\n- c\n", "a:\n  - b: c\n    d: e\n  - f\n", "- a\n- b\n", "a:\n  b\n", "a: b\n  c\n", "a: \"b\n  c\"\n",
	"a: \"b\" c\n", "a: b\n\n\nc: d\n", "a: 日本語\nb: {c: 日本, d: x}\n", " a: b\n", "a: b  \n", "a  : b\n",
	"a:\n  - b:\n    - c\n", "a:\n  - b:\n      c: d\n", "-a: b\n", "a: -b\n", "a: b,c\n", "a: <<\n", "<<: b\n", "a: \"\"\n",
	"a: b\n---\n", "# c\na: b # c\n# c\n", "a: b#c\n", "a: \"b # c\"\n", "a: {b: \"#\", c: d} # e\n", "a: b\"c # d\n", "a: @b\n", "a: b@c\n", "a: b # it's\n", "a: b'c\n", "a: {b: c?d}\n", "- {a: b}\n- \"c\"\n- \"d\": e\n", "- {a: b}: c\n", "a: # c\n  b: c\n", "a: {b: \"c\", d: e\n", "a:\n  b: c\n d: e\n", "\"a\": b\n", "a: {\"b\": c}\n", "a: {b: c: d}\n",
}

// FuzzParseFast: what parseFast reads, yaml.v3 reads the same.
func FuzzParseFast(f *testing.F) {
	for _, b := range yamlSeeds(f) {
		f.Add(b)
	}
	for _, s := range fastCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { FastAgrees(t, "input", data) })
}
