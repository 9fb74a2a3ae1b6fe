package main

import (
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// outputFormat returns the --format value, which must be one of allowed
// (the first is the default), or a usage error listing them.
func outputFormat(c *cli.Context, allowed ...string) (string, error) {
	f := c.String("format")
	if !slices.Contains(allowed, f) {
		return "", usagef("--format must be %s, got %q", strings.Join(allowed, " or "), f)
	}
	return f, nil
}

// writeJSON writes v as one indented JSON object: every --format json
// report. Characters such as & and < stay as they are (reports quote
// URIs and names; nothing here is embedded in HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
