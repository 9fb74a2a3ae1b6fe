// Package templates holds the HTML templates of the published page,
// embedded so that the jtsl binary needs no files beside it.
package templates

import "embed"

// FS holds *.html.tmpl.
//
//go:embed *.html.tmpl
var FS embed.FS
