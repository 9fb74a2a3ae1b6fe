package publish

import (
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// previous is the release a build continues from.
type previous struct {
	path string
	dir  string // release folder holding it (Out), or "" for --previous
	data []byte
	list *model.List
	// signer is the certificate that signed it (KeyInfo).
	signer *x509.Certificate
}

// loadPrevious reads and verifies the previous release. A previous release
// that does not verify stops the build: its sequence number cannot be
// trusted to continue from.
func loadPrevious(opts Options) (*previous, error) {
	p := &previous{path: opts.Previous}
	if p.path == "" {
		p.path = filepath.Join(opts.Out, release.FileXML)
		p.dir = opts.Out
	}
	data, err := readIfExists(p.path)
	if err != nil {
		return nil, fmt.Errorf("read previous release: %w", err)
	}
	if data == nil {
		if opts.Previous != "" {
			return nil, fmt.Errorf("read previous release: %s does not exist", opts.Previous)
		}
		return nil, nil
	}
	p.data = data
	if err := p.verify(); err != nil {
		return nil, fmt.Errorf("previous release: %w", err)
	}
	return p, nil
}

func (p *previous) verify() error {
	if p.dir != "" {
		sha, err := os.ReadFile(filepath.Join(p.dir, release.FileSHA2))
		if err != nil {
			return fmt.Errorf("%s: read %s: %w", p.path, release.FileSHA2, err)
		}
		if string(sha) != release.SHA2(p.data) {
			return fmt.Errorf("%s: %s does not match the list's SHA-256", p.path, release.FileSHA2)
		}
	}
	// No evaluation time: the signer certificate is checked at the
	// SigningTime (R18), which may be after ListIssueDateTime as in most
	// real lists; the list may have expired since; and the build itself
	// refuses an issue time before the previous release's.
	r := verify.Check(p.data, verify.Options{File: p.path, Limits: xmldoc.Own(p.data),
		SkipFreshness: true, Versions: verify.AnyVersion})
	if err := r.Err(); err != nil {
		return err
	}
	p.list = r.Model()
	p.signer = r.SignerCert()
	return nil
}
