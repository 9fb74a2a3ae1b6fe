// Package schema holds the JSON Schemas of the sources (scheme.yaml and
// tsps/*.yaml). They validate the YAML in jtsl and in editors: each YAML
// file names its schema in a yaml-language-server modeline.
package schema

import "embed"

// FS holds scheme.schema.json, tsp.schema.json and the definitions they
// share, defs.schema.json.
//
//go:embed *.schema.json
var FS embed.FS
