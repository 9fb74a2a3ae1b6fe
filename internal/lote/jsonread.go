package lote

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// The JSON binding is read by readJSON into plain values for the
// decoder (jdec) to walk: each object a list of its members in order
// (members), each array []any, each string a string, each number a
// json.Number as written, true and false, null as nil. encoding/json
// scanned the text twice (once to find the value's end, once to decode
// it), hashed every member into a map, and the text was scanned a third
// time for repeated members: for a 10 000-entity list, most of the
// strict decoding that precedes its signing. readJSON accepts exactly
// the text encoding/json accepts, to the same values, and refuses a
// member named twice in one object however it is spelled
// (TestReadJSONMatchesEncodingJSON, FuzzReadJSON).

// A jmember is one member of an object as read; taken records that the
// decoder has read it.
type jmember struct {
	k     string
	v     any
	taken bool
}

// members is a JSON object as read: its members in order, none named
// twice. An empty object is an empty, non-nil list.
type members []jmember

// lookup returns the value of member k without taking it.
func (m members) lookup(k string) (any, bool) {
	for i := range m {
		if m[i].k == k {
			return m[i].v, true
		}
	}
	return nil, false
}

// asMap is the object as encoding/json decodes one (a JWK's few members).
func (m members) asMap() map[string]any {
	out := make(map[string]any, len(m))
	for _, x := range m {
		out[x.k] = x.v
	}
	return out
}

// MarshalJSON writes the object as encoding/json writes a map: compact,
// members sorted by name (an extension of no known shape is kept so).
func (m members) MarshalJSON() ([]byte, error) {
	s := slices.Clone(m)
	slices.SortFunc(s, func(a, b jmember) int { return strings.Compare(a.k, b.k) })
	b := []byte{'{'}
	for i, x := range s {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := marshal(x.k)
		if err != nil {
			return nil, err
		}
		v, err := marshal(x.v)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// maxJSONDepth bounds nesting, as encoding/json does.
const maxJSONDepth = 10000

// errRepeated is a member named twice in one object.
type errRepeated string

func (e errRepeated) Error() string {
	return fmt.Sprintf("member %q appears twice in one object", string(e))
}

// jreader reads one JSON text.
type jreader struct {
	data  []byte
	i     int
	depth int
}

// readJSON reads data, one JSON value with white space around it.
func readJSON(data []byte) (any, error) {
	r := &jreader{data: data}
	v, err := r.value()
	if r.peek(); err == nil && r.i != len(r.data) { // (a NUL byte peeks as 0 too)
		err = errors.New("text after the value")
	}
	if err != nil {
		var rep errRepeated
		if errors.As(err, &rep) {
			return nil, err
		}
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	return v, nil
}

func (r *jreader) fail() error {
	if r.i >= len(r.data) {
		return errors.New("unexpected end of the text")
	}
	return fmt.Errorf("unexpected %q at byte %d", r.data[r.i], r.i)
}

// peek skips white space and returns the next byte, 0 at the end (or
// at a NUL byte, which no JSON token starts with).
func (r *jreader) peek() byte {
	for ; r.i < len(r.data); r.i++ {
		switch c := r.data[r.i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// eat consumes c, the next byte past white space.
func (r *jreader) eat(c byte) bool {
	if r.peek() != c {
		return false
	}
	r.i++
	return true
}

func (r *jreader) value() (any, error) {
	switch c := r.peek(); {
	case c == '{':
		return r.object()
	case c == '[':
		return r.array()
	case c == '"':
		return r.str()
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	}
	for _, lit := range []struct {
		s string
		v any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(r.data)-r.i >= len(lit.s) && string(r.data[r.i:r.i+len(lit.s)]) == lit.s {
			r.i += len(lit.s)
			return lit.v, nil
		}
	}
	return nil, r.fail()
}

func (r *jreader) object() (any, error) {
	if r.depth++; r.depth > maxJSONDepth {
		return nil, errors.New("nested too deep")
	}
	defer func() { r.depth-- }()
	r.i++ // {
	m := members{}
	if r.eat('}') {
		return m, nil
	}
	var seen map[string]bool // past a few members: lookup would be quadratic
	for {
		if r.peek() != '"' {
			return nil, r.fail()
		}
		k, err := r.str()
		if err != nil {
			return nil, err
		}
		if len(m) == 16 {
			seen = make(map[string]bool)
			for _, x := range m {
				seen[x.k] = true
			}
		}
		if _, dup := m.lookup(k); seen == nil && dup || seen[k] {
			return nil, errRepeated(k)
		}
		if seen != nil {
			seen[k] = true
		}
		if !r.eat(':') {
			return nil, r.fail()
		}
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		m = append(m, jmember{k: k, v: v})
		if r.eat('}') {
			return m, nil
		}
		if !r.eat(',') {
			return nil, r.fail()
		}
	}
}

func (r *jreader) array() (any, error) {
	if r.depth++; r.depth > maxJSONDepth {
		return nil, errors.New("nested too deep")
	}
	defer func() { r.depth-- }()
	r.i++ // [
	a := []any{}
	if r.eat(']') {
		return a, nil
	}
	for {
		v, err := r.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		if r.eat(']') {
			return a, nil
		}
		if !r.eat(',') {
			return nil, r.fail()
		}
	}
}

// str reads a string; one with an escape or with bytes that are not
// UTF-8 is decoded by encoding/json (which writes U+FFFD for those).
func (r *jreader) str() (string, error) {
	start, plain := r.i, true
	for r.i++; r.i < len(r.data); r.i++ {
		switch c := r.data[r.i]; {
		case c == '"':
			r.i++
			tok := r.data[start:r.i]
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
			r.i++ // the escaped byte does not end the string
		case c < 0x20:
			return "", r.fail()
		}
	}
	return "", r.fail()
}

// number reads a number as JSON's grammar has it: -?(0|[1-9][0-9]*)
// (.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *jreader) number() (any, error) {
	d, start := r.data, r.i
	digits := func() bool {
		j := r.i
		for r.i < len(d) && '0' <= d[r.i] && d[r.i] <= '9' {
			r.i++
		}
		return r.i > j
	}
	if d[r.i] == '-' {
		r.i++
	}
	if r.i < len(d) && d[r.i] == '0' {
		r.i++
	} else if !digits() {
		return nil, r.fail()
	}
	if r.i < len(d) && d[r.i] == '.' {
		r.i++
		if !digits() {
			return nil, r.fail()
		}
	}
	if r.i < len(d) && (d[r.i] == 'e' || d[r.i] == 'E') {
		r.i++
		if r.i < len(d) && (d[r.i] == '+' || d[r.i] == '-') {
			r.i++
		}
		if !digits() {
			return nil, r.fail()
		}
	}
	return json.Number(d[start:r.i]), nil
}
