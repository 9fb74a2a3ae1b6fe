package source

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseFast returns the top node of data as yaml.v3 builds it, for the
// plain layout sources are written in: block mappings and sequences
// indented by spaces, flow mappings on one line, plain and
// double-quoted scalars on one line, comments (which are not kept: no
// one reads them from the tree). For anything else it
// returns ok false, and yaml.v3 parses the file (and reports its
// errors): it never accepts what yaml.v3 would not, or reads it
// otherwise (TestParseFastAgrees, FuzzParseFast). yaml.v3 was ≈ 40 % of
// the load's CPU time, most of it in allocating one token, event and
// byte at a time.
func parseFast(data []byte) (root *yaml.Node, ok bool) {
	if !plainBytes(data) {
		return nil, false
	}
	p := &fastParser{}
	// One string for the file: lines, keys and values are parts of it.
	src := string(data)
	p.lines = make([]fastLine, 0, strings.Count(src, "\n")+1)
	for num, rest := 1, src; len(rest) > 0; num++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		text := strings.TrimLeft(line, " ")
		indent := len(line) - len(text)
		text, ok = uncomment(text)
		if !ok {
			return nil, false
		}
		if strings.TrimRight(text, " ") == "" {
			continue // a blank line, or a comment
		}
		if strings.ContainsAny(text, "&*!|>%`[]'?\\") {
			// Anchors, aliases, tags, block scalars, directives, flow
			// sequences, single quotes, complex keys, escapes.
			return nil, false
		}
		if strings.HasPrefix(text, "---") || strings.HasPrefix(text, "...") {
			return nil, false // document markers
		}
		p.lines = append(p.lines, fastLine{indent: indent, text: text, num: num})
	}
	if len(p.lines) == 0 || p.lines[0].indent != 0 {
		return nil, false
	}
	root = p.block(0)
	if p.failed || p.i != len(p.lines) {
		return nil, false
	}
	return root, true
}

// uncomment returns text without its comment: from a # at its start or
// after a space, outside double quotes. A # elsewhere is left to yaml.v3
// (not ok).
func uncomment(text string) (string, bool) {
	quoted := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '"':
			quoted = !quoted
		case '#':
			switch {
			case quoted:
			case i == 0 || text[i-1] == ' ':
				return text[:i], true
			default:
				return "", false
			}
		}
	}
	return text, true
}

// plainBytes reports whether data has only characters yaml.v3 takes as
// printable, and no tab, carriage return or line break of yaml.v3's own
// (U+2028, U+2029).
func plainBytes(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\n':
			case c < 0x20 || c == 0x7f:
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError || r < 0xA0 || r == 0x2028 || r == 0x2029 || r > 0xFFFD || r == 0xFEFF || r >= 0xD800 && r < 0xE000 {
			return false
		}
		i += n
	}
	return true
}

// A fastLine is one line of the file that is not blank.
type fastLine struct {
	indent int    // leading spaces
	text   string // after them
	num    int    // 1-based
}

type fastParser struct {
	lines  []fastLine
	i      int // the next line
	failed bool
	nodes  []yaml.Node // made in blocks: one allocation each was a third of a parse
}

// node returns a new node with the fields of n.
func (p *fastParser) node(n yaml.Node) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 64)
	}
	p.nodes = append(p.nodes, n)
	return &p.nodes[len(p.nodes)-1]
}

func (p *fastParser) fail() *yaml.Node {
	p.failed = true
	return nil
}

// block parses the mapping or sequence that starts at the current line,
// whose indentation is indent.
func (p *fastParser) block(indent int) *yaml.Node {
	l := p.lines[p.i]
	if l.indent != indent {
		return p.fail()
	}
	if isEntry(l.text) {
		return p.sequence(indent)
	}
	return p.mapping(indent)
}

func isEntry(text string) bool { return text == "-" || strings.HasPrefix(text, "- ") }

// sequence parses block sequence entries at indent, each a one-line
// scalar or flow mapping, or a mapping that starts on the entry's line.
func (p *fastParser) sequence(indent int) *yaml.Node {
	return p.entries(yaml.SequenceNode, "!!seq", indent, func(n *yaml.Node, l fastLine) {
		rest, ok := strings.CutPrefix(l.text, "- ")
		if !ok || rest == "" || rest[0] == ' ' {
			p.fail()
			return
		}
		if _, ok := keyEnd(rest); ok && rest[0] != '{' && rest[0] != '"' {
			// The entry is a mapping: its first line is the rest of
			// this one, two columns further in.
			p.lines[p.i] = fastLine{indent: indent + 2, text: rest, num: l.num}
			n.Content = append(n.Content, p.mapping(indent+2))
			return
		}
		p.i++
		n.Content = append(n.Content, p.inline(rest, l.num, indent+3))
	})
}

// entries parses the lines at indent, each with entry, into a node of
// kind: a line further in that entry did not take is not ours, and one
// further out ends the node.
func (p *fastParser) entries(kind yaml.Kind, tag string, indent int, entry func(n *yaml.Node, l fastLine)) *yaml.Node {
	n := p.node(yaml.Node{Kind: kind, Tag: tag, Line: p.lines[p.i].num, Column: indent + 1})
	for !p.failed && p.i < len(p.lines) {
		l := p.lines[p.i]
		if l.indent < indent {
			break
		}
		if l.indent > indent {
			return p.fail()
		}
		entry(n, l)
	}
	return n
}

// keyEnd returns where the key of "key: value" or "key:" ends.
func keyEnd(text string) (int, bool) {
	for i := 0; i < len(text); i++ {
		if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ') {
			return i, i > 0
		}
	}
	return 0, false
}

// mapping parses block mapping entries at indent.
func (p *fastParser) mapping(indent int) *yaml.Node {
	return p.entries(yaml.MappingNode, "!!map", indent, func(n *yaml.Node, l fastLine) {
		end, ok := keyEnd(l.text)
		if !ok || end > 1024 {
			p.fail()
			return
		}
		key := p.plain(l.text[:end], l.num, indent+1)
		if key == nil {
			p.fail()
			return
		}
		p.i++
		n.Content = append(n.Content, key)
		rest := strings.TrimLeft(l.text[end+1:], " ")
		if rest != "" {
			col := indent + 1 + utf8.RuneCountInString(l.text[:len(l.text)-len(rest)])
			n.Content = append(n.Content, p.inline(rest, l.num, col))
			return
		}
		// The value is the block on the next lines: further in, or a
		// sequence at the key's own indentation.
		if p.i == len(p.lines) {
			p.fail() // null
			return
		}
		switch next := p.lines[p.i]; {
		case next.indent > indent:
			n.Content = append(n.Content, p.block(next.indent))
		case next.indent == indent && isEntry(next.text):
			n.Content = append(n.Content, p.sequence(indent))
		default:
			p.fail() // null
		}
	})
}

// inline parses a value that ends with its line: a flow mapping, a
// double-quoted or a plain scalar, at column col.
func (p *fastParser) inline(text string, num, col int) *yaml.Node {
	text = strings.TrimRight(text, " ")
	switch text[0] {
	case '{':
		return p.flow(text, num, col)
	case '"':
		if len(text) < 2 || strings.IndexByte(text[1:], '"') != len(text)-2 {
			return p.fail()
		}
		return p.node(yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: text[1 : len(text)-1], Line: num, Column: col})
	}
	if strings.Contains(text, ": ") || strings.HasSuffix(text, ":") || strings.ContainsAny(text, "{}") {
		return p.fail()
	}
	if n := p.plain(text, num, col); n != nil {
		return n
	}
	return p.fail()
}

// flow parses a flow mapping that is the whole of text: {k: v, k: "v"}.
func (p *fastParser) flow(text string, num, col int) *yaml.Node {
	if text[len(text)-1] != '}' {
		return p.fail()
	}
	n := p.node(yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Tag: "!!map", Line: num, Column: col})
	at := 1 // in text
	// colAt is the column of text[at], counted on from the last one
	// asked for (counting from the start each time would take a time of
	// the square of a long line).
	counted, runes := 0, 0
	colAt := func() int {
		runes += utf8.RuneCountInString(text[counted:at])
		counted = at
		return col + runes
	}
	for {
		for at < len(text) && text[at] == ' ' {
			at++
		}
		if at == len(text)-1 && len(n.Content) == 0 {
			return p.fail() // {}
		}
		// key
		k := strings.IndexByte(text[at:], ':')
		if k <= 0 || at+k+1 >= len(text) || text[at+k+1] != ' ' {
			return p.fail()
		}
		key := p.plain(text[at:at+k], num, colAt())
		if key == nil || strings.ContainsAny(key.Value, ",{}\"") {
			return p.fail()
		}
		at += k + 1
		for at < len(text) && text[at] == ' ' {
			at++
		}
		vcol := colAt()
		var v *yaml.Node
		if text[at] == '"' {
			e := strings.IndexByte(text[at+1:], '"')
			if e < 0 {
				return p.fail()
			}
			v = p.node(yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: text[at+1 : at+1+e], Line: num, Column: vcol})
			at += e + 2
		} else {
			e := strings.IndexAny(text[at:], ",}")
			if e <= 0 {
				return p.fail()
			}
			raw := strings.TrimRight(text[at:at+e], " ")
			if strings.Contains(raw, ": ") || strings.HasSuffix(raw, ":") || strings.ContainsAny(raw, "{\"") {
				return p.fail()
			}
			if v = p.plain(raw, num, vcol); v == nil {
				return p.fail()
			}
			at += e
		}
		n.Content = append(n.Content, key, v)
		for at < len(text) && text[at] == ' ' {
			at++
		}
		switch {
		case at == len(text)-1 && text[at] == '}':
			return n
		case at < len(text)-1 && text[at] == ',':
			at++
		default:
			return p.fail()
		}
	}
}

// plain returns the plain scalar s as yaml.v3 resolves it, or nil for
// one parseFast leaves to yaml.v3: one that starts with an indicator, or
// that yaml.v3 might read as anything but a string, a bool or a null.
func (p *fastParser) plain(s string, num, col int) *yaml.Node {
	if s == "" || strings.IndexByte("-?:,{}@", s[0]) >= 0 || strings.ContainsAny(s, "#\"") || strings.HasSuffix(s, " ") || strings.Contains(s, " :") || s == "<<" {
		return nil
	}
	tag := "!!str"
	switch s[0] {
	case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', '~':
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			tag = "!!bool"
		case "~", "null", "Null", "NULL":
			tag = "!!null"
		}
	case '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if !neverNumber(s) {
			return nil
		}
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s, Line: num, Column: col})
}

// neverNumber reports whether yaml.v3 is sure to resolve the plain
// scalar s, which starts with a sign, a dot or a digit, as a string: it
// is no timestamp (those start with four digits and a dash), and none of
// the parses yaml.v3 tries (integer, float, binary, octal, .inf, .nan)
// could take it.
func neverNumber(s string) bool {
	if len(s) >= 5 && s[4] == '-' && strings.Trim(s[:4], "0123456789") == "" {
		return false
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return false
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return false
	}
	if _, err := strconv.ParseFloat(plain, 64); err == nil {
		return false
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return false
	}
	for _, pre := range []string{"0b", "-0b", "+0b", "0o", "-0o", "+0o", ".", "+."} {
		if strings.HasPrefix(plain, pre) {
			return false
		}
	}
	return true
}
