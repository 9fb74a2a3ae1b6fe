package trust

import (
	"bytes"
	"context"
	"crypto/x509"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/verify"
)

// A Getter reads lists. internal/fetch's Fetcher is the one the command uses.
type Getter interface {
	// Get reads a list the user named: a file path or a URL.
	Get(ctx context.Context, loc string) ([]byte, error)
	// GetURL reads a list at a location taken from a downloaded list: a
	// URL the user mapped to a file, or an HTTPS download; never a local
	// path.
	GetURL(ctx context.Context, loc string) ([]byte, error)
}

// Both Getter methods may return data together with an error: the data
// is usable, and the error says why it may not be current (the cached
// copy of a failed download). Walk uses it and reports the error as the
// list's Note.

// An Input is a list the user named, with the signer certificates it must
// be signed by (none: not pinned).
type Input struct {
	Location string
	Pins     []*x509.Certificate
}

// MimeTypeXML is the pointer MimeType of a list in XML (TS 119 612 clause
// 5.3.13); EU DSS follows only those pointers (XMLOtherTSLPointer).
const MimeTypeXML = "application/vnd.etsi.tsl+xml"

// Options say which lists to load and how to judge them.
type Options struct {
	// Lists are trusted lists named directly (--list).
	Lists []Input
	// LoTEs are lists of trusted entities (TS 119 602) named directly
	// (--lote), in either binding.
	LoTEs []Input
	// LOTL, when Location is set, is a list of lists whose pointers are
	// followed (--lotl).
	LOTL Input
	// Get reads the lists.
	Get Getter
	// VerifyAt is the time each list is verified at: EU DSS verifies at
	// the current time, whatever time the status is asked for.
	VerifyAt time.Time
	// TLTypes are the pointer TSLTypes followed; nil means EU DSS's default,
	// TSLType/EUgeneric only. Pointers must also say MimeType MimeTypeXML.
	TLTypes []string
	// AllowUnpinned lets a list no pinned certificate vouches for be used.
	AllowUnpinned bool
	// RequireFresh refuses a list past its NextUpdate, or closed (no
	// NextUpdate date). By default such a list is used with an alert, as
	// EU DSS's TLValidationJob does (AcceptAllStrategy; the alert is its
	// TLExpirationDetection).
	RequireFresh bool
}

// How a list was handled.
const (
	Used    = "used"    // verified, pinned (or allowed unpinned), looked in
	Failed  = "failed"  // read but not valid, or not readable
	Skipped = "skipped" // not fetched, or not used by policy
)

// A Reached is one list the walk met: named by the user or reached through
// a pointer. Its JSON form is part of `jtsl trust --format json`.
type Reached struct {
	Location string `json:"location"`
	// Kind is "list" (--list), "lote" (--lote), "lotl" (--lotl) or
	// "pointed" (reached through a pointer of Parent).
	Kind   string `json:"kind"`
	Parent string `json:"parent,omitempty"`
	// TSLType is the pointer's TSLType for a pointed list.
	TSLType string `json:"tsl_type,omitempty"`
	// Pinned is true when the signer was checked against certificates the
	// user gave (--list-cert, --lotl-cert) or, for a pointed list, against
	// the pointer's certificates in a pinned list of lists. PinnedBy says
	// which.
	Pinned   bool   `json:"pinned"`
	PinnedBy string `json:"pinned_by,omitempty"`
	Status   string `json:"status"`
	Reason   string `json:"reason,omitempty"`
	// Hint says how to have a skipped list followed, when there is a way.
	Hint string `json:"hint,omitempty"`
	// PlainHTTP is true for a location over plain http: its authenticity
	// comes from its signature, pinned by the list of lists, not from the
	// transport.
	PlainHTTP bool `json:"plain_http,omitempty"`
	// Alert says why a used list is not fresh: past its NextUpdate, or
	// closed. EU DSS uses such a list too, with the alert
	// TLExpirationDetection; Options.RequireFresh refuses it.
	Alert string `json:"alert,omitempty"`
	// Note says what the reader said about the copy read, when it may not
	// be current (a cached copy of a failed download).
	Note string `json:"note,omitempty"`
	// Anchors counts the service certificates read from a used list.
	Anchors int `json:"trust_anchors"`
	// Unreadable names each service certificate of a used list that
	// cannot be read ("TSP / service: error"; EU DSS does not load it
	// either): no trust anchor, so a certificate it issued is not
	// recognised.
	Unreadable []string `json:"unreadable_certificates,omitempty"`

	// Pointer is the pointer a pointed list was reached through, as
	// decoded (its AdditionalInformation keeps unknown OtherInformation,
	// such as an MRA block, verbatim in XML).
	Pointer *model.Pointer `json:"-"`
	// Report is the verification of the list, when it was read.
	Report *verify.Report `json:"-"`
}

// A Result is what the walk found.
type Result struct {
	// Lists holds every list met, in order: each --list, then the list of
	// lists followed by its pointers in document order.
	Lists []*Reached
	// Sources are the used lists, for Lookup.
	Sources []Source
	// Anchors counts the distinct service certificates of the used lists
	// (what EU DSS loads as trust anchors).
	Anchors int
}

// Walk reads, verifies and pins the lists opts names and the lists a list
// of lists points to, and decides which are used. An error means a list
// the user named could not be read; every other problem is recorded in
// the Result.
func Walk(ctx context.Context, opts Options) (*Result, error) {
	w := &walker{opts: opts, res: &Result{}, seen: map[string]bool{}}
	for _, named := range []struct {
		kind, flag string
		inputs     []Input
	}{{"list", "--list", opts.Lists}, {"lote", "--lote", opts.LoTEs}} {
		for _, in := range named.inputs {
			data, err := opts.Get.Get(ctx, in.Location)
			if data == nil && err != nil {
				return nil, fmt.Errorf("%s %s: %w", named.flag, in.Location, err)
			}
			r := &Reached{Location: in.Location, Kind: named.kind, Note: note(err), PlainHTTP: plainHTTP(in.Location)}
			if len(in.Pins) > 0 {
				r.PinnedBy = named.flag + "-cert"
			}
			w.load(r, data, in.Pins, named.flag+"-cert")
		}
	}
	if loc := opts.LOTL.Location; loc != "" {
		data, err := opts.Get.Get(ctx, loc)
		if data == nil && err != nil {
			return nil, fmt.Errorf("--lotl %s: %w", loc, err)
		}
		r := &Reached{Location: loc, Kind: "lotl", Note: note(err), PlainHTTP: plainHTTP(loc)}
		if len(opts.LOTL.Pins) > 0 {
			r.PinnedBy = "--lotl-cert"
		}
		w.load(r, data, opts.LOTL.Pins, "--lotl-cert")
		if r.Status == Used {
			w.follow(ctx, r)
		}
	}
	return w.res, nil
}

type walker struct {
	opts Options
	res  *Result
	seen map[string]bool // service certificates counted as anchors
}

// load verifies data against pins and records the verdict in r.
func (w *walker) load(r *Reached, data []byte, pins []*x509.Certificate, pinFlag string) {
	w.res.Lists = append(w.res.Lists, r)
	var rep *verify.Report
	if r.Kind == "lote" {
		rep = verify.CheckLoTE(data, verify.LoTEOptions{File: r.Location, At: w.opts.VerifyAt, Pin: pins})
		if rep.Signer == nil && rep.Valid {
			r.Note = strings.TrimPrefix(r.Note+"; unsigned", "; ")
		}
	} else {
		rep = verify.Check(data, verify.Options{File: r.Location, At: w.opts.VerifyAt, Pin: pins})
	}
	r.Report = rep
	r.Pinned = r.PinnedBy != "" && rep.Signer != nil && rep.Signer.Pinned
	fails, stale := splitFreshness(rep.Failures())
	switch {
	case len(fails) > 0:
		r.Status, r.Reason = Failed, "not valid: "+rep.Failures().String()
		return
	case len(stale) > 0 && w.opts.RequireFresh:
		r.Status, r.Reason = Failed, "not fresh, refused (--require-fresh): "+stale.String()
		return
	}
	if len(stale) > 0 {
		r.Alert = stale.String() + ": used as EU DSS uses it (alert TLExpirationDetection); --require-fresh refuses it"
	}
	if !r.Pinned && !w.opts.AllowUnpinned {
		r.Status, r.Reason = Skipped, "verified but not pinned, so not used"
		switch r.Kind {
		case "pointed":
			r.Reason = "not pinned: the list of lists it was reached through is not pinned"
			r.Hint = "give --lotl-cert PEM (the list of lists' expected signer), or --allow-unpinned to use such lists anyway"
		default:
			r.Hint = fmt.Sprintf("give %s PEM (the list's expected signer), or --allow-unpinned to use it anyway", pinFlag)
		}
		return
	}
	r.Status = Used
	if !r.Pinned {
		r.Reason = "used unpinned (--allow-unpinned)"
	}
	src := Source{Name: r.Location, List: rep.Model(), LoTE: rep.LoTE(), Via: r}
	w.anchors(r, src)
	w.res.Sources = append(w.res.Sources, src)
}

// freshnessChecks are the verify checks of a list's NextUpdate (R19): the
// only failures a list is used despite, unless Options.RequireFresh.
var freshnessChecks = []string{"NextUpdatePresent", "NotExpired"}

// splitFreshness separates the failures of the NextUpdate checks from the
// others.
func splitFreshness(cs diag.Checks) (others, fresh diag.Checks) {
	for _, c := range cs {
		if slices.Contains(freshnessChecks, c.Name) {
			fresh = append(fresh, c)
		} else {
			others = append(others, c)
		}
	}
	return others, fresh
}

// anchors counts the source's service certificates into r, and adds
// those not seen yet to the Result's count. A certificate that cannot be
// read is no anchor: Lookup cannot match it.
func (w *walker) anchors(r *Reached, s Source) {
	type listed struct {
		owner, service string
		id             model.DigitalIdentity
	}
	var all []listed
	if s.List != nil {
		for _, tsp := range s.List.Providers {
			for _, svc := range tsp.Services {
				all = append(all, listed{tsp.Name.English(), svc.Name.English(), svc.Identity})
			}
		}
	}
	if s.LoTE != nil {
		for e, svc := range s.LoTE.Services() {
			all = append(all, listed{e.Name.English(), svc.Name.English(), svc.Identity})
		}
	}
	for _, x := range all {
		for _, d := range x.id {
			if d.Certificate == nil {
				continue
			}
			if _, err := parseServiceCert(d.Certificate); err != nil {
				r.Unreadable = append(r.Unreadable, fmt.Sprintf("%s / %s: %v", x.owner, x.service, err))
				continue
			}
			r.Anchors++
			if k := string(d.Certificate); !w.seen[k] {
				w.seen[k] = true
				w.res.Anchors++
			}
		}
	}
}

// follow reads the lists a used list of lists points to, as EU DSS does:
// only pointers that pass the TSLType and MimeType filter, each list
// pinned to its pointer's certificates.
func (w *walker) follow(ctx context.Context, lotl *Reached) {
	l := lotl.Report.Model()
	for i := range l.Scheme.Pointers {
		p := &l.Scheme.Pointers[i]
		r := &Reached{Location: p.Location, Kind: "pointed", Parent: lotl.Location, TSLType: PointerTSLType(*p), Pointer: p}
		if reason, hint := w.skip(l, lotl.Location, *p); reason != "" {
			r.Status, r.Reason, r.Hint = Skipped, reason, hint
			w.res.Lists = append(w.res.Lists, r)
			continue
		}
		pins := PointerCerts(*p)
		if len(pins) == 0 {
			r.Status, r.Reason = Skipped, "the pointer names no signer certificate, so the list cannot be pinned"
			w.res.Lists = append(w.res.Lists, r)
			continue
		}
		r.PlainHTTP = plainHTTP(p.Location)
		data, err := w.opts.Get.GetURL(ctx, p.Location)
		if data == nil && err != nil {
			r.Status, r.Reason = Failed, "not available: "+err.Error()
			w.res.Lists = append(w.res.Lists, r)
			continue
		}
		r.Note = note(err)
		if lotl.Pinned {
			r.PinnedBy = fmt.Sprintf("the pointer's %d certificate(s) in %s", len(pins), lotl.Location)
		}
		w.load(r, data, pins, "")
	}
}

// skip says why pointer p of the list of lists l (read from loc) is not
// followed, and how to have it followed when there is a way; "" to follow
// it. The reason does not name the location, so that the text report can
// count the pointers skipped for one reason.
func (w *walker) skip(l *model.List, loc string, p model.Pointer) (reason, hint string) {
	typ, mime := PointerTSLType(p), pointerMimeType(p)
	if p.Location == loc || (typ != "" && typ == l.Scheme.Type) {
		return "the list of lists' pointer to itself (TSLType " + orNone(typ) + ", its own type): not followed", ""
	}
	if mime != MimeTypeXML {
		return fmt.Sprintf("not an XML list (MimeType %s; EU DSS follows only %s): not fetched", orNone(mime), MimeTypeXML), ""
	}
	types := w.opts.TLTypes
	if types == nil {
		types = []string{model.TSLTypeEUGeneric}
	}
	if !slices.Contains(types, typ) {
		return fmt.Sprintf("TSLType %s is not followed (followed: %s)", orNone(typ), strings.Join(types, ", ")),
			"add --tl-type " + orNone(typ) + " to follow pointers of this type"
	}
	return remoteLocation(p.Location), ""
}

// remoteLocation refuses a location taken from a downloaded list that is
// not an http or https URL: a list must never make jtsl read a local file.
// Plain http is followed, as EU DSS follows it: the list's authenticity
// comes from its signature, pinned by the list of lists.
func remoteLocation(loc string) string {
	u, err := url.Parse(loc)
	switch {
	case err != nil:
		return "the location is not a URL: not fetched"
	case len(u.Scheme) < 2 || strings.EqualFold(u.Scheme, "file") || u.Host == "":
		return "the location is a local path, not a URL: a list's pointer is never read from the disk"
	case !strings.EqualFold(u.Scheme, "https") && !plainHTTP(loc):
		return "the location is neither an https nor an http URL: not fetched"
	}
	return ""
}

// plainHTTP reports whether loc is an http (not https) URL.
func plainHTTP(loc string) bool {
	u, err := url.Parse(loc)
	return err == nil && strings.EqualFold(u.Scheme, "http")
}

// PointerTSLType returns the TSLType in a pointer's additional information.
func PointerTSLType(p model.Pointer) string {
	for _, a := range p.AdditionalInformation {
		if a.Other != nil && a.Other.TSLType != "" {
			return a.Other.TSLType
		}
	}
	return ""
}

func pointerMimeType(p model.Pointer) string {
	for _, a := range p.AdditionalInformation {
		if a.Other != nil && a.Other.MimeType != "" {
			return a.Other.MimeType
		}
	}
	return ""
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
			if c, err := x509.ParseCertificate(d.Certificate); err == nil && !contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

func contains(cs []*x509.Certificate, c *x509.Certificate) bool {
	for _, x := range cs {
		if bytes.Equal(x.Raw, c.Raw) {
			return true
		}
	}
	return false
}

// note is the Reached.Note for a reader's error that came with data.
func note(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
