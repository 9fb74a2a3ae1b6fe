package source

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jtsl/jtsl/schema"
)

// A list of trusted entities has one file per entity, ten thousand for a
// large list, and gojsonschema spent a quarter of their loading time on
// them: it builds a result, with formatted messages, for every branch of
// every oneOf that does not match, even in a valid file. quickValid
// answers only "valid", from the same schema files, read here as a plain
// interpreter of the keywords they use; a file it does not call valid
// goes through gojsonschema, which says what is wrong, so the messages
// are gojsonschema's as before. A keyword it does not know disables it
// for that schema. TestQuickSchemaAgrees holds its verdict to
// gojsonschema's on the samples and their mutations.

// quickSchemas are the schemas quickValid checks: those of the files a
// list of trusted entities has many of.
var quickSchemas = []string{"lote-entity.schema.json"}

// quickValid reports whether v, a file's values as toJSON gives them,
// is valid against the schema file name; false when the schema is not
// one of quickSchemas, or v is not valid.
func quickValid(name string, v any) bool {
	s := compiledQuick()[name]
	return s != nil && s.valid(v)
}

var compiledQuick = sync.OnceValue(func() map[string]*qschema {
	m := map[string]*qschema{}
	for _, n := range quickSchemas {
		if s, err := compileQuick(n); err == nil {
			m[n] = s
		}
	}
	return m
})

// A qschema is one compiled schema (or subschema).
type qschema struct {
	ref                  *qschema // $ref: the schema it names, alone
	always, never        bool     // the schemas true and false
	types                []string // JSON types, any of
	required             []string
	props                map[string]*qschema
	additional           *qschema // for members not in props; nil: any
	names                *qschema // propertyNames
	minProps, maxProps   int      // -1: no bound
	items                *qschema
	minItems, maxItems   int
	minLength, maxLength int
	pattern              *regexp.Regexp
	enum                 []any // strings and booleans
	constant             []any // one value when set
	not                  *qschema
	allOf, anyOf, oneOf  []*qschema
}

// annotations are keywords that do not change what validates.
var annotations = map[string]bool{"$schema": true, "title": true, "description": true, "examples": true,
	"default": true, "$comment": true, "definitions": true}

// compileQuick compiles the schema file name with every schema it refers
// to; an error names a keyword it cannot check exactly as gojsonschema
// does.
func compileQuick(name string) (*qschema, error) {
	c := &qcompiler{docs: map[string]any{}, done: map[string]*qschema{}}
	return c.ref(name, name)
}

type qcompiler struct {
	docs map[string]any      // schema files by name
	done map[string]*qschema // by file#pointer: refs may recur
}

// ref compiles the schema at ref ("file#/definitions/X", "#/…") from file.
func (c *qcompiler) ref(file, ref string) (*qschema, error) {
	f, ptr, _ := strings.Cut(ref, "#")
	if f == "" {
		f = file
	}
	key := f + "#" + ptr
	if s, ok := c.done[key]; ok {
		return s, nil
	}
	doc, ok := c.docs[f]
	if !ok {
		b, err := schema.FS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		c.docs[f] = doc
	}
	node := doc
	for p := range strings.SplitSeq(strings.Trim(ptr, "/"), "/") {
		if p == "" {
			continue
		}
		m, ok := node.(map[string]any)
		if !ok || m[p] == nil {
			return nil, fmt.Errorf("%s: no %s", f, ptr)
		}
		node = m[p]
	}
	s := &qschema{}
	c.done[key] = s
	return s, c.fill(s, f, node)
}

// compile compiles a subschema of file.
func (c *qcompiler) compile(file string, node any) (*qschema, error) {
	s := &qschema{}
	return s, c.fill(s, file, node)
}

func (c *qcompiler) fill(s *qschema, file string, node any) error {
	*s = qschema{minProps: -1, maxProps: -1, minItems: -1, maxItems: -1, minLength: -1, maxLength: -1}
	switch n := node.(type) {
	case bool:
		s.always, s.never = n, !n
		return nil
	case map[string]any:
		if r, ok := n["$ref"].(string); ok {
			for k := range n {
				if k != "$ref" && !annotations[k] {
					return fmt.Errorf("%s: %s beside $ref", file, k)
				}
			}
			t, err := c.ref(file, r)
			s.ref = t
			return err
		}
		for k, v := range n {
			if err := c.keyword(s, file, k, v); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%s: a schema is %T", file, node)
}

// keyword compiles one keyword of a schema object.
func (c *qcompiler) keyword(s *qschema, file, k string, v any) (err error) {
	sub := func(v any) *qschema {
		var q *qschema
		if err == nil {
			q, err = c.compile(file, v)
		}
		return q
	}
	// The keywords whose value is a count, a subschema or a list of them.
	counts := map[string]*int{"minProperties": &s.minProps, "maxProperties": &s.maxProps,
		"minItems": &s.minItems, "maxItems": &s.maxItems, "minLength": &s.minLength, "maxLength": &s.maxLength}
	subs := map[string]**qschema{"additionalProperties": &s.additional, "propertyNames": &s.names, "items": &s.items, "not": &s.not}
	lists := map[string]*[]*qschema{"allOf": &s.allOf, "anyOf": &s.anyOf, "oneOf": &s.oneOf}
	if n, ok := counts[k]; ok {
		f, ok := v.(float64)
		if !ok || f < 0 || f != float64(int(f)) {
			return fmt.Errorf("%s: %s is not a count", file, k)
		}
		*n = int(f)
		return nil
	}
	if q, ok := subs[k]; ok {
		if _, list := v.([]any); list { // items as a tuple
			return fmt.Errorf("%s: %s as a list", file, k)
		}
		*q = sub(v)
		return err
	}
	if l, ok := lists[k]; ok {
		a, _ := v.([]any)
		*l = make([]*qschema, len(a))
		for i := range a {
			(*l)[i] = sub(a[i])
		}
		return err
	}
	switch k {
	case "type":
		switch t := v.(type) {
		case string:
			s.types = []string{t}
		case []any:
			for _, x := range t {
				x, _ := x.(string)
				s.types = append(s.types, x)
			}
		}
		for _, t := range s.types {
			if !slices.Contains([]string{"object", "array", "string", "boolean", "null", "number", "integer"}, t) {
				return fmt.Errorf("%s: type %q", file, t)
			}
		}
	case "required":
		for _, x := range v.([]any) {
			s.required = append(s.required, x.(string))
		}
	case "properties":
		s.props = map[string]*qschema{}
		for p, ps := range v.(map[string]any) {
			s.props[p] = sub(ps)
		}
	case "pattern":
		s.pattern, err = regexp.Compile(v.(string))
	case "enum", "const":
		vals, _ := v.([]any)
		if k == "const" {
			vals = []any{v}
		}
		for _, x := range vals {
			switch x.(type) {
			case string, bool:
			default:
				return fmt.Errorf("%s: %s of %T", file, k, x)
			}
		}
		if k == "enum" {
			s.enum = vals
		} else {
			s.constant = vals
		}
	default:
		if !annotations[k] {
			return fmt.Errorf("%s: keyword %s", file, k)
		}
	}
	return err
}

// valid reports whether v validates against s, as JSON Schema draft 7
// (and gojsonschema) has it for these keywords.
func (s *qschema) valid(v any) bool {
	switch {
	case s.ref != nil:
		return s.ref.valid(v)
	case s.always:
		return true
	case s.never:
		return false
	}
	if s.types != nil && !slices.ContainsFunc(s.types, func(t string) bool { return isType(t, v) }) {
		return false
	}
	switch v := v.(type) {
	case map[string]any:
		if !s.validObject(v) {
			return false
		}
	case []any:
		if len(v) < s.minItems || s.maxItems >= 0 && len(v) > s.maxItems {
			return false
		}
		if s.items != nil {
			for _, x := range v {
				if !s.items.valid(x) {
					return false
				}
			}
		}
	case string:
		n := utf8.RuneCountInString(v)
		if n < s.minLength || s.maxLength >= 0 && n > s.maxLength || s.pattern != nil && !s.pattern.MatchString(v) {
			return false
		}
	}
	if s.enum != nil && !slices.Contains(s.enum, v) || s.constant != nil && !slices.Contains(s.constant, v) {
		return false
	}
	if s.not != nil && s.not.valid(v) {
		return false
	}
	for _, a := range s.allOf {
		if !a.valid(v) {
			return false
		}
	}
	if s.anyOf != nil && !slices.ContainsFunc(s.anyOf, func(a *qschema) bool { return a.valid(v) }) {
		return false
	}
	if s.oneOf != nil {
		n := 0
		for _, a := range s.oneOf {
			if a.valid(v) {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	return true
}

func (s *qschema) validObject(m map[string]any) bool {
	if len(m) < s.minProps || s.maxProps >= 0 && len(m) > s.maxProps {
		return false
	}
	for _, k := range s.required {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	for k, x := range m {
		if s.names != nil && !s.names.valid(k) {
			return false
		}
		if p, ok := s.props[k]; ok {
			if !p.valid(x) {
				return false
			}
		} else if s.additional != nil && !s.additional.valid(x) {
			return false
		}
	}
	return true
}

// isType reports whether v, a value as encoding/json decodes it with
// UseNumber, is of the JSON type t; an integer is a number without a
// fraction, however written (1.0 too), as gojsonschema has it.
func isType(t string, v any) bool {
	switch v := v.(type) {
	case map[string]any:
		return t == "object"
	case []any:
		return t == "array"
	case string:
		return t == "string"
	case bool:
		return t == "boolean"
	case nil:
		return t == "null"
	case json.Number:
		if t == "number" {
			return true
		}
		r, ok := new(big.Rat).SetString(string(v))
		return t == "integer" && ok && r.IsInt()
	}
	return false
}
