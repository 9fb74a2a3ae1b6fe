// Package jsonverdict answers one question of a JSON Schema: is a value
// valid? gojsonschema interprets a schema through maps and reflection
// and formats a message, through text/template, for every alternative
// of a oneOf that does not match, even when the document is valid: most
// of the time of checking the sources and the JSON mirror went there.
// The callers ask here first and ask gojsonschema only for a value found
// invalid, for its findings. The schema files stay the one statement of
// the rules: a Compiler reads them, as gojsonschema v1.2.0 does for the
// keywords they use ($ref ignores its siblings; a number is an integer
// when its value is; enum and const compare values as gojsonschema writes
// them), and refuses a schema with any other keyword, which its caller
// then leaves to gojsonschema alone. The callers' tests hold the two to
// the same answers (source.TestVerdictAgrees, FuzzVerdict, mirror's
// TestVerdictAgrees).
package jsonverdict

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jtsl/jtsl/internal/jsonvalue"
)

// A Schema is a compiled schema.
type Schema struct {
	pass *bool // a true or false schema
	ref  *Schema

	types              []string
	oneOf, allOf       []*Schema
	not                *Schema
	enum               []string // as marshalWithoutNumber writes them
	konst              *string
	required           []string
	props              map[string]*Schema
	patternProps       []patternVerdict
	additional         *Schema // nil: anything; see noAdditional
	noAdditional       bool
	propertyNames      *Schema
	minProps, maxProps int // -1: none
	items              *Schema
	minItems, maxItems int // -1: none
	pattern            *pattern
	minLen, maxLen     int // -1: none
	minimum, maximum   *big.Rat
}

// A pattern is a regular expression; one such as ^[A-Za-z0-9+/=]+$, a
// character class over a whole string (base64 is most of a list's bytes),
// is matched by a table of its bytes instead.
type pattern struct {
	re    *regexp.Regexp
	class *[256]bool // the ASCII bytes of the class; nil: use re
	empty bool       // the class may match the empty string (*)
}

// compilePattern compiles p as gojsonschema does (regexp.Compile); a
// class read into a table (always a valid expression) needs no regexp.
func compilePattern(p string) (*pattern, error) {
	if out := classPattern(p); out != nil {
		return out, nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	return &pattern{re: re}, nil
}

// classPattern reads p as one ASCII character class over a whole
// string; nil when it is not one.
func classPattern(p string) *pattern {
	body, ok := strings.CutPrefix(p, "^[")
	if !ok {
		return nil
	}
	body, rest, ok := strings.Cut(body, "]")
	if !ok || (rest != "+$" && rest != "*$") || body == "" {
		return nil
	}
	alnum := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' }
	var class [256]bool
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case alnum(c) && i+2 < len(body) && body[i+1] == '-' && alnum(body[i+2]) && c <= body[i+2]:
			for b := int(c); b <= int(body[i+2]); b++ {
				class[b] = true
			}
			i += 2
		case alnum(c) || strings.IndexByte("+/=_.: ", c) >= 0:
			class[c] = true
		default: // an escape, a negation, a range of other bytes: left to re
			return nil
		}
	}
	return &pattern{class: &class, empty: rest == "*$"}
}

// match is re.MatchString(s): every byte of s in the class, which holds
// only ASCII (a byte of a multi-byte or invalid UTF-8 sequence is none
// of them, as its rune is not in the class).
func (p *pattern) match(s string) bool {
	if p.class == nil {
		return p.re.MatchString(s)
	}
	if s == "" {
		return p.empty
	}
	for i := 0; i < len(s); i++ {
		if !p.class[s[i]] {
			return false
		}
	}
	return true
}

type patternVerdict struct {
	re *regexp.Regexp
	v  *Schema
}

// verdictKeys are the keywords a Compiler understands; annotations
// change no answer.
var verdictKeys = map[string]bool{
	"$schema": true, "title": true, "description": true, "examples": true, "definitions": true, "$comment": true, "default": true,
	"$ref": true, "type": true, "oneOf": true, "allOf": true, "not": true, "enum": true, "const": true,
	"required": true, "properties": true, "patternProperties": true, "additionalProperties": true, "propertyNames": true,
	"minProperties": true, "maxProperties": true, "items": true, "minItems": true, "maxItems": true,
	"pattern": true, "minLength": true, "maxLength": true, "minimum": true, "maximum": true,
}

// A Compiler compiles schemas, each (file, JSON pointer) once, so that
// schemas that refer to the same definitions share them and recursive
// references end. It is not safe for concurrent use.
type Compiler struct {
	read func(file string) ([]byte, error)
	docs map[string]any
	done map[string]*Schema
}

// NewCompiler returns a compiler that reads a schema file's bytes with
// read.
func NewCompiler(read func(file string) ([]byte, error)) *Compiler {
	return &Compiler{read: read, docs: map[string]any{}, done: map[string]*Schema{}}
}

// Compile compiles the schema at pointer (such as /definitions/entity,
// or "" for the whole file) in file.
func (c *Compiler) Compile(file, pointer string) (*Schema, error) {
	return c.ref(file, pointer)
}

// pointerToken unescapes a JSON pointer's token.
var pointerToken = strings.NewReplacer("~1", "/", "~0", "~")

// ref compiles the schema at pointer (such as /definitions/X) in file.
func (c *Compiler) ref(file, pointer string) (*Schema, error) {
	key := file + "#" + pointer
	if v, ok := c.done[key]; ok {
		return v, nil
	}
	doc, ok := c.docs[file]
	if !ok {
		b, err := c.read(file)
		if err != nil {
			return nil, err
		}
		// As encoding/json decodes with UseNumber, in a third of the time
		// (compiling the sources' schemas is on every build's way).
		if doc, err = jsonvalue.Parse(b); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		c.docs[file] = doc
	}
	node := doc
	for _, tok := range strings.Split(pointer, "/")[1:] {
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: no %s", file, pointer)
		}
		if node, ok = m[pointerToken.Replace(tok)]; !ok {
			return nil, fmt.Errorf("%s: no %s", file, pointer)
		}
	}
	v := &Schema{}
	c.done[key] = v
	if err := c.compile(v, file, node); err != nil {
		return nil, fmt.Errorf("%s#%s: %w", file, pointer, err)
	}
	return v, nil
}

// sub compiles a schema inside file.
func (c *Compiler) sub(file string, node any) (*Schema, error) {
	v := &Schema{}
	return v, c.compile(v, file, node)
}

func (c *Compiler) subs(file string, node any) ([]*Schema, error) {
	list, ok := node.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Errorf("not a list of schemas")
	}
	out := make([]*Schema, len(list))
	for i, n := range list {
		var err error
		if out[i], err = c.sub(file, n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *Compiler) compile(v *Schema, file string, node any) error {
	v.minProps, v.maxProps, v.minItems, v.maxItems, v.minLen, v.maxLen = -1, -1, -1, -1, -1, -1
	if b, ok := node.(bool); ok {
		v.pass = &b
		return nil
	}
	m, ok := node.(map[string]any)
	if !ok {
		return fmt.Errorf("a schema is an object or a boolean, not %T", node)
	}
	if r, ok := m["$ref"]; ok {
		s, _ := r.(string)
		f, p, _ := strings.Cut(s, "#")
		if f == "" {
			f = file
		}
		var err error
		v.ref, err = c.ref(f, p)
		return err
	}
	for k, x := range m {
		if !verdictKeys[k] {
			return fmt.Errorf("keyword %q is not read here", k)
		}
		var err error
		switch k {
		case "type":
			switch t := x.(type) {
			case string:
				v.types = []string{t}
			case []any:
				for _, s := range t {
					s, ok := s.(string)
					if !ok {
						return fmt.Errorf("type %v", t)
					}
					v.types = append(v.types, s)
				}
			default:
				return fmt.Errorf("type %v", x)
			}
		case "oneOf":
			v.oneOf, err = c.subs(file, x)
		case "allOf":
			v.allOf, err = c.subs(file, x)
		case "not":
			v.not, err = c.sub(file, x)
		case "enum":
			list, ok := x.([]any)
			if !ok {
				return fmt.Errorf("enum %v", x)
			}
			for _, e := range list {
				s, err := marshalWithoutNumber(e)
				if err != nil {
					return err
				}
				v.enum = append(v.enum, s)
			}
		case "const":
			s, err := marshalWithoutNumber(x)
			if err != nil {
				return err
			}
			v.konst = &s
		case "required":
			list, ok := x.([]any)
			if !ok {
				return fmt.Errorf("required %v", x)
			}
			for _, r := range list {
				s, ok := r.(string)
				if !ok {
					return fmt.Errorf("required %v", x)
				}
				v.required = append(v.required, s)
			}
		case "properties":
			props, ok := x.(map[string]any)
			if !ok {
				return fmt.Errorf("properties %v", x)
			}
			v.props = map[string]*Schema{}
			for name, p := range props {
				if v.props[name], err = c.sub(file, p); err != nil {
					return err
				}
			}
		case "patternProperties":
			props, ok := x.(map[string]any)
			if !ok {
				return fmt.Errorf("patternProperties %v", x)
			}
			for pat, p := range props {
				re, err := regexp.Compile(pat)
				if err != nil {
					return err
				}
				s, err := c.sub(file, p)
				if err != nil {
					return err
				}
				v.patternProps = append(v.patternProps, patternVerdict{re, s})
			}
		case "additionalProperties":
			if b, ok := x.(bool); ok {
				v.noAdditional = !b
			} else {
				v.additional, err = c.sub(file, x)
			}
		case "propertyNames":
			v.propertyNames, err = c.sub(file, x)
		case "items":
			if _, ok := x.([]any); ok {
				return fmt.Errorf("items as a list is not read here")
			}
			v.items, err = c.sub(file, x)
		case "pattern":
			s, _ := x.(string)
			v.pattern, err = compilePattern(s)
		case "minProperties", "maxProperties", "minItems", "maxItems", "minLength", "maxLength":
			n, ok := x.(json.Number)
			i, ierr := n.Int64()
			if !ok || ierr != nil || i < 0 {
				return fmt.Errorf("%s %v", k, x)
			}
			*map[string]*int{"minProperties": &v.minProps, "maxProperties": &v.maxProps, "minItems": &v.minItems,
				"maxItems": &v.maxItems, "minLength": &v.minLen, "maxLength": &v.maxLen}[k] = int(i)
		case "minimum", "maximum":
			n, ok := x.(json.Number)
			r, rok := new(big.Rat).SetString(string(n))
			if !ok || !rok {
				return fmt.Errorf("%s %v", k, x)
			}
			if k == "minimum" {
				v.minimum = r
			} else {
				v.maximum = r
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// marshalWithoutNumber writes a value as gojsonschema compares enum and
// const values: JSON, with numbers read back as float64 (1.0 is 1).
func marshalWithoutNumber(x any) (string, error) {
	b, err := json.Marshal(x)
	if err != nil {
		return "", err
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return "", err
	}
	b, err = json.Marshal(doc)
	return string(b), err
}

// Valid reports whether x is valid: x is a value as encoding/json
// decodes one with UseNumber (nil, bool, json.Number, string, []any,
// map[string]any).
func (v *Schema) Valid(x any) bool {
	if v.pass != nil {
		return *v.pass
	}
	if v.ref != nil {
		return v.ref.Valid(x)
	}
	if len(v.types) > 0 && !v.typeOK(x) {
		return false
	}
	if len(v.oneOf) > 0 {
		n := 0
		for _, s := range v.oneOf {
			if s.Valid(x) {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	for _, s := range v.allOf {
		if !s.Valid(x) {
			return false
		}
	}
	if v.not != nil && v.not.Valid(x) {
		return false
	}
	if len(v.enum) > 0 || v.konst != nil {
		s, err := marshalWithoutNumber(x)
		if err != nil || len(v.enum) > 0 && !slices.Contains(v.enum, s) || v.konst != nil && s != *v.konst {
			return false
		}
	}
	switch x := x.(type) {
	case map[string]any:
		return v.validObject(x)
	case []any:
		if v.minItems >= 0 && len(x) < v.minItems || v.maxItems >= 0 && len(x) > v.maxItems {
			return false
		}
		if v.items != nil {
			for _, it := range x {
				if !v.items.Valid(it) {
					return false
				}
			}
		}
	case json.Number:
		if v.minimum != nil || v.maximum != nil {
			r, ok := new(big.Rat).SetString(string(x))
			if !ok || v.minimum != nil && r.Cmp(v.minimum) < 0 || v.maximum != nil && r.Cmp(v.maximum) > 0 {
				return false
			}
		}
	case string:
		if v.minLen >= 0 || v.maxLen >= 0 {
			n := utf8.RuneCountInString(x)
			if v.minLen >= 0 && n < v.minLen || v.maxLen >= 0 && n > v.maxLen {
				return false
			}
		}
		if v.pattern != nil && !v.pattern.match(x) {
			return false
		}
	}
	return true
}

func (v *Schema) validObject(x map[string]any) bool {
	if v.minProps >= 0 && len(x) < v.minProps || v.maxProps >= 0 && len(x) > v.maxProps {
		return false
	}
	for _, r := range v.required {
		if _, ok := x[r]; !ok {
			return false
		}
	}
	for k, val := range x {
		p, known := v.props[k]
		if known && !p.Valid(val) {
			return false
		}
		matched := false
		for _, pp := range v.patternProps {
			if pp.re.MatchString(k) {
				matched = true
				if !pp.v.Valid(val) {
					return false
				}
			}
		}
		if !known && !matched {
			if v.noAdditional || v.additional != nil && !v.additional.Valid(val) {
				return false
			}
		}
		if v.propertyNames != nil && !v.propertyNames.Valid(k) {
			return false
		}
	}
	return true
}

// typeOK is gojsonschema's check of "type".
func (v *Schema) typeOK(x any) bool {
	var t string
	switch x := x.(type) {
	case nil:
		t = "null"
	case json.Number:
		if slices.Contains(v.types, "number") {
			return true
		}
		r, ok := new(big.Rat).SetString(string(x))
		return ok && r.IsInt() && slices.Contains(v.types, "integer")
	case []any:
		t = "array"
	case map[string]any:
		t = "object"
	case bool:
		t = "boolean"
	case string:
		t = "string"
	default:
		return false
	}
	return slices.Contains(v.types, t)
}
