package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	big := strings.Repeat("x", 2000)
	// The slow server answers only once the client has given up: the
	// timeout is what ends the request, however loaded the machine.
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/tl.xml":
			w.Write([]byte("<tl/>"))
		case "/big.xml":
			w.Write([]byte(big))
		case "/slow.xml":
			<-r.Context().Done()
			w.Write([]byte("<late/>"))
		case "/redirect.xml":
			http.Redirect(w, r, "/tl.xml", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	f := &Fetcher{Client: client, MaxBytes: 1000, Timeout: 2 * time.Second, CacheDir: t.TempDir()}
	ctx := context.Background()
	if b, err := f.Get(ctx, srv.URL+"/tl.xml"); err != nil || string(b) != "<tl/>" {
		t.Fatalf("get: %q %v", b, err)
	}
	for _, p := range []string{"/big.xml", "/slow.xml", "/redirect.xml", "/missing.xml"} {
		if _, err := f.Get(ctx, srv.URL+p); err == nil {
			t.Errorf("%s: want an error", p)
		}
	}
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<plain/>")) }))
	defer plain.Close()
	if b, err := f.Get(ctx, plain.URL+"/tl.xml"); err != nil || string(b) != "<plain/>" {
		t.Errorf("plain http: %q %v", b, err)
	}
	// The cache answers when the server is gone, and says so.
	srv.Close()
	var stale *StaleError
	if b, err := f.Get(ctx, srv.URL+"/tl.xml"); !errors.As(err, &stale) || string(b) != "<tl/>" || !strings.Contains(err.Error(), "the cached copy") {
		t.Errorf("cache: %q %v", b, err)
	}
}

// TestGetURL: a location taken from a downloaded list is a mapped URL or
// an http(s) URL, never a local path; offline, nothing is requested.
func TestGetURL(t *testing.T) {
	requests := 0
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Write([]byte("<net/>"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	local := filepath.Join(dir, "local.xml")
	os.WriteFile(local, []byte("<local/>"), 0o644)
	ctx := context.Background()
	f := &Fetcher{Client: srv.Client(), Map: map[string]string{"https://mapped.example/tl.xml": local}}
	for _, loc := range []string{local, "file://" + local, "ftp://127.0.0.1:1/tl.xml", "tl.xml", "http:///tl.xml"} {
		if b, err := f.GetURL(ctx, loc); err == nil || !strings.Contains(err.Error(), "only http and https URLs are fetched") {
			t.Errorf("%s: %q %v, want refused", loc, b, err)
		}
	}
	if b, err := f.GetURL(ctx, "https://mapped.example/tl.xml"); err != nil || string(b) != "<local/>" {
		t.Errorf("mapped: %q %v", b, err)
	}
	if b, err := f.GetURL(ctx, srv.URL+"/tl.xml"); err != nil || string(b) != "<net/>" || requests != 1 {
		t.Errorf("https: %q %v (%d requests)", b, err, requests)
	}
	// Plain http is fetched: the caller checks the list's signature.
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<plain/>")) }))
	defer plain.Close()
	if b, err := (&Fetcher{}).GetURL(ctx, plain.URL+"/tl.xml"); err != nil || string(b) != "<plain/>" {
		t.Errorf("http: %q %v", b, err)
	}
	// The user's own locations may be files; a mapped URL is the file.
	if b, err := f.Get(ctx, local); err != nil || string(b) != "<local/>" {
		t.Errorf("Get file: %q %v", b, err)
	}
	f.Offline = true
	_, err := f.GetURL(ctx, srv.URL+"/tl.xml")
	if !errors.Is(err, ErrOffline) || !strings.Contains(err.Error(), "--map URL=FILE") {
		t.Errorf("offline: %v", err)
	}
	if _, err := f.Get(ctx, srv.URL+"/tl.xml"); !errors.Is(err, ErrOffline) {
		t.Errorf("offline Get: %v", err)
	}
	if b, err := f.GetURL(ctx, "https://mapped.example/tl.xml"); err != nil || string(b) != "<local/>" {
		t.Errorf("offline, mapped: %q %v", b, err)
	}
	if requests != 1 {
		t.Errorf("%d requests, want 1 (none offline)", requests)
	}
}

// TestCacheWriteError: a cache that cannot be written is an error that
// names the cache and what to do, not a silent stale copy.
func TestCacheWriteError(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<tl/>")) }))
	defer srv.Close()
	blocker := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocker, nil, 0o644)
	f := &Fetcher{Client: srv.Client(), CacheDir: filepath.Join(blocker, "cache")} // a folder under a file
	_, err := f.GetURL(context.Background(), srv.URL+"/tl.xml")
	if err == nil || !strings.Contains(err.Error(), "download cache") || !strings.Contains(err.Error(), "--cache") {
		t.Errorf("want a cache error naming --cache, got %v", err)
	}
	// The layout the README documents.
	f.CacheDir = t.TempDir()
	if _, err := f.GetURL(context.Background(), srv.URL+"/tl.xml"); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(srv.URL + "/tl.xml"))
	if b, err := os.ReadFile(filepath.Join(f.CacheDir, hex.EncodeToString(sum[:16])+".xml")); err != nil || string(b) != "<tl/>" {
		t.Errorf("cache file: %q %v", b, err)
	}
}

// TestLive: Live gets the list as served now, with its Content-Type,
// never from Map, Offline or the cache, and only over HTTPS.
func TestLive(t *testing.T) {
	body := "<tl/>"
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.etsi.tsl+xml")
		w.Write([]byte(body))
	}))
	defer srv.Close()
	local := filepath.Join(t.TempDir(), "local.xml")
	if err := os.WriteFile(local, []byte("<mapped/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	url := srv.URL + "/tl.xml"
	f := &Fetcher{Client: srv.Client(), Map: map[string]string{url: local}, Offline: true, CacheDir: t.TempDir()}
	data, ctype, err := f.Live(context.Background(), url)
	if err != nil || string(data) != body || ctype != "application/vnd.etsi.tsl+xml" {
		t.Fatalf("Live: %q %q %v", data, ctype, err)
	}
	if entries, _ := os.ReadDir(f.CacheDir); len(entries) != 0 {
		t.Errorf("Live wrote the cache: %v", entries)
	}
	for _, loc := range []string{"http://example.org/tl.xml", local, "file://" + local} {
		if _, _, err := f.Live(context.Background(), loc); err == nil || !strings.Contains(err.Error(), "only https") {
			t.Errorf("Live(%s): %v, want only https", loc, err)
		}
	}
}
