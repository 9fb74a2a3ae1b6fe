// Package fetch reads the trusted lists a list of lists points to: local
// files, or HTTPS URLs fetched with a timeout and a size limit and kept in
// a cache folder, so that a consumer never hangs on, or buffers, a hostile
// server's answer.
package fetch

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// A Fetcher gets lists by file path or HTTPS URL.
type Fetcher struct {
	// CacheDir keeps the last good copy of each URL; empty disables it.
	CacheDir string
	// Timeout bounds one download; zero means 30 s.
	Timeout time.Duration
	// MaxBytes bounds one list; zero means 64 MiB.
	MaxBytes int64
	// Client is the HTTP client; nil means a default one that does not
	// follow redirects (TS 119 612 clause 6.1: no redirects).
	Client *http.Client
}

// Get returns the bytes of a list at loc.
func (f *Fetcher) Get(ctx context.Context, loc string) ([]byte, error) {
	max := f.MaxBytes
	if max <= 0 {
		max = 64 << 20
	}
	u, err := url.Parse(loc)
	if err != nil || u.Scheme == "" || len(u.Scheme) == 1 { // a Windows drive letter is a path
		return readFile(loc, max)
	}
	switch u.Scheme {
	case "file":
		return readFile(u.Path, max)
	case "https":
	default:
		return nil, fmt.Errorf("%s: only https URLs are fetched", loc)
	}
	data, err := f.download(ctx, loc, max)
	if err != nil {
		if cached, cerr := f.cached(loc); cerr == nil {
			return cached, nil
		}
		return nil, err
	}
	f.store(loc, data)
	return data, nil
}

func (f *Fetcher) download(ctx context.Context, loc string, max int64) ([]byte, error) {
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := f.Client
	if client == nil {
		client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, loc, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", loc, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: HTTP %s", loc, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", loc, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("fetch %s: more than %d bytes", loc, max)
	}
	return data, nil
}

func readFile(p string, max int64) ([]byte, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: more than %d bytes", p, max)
	}
	return data, nil
}

func (f *Fetcher) cachePath(loc string) string {
	sum := sha256.Sum256([]byte(loc))
	return filepath.Join(f.CacheDir, hex.EncodeToString(sum[:16])+".xml")
}

func (f *Fetcher) cached(loc string) ([]byte, error) {
	if f.CacheDir == "" {
		return nil, errors.New("no cache")
	}
	return os.ReadFile(f.cachePath(loc))
}

func (f *Fetcher) store(loc string, data []byte) {
	if f.CacheDir == "" || os.MkdirAll(f.CacheDir, 0o755) != nil {
		return
	}
	tmp := f.cachePath(loc) + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, f.cachePath(loc))
	}
}

// PointerCerts returns the signer certificates an OtherTSLPointer names:
// the only signers EU DSS accepts for the pointed list (R30).
func PointerCerts(p model.Pointer) []*x509.Certificate {
	var out []*x509.Certificate
	for _, id := range p.Identities {
		for _, d := range id {
			if d.Certificate == nil {
				continue
			}
			if c, err := x509.ParseCertificate(d.Certificate); err == nil {
				out = append(out, c)
			}
		}
	}
	return out
}
