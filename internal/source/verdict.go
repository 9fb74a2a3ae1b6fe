package source

import (
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jtsl/jtsl/schema"
)

// A verdict is a schema of package schema read for one answer: is a
// value valid? gojsonschema interprets a schema through maps and
// reflection and formats a message, through text/template, for every
// alternative of a oneOf that does not match (every multilingual value
// is one): a quarter of loading 10 000 services went there. A valid
// file, nearly every file, is now answered here; a file this finds
// invalid is validated again by gojsonschema, whose findings are
// reported. The schema files stay the one statement of the rules: this
// reads them, as gojsonschema v1.2.0 does for the keywords they use
// (with $ref, the other keywords of a schema are ignored; a number is
// an integer when its value is), and refuses to compile a schema with
// any other keyword, which is then always left to gojsonschema.
// TestVerdictAgrees and FuzzVerdict hold the two to the same answers.
type verdict struct {
	pass *bool // a true or false schema
	ref  *verdict

	types              []string
	oneOf, allOf       []*verdict
	not                *verdict
	enum               []string // as marshalWithoutNumber writes them
	konst              *string
	required           []string
	props              map[string]*verdict
	patternProps       []patternVerdict
	additional         *verdict // nil: anything; see noAdditional
	noAdditional       bool
	propertyNames      *verdict
	minProps, maxProps int // -1: none
	items              *verdict
	minItems, maxItems int // -1: none
	pattern            *regexp.Regexp
	minLen, maxLen     int // -1: none
	minimum, maximum   *big.Rat
}

type patternVerdict struct {
	re *regexp.Regexp
	v  *verdict
}

// verdictKeys are the keywords compileVerdict understands; annotations
// change no answer.
var verdictKeys = map[string]bool{
	"$schema": true, "title": true, "description": true, "examples": true, "definitions": true, "$comment": true, "default": true,
	"$ref": true, "type": true, "oneOf": true, "allOf": true, "not": true, "enum": true, "const": true,
	"required": true, "properties": true, "patternProperties": true, "additionalProperties": true, "propertyNames": true,
	"minProperties": true, "maxProperties": true, "items": true, "minItems": true, "maxItems": true,
	"pattern": true, "minLength": true, "maxLength": true, "minimum": true, "maximum": true,
}

// verdictCompiler compiles the schemas of package schema, each
// (file, JSON pointer) once, so that recursive references end.
type verdictCompiler struct {
	docs map[string]any
	done map[string]*verdict
}

// compileVerdict compiles the schema file name (scheme.schema.json, …).
func compileVerdict(name string) (*verdict, error) {
	c := &verdictCompiler{docs: map[string]any{}, done: map[string]*verdict{}}
	return c.ref(name, "")
}

// ref compiles the schema at pointer (such as /definitions/X) in file.
func (c *verdictCompiler) ref(file, pointer string) (*verdict, error) {
	key := file + "#" + pointer
	if v, ok := c.done[key]; ok {
		return v, nil
	}
	doc, ok := c.docs[file]
	if !ok {
		b, err := schema.FS.ReadFile(file)
		if err != nil {
			return nil, err
		}
		d := json.NewDecoder(strings.NewReader(string(b)))
		d.UseNumber()
		if err := d.Decode(&doc); err != nil {
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
		if node, ok = m[strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)]; !ok {
			return nil, fmt.Errorf("%s: no %s", file, pointer)
		}
	}
	v := &verdict{}
	c.done[key] = v
	if err := c.compile(v, file, node); err != nil {
		return nil, fmt.Errorf("%s#%s: %w", file, pointer, err)
	}
	return v, nil
}

// sub compiles a schema inside file.
func (c *verdictCompiler) sub(file string, node any) (*verdict, error) {
	v := &verdict{}
	return v, c.compile(v, file, node)
}

func (c *verdictCompiler) subs(file string, node any) ([]*verdict, error) {
	list, ok := node.([]any)
	if !ok || len(list) == 0 {
		return nil, fmt.Errorf("not a list of schemas")
	}
	out := make([]*verdict, len(list))
	for i, n := range list {
		var err error
		if out[i], err = c.sub(file, n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *verdictCompiler) compile(v *verdict, file string, node any) error {
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
			v.props = map[string]*verdict{}
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
			v.pattern, err = regexp.Compile(s)
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

// valid reports whether x, a value as toJSON gives it, is valid.
func (v *verdict) valid(x any) bool {
	if v.pass != nil {
		return *v.pass
	}
	if v.ref != nil {
		return v.ref.valid(x)
	}
	if len(v.types) > 0 && !v.typeOK(x) {
		return false
	}
	if len(v.oneOf) > 0 {
		n := 0
		for _, s := range v.oneOf {
			if s.valid(x) {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	for _, s := range v.allOf {
		if !s.valid(x) {
			return false
		}
	}
	if v.not != nil && v.not.valid(x) {
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
				if !v.items.valid(it) {
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
		if v.pattern != nil && !v.pattern.MatchString(x) {
			return false
		}
	}
	return true
}

func (v *verdict) validObject(x map[string]any) bool {
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
		if known && !p.valid(val) {
			return false
		}
		matched := false
		for _, pp := range v.patternProps {
			if pp.re.MatchString(k) {
				matched = true
				if !pp.v.valid(val) {
					return false
				}
			}
		}
		if !known && !matched {
			if v.noAdditional || v.additional != nil && !v.additional.valid(val) {
				return false
			}
		}
		if v.propertyNames != nil && !v.propertyNames.valid(k) {
			return false
		}
	}
	return true
}

// typeOK is gojsonschema's check of "type".
func (v *verdict) typeOK(x any) bool {
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
