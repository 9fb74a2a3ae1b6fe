package mirror

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xeipuuv/gojsonschema"

	"github.com/jtsl/jtsl/internal/jsonvalue"
	"github.com/jtsl/jtsl/internal/jsonverdict"
)

// Schema is the mirror's own JSON Schema, stricter than the ETSI one; it
// documents the jtsl* encodings and is published with every release.
//
//go:embed schema.json
var Schema []byte

var (
	// gojsonschema's schemas are compiled when first needed (gojson): for
	// a mirror the verdict finds invalid. Compiling them took longer than
	// encoding, checking and signing the sample's mirror.
	compileOnce sync.Once
	whole       *gojsonschema.Schema // Schema itself
	entity      *gojsonschema.Schema // one element of TrustedEntitiesList
	compileErr  error
	// wholeV and entityV answer for a valid document or entity first
	// (see package jsonverdict): nil when they cannot read the schema.
	verdictOnce     sync.Once
	wholeV, entityV *jsonverdict.Schema
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

// gojson returns gojsonschema's schema s (&whole or &entity), compiled on
// first use.
func gojson(s **gojsonschema.Schema) (*gojsonschema.Schema, error) {
	compileOnce.Do(compile)
	return *s, compileErr
}

func compileVerdicts() {
	vc := jsonverdict.NewCompiler(func(string) ([]byte, error) { return Schema, nil })
	wholeV, _ = vc.Compile("mirror.schema.json", "")
	entityV, _ = vc.Compile("mirror.schema.json", "/definitions/entity")
}

// Validate checks a mirror against Schema. A large list is checked in
// parts: the document with only its first trusted entity against the whole
// schema, then every other entity against the schema's entity definition,
// on every core. The verdict and the messages (sorted) are those of
// checking the whole document at once (TestValidateInParts).
func Validate(js []byte) error {
	verdictOnce.Do(compileVerdicts)
	// One pass cuts the document, handing each trusted entity to the
	// workers, which decode and check it; anything not of the shape Encode
	// writes (an unknown or repeated key, or text that is not JSON) goes
	// to the whole schema, which says why.
	type job struct {
		i int
		e []byte
	}
	var (
		mu    sync.Mutex
		msgs  []string
		first any
		bad   atomic.Bool
		wg    sync.WaitGroup
	)
	jobs := make(chan job, 64)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range jobs {
				v, err := jsonvalue.ParseAt(j.e, entityDepth, false)
				if err != nil {
					bad.Store(true)
					continue
				}
				if j.i == 0 {
					first = v // checked with the scheme information below
					continue
				}
				m := validateValue(&entity, entityV, v, "LoTE.TrustedEntitiesList."+strconv.Itoa(j.i))
				if len(m) > 0 {
					mu.Lock()
					msgs = append(msgs, m...)
					mu.Unlock()
				}
			}
		})
	}
	n := 0
	scheme, ok := split(js, func(e []byte) {
		jobs <- job{n, e}
		n++
	})
	close(jobs)
	wg.Wait()
	if !ok || n == 0 || bad.Load() {
		return verdict(validateDoc(&whole, js, ""))
	}
	skeleton := map[string]any{"LoTE": map[string]any{
		"ListAndSchemeInformation": scheme, "TrustedEntitiesList": []any{first}}}
	return verdict(append(msgs, validateValue(&whole, wholeV, skeleton, "")...))
}

// entityDepth is how deep a trusted entity's value sits in a mirror: in
// the document's object, LoTE's object and the list's array.
const entityDepth = 3

// split reads {"LoTE": {"ListAndSchemeInformation": …,
// "TrustedEntitiesList": […]}} with keys exactly so, each once, returns
// the scheme information decoded and hands each entity's text to entity,
// in order.
func split(js []byte, entity func([]byte)) (scheme any, ok bool) {
	p := jsonvalue.NewParser(js)
	// key reads a member name and its colon.
	key := func() (string, bool) {
		if p.Next() != '"' {
			return "", false
		}
		k, err := p.ReadString()
		return k, err == nil && p.Expect(':')
	}
	if !p.Expect('{') {
		return nil, false
	}
	if k, ok := key(); !ok || k != "LoTE" || !p.Expect('{') {
		return nil, false
	}
	var seenScheme, seenList bool
	for {
		k, ok := key()
		switch {
		case !ok:
			return nil, false
		case k == "ListAndSchemeInformation" && !seenScheme:
			seenScheme = true
			start := p.Pos()
			if !p.Skip() {
				return nil, false
			}
			v, err := jsonvalue.ParseAt(js[start:p.Pos()], entityDepth-1, false)
			if err != nil {
				return nil, false
			}
			scheme = v
		case k == "TrustedEntitiesList" && !seenList:
			seenList = true
			if !p.Expect('[') {
				return nil, false
			}
			if p.Expect(']') {
				break
			}
			for {
				start := p.Pos()
				if !p.Skip() {
					return nil, false
				}
				entity(js[start:p.Pos()])
				if p.Expect(']') {
					break
				}
				if !p.Expect(',') {
					return nil, false
				}
			}
		default: // another member, or one repeated
			return nil, false
		}
		if p.Expect('}') {
			break
		}
		if !p.Expect(',') {
			return nil, false
		}
	}
	if !p.Expect('}') || !seenScheme || !seenList {
		return nil, false
	}
	p.Next()
	return scheme, p.Pos() == len(js)
}

// validateDoc returns the messages of schema *s (&whole or &entity) for
// doc, their fields under prefix.
func validateDoc(s **gojsonschema.Schema, doc []byte, prefix string) []string {
	// gojsonschema reads the first value and ignores what follows it.
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	gs, err := gojson(s)
	if err != nil {
		return []string{err.Error()}
	}
	res, err := gs.Validate(gojsonschema.NewBytesLoader(bytes.TrimSpace(doc)))
	return fieldMessages(res, err, prefix)
}

// validateValue is validateDoc for a document jsonvalue.Parse has decoded;
// a value the verdict finds valid is not validated again.
func validateValue(s **gojsonschema.Schema, sv *jsonverdict.Schema, v any, prefix string) []string {
	if sv != nil && sv.Valid(v) {
		return nil
	}
	gs, err := gojson(s)
	if err != nil {
		return []string{err.Error()}
	}
	res, err := gs.Validate(gojsonschema.NewRawLoader(v))
	return fieldMessages(res, err, prefix)
}

// fieldMessages returns a validation's messages, their fields under prefix.
func fieldMessages(res *gojsonschema.Result, err error, prefix string) []string {
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
