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

func compile() {
	whole, compileErr = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(Schema))
	if compileErr != nil {
		return
	}
	var s map[string]any
	if compileErr = json.Unmarshal(Schema, &s); compileErr != nil {
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
	// One pass splits the document; anything not of the shape Encode
	// writes (an unknown or repeated key included) goes to the whole
	// schema, which says why.
	scheme, entities, ok := split(js)
	if !ok || len(entities) < 2 {
		return verdict(validateDoc(whole, js, ""))
	}
	skeleton, err := json.Marshal(map[string]any{"LoTE": map[string]any{
		"ListAndSchemeInformation": scheme, "TrustedEntitiesList": entities[:1]}})
	if err != nil {
		return verdict(validateDoc(whole, js, ""))
	}

	msgs := make([][]string, len(entities))
	msgs[0] = validateDoc(whole, skeleton, "")
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				msgs[i] = validateDoc(entity, entities[i], "LoTE.TrustedEntitiesList."+strconv.Itoa(i))
			}
		})
	}
	for i := 1; i < len(entities); i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return verdict(slices.Concat(msgs...))
}

// split reads {"LoTE": {"ListAndSchemeInformation": …,
// "TrustedEntitiesList": […]}} with keys exactly so, each once, and
// returns the parts.
func split(js []byte) (scheme json.RawMessage, entities []json.RawMessage, ok bool) {
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
		return nil, nil, false
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		k, isKey := t.(string)
		if err != nil || !isKey || seen[k] {
			return nil, nil, false
		}
		seen[k] = true
		switch k {
		case "ListAndSchemeInformation":
			if dec.Decode(&scheme) != nil {
				return nil, nil, false
			}
		case "TrustedEntitiesList":
			if !delim('[') {
				return nil, nil, false
			}
			for dec.More() {
				var e json.RawMessage
				if dec.Decode(&e) != nil {
					return nil, nil, false
				}
				entities = append(entities, e)
			}
			if !delim(']') {
				return nil, nil, false
			}
		default:
			return nil, nil, false
		}
	}
	if !delim('}') || !delim('}') || scheme == nil {
		return nil, nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, false
	}
	return scheme, entities, true
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
