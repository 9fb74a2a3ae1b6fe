package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"fmt"
	"html/template"
	"io"
	"time"

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
	SHA2Href       string            // the .sha2 file holding that digest
	JWSHref        string            // the mirror's JWS
	ManifestHref   string            // manifest.json
	HistoryHref    string            // the folder of every release (history/)
	// DevelopmentKey and WeakSigner put a banner at the top: the list is
	// signed with the development key, or by a certificate that failed
	// the TLSO profile check (--allow-weak-signer).
	DevelopmentKey, WeakSigner bool
	// Known holds what the page shows of certificates parsed already, by
	// the SHA-256 of their DER bytes: a build has checked every service
	// certificate, and parsing them again was half of the page's time.
	// Others are parsed.
	Known map[[sha256.Size]byte]CertSummary
	// Terms are the scheme's own vocabulary and its equivalences with
	// the EU, shown as tables; the services' labels come from them.
	Terms *Terms
	// PointerHref and EquivalencesHref are the mutual recognition files:
	// the pointer the EC would put in its AdES LOTL, and the equivalence
	// table as JSON.
	PointerHref, EquivalencesHref string
	// LoTEs are the lists of trusted entities published with the list;
	// nil: none.
	LoTEs *LoTEs
}

// A CertSummary is what the page shows of a certificate. Sample and
// Source come from the sources (a list has no place for them): a
// generated certificate is shown as a sample, a real one with where it
// was taken from.
type CertSummary struct {
	Subject             string
	NotBefore, NotAfter time.Time
	Sample              bool
	Source              string
}

// Summarize returns c's summary.
func Summarize(c *x509.Certificate) CertSummary {
	return CertSummary{Subject: model.DistinguishedName(c.RawSubject, c.Subject), NotBefore: c.NotBefore, NotAfter: c.NotAfter}
}

var page = template.Must(template.ParseFS(templates.FS, "index.html.tmpl"))

// Render writes the page of l to w.
func Render(w io.Writer, l *model.List, opts Options) error {
	v := newView(l, opts)
	// The template writes in many small pieces: room for the whole page
	// up front when w is a buffer (as in a release), else a write buffer.
	b, ok := w.(*bytes.Buffer)
	var bw *bufio.Writer
	if ok {
		n := 32 << 10 // the page without its articles, with room to spare
		for i := range v.TSPs {
			n += articlesSize(v.TSPs[i].Services) + 512
		}
		// And an eighth more: a TSP's heading, names and links (about
		// 600 bytes in the synthetic lists) must not make the buffer
		// double (by 13 MB at 10 000 services) for its last bytes.
		b.Grow(n + n/8)
	} else {
		bw = bufio.NewWriterSize(w, 64<<10)
		b = new(bytes.Buffer) // a TSP's articles, then written to bw
	}
	aw := &articleWriter{w: w, tsps: v.TSPs, html: htmlWriter{b}, direct: ok}
	if bw != nil {
		aw.w = bw
	}
	if err := page.Execute(aw, v); err != nil {
		return fmt.Errorf("render page: %w", err)
	}
	if aw.err == nil && aw.next != len(v.TSPs) {
		aw.err = fmt.Errorf("%d of %d TSPs' articles written", aw.next, len(v.TSPs))
	}
	if aw.err != nil {
		return fmt.Errorf("render page: %w", aw.err)
	}
	if bw != nil {
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("render page: %w", err)
		}
	}
	return nil
}

// articlesMark is what the template writes where a TSP's articles go: a
// comment, which no escaped value can make (its '<' would be escaped) and
// the template's text does not hold.
const articlesMark = "<!--jtsl:articles-->"

// An articleWriter passes the template's writes on to w, replacing each
// write of articlesMark (html/template writes a template.HTML value in
// one piece) by the articles of the next TSP, written by html: into w
// itself when w is the page's buffer, else through html's buffer.
type articleWriter struct {
	w      io.Writer
	tsps   []tspView
	next   int
	html   htmlWriter
	direct bool
	err    error
}

func (a *articleWriter) Write(p []byte) (int, error) {
	if string(p) != articlesMark {
		return a.w.Write(p)
	}
	if a.next == len(a.tsps) {
		a.err = fmt.Errorf("more article marks than the %d TSPs", len(a.tsps))
		return 0, a.err
	}
	a.html.articles(a.tsps[a.next].Services)
	a.next++
	if !a.direct {
		_, err := a.w.Write(a.html.Bytes())
		a.html.Reset()
		if err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
