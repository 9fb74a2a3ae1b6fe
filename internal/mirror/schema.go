package mirror

import (
	_ "embed"
	"fmt"
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
	compiled    *gojsonschema.Schema
	compileErr  error
)

// Validate checks a mirror against Schema.
func Validate(js []byte) error {
	compileOnce.Do(func() {
		compiled, compileErr = gojsonschema.NewSchema(gojsonschema.NewBytesLoader(Schema))
	})
	if compileErr != nil {
		return compileErr
	}
	res, err := compiled.Validate(gojsonschema.NewBytesLoader(js))
	if err != nil {
		return err
	}
	if !res.Valid() {
		var msgs []string
		for _, e := range res.Errors() {
			msgs = append(msgs, e.String())
		}
		return fmt.Errorf("JSON mirror does not match its schema: %s", strings.Join(msgs, "; "))
	}
	return nil
}
