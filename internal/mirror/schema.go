package mirror

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/xeipuuv/gojsonschema"
)

// Schema is the mirror's own JSON Schema, stricter than the ETSI one; it
// documents the jtsl* encodings and is published with every release.
//
//go:embed schema.json
var Schema []byte

var (
	compileOnce sync.Once
	whole       *gojsonschema.Schema // Schema itself
	entity      *gojsonschema.Schema // one element of TrustedEntitiesList
	compileErr  error
)

// base64Patterns are the schema's patterns over base64 text (certificate
// values: most of a large mirror's bytes), and the format that checks the
// same language without a regular expression engine, many times faster.
// The published schema keeps the patterns; TestBase64Formats holds the
// formats to them.
var base64Patterns = map[string]string{
	"^[A-Za-z0-9+/=]+$": "jtsl-base64",
	"^[A-Za-z0-9+/=]*$": "jtsl-base64-or-empty",
}

// base64Format implements base64Patterns' formats.
type base64Format struct{ empty bool }

func (f base64Format) IsFormat(v any) bool {
	s, ok := v.(string)
	if !ok {
		return true // formats, like patterns, apply to strings only
	}
	if s == "" {
		return f.empty
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}

// withFormats replaces base64Patterns in a decoded schema by their formats.
func withFormats(v any) {
	switch x := v.(type) {
	case map[string]any:
		if p, ok := x["pattern"].(string); ok {
			if f, ok := base64Patterns[p]; ok {
				delete(x, "pattern")
				x["format"] = f
			}
		}
		for _, c := range x {
			withFormats(c)
		}
	case []any:
		for _, c := range x {
			withFormats(c)
		}
	}
}

func compile() {
	gojsonschema.FormatCheckers.Add("jtsl-base64", base64Format{})
	gojsonschema.FormatCheckers.Add("jtsl-base64-or-empty", base64Format{empty: true})
	var s map[string]any
	if compileErr = json.Unmarshal(Schema, &s); compileErr != nil {
		return
	}
	withFormats(s)
	whole, compileErr = gojsonschema.NewSchema(gojsonschema.NewGoLoader(s))
	if compileErr != nil {
		return
	}
	sub := map[string]any{
		"$schema":     s["$schema"],
		"definitions": s["definitions"],
		"$ref":        "#/definitions/entity",
	}
	entity, compileErr = gojsonschema.NewSchema(gojsonschema.NewGoLoader(sub))
}

// Validate checks a mirror against Schema. A large list is checked in
// parts: the document with only its first trusted entity against the whole
// schema, then every other entity against the schema's entity definition,
// on every core. The verdict and the messages (sorted) are those of
// checking the whole document at once, without holding it decoded in
// memory (several times the size of the JSON text).
func Validate(js []byte) error {
	compileOnce.Do(compile)
	if compileErr != nil {
		return compileErr
	}
	// One pass splits the document, handing each trusted entity after the
	// first to the workers as it is read; anything not of the shape Encode
	// writes (an unknown or repeated key included) goes to the whole
	// schema, which says why.
	type job struct {
		i int
		e json.RawMessage
	}
	var (
		mu   sync.Mutex
		msgs []string
		wg   sync.WaitGroup
	)
	jobs := make(chan job, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range jobs {
				m := validateDoc(entity, j.e, "LoTE.TrustedEntitiesList."+strconv.Itoa(j.i))
				if len(m) > 0 {
					mu.Lock()
					msgs = append(msgs, m...)
					mu.Unlock()
				}
			}
		})
	}
	var first json.RawMessage
	n := 0
	scheme, ok := split(js, func(e json.RawMessage) {
		if n == 0 {
			first = e
		} else {
			jobs <- job{n, e}
		}
		n++
	})
	close(jobs)
	wg.Wait()
	if !ok || n < 2 {
		return verdict(validateDoc(whole, js, ""))
	}
	skeleton, err := json.Marshal(map[string]any{"LoTE": map[string]any{
		"ListAndSchemeInformation": scheme, "TrustedEntitiesList": []json.RawMessage{first}}})
	if err != nil {
		return verdict(validateDoc(whole, js, ""))
	}
	return verdict(append(msgs, validateDoc(whole, skeleton, "")...))
}

// split reads {"LoTE": {"ListAndSchemeInformation": …,
// "TrustedEntitiesList": […]}} with keys exactly so, each once, returns
// the scheme information and hands each entity to entity, in order.
func split(js []byte, entity func(json.RawMessage)) (scheme json.RawMessage, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(js))
	delim := func(want json.Delim) bool {
		t, err := dec.Token()
		return err == nil && t == want
	}
	key := func(want string) bool {
		t, err := dec.Token()
		return err == nil && t == want
	}
	if !delim('{') || !key("LoTE") || !delim('{') {
		return nil, false
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		k, isKey := t.(string)
		if err != nil || !isKey || seen[k] {
			return nil, false
		}
		seen[k] = true
		switch k {
		case "ListAndSchemeInformation":
			if dec.Decode(&scheme) != nil {
				return nil, false
			}
		case "TrustedEntitiesList":
			if !delim('[') {
				return nil, false
			}
			for dec.More() {
				var e json.RawMessage
				if dec.Decode(&e) != nil {
					return nil, false
				}
				entity(e)
			}
			if !delim(']') {
				return nil, false
			}
		default:
			return nil, false
		}
	}
	if !delim('}') || !delim('}') || scheme == nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return scheme, true
}

// validateDoc returns the schema's messages for doc, their fields under
// prefix.
func validateDoc(s *gojsonschema.Schema, doc []byte, prefix string) []string {
	res, err := s.Validate(gojsonschema.NewBytesLoader(bytes.TrimSpace(doc)))
	if err != nil {
		return []string{err.Error()}
	}
	var out []string
	for _, e := range res.Errors() {
		field := e.Field()
		switch {
		case prefix == "":
		case field == "(root)":
			field = prefix
		default:
			field = prefix + "." + field
		}
		out = append(out, field+": "+e.Description())
	}
	return out
}

func verdict(msgs []string) error {
	if len(msgs) == 0 {
		return nil
	}
	// gojsonschema's order changes from run to run (map order).
	slices.Sort(msgs)
	return fmt.Errorf("JSON mirror does not match its schema: %s", strings.Join(msgs, "; "))
}
