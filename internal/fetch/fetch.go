// Package fetch reads the trusted lists a consumer names or a list of lists
// points to: local files, URLs mapped to local files, or http(s) URLs
// fetched with a timeout and a size limit and kept in a cache folder, so that a
// consumer never hangs on, or buffers, a hostile server's answer.
//
// The cache holds the last good download of each URL, as
// CacheDir/<first 32 hex digits of the URL's SHA-256>.xml, and answers
// when a later download fails.
package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/safefile"
)

// A Fetcher gets lists by file path or http(s) URL. Plain http is read
// as EU DSS reads it: a list's authenticity comes from its signature,
// which the caller checks, not from the transport.
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
	// Map serves URLs from local files (URL → file path): a mapped URL is
	// never requested.
	Map map[string]string
	// Offline makes no network request: an unmapped URL is not available.
	Offline bool
}

// A StaleError comes with the data of the cached copy of a URL whose
// download failed: the caller may use the data, and should say that it is
// the last good download, not necessarily the current list.
type StaleError struct {
	URL, File string
	Err       error // why the download failed
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("the download failed (%v); the cached copy %s is used", e.Err, e.File)
}

func (e *StaleError) Unwrap() error { return e.Err }

// ErrOffline is returned for an unmapped URL when Offline is set.
var ErrOffline = errors.New("not available offline: map the URL to a local file with --map URL=FILE")

// Get returns the bytes of a list the user named: a file path, a file:
// URL, a mapped URL or an http(s) URL.
func (f *Fetcher) Get(ctx context.Context, loc string) ([]byte, error) {
	if file, ok := f.Map[loc]; ok {
		return readFile(file, f.max())
	}
	u, err := url.Parse(loc)
	if err != nil || u.Scheme == "" || len(u.Scheme) == 1 { // a Windows drive letter is a path
		return readFile(loc, f.max())
	}
	if u.Scheme == "file" {
		return readFile(u.Path, f.max())
	}
	return f.GetURL(ctx, loc)
}

// GetURL returns the bytes of a list at a location taken from a
// downloaded list: a mapped URL's file, or an http(s) download. It never
// reads a local path the location names. When the download fails and the
// cache has a copy, it returns the copy with a *StaleError.
func (f *Fetcher) GetURL(ctx context.Context, loc string) ([]byte, error) {
	if file, ok := f.Map[loc]; ok {
		return readFile(file, f.max())
	}
	u, err := url.Parse(loc)
	if err != nil || !(strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http")) || u.Host == "" {
		return nil, fmt.Errorf("%s: only http and https URLs are fetched", loc)
	}
	if f.Offline {
		return nil, fmt.Errorf("%s: %w", loc, ErrOffline)
	}
	max := f.max()
	data, _, err := f.download(ctx, loc, max)
	if err != nil {
		if cached, cerr := f.cached(loc); cerr == nil {
			return cached, &StaleError{URL: loc, File: f.cachePath(loc), Err: err}
		}
		return nil, err
	}
	if err := f.store(loc, data); err != nil {
		return nil, err
	}
	return data, nil
}

// Live downloads an HTTPS URL as the world gets it now: never from Map,
// Offline or the cache (a monitoring job checks what is served, not a
// copy). It returns the bytes and the Content-Type header served.
func (f *Fetcher) Live(ctx context.Context, loc string) ([]byte, string, error) {
	u, err := url.Parse(loc)
	if err != nil || !strings.EqualFold(u.Scheme, "https") || u.Host == "" {
		return nil, "", fmt.Errorf("%s: only https URLs are fetched", loc)
	}
	return f.download(ctx, loc, f.max())
}

func (f *Fetcher) max() int64 {
	if f.MaxBytes <= 0 {
		return 64 << 20
	}
	return f.MaxBytes
}

func (f *Fetcher) download(ctx context.Context, loc string, max int64) ([]byte, string, error) {
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
		return nil, "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", loc, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("fetch %s: HTTP %s", loc, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, "", fmt.Errorf("fetch %s: %w", loc, err)
	}
	if int64(len(data)) > max {
		return nil, "", fmt.Errorf("fetch %s: more than %d bytes", loc, max)
	}
	return data, resp.Header.Get("Content-Type"), nil
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

// store keeps data as the last good copy of loc, replacing the previous
// copy in one step. A cache that cannot be written is an error: the user
// asked for one (--cache) and would otherwise rely on a stale copy
// without knowing.
func (f *Fetcher) store(loc string, data []byte) error {
	if f.CacheDir == "" {
		return nil
	}
	if err := os.MkdirAll(f.CacheDir, 0o755); err != nil {
		return fmt.Errorf("download cache: %w (give --cache a writable folder, or --cache \"\" for none)", err)
	}
	dst := f.cachePath(loc)
	if err := safefile.Replace(dst, data, 0o644); err != nil {
		return fmt.Errorf("download cache: keep %s as %s: %w (give --cache a writable folder, or --cache \"\" for none)", loc, dst, err)
	}
	return nil
}
