// Package templates holds the HTML templates of the published page,
// embedded so that the jtsl binary needs no files beside it.
package templates

import "embed"

// FS holds the page templates (*.html.tmpl), read by package internal/site.
//
//go:embed *.html.tmpl
var FS embed.FS
