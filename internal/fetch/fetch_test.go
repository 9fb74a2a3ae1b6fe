package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestGet(t *testing.T) {
	big := strings.Repeat("x", 2000)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/tl.xml":
			w.Write([]byte("<tl/>"))
		case "/big.xml":
			w.Write([]byte(big))
		case "/slow.xml":
			time.Sleep(300 * time.Millisecond)
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
	f := &Fetcher{Client: client, MaxBytes: 1000, Timeout: 100 * time.Millisecond, CacheDir: t.TempDir()}
	ctx := context.Background()
	if b, err := f.Get(ctx, srv.URL+"/tl.xml"); err != nil || string(b) != "<tl/>" {
		t.Fatalf("get: %q %v", b, err)
	}
	for _, p := range []string{"/big.xml", "/slow.xml", "/redirect.xml", "/missing.xml"} {
		if _, err := f.Get(ctx, srv.URL+p); err == nil {
			t.Errorf("%s: want an error", p)
		}
	}
	if _, err := f.Get(ctx, "http://127.0.0.1:1/tl.xml"); err == nil || !strings.Contains(err.Error(), "only https") {
		t.Errorf("plain http: %v", err)
	}
	// The cache answers when the server is gone.
	srv.Close()
	if b, err := f.Get(ctx, srv.URL+"/tl.xml"); err != nil || string(b) != "<tl/>" {
		t.Errorf("cache: %q %v", b, err)
	}
}
