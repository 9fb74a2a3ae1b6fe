package trust

import (
	"context"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
)

// fakeGetter serves testdata/walk by location and records what was asked.
type fakeGetter struct {
	files map[string]string // location → file under testdata/walk
	asked []string          // GetURL calls
	named []string          // Get calls
}

func newGetter() *fakeGetter {
	return &fakeGetter{files: map[string]string{
		"lotl.xml": "lotl.xml", "tl.xml": "tl.xml",
		locLOTL: "lotl.xml", locTL: "tl.xml", locPDF: "tl.xml", locOther: "tl.xml", locJP: "tl.xml",
		locFile: "tl.xml", locPath: "tl.xml", locHTTP: "tl.xml", locNoCert: "tl.xml",
	}}
}

func (g *fakeGetter) read(loc string) ([]byte, error) {
	f, ok := g.files[loc]
	if !ok {
		return nil, errors.New("404 Not Found")
	}
	return os.ReadFile(filepath.Join("testdata", "walk", f))
}

func (g *fakeGetter) Get(_ context.Context, loc string) ([]byte, error) {
	g.named = append(g.named, loc)
	return g.read(loc)
}

func (g *fakeGetter) GetURL(_ context.Context, loc string) ([]byte, error) {
	g.asked = append(g.asked, loc)
	return g.read(loc)
}

func fixtureCert(t *testing.T, name string) *x509.Certificate {
	t.Helper()
	c, err := keys.ReadCertificate(filepath.Join("testdata", "walk", name))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func reached(t *testing.T, res *Result, loc string) *Reached {
	t.Helper()
	for _, r := range res.Lists {
		if r.Location == loc {
			return r
		}
	}
	t.Fatalf("%s: not in the result", loc)
	return nil
}

var verifyNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// TestWalkPinning: a list named directly is used only when pinned, or
// when unpinned lists are allowed; a wrong pin fails it.
func TestWalkPinning(t *testing.T) {
	tlSigner, other := fixtureCert(t, "tl-signer.pem"), fixtureCert(t, "other-signer.pem")
	tests := []struct {
		name          string
		pins          []*x509.Certificate
		allow         bool
		status        string
		pinned        bool
		reason        []string
		anchors, used int
	}{
		{"pinned", []*x509.Certificate{other, tlSigner}, false, Used, true, nil, 1, 1},
		{"not pinned", nil, false, Skipped, false, []string{"not pinned", "--list-cert PEM", "--allow-unpinned"}, 0, 0},
		{"not pinned, allowed", nil, true, Used, false, []string{"--allow-unpinned"}, 1, 1},
		{"wrong pin", []*x509.Certificate{other}, true, Failed, false, []string{"not valid", "SignerPinned"}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Walk(context.Background(), Options{
				Lists: []Input{{Location: "tl.xml", Pins: tc.pins}}, Get: newGetter(),
				VerifyAt: verifyNow, AllowUnpinned: tc.allow,
			})
			if err != nil {
				t.Fatal(err)
			}
			r := reached(t, res, "tl.xml")
			if r.Status != tc.status || r.Pinned != tc.pinned || r.Kind != "list" {
				t.Errorf("status %s pinned %v kind %s, want %s %v list (%s)", r.Status, r.Pinned, r.Kind, tc.status, tc.pinned, r.Reason)
			}
			for _, want := range tc.reason {
				if !strings.Contains(r.Reason+"; "+r.Hint, want) {
					t.Errorf("reason %q, hint %q lack %q", r.Reason, r.Hint, want)
				}
			}
			if res.Anchors != tc.anchors || len(res.Sources) != tc.used {
				t.Errorf("%d anchors, %d sources; want %d, %d", res.Anchors, len(res.Sources), tc.anchors, tc.used)
			}
		})
	}
}

// TestWalkPointers: the pointers of a pinned list of lists are followed
// as EU DSS follows them, each pointed list pinned to its pointer's
// certificates; every other pointer is skipped with its reason (and, where
// there is one, the way to follow it) and never fetched; a pointer
// location is never read as a local path, and plain http is followed (the
// list's signature, pinned by the pointer, vouches for it) and said so.
func TestWalkPointers(t *testing.T) {
	lotlSigner := fixtureCert(t, "lotl-signer.pem")
	tests := []struct {
		name    string
		types   []string
		status  map[string]string
		reasons map[string]string
		hints   map[string]string
		asked   []string
		sources int
	}{
		{"EU DSS default", nil,
			map[string]string{
				locLOTL: Skipped, locTL: Used, locPDF: Skipped, locOther: Failed, locJP: Skipped,
				locFile: Skipped, locPath: Skipped, locHTTP: Used, locMissing: Failed, locNoCert: Skipped,
			},
			map[string]string{
				locLOTL:    "pointer to itself",
				locPDF:     "not an XML list (MimeType application/pdf",
				locOther:   "SignerPinned",
				locJP:      "TSLType " + tslTypeJP + " is not followed (followed: " + model.TSLTypeEUGeneric + ")",
				locFile:    "the location is a local path, not a URL",
				locPath:    "the location is a local path, not a URL",
				locMissing: "not available: 404",
				locNoCert:  "names no signer certificate",
			},
			map[string]string{locJP: "add --tl-type " + tslTypeJP + " to follow"},
			[]string{locTL, locOther, locHTTP, locMissing}, 3},
		{"--tl-type JPlist", []string{tslTypeJP},
			map[string]string{locTL: Skipped, locJP: Used, locPDF: Skipped},
			map[string]string{locTL: "TSLType " + model.TSLTypeEUGeneric + " is not followed"},
			map[string]string{locTL: "add --tl-type " + model.TSLTypeEUGeneric + " to follow"},
			[]string{locJP}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := newGetter()
			res, err := Walk(context.Background(), Options{
				LOTL: Input{Location: "lotl.xml", Pins: []*x509.Certificate{lotlSigner}}, Get: g,
				VerifyAt: verifyNow, TLTypes: tc.types,
			})
			if err != nil {
				t.Fatal(err)
			}
			if l := reached(t, res, "lotl.xml"); l.Status != Used || !l.Pinned || l.PinnedBy != "--lotl-cert" {
				t.Fatalf("LOTL: %+v", l)
			}
			for loc, want := range tc.status {
				r := reached(t, res, loc)
				if r.Status != want || r.Kind != "pointed" || r.Parent != "lotl.xml" || r.Pointer == nil || r.Pointer.Location != loc {
					t.Errorf("%s: %s kind %s parent %s (%s), want %s", loc, r.Status, r.Kind, r.Parent, r.Reason, want)
				}
				if want == Used && (!r.Pinned || !strings.Contains(r.PinnedBy, "pointer's 1 certificate(s) in lotl.xml")) {
					t.Errorf("%s: used but pinned %v by %q", loc, r.Pinned, r.PinnedBy)
				}
			}
			for loc, want := range tc.reasons {
				if r := reached(t, res, loc); !strings.Contains(r.Reason, want) || strings.Contains(r.Reason, loc) {
					t.Errorf("%s: reason %q lacks %q (or names the location, which the report gives)", loc, r.Reason, want)
				}
			}
			for loc, want := range tc.hints {
				if r := reached(t, res, loc); !strings.Contains(r.Hint, want) {
					t.Errorf("%s: hint %q lacks %q", loc, r.Hint, want)
				}
			}
			for _, r := range res.Lists {
				if r.PlainHTTP != (r.Location == locHTTP && r.Status == Used) {
					t.Errorf("%s (%s): plain http %v", r.Location, r.Status, r.PlainHTTP)
				}
			}
			if !slices.Equal(g.asked, tc.asked) {
				t.Errorf("fetched %q, want %q", g.asked, tc.asked)
			}
			if res.Anchors != 1 || len(res.Sources) != tc.sources {
				t.Errorf("%d anchors, %d sources; want 1 and %d (the LOTL and the lists used, which share their certificate)", res.Anchors, len(res.Sources), tc.sources)
			}
		})
	}
}

// TestWalkPointerForMRA: the list reached through a pointer carries that
// pointer, with an MRA block in its additional information kept verbatim,
// so that an MRA evaluation can read it.
func TestWalkPointerForMRA(t *testing.T) {
	res, err := Walk(context.Background(), Options{
		LOTL: Input{Location: "lotl.xml", Pins: []*x509.Certificate{fixtureCert(t, "lotl-signer.pem")}},
		Get:  newGetter(), VerifyAt: verifyNow, TLTypes: []string{tslTypeJP},
	})
	if err != nil {
		t.Fatal(err)
	}
	var via *Reached
	for _, s := range res.Sources {
		if s.Name == locJP {
			via = s.Via
		}
	}
	if via == nil || via.Pointer == nil || via.TSLType != tslTypeJP {
		t.Fatalf("the JP list's source does not say how it was reached: %+v", via)
	}
	found := false
	for _, a := range via.Pointer.AdditionalInformation {
		found = found || (a.Other != nil && strings.Contains(a.Other.XML, "<mra:Example") && strings.Contains(a.Other.XML, "kept"))
	}
	if !found {
		t.Errorf("the pointer's MRA block is not kept: %+v", via.Pointer.AdditionalInformation)
	}
}

// TestWalkUnpinnedLOTL: the pointers of an unpinned list of lists are not
// followed (no request at all) unless unpinned lists are allowed; then the
// pointed lists are used but not reported as pinned.
func TestWalkUnpinnedLOTL(t *testing.T) {
	g := newGetter()
	res, err := Walk(context.Background(), Options{LOTL: Input{Location: "lotl.xml"}, Get: g, VerifyAt: verifyNow})
	if err != nil {
		t.Fatal(err)
	}
	l := reached(t, res, "lotl.xml")
	if l.Status != Skipped || !strings.Contains(l.Reason, "not pinned") || !strings.Contains(l.Hint, "--lotl-cert PEM") || !strings.Contains(l.Hint, "--allow-unpinned") {
		t.Errorf("unpinned LOTL: %s %q", l.Status, l.Reason)
	}
	if len(res.Lists) != 1 || len(g.asked) != 0 || len(res.Sources) != 0 {
		t.Errorf("an unpinned LOTL's pointers were followed: %d lists, fetched %q", len(res.Lists), g.asked)
	}

	g = newGetter()
	res, err = Walk(context.Background(), Options{LOTL: Input{Location: "lotl.xml"}, Get: g, VerifyAt: verifyNow, AllowUnpinned: true})
	if err != nil {
		t.Fatal(err)
	}
	r := reached(t, res, locTL)
	if r.Status != Used || r.Pinned || !strings.Contains(r.Reason, "--allow-unpinned") {
		t.Errorf("pointed list of an unpinned LOTL, allowed: %s pinned %v %q", r.Status, r.Pinned, r.Reason)
	}
}

// TestWalkVerifyTime: the lists are verified at VerifyAt, not at the time
// the status is asked for: a list signed in 2026 gives the status it
// records for 2025 (from the history). Verified after its NextUpdate, the
// list is used with an alert, as EU DSS uses it, unless RequireFresh;
// verified before its signing time, it fails.
func TestWalkVerifyTime(t *testing.T) {
	tlSigner := fixtureCert(t, "tl-signer.pem")
	walk := func(at time.Time, fresh bool) *Result {
		res, err := Walk(context.Background(), Options{Lists: []Input{{Location: "tl.xml", Pins: []*x509.Certificate{tlSigner}}}, Get: newGetter(), VerifyAt: at, RequireFresh: fresh})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := walk(verifyNow, false)
	leaf := fixtureCert(t, "leaf.pem")
	ms := Lookup(res.Sources, Query{Cert: leaf, At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if !Trusted(ms) || ms[0].Status != model.StatusGranted || ms[0].StatusStart != "2024-01-01T00:00:00Z" {
		t.Errorf("status in 2025: %+v", ms)
	}
	if ms := Lookup(res.Sources, Query{Cert: leaf, At: verifyNow}); Trusted(ms) || len(ms) != 1 || ms[0].Status != model.StatusWithdrawn {
		t.Errorf("status now: %+v", ms)
	}
	if r := res.Lists[0]; r.Status != Used || r.Alert != "" {
		t.Errorf("fresh list: %s, alert %q", r.Status, r.Alert)
	}
	expired := time.Date(2046, 1, 1, 0, 0, 0, 0, time.UTC)
	if r := walk(expired, false).Lists[0]; r.Status != Used || r.Anchors != 1 ||
		!strings.Contains(r.Alert, "NotExpired [R19]: NextUpdate 2045-01-01T00:00:00Z is not after 2046-01-01T00:00:00Z") ||
		!strings.Contains(r.Alert, "TLExpirationDetection") || !strings.Contains(r.Alert, "--require-fresh") {
		t.Errorf("expired list: %s %q, alert %q", r.Status, r.Reason, r.Alert)
	}
	for _, tc := range []struct {
		at     time.Time
		fresh  bool
		reason string
	}{
		{expired, true, "not fresh, refused (--require-fresh): NotExpired"},
		{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false, "SigningTime"},
	} {
		if r := walk(tc.at, tc.fresh).Lists[0]; r.Status != Failed || !strings.Contains(r.Reason, tc.reason) || r.Alert != "" {
			t.Errorf("verified at %s, require fresh %v: %s %q, alert %q", tc.at, tc.fresh, r.Status, r.Reason, r.Alert)
		}
	}
}

// TestWalkUnreadable: a list the user named that cannot be read is an
// error naming the flag and the location.
func TestWalkUnreadable(t *testing.T) {
	for _, o := range []Options{
		{Lists: []Input{{Location: "missing.xml"}}},
		{LOTL: Input{Location: "missing.xml"}},
	} {
		o.Get = newGetter()
		_, err := Walk(context.Background(), o)
		flag := "--list missing.xml"
		if o.LOTL.Location != "" {
			flag = "--lotl missing.xml"
		}
		if err == nil || !strings.Contains(err.Error(), flag) {
			t.Errorf("want an error naming %s, got %v", flag, err)
		}
	}
}

// staleGetter answers every read with the data and an error, as a
// reader does with the cached copy of a failed download.
type staleGetter struct{ *fakeGetter }

func (g staleGetter) Get(ctx context.Context, loc string) ([]byte, error) {
	b, _ := g.fakeGetter.Get(ctx, loc)
	return b, errors.New("stale copy")
}

func (g staleGetter) GetURL(ctx context.Context, loc string) ([]byte, error) {
	b, _ := g.fakeGetter.GetURL(ctx, loc)
	return b, errors.New("stale copy")
}

// TestWalkStaleCopy: data that comes with an error is used, and the error
// is the list's note; an error without data is as before.
func TestWalkStaleCopy(t *testing.T) {
	res, err := Walk(context.Background(), Options{
		LOTL: Input{Location: "lotl.xml", Pins: []*x509.Certificate{fixtureCert(t, "lotl-signer.pem")}},
		Get:  staleGetter{newGetter()}, VerifyAt: verifyNow,
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"lotl.xml", locTL} {
		if r := reached(t, res, loc); r.Status != Used || r.Note != "stale copy" {
			t.Errorf("%s: %s, note %q", loc, r.Status, r.Note)
		}
	}
	if r := reached(t, res, locMissing); r.Status != Failed || !strings.Contains(r.Reason, "not available: stale copy") {
		t.Errorf("missing: %s %q", r.Status, r.Reason)
	}
}
