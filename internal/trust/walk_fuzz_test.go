package trust

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/testtool"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// signature matches an enveloped signature, to take it out of a real list
// so that the fuzz key can sign it again.
var signature = regexp.MustCompile(`(?s)<(\w+:)?Signature[ >].*?</(\w+:)?Signature>`)

var issueTime = regexp.MustCompile(`<(?:\w+:)?ListIssueDateTime>([^<]+)<`)

// memGetter serves the list of lists from memory and, for any http(s)
// location taken from it, the fixture tl.xml; it records every location a
// list made it read.
type memGetter struct {
	lotl, tl []byte
	asked    []string
}

func (g *memGetter) Get(_ context.Context, loc string) ([]byte, error) {
	if loc != "lotl.xml" {
		return nil, errors.New("not named")
	}
	return g.lotl, nil
}

func (g *memGetter) GetURL(_ context.Context, loc string) ([]byte, error) {
	g.asked = append(g.asked, loc)
	return g.tl, nil
}

// FuzzWalk: a hostile list of lists, signed by the key it is pinned to so
// that its pointers are followed, never makes the walk panic, and never
// makes it read a location that is not an http(s) URL (a local file, a
// file: URL); every list met is reported with a status.
func FuzzWalk(f *testing.F) {
	for _, p := range []string{filepath.Join("testdata", "walk", "lotl.xml"), filepath.Join("testdata", "walk", "tl.xml")} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(signature.ReplaceAll(b, nil))
		}
	}
	// The real lists of lists, each cut to a few of its pointers (an XML
	// one, a PDF one, the pointer to itself, …) so that an execution stays
	// short: the walk verifies every list it follows.
	lists, _ := filepath.Glob(filepath.Join(testtool.Shared(), "corpus", "tl", "EU-LOTL_*.xml"))
	for _, p := range lists {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		l, _, err := tsl.Decode(b, tsl.DecodeOptions{File: p})
		if err != nil || l == nil {
			continue
		}
		l.Scheme.Pointers = l.Scheme.Pointers[:min(5, len(l.Scheme.Pointers))]
		if out, err := tsl.Marshal(l); err == nil {
			f.Add(out)
		}
	}
	tl, err := os.ReadFile(filepath.Join("testdata", "walk", "tl.xml"))
	if err != nil {
		f.Fatal(err)
	}
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{Country: []string{"EU"}, CommonName: "fuzz LOTL signer"},
		NotBefore: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC)}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	cert, _ := x509.ParseCertificate(der)
	f.Fuzz(func(t *testing.T, data []byte) {
		// Verified at the list's own issue time, so that a list that
		// decodes is fresh and its pointers are followed.
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if m := issueTime.FindSubmatch(data); m != nil {
			if it, err := time.Parse(time.RFC3339, strings.TrimSpace(string(m[1]))); err == nil && it.Year() > 1990 && it.Year() < 2089 {
				at = it
			}
		}
		signed := data
		if d, err := xmldoc.ParseBytes(data, xmldoc.Limits{MaxBytes: 4 << 20}); err == nil {
			if xades.Sign(d.Document, k, cert, xades.SignOptions{SigningTime: at}) == nil {
				if b, err := d.WriteToBytes(); err == nil {
					signed = b
				}
			}
		}
		g := &memGetter{lotl: signed, tl: tl}
		res, err := Walk(context.Background(), Options{
			LOTL: Input{Location: "lotl.xml", Pins: []*x509.Certificate{cert}}, Get: g, VerifyAt: at,
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, loc := range g.asked {
			if u, err := url.Parse(loc); err != nil || !(strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http")) || u.Host == "" {
				t.Fatalf("the walk read %q, which is not an http(s) URL", loc)
			}
		}
		for _, r := range res.Lists {
			if r.Status != Used && r.Status != Failed && r.Status != Skipped {
				t.Fatalf("%s: status %q", r.Location, r.Status)
			}
		}
	})
}
