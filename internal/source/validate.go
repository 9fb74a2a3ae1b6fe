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

var (
	schemasOnce sync.Once
	schemas     map[string]*gojsonschema.Schema
	schemasErr  error
)

// compiled returns the compiled schema by file name (scheme.schema.json,
// tsp.schema.json); their relative $refs resolve inside package schema.
func compiled(name string) (*gojsonschema.Schema, error) {
	schemasOnce.Do(func() {
		schemas = map[string]*gojsonschema.Schema{}
		for _, n := range []string{"scheme.schema.json", "tsp.schema.json"} {
			l := gojsonschema.NewReferenceLoaderFileSystem("file:///"+n, http.FS(schema.FS))
			s, err := gojsonschema.NewSchema(l)
			if err != nil {
				schemasErr = fmt.Errorf("compile %s: %w", n, err)
				return
			}
			schemas[n] = s
		}
	})
	return schemas[name], schemasErr
}

// validate checks a parsed file against its schema and maps every error
// back to a YAML position and path.
func validate(f *File, schemaName string) (diag.List, error) {
	s, err := compiled(schemaName)
	if err != nil {
		return nil, err
	}
	budget := maxExpanded
	v, err := toJSON(f.root, &budget)
	if err != nil {
		return diag.List{{Rule: "yaml", Severity: diag.Error, Pos: f.Pos(""), Message: err.Error()}}, nil
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
			msg = fmt.Sprintf("unknown key %q (a typo? unknown keys are refused so that no data is silently dropped)", prop)
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
