// Package jsonvalue reads JSON text in one pass into the values
// encoding/json decodes it to with UseNumber ([]any, string, json.Number,
// bool, nil), each object as its caller chooses: a map[string]any (what
// gojsonschema validates: the mirror) or Members, in order, a member named
// twice refused (what the LoTE decoder walks: a signed list must mean one
// thing). encoding/json scans every value twice (once to find its end,
// once to decode it). The reader accepts exactly the JSON encoding/json
// accepts, to the same values (TestMatchesEncodingJSON, FuzzJSONValue).
// Strings with escapes or invalid UTF-8 (rare) are handed to encoding/json.
// AppendString writes a string back as encoding/json does (the mirror and
// the lists of trusted entities write their JSON without reflection).
package jsonvalue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxDepth bounds nesting, as encoding/json does.
const MaxDepth = 10000

// A Member is one member of an object as read; Taken is the caller's, to
// record that it has read the member.
type Member struct {
	Key   string
	Value any
	Taken bool
}

// Members is an object as read with Ordered: its members in order, none
// named twice. An empty object is an empty, non-nil list.
type Members []Member

// Lookup returns the value of member k.
func (m Members) Lookup(k string) (any, bool) {
	for i := range m {
		if m[i].Key == k {
			return m[i].Value, true
		}
	}
	return nil, false
}

// Map is the object as encoding/json decodes one (its members' values as
// read).
func (m Members) Map() map[string]any {
	out := make(map[string]any, len(m))
	for _, x := range m {
		out[x.Key] = x.Value
	}
	return out
}

// MarshalJSON writes the object as encoding/json writes a map: compact,
// members sorted by name, no HTML escaping.
func (m Members) MarshalJSON() ([]byte, error) {
	s := slices.Clone(m)
	slices.SortFunc(s, func(a, b Member) int { return strings.Compare(a.Key, b.Key) })
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, x := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := e.Encode(x.Key); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		if err := e.Encode(x.Value); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// ErrRepeated is a member named twice in one object (Ordered only).
type ErrRepeated string

func (e ErrRepeated) Error() string {
	return fmt.Sprintf("member %q appears twice in one object", string(e))
}

// Parse reads data, one JSON value with white space around it, objects as
// map[string]any (a repeated member: the last wins, as in encoding/json).
func Parse(data []byte) (any, error) { return ParseAt(data, 0, false) }

// ParseOrdered is Parse with objects as Members, a repeated member refused
// with ErrRepeated.
func ParseOrdered(data []byte) (any, error) { return ParseAt(data, 0, true) }

// ParseAt is Parse (ParseOrdered if ordered) for a value nested depth deep
// in a larger document, so that the nesting limit is the whole document's.
// An error other than ErrRepeated says where the text is not JSON.
func ParseAt(data []byte, depth int, ordered bool) (any, error) {
	p := Parser{data: data, depth: depth, ordered: ordered}
	v, err := p.value()
	if p.Next(); err == nil && p.i != len(p.data) { // (a NUL byte peeks as 0 too)
		err = errors.New("text after the value")
	}
	if err != nil {
		var rep ErrRepeated
		if errors.As(err, &rep) {
			return nil, err
		}
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	return v, nil
}

// A Parser reads JSON text; the mirror uses its steps to cut a document
// into parts (NewParser, Next, Expect, ReadString, Skip, Pos).
type Parser struct {
	data    []byte
	i       int
	depth   int
	ordered bool
}

// NewParser returns a Parser at the start of data.
func NewParser(data []byte) *Parser { return &Parser{data: data} }

// Pos is the offset of the next byte to read.
func (p *Parser) Pos() int { return p.i }

func (p *Parser) fail() error {
	if p.i >= len(p.data) {
		return errors.New("unexpected end of the text")
	}
	return fmt.Errorf("unexpected %q at byte %d", p.data[p.i], p.i)
}

// Next skips white space and returns the next byte, 0 at the end (or at a
// NUL byte, which no JSON token starts with).
func (p *Parser) Next() byte {
	for ; p.i < len(p.data); p.i++ {
		switch c := p.data[p.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// Expect skips white space and consumes c.
func (p *Parser) Expect(c byte) bool {
	if p.Next() != c {
		return false
	}
	p.i++
	return true
}

func (p *Parser) value() (any, error) {
	switch c := p.Next(); {
	case c == '{' || c == '[':
		return p.container()
	case c == '"':
		return p.ReadString()
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, p.fail()
}

func (p *Parser) literal(s string) error {
	if len(p.data)-p.i < len(s) || string(p.data[p.i:p.i+len(s)]) != s {
		return p.fail()
	}
	p.i += len(s)
	return nil
}

// key reads a member's name and its colon.
func (p *Parser) key() (string, error) {
	if p.Next() != '"' {
		return "", p.fail()
	}
	k, err := p.ReadString()
	if err != nil {
		return "", err
	}
	if !p.Expect(':') {
		return "", p.fail()
	}
	return k, nil
}

// container reads the object or array the next byte opens: one loop for
// the three shapes (an array, an object as a map, as Members).
func (p *Parser) container() (any, error) {
	if p.depth++; p.depth > MaxDepth {
		return nil, errors.New("nested too deep")
	}
	defer func() { p.depth-- }()
	obj, close := p.data[p.i] == '{', byte(']')
	if obj {
		close = '}'
	}
	p.i++
	var (
		a    []any
		m    map[string]any
		ms   Members
		seen map[string]bool // Members past a few: Lookup would be quadratic
	)
	switch {
	case !obj:
		a = []any{}
	case p.ordered:
		ms = Members{}
	default:
		m = map[string]any{}
	}
	for end := p.Expect(close); !end; {
		var k string
		if obj {
			var err error
			if k, err = p.key(); err != nil {
				return nil, err
			}
			if p.ordered {
				if len(ms) == 16 {
					seen = make(map[string]bool)
					for _, x := range ms {
						seen[x.Key] = true
					}
				}
				if _, dup := ms.Lookup(k); seen == nil && dup || seen[k] {
					return nil, ErrRepeated(k)
				}
				if seen != nil {
					seen[k] = true
				}
			}
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		switch {
		case !obj:
			a = append(a, v)
		case p.ordered:
			ms = append(ms, Member{Key: k, Value: v})
		default:
			m[k] = v // a repeated key: the last wins, as in encoding/json
		}
		// The comma or the closing bracket.
		switch p.Next() {
		case ',':
			p.i++
		case close:
			p.i++
			end = true
		default:
			return nil, p.fail()
		}
	}
	switch {
	case !obj:
		return a, nil
	case p.ordered:
		return ms, nil
	}
	return m, nil
}

// ReadString reads the string the next byte opens; one with an escape or
// with bytes that are not UTF-8 is decoded by encoding/json (which writes
// U+FFFD for those).
func (p *Parser) ReadString() (string, error) {
	start, plain := p.i, true
	for p.i++; p.i < len(p.data); p.i++ {
		switch c := p.data[p.i]; {
		case c == '"':
			p.i++
			tok := p.data[start:p.i]
			if plain && utf8.Valid(tok) {
				return string(tok[1 : len(tok)-1]), nil
			}
			var s string
			if err := json.Unmarshal(tok, &s); err != nil {
				return "", err
			}
			return s, nil
		case c == '\\':
			plain = false
			p.i++ // the escaped byte does not end the string
		case c < 0x20:
			return "", p.fail()
		}
	}
	return "", p.fail()
}

// number reads a number as JSON's grammar has it: -?(0|[1-9][0-9]*)
// (.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *Parser) number() (any, error) {
	d, start := p.data, p.i
	digits := func() bool {
		j := p.i
		for p.i < len(d) && '0' <= d[p.i] && d[p.i] <= '9' {
			p.i++
		}
		return p.i > j
	}
	if d[p.i] == '-' {
		p.i++
	}
	if p.i < len(d) && d[p.i] == '0' {
		p.i++
	} else if !digits() {
		return nil, p.fail()
	}
	if p.i < len(d) && d[p.i] == '.' {
		p.i++
		if !digits() {
			return nil, p.fail()
		}
	}
	if p.i < len(d) && (d[p.i] == 'e' || d[p.i] == 'E') {
		p.i++
		if p.i < len(d) && (d[p.i] == '+' || d[p.i] == '-') {
			p.i++
		}
		if !digits() {
			return nil, p.fail()
		}
	}
	return json.Number(d[start:p.i]), nil
}

// Skip moves past one value without decoding it, checking only that its
// brackets balance and its strings end: the mirror uses it to cut a
// document into parts, each of which ParseAt then reads in full.
func (p *Parser) Skip() bool {
	depth := 0
	for p.Next() != 0 || p.i < len(p.data) { // a NUL byte: not a delimiter
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

func (p *Parser) skipString() bool {
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
