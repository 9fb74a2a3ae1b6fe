package publish

import (
	"bytes"
	"crypto/x509"
	"fmt"
	"sync"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/mirror"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/site"
)

// addReleaseFiles makes the files of a release other than the signed
// list, whose digest is sum, and adds each to st as soon as it is made.
// The JSON mirror is checked against its schema before it is signed; the
// page is rendered meanwhile.
// page holds the page's banners (development key, weak signer) and
// what it shows of the certificates (recognition.add).
// mirrorFn makes the signed mirror files and adds each as soon as it is
// made (mirrorFiles, or the ones a signing station signed).
func addReleaseFiles(st *release.Staging, l *model.List, sum string, signer *x509.Certificate, page site.Options, mirrorFn func(add func(name string, data []byte)) error) error {
	st.Add(release.FileSHA2, []byte(sum)) // 64 hex chars, no newline: DSS rule R21
	st.Add(release.FileSigner, pemCert(signer))
	// The page is staged as soon as it is rendered, from its goroutine, and
	// its buffer let go once written: held to the end of the mirror's
	// signing it lay beside the mirror and its JWS, the top of the
	// build's second plateau of live memory (docs/performance.md, item 48).
	var mu sync.Mutex
	add := func(name string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		st.Add(name, data)
	}
	var perr error
	var wg sync.WaitGroup
	page.XMLHref, page.JSONHref, page.SignerCertHref, page.SignerCert = release.FileXML, release.FileJSON, release.FileSigner, signer
	page.SHA256, page.SHA2Href, page.JWSHref = sum, release.FileSHA2, release.FileJWS
	page.ManifestHref, page.HistoryHref = release.FileManifest, release.DirHistory+"/"
	wg.Go(func() {
		var html bytes.Buffer
		if perr = site.Render(&html, l, page); perr == nil {
			add(release.FileHTML, html.Bytes())
		}
	})
	err := mirrorFn(add)
	wg.Wait()
	if err != nil {
		return err
	}
	if perr != nil {
		return fmt.Errorf("HTML page: %w", perr)
	}
	return nil
}

// mirrorFiles makes the JSON mirror, checks it and signs it, adding each
// file as soon as it is made: the mirror is written and synced while it is
// checked and signed (the staging folder goes live only when every check
// has passed).
func mirrorFiles(l *model.List, key *keys.Key, add func(name string, data []byte)) error {
	add(release.FileSchema, mirror.Schema)
	js, err := mirror.Encode(l)
	if err != nil {
		return fmt.Errorf("JSON mirror: %w", err)
	}
	add(release.FileJSON, js)
	if err := mirror.Validate(js); err != nil {
		return fmt.Errorf("JSON mirror: %w", err)
	}
	jws, err := mirror.Sign(js, key.Signer, key.Cert, l.Scheme.ListIssueDateTime)
	if err != nil {
		return fmt.Errorf("sign JSON mirror: %w", err)
	}
	add(release.FileJWS, jws)
	return nil
}
