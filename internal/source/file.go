package source

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/diag"
)

// Limits on one source file.
const (
	maxFileBytes = 4 << 20
	maxDepth     = 64
	maxAliases   = 100 // alias references; more is an expansion attack
)

// A File is one YAML source file.
type File struct {
	// Path is relative to the sources folder, in slash form, such as
	// tsps/secom.yaml.
	Path string
	root *yaml.Node // the document's top mapping; nil if unparsable
}

// Pos returns the position of the node at a YAML path such as
// "services[0].status[1].from" (keys joined by dots, sequence indexes in
// brackets). For a missing node it returns the nearest existing
// ancestor's position.
func (f *File) Pos(path string) diag.Pos {
	n := f.root
	p := diag.Pos{File: f.Path}
	if n == nil {
		return p
	}
	p.Line, p.Col = n.Line, n.Column
	for _, step := range splitPath(path) {
		next := childNode(n, step)
		if next == nil {
			break
		}
		n = next
		p.Line, p.Col = n.Line, n.Column
	}
	return p
}

// node returns the node at path, or nil.
func (f *File) node(path string) *yaml.Node { return descend(f.root, path) }

// descend returns the node at path below n, or nil.
func descend(n *yaml.Node, path string) *yaml.Node {
	for _, step := range splitPath(path) {
		if n == nil {
			return nil
		}
		n = childNode(n, step)
	}
	return n
}

// splitPath turns "a.b[2].c" into ["a", "b", "2", "c"].
func splitPath(path string) []string {
	if path == "" {
		return nil
	}
	path = strings.ReplaceAll(path, "[", ".")
	path = strings.ReplaceAll(path, "]", "")
	return strings.Split(strings.Trim(path, "."), ".")
}

// childNode returns a mapping value by key or a sequence item by index.
// For a mapping key it returns the value node, except that a missing
// value (null) still points at its key.
func childNode(n *yaml.Node, step string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == step {
				v := n.Content[i+1]
				if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
					return n.Content[i]
				}
				return v
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(step); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	case yaml.AliasNode:
		return childNode(n.Alias, step)
	}
	return nil
}

// readFile reads and parses one YAML file with the safety checks of the
// package documentation.
func readFile(src *folder, rel string) (*File, diag.List) {
	f := &File{Path: rel}
	errAt := func(line int, rule, msg string) diag.List {
		return diag.List{{Rule: rule, Severity: diag.Error, Pos: diag.Pos{File: rel, Line: line}, Message: msg}}
	}
	data, ok := src.readRegular(rel)
	if !ok {
		// A source file is never a symbolic link (reviewers read the file
		// at its name); the read itself cannot leave the folder either way.
		fi, err := src.root.Lstat(filepath.FromSlash(rel))
		if err != nil {
			return f, errAt(0, "file", err.Error())
		}
		if !fi.Mode().IsRegular() {
			return f, errAt(0, "file", "not a regular file (symbolic links are not followed)")
		}
		if fi.Size() > maxFileBytes {
			return f, errAt(0, "file", fmt.Sprintf("%d bytes is more than the limit of %d", fi.Size(), maxFileBytes))
		}
		if data, err = src.read(rel); err != nil {
			return f, errAt(0, "file", err.Error())
		}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return f, errAt(lineOf(data, i), "encoding", "NUL byte: sources are UTF-8 text")
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		return f, errAt(lineOf(data, i), "encoding", "not valid UTF-8")
	}
	root, ok := parseFast(data)
	if !ok {
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return f, diag.List{yamlSyntax(rel, data, err)}
		}
		if len(doc.Content) == 0 {
			return f, errAt(1, "yaml", "empty file")
		}
		root = doc.Content[0]
	}
	if at, d := checkTree(root, 0, new(int)); d != "" {
		return f, diag.List{{Rule: "yaml", Severity: diag.Error, Pos: diag.Pos{File: rel, Line: at.Line, Col: at.Column}, Message: d}}
	}
	f.root = root
	return f, nil
}

// checkTree bounds nesting and alias use, refuses control characters and
// refuses a key given twice in one mapping: yaml.v3 keeps both in the tree
// and a lookup would take the first, while editors and reviewers read the
// last. It returns the node of the first problem and what it is.
func checkTree(n *yaml.Node, depth int, aliases *int) (*yaml.Node, string) {
	if depth > maxDepth {
		return n, fmt.Sprintf("line %d: nested deeper than %d levels", n.Line, maxDepth)
	}
	if n.Kind == yaml.AliasNode {
		*aliases++
		if *aliases > maxAliases {
			return n, fmt.Sprintf("line %d: more than %d alias references (an alias expansion attack?)", n.Line, maxAliases)
		}
		return nil, "" // the anchored node is checked where it is defined
	}
	if n.Kind == yaml.ScalarNode {
		for _, r := range n.Value {
			if r < 0x20 && r != '\n' && r != '\t' && r != '\r' || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
				return n, fmt.Sprintf("line %d: control character U+%04X in a value", n.Line, r)
			}
		}
	}
	if n.Kind == yaml.MappingNode {
		if k, d := duplicateKey(n); d != "" {
			return k, d
		}
	}
	for _, c := range n.Content {
		if at, d := checkTree(c, depth+1, aliases); d != "" {
			return at, d
		}
	}
	return nil, ""
}

// duplicateKey returns the second occurrence of a key in mapping n and a
// message naming both lines.
func duplicateKey(n *yaml.Node) (*yaml.Node, string) {
	if len(n.Content) <= 2 {
		return nil, ""
	}
	first := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if line, ok := first[k.Value]; ok {
			return k, fmt.Sprintf("duplicate key %q (first at line %d, again at line %d): keep one of the two", k.Value, line, k.Line)
		}
		first[k.Value] = k.Line
	}
	return nil, ""
}

func lineOf(data []byte, off int) int { return bytes.Count(data[:off], []byte("\n")) + 1 }

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

// yamlErrLine extracts the line number yaml.v3 puts in its messages.
func yamlErrLine(err error) int {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if i := strings.Index(msg, "line "); i >= 0 {
		n := 0
		for _, c := range msg[i+5:] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	return 0
}
