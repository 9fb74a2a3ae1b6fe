package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"
	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/jsonverdict"
	"github.com/jtsl/jtsl/schema"
)

// maxExpanded bounds the nodes an alias-expanded document may have (a
// "billion laughs" YAML stays small on disk but not in memory).
const maxExpanded = 200_000

var errExpansion = errors.New("aliases expand to too many nodes (an alias expansion attack?)")

// toJSON converts a YAML node to the values gojsonschema validates: what
// encoding/json with UseNumber would decode, so that the schema sees the
// value directly (gojsonschema.NewRawLoader) without a JSON round trip.
func toJSON(n *yaml.Node, budget *int) (any, error) {
	*budget--
	if *budget < 0 {
		return nil, errExpansion
	}
	switch n.Kind {
	case yaml.AliasNode:
		return toJSON(n.Alias, budget)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := toJSON(n.Content[i+1], budget)
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := toJSON(c, budget)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool":
			return n.Value == "true" || n.Value == "True" || n.Value == "TRUE", nil
		case "!!int":
			if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
				return json.Number(strconv.FormatInt(i, 10)), nil
			}
		case "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
				if b, err := json.Marshal(f); err == nil {
					return json.Number(b), nil
				}
			}
		}
		return n.Value, nil // strings, and timestamps kept as written
	}
	return nil, nil
}

// schemaFiles are the schemas files are validated against.
var schemaFiles = []string{"scheme.schema.json", "tsp.schema.json", "vocabulary.schema.json", "mra.schema.json", "lote-scheme.schema.json", "lote-entity.schema.json", "lote-vocabulary.schema.json"}

// verdicts answer for valid files first (see package jsonverdict), by
// schema file name; nil for a schema it cannot read (TestVerdictAgrees
// says which). They share their definitions, compiled once.
var verdicts = sync.OnceValue(func() map[string]*jsonverdict.Schema {
	out := map[string]*jsonverdict.Schema{}
	vc := jsonverdict.NewCompiler(schema.FS.ReadFile)
	for _, n := range schemaFiles {
		out[n], _ = vc.Compile(n, "")
	}
	return out
})

// gojsonschemas compile each schema for gojsonschema when it is first
// needed, for a file the verdict finds invalid: compiling the seven
// takes longer than building a small list.
var gojsonschemas = func() map[string]func() (*gojsonschema.Schema, error) {
	out := map[string]func() (*gojsonschema.Schema, error){}
	for _, n := range schemaFiles {
		out[n] = sync.OnceValues(func() (*gojsonschema.Schema, error) {
			s, err := gojsonschema.NewSchema(gojsonschema.NewReferenceLoaderFileSystem("file:///"+n, http.FS(schema.FS)))
			if err != nil {
				return nil, fmt.Errorf("compile %s: %w", n, err)
			}
			return s, nil
		})
	}
	return out
}()

// compiled returns gojsonschema's schema by file name (scheme.schema.json,
// tsp.schema.json); their relative $refs resolve inside package schema.
func compiled(name string) (*gojsonschema.Schema, error) {
	c, ok := gojsonschemas[name]
	if !ok {
		return nil, fmt.Errorf("no schema %s", name)
	}
	return c()
}

// validate checks a parsed file against its schema and maps every error
// back to a YAML position and path.
func validate(f *File, schemaName string) (diag.List, error) {
	budget := maxExpanded
	v, err := toJSON(f.root, &budget)
	if err != nil {
		return diag.List{{Rule: "yaml", Severity: diag.Error, Pos: f.Pos(""), Message: err.Error()}}, nil
	}
	if vs := verdicts()[schemaName]; vs != nil && vs.Valid(v) {
		return nil, nil
	}
	s, err := compiled(schemaName)
	if err != nil {
		return nil, err
	}
	res, err := s.Validate(gojsonschema.NewRawLoader(v))
	if err != nil {
		return nil, err
	}
	return schemaDiags(f, res.Errors()), nil
}

// schemaDiags turns gojsonschema errors into diagnostics. A failed oneOf
// brings the errors of every alternative; only the most specific ones are
// kept so that the message says what is wrong, not which branch failed.
func schemaDiags(f *File, errs []gojsonschema.ResultError) diag.List {
	var out diag.List
	seen := map[string]bool{}
	deepest := map[string]bool{}
	for _, e := range errs {
		deepest[fieldPath(e)] = true
	}
	for _, e := range errs {
		path := fieldPath(e)
		msg := e.Description()
		switch e.Type() {
		case "number_one_of", "number_any_of":
			if hasDeeper(deepest, path) {
				continue
			}
			msg = "has the wrong shape: " + hint(path)
		case "additional_property_not_allowed":
			prop, _ := e.Details()["property"].(string)
			path = join(path, prop)
			msg = fmt.Sprintf("unknown key %q (unknown keys are refused so that no data is silently dropped)", prop)
			if k := closestKey(prop); k != "" {
				d := diag.Diagnostic{Rule: "schema", Severity: diag.Error, Pos: f.Pos(path), Path: path,
					Message: fmt.Sprintf("unknown key %q: did you mean %q?", prop, k),
					Fix:     &diag.Fix{Message: "rename the key", Value: k}}
				if k := d.Pos.String() + path; !seen[k] {
					seen[k] = true
					out = append(out, d)
				}
				continue
			}
		case "pattern", "format":
			msg = "is not written as expected: " + formWords(e.Details())
		case "required":
			prop, _ := e.Details()["property"].(string)
			msg = fmt.Sprintf("missing mandatory field %q", prop)
			pos := f.Pos(path)
			k := pos.String() + msg
			if !seen[k] {
				seen[k] = true
				out = append(out, diag.Diagnostic{Rule: "schema", Severity: diag.Error, Pos: pos, Path: join(path, prop), Message: msg})
			}
			continue
		case "invalid_type":
			msg = fmt.Sprintf("wrong type: expected %v, got %v", e.Details()["expected"], e.Details()["given"])
		}
		pos := f.Pos(path)
		k := pos.String() + path + msg
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, diag.Diagnostic{Rule: "schema", Severity: diag.Error, Pos: pos, Path: path, Message: msg})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Line < out[j].Pos.Line })
	return out
}

// formWords says in words what form a value must have, for a pattern
// or format the schemas use: a reader should never have to read a
// regular expression.
func formWords(details map[string]any) string {
	p := fmt.Sprint(details["format"])
	if r, ok := details["pattern"]; ok {
		p = fmt.Sprint(r) // a *regexp.Regexp
	}
	if w, ok := patternWords[p]; ok {
		return w
	}
	return "see the description of this field in the schema (your editor shows it)"
}

// patternWords has one entry for each pattern and format of schema/.
var patternWords = map[string]string{
	`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$`: "write a date as 2026-04-01T00:00:00Z (UTC, with the Z, no fraction of a second)",
	`^[A-Z]{2}$`:                          "write a two-letter country code in capitals, such as JP",
	`^[A-Za-z0-9+/=]+$`:                   "write base64 (letters, digits, +, / and =) on one line, without spaces",
	`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`: "write a language tag such as en, ja or pt-BR",
	`^[A-Za-z_][A-Za-z0-9_.-]*$`:          "write an identifier of letters, digits, _, . and -, starting with a letter or _",
	`^[^/\\].*\.(pem|crt|cer)$`:           "write a file path relative to the sources folder ending in .pem, .crt or .cer, such as certs/x.pem",
	`^[^/\\].*\.pem$`:                     "write a file path relative to the sources folder ending in .pem, such as certs/key.pem",
	`^[a-z0-9][a-z0-9-]*$`:                "write lower-case letters, digits and -, such as digital-agency",
	"uri":                                 "write an absolute URI such as https://www.example.jp/tsl",
	"date-time":                           "write a date as 2026-04-01T00:00:00Z (UTC, with the Z, no fraction of a second)",
}

// closestKey returns the key of the schemas nearest to an unknown one (a
// typo), or "" when none is near.
func closestKey(k string) string {
	keys := schemaKeys()
	best, bestD := "", min(3, len(k)/3+1)
	for _, c := range keys {
		if c == k {
			// A key of another file or place (mra.yaml's eu:, say):
			// renaming it to itself would be no advice.
			continue
		}
		if d := diag.Distance(strings.ToLower(k), c, bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

var schemaKeys = sync.OnceValue(func() []string {
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for k := range props {
					seen[k] = true
				}
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	for _, n := range []string{"defs.schema.json", "scheme.schema.json", "tsp.schema.json", "vocabulary.schema.json", "mra.schema.json", "lote-scheme.schema.json", "lote-entity.schema.json", "lote-vocabulary.schema.json"} {
		b, err := schema.FS.ReadFile(n)
		var v any
		if err == nil && json.Unmarshal(b, &v) == nil {
			walk(v)
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
})

// fieldPath converts gojsonschema's "(root).services.0.status" into
// "services[0].status".
func fieldPath(e gojsonschema.ResultError) string {
	p := e.Field()
	if p == "(root)" {
		return ""
	}
	var b strings.Builder
	for _, part := range strings.Split(p, ".") {
		if _, err := strconv.Atoi(part); err == nil {
			b.WriteString("[" + part + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteString(".")
		}
		b.WriteString(part)
	}
	return b.String()
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func hasDeeper(paths map[string]bool, p string) bool {
	for q := range paths {
		if len(q) > len(p) && strings.HasPrefix(q, p) {
			return true
		}
	}
	return false
}

// hint explains the usual shapes of fields that accept several forms.
func hint(path string) string {
	switch {
	case strings.HasSuffix(path, "identity"):
		return "expected {certificate: certs/x.pem} or a list of DigitalId entries"
	case strings.HasSuffix(path, "postal"):
		return "expected {en: {street, locality, country}, ja: {...}}"
	default:
		return "expected a map {en: …, ja: …} with an English value, or a list [{en: …}]"
	}
}
