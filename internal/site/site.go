package site

import (
	"crypto/x509"
	"fmt"
	"html/template"
	"io"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/templates"
)

// Options name the release files the page links to. Empty hrefs leave the
// link out.
type Options struct {
	XMLHref        string            // the signed list
	JSONHref       string            // its JSON mirror
	SignerCertHref string            // the scheme operator's certificate (PEM)
	SignerCert     *x509.Certificate // shown with subject, validity and SHA-256; nil: not shown
	SHA256         string            // lowercase hex SHA-256 of the XML bytes
}

var page = template.Must(template.ParseFS(templates.FS, "index.html.tmpl"))

// Render writes the page of l to w.
func Render(w io.Writer, l *model.List, opts Options) error {
	if err := page.Execute(w, newView(l, opts)); err != nil {
		return fmt.Errorf("render page: %w", err)
	}
	return nil
}
