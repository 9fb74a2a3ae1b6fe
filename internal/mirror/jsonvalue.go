package mirror

import (
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// A valueParser reads JSON text into the values encoding/json decodes it
// to with UseNumber (map[string]any, []any, string, json.Number, bool,
// nil), which is what gojsonschema validates. Mirror validation used to
// spend more time in encoding/json (which scans every value twice, once to
// find its end and once to decode it) than in the schema; this reads it
// once. It accepts exactly the JSON encoding/json accepts, and decodes it
// to the same values: TestValueParserMatchesEncodingJSON and
// FuzzValueParser hold the two together. Strings with escapes or with
// invalid UTF-8 (rare in a mirror) are handed to encoding/json itself.
type valueParser struct {
	data  []byte
	i     int
	depth int
}

var errSyntax = errors.New("not valid JSON")

// maxValueDepth bounds nesting, as encoding/json does (10 000).
const maxValueDepth = 10000

// parseValue parses one JSON value that makes up all of data (white space
// around it aside).
func parseValue(data []byte) (any, error) {
	return parseValueAt(data, 0)
}

// parseValueAt is parseValue for a value nested depth deep in a larger
// document, so that the nesting limit is the whole document's.
func parseValueAt(data []byte, depth int) (any, error) {
	p := valueParser{data: data, depth: depth}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.data) {
		return nil, errSyntax
	}
	return v, nil
}

func (p *valueParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte, or 0 at the end.
func (p *valueParser) next() byte {
	p.space()
	if p.i == len(p.data) {
		return 0
	}
	return p.data[p.i]
}

// expect skips white space and consumes c.
func (p *valueParser) expect(c byte) bool {
	if p.next() != c {
		return false
	}
	p.i++
	return true
}

func (p *valueParser) value() (any, error) {
	switch c := p.next(); {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return p.string()
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, errSyntax
}

func (p *valueParser) literal(s string) error {
	if len(p.data)-p.i < len(s) || string(p.data[p.i:p.i+len(s)]) != s {
		return errSyntax
	}
	p.i += len(s)
	return nil
}

// enter and leave count the nesting of objects and arrays.
func (p *valueParser) enter() bool {
	p.depth++
	return p.depth <= maxValueDepth
}

func (p *valueParser) leave() { p.depth-- }

func (p *valueParser) object() (any, error) {
	if !p.enter() {
		return nil, errSyntax
	}
	defer p.leave()
	p.i++ // {
	m := map[string]any{}
	if p.next() == '}' {
		p.i++
		return m, nil
	}
	for {
		if p.next() != '"' {
			return nil, errSyntax
		}
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		if !p.expect(':') {
			return nil, errSyntax
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		m[k] = v // a repeated key: the last wins, as in encoding/json
		switch p.next() {
		case ',':
			p.i++
		case '}':
			p.i++
			return m, nil
		default:
			return nil, errSyntax
		}
	}
}

func (p *valueParser) array() (any, error) {
	if !p.enter() {
		return nil, errSyntax
	}
	defer p.leave()
	p.i++ // [
	a := []any{}
	if p.next() == ']' {
		p.i++
		return a, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		switch p.next() {
		case ',':
			p.i++
		case ']':
			p.i++
			return a, nil
		default:
			return nil, errSyntax
		}
	}
}

func (p *valueParser) string() (string, error) {
	start := p.i // the opening quote
	simple := true
	for i := start + 1; i < len(p.data); i++ {
		switch c := p.data[i]; {
		case c == '"':
			p.i = i + 1
			raw := p.data[start:p.i]
			if simple && utf8.Valid(raw) {
				return string(raw[1 : len(raw)-1]), nil
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", errSyntax
			}
			return s, nil
		case c == '\\':
			simple = false
			i++ // the escaped byte cannot end the string
		case c < 0x20:
			return "", errSyntax
		}
	}
	return "", errSyntax
}

// number checks JSON's number grammar and returns the text as a
// json.Number.
func (p *valueParser) number() (any, error) {
	d, start := p.data, p.i
	i := start
	digits := func() bool {
		j := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		return nil, errSyntax
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return nil, errSyntax
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return nil, errSyntax
		}
	}
	p.i = i
	return json.Number(d[start:i]), nil
}

// skip moves past one value without decoding it, checking only that its
// brackets balance and its strings end: Validate uses it to cut a document
// into parts, each of which parseValue then reads in full.
func (p *valueParser) skip() bool {
	depth := 0
	for p.next() != 0 {
		switch c := p.data[p.i]; c {
		case '{', '[':
			depth++
			p.i++
		case '}', ']':
			depth--
			p.i++
		case '"':
			if !p.skipString() {
				return false
			}
		case ',', ':':
			p.i++
		default:
			for p.i < len(p.data) && !isDelim(p.data[p.i]) {
				p.i++
			}
		}
		if depth <= 0 {
			return depth == 0
		}
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '{', '}', '[', ']', '"', ',', ':', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

func (p *valueParser) skipString() bool {
	for i := p.i + 1; i < len(p.data); i++ {
		switch p.data[i] {
		case '"':
			p.i = i + 1
			return true
		case '\\':
			i++
		}
	}
	return false
}
