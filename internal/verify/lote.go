package verify

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/jws"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// A Format is what a document is, told from its content.
type Format string

// The formats Detect tells apart.
const (
	FormatTSL      Format = "tsl"      // a TS 119 612 trusted list (XML)
	FormatLoTEXML  Format = "lote-xml" // a TS 119 602 list, XML binding
	FormatLoTEJSON Format = "lote-json"
	FormatLoTEJWS  Format = "lote-jws" // the JSON binding as a compact JWS
	FormatUnknown  Format = ""
)

// Detect tells the format of data from its first bytes: XML by its root
// element's local name, JSON by its opening brace, a compact JWS by its
// three base64url parts. It reads no more than it needs; the checks that
// follow read the document properly.
func Detect(data []byte) Format {
	d := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(d) == 0:
		return FormatUnknown
	case d[0] == '{':
		return FormatLoTEJSON
	case d[0] == '<':
		if rootLocalName(d) == "ListOfTrustedEntities" {
			return FormatLoTEXML
		}
		return FormatTSL
	case isCompactJWS(d):
		return FormatLoTEJWS
	}
	return FormatUnknown
}

// rootLocalName returns the local name of the first element's start tag,
// past the XML declaration, comments and processing instructions.
func rootLocalName(d []byte) string {
	for {
		i := bytes.IndexByte(d, '<')
		if i < 0 || i+1 >= len(d) {
			return ""
		}
		d = d[i+1:]
		if d[0] == '?' || d[0] == '!' {
			continue
		}
		end := bytes.IndexAny(d, " \t\r\n/>")
		if end < 0 {
			return ""
		}
		name := string(d[:end])
		if j := strings.LastIndexByte(name, ':'); j >= 0 {
			name = name[j+1:]
		}
		return name
	}
}

func isCompactJWS(d []byte) bool {
	d = bytes.TrimRight(d, " \t\r\n")
	if bytes.Count(d, []byte(".")) != 2 {
		return false
	}
	for _, c := range d {
		if !(c == '.' || c == '-' || c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// LoTEOptions configure CheckLoTE; the fields mean what Options' do.
type LoTEOptions struct {
	File          string
	At            time.Time
	Pin           []*x509.Certificate
	Limits        xmldoc.Limits
	SkipFreshness bool
	// Want, when set, is the list the document must decode to (the
	// producer's self-verification).
	Want *lote.List
	// WantPayload, with Want, is the JSON payload the producer strictly
	// decoded to Want, without an error, before signing it: a JSON
	// document or JWS must carry these bytes exactly, and is then not
	// decoded again (the same bytes decode to the same list).
	WantPayload []byte
	// Profile is the EU profile a list of another scheme follows (its own
	// list type, territory, status determination and rules); nil: the
	// profile of the list's type, when it is one of the EU's.
	Profile *lote.Profile
}

// CheckLoTE verifies a list of trusted entities (ETSI TS 119 602) in either
// binding, XML (enveloped XAdES) or JSON (bare, or a compact JWS with x5c),
// told from its content. The report has the shape of a trusted list's; an
// unsigned list is reported as such (LoTESigned warns), and fails when
// signers are pinned.
func CheckLoTE(data []byte, opts LoTEOptions) *Report {
	r := &Report{Version: 1, File: opts.File, At: opts.At.UTC().Format(model.TimeLayout)}
	defer func() { r.Valid = !r.Checks.Failed() }()
	r.Format = Detect(data)
	var (
		l        *lote.List
		findings diag.List
		signer   *x509.Certificate
	)
	switch r.Format {
	case FormatLoTEXML:
		doc := r.parse(data, opts.Limits)
		if doc == nil {
			return r
		}
		if !hasSignature(doc) {
			l, findings = lote.DecodeXMLDocument(doc, opts.File)
			r.unsigned(opts.Pin)
			break
		}
		// The signature is checked while the content is decoded, as for
		// a trusted list (Check): both only read the tree.
		var res *xades.Result
		var wg sync.WaitGroup
		wg.Go(func() {
			res = xades.Verify(doc.Document, xades.VerifyOptions{At: opts.At, Pin: opts.Pin, Line: doc.Line, SigningCertificateV2: true})
		})
		l, findings = lote.DecodeXMLDocument(doc, opts.File)
		wg.Wait()
		r.add(diag.Check{Name: "LoTESigned", Rule: "TS 119 602 6.8", Status: diag.Pass, Detail: "enveloped XAdES signature"})
		r.Checks = append(r.Checks, res.Checks...)
		signer = res.Signer
		r.signerInfo(signer, res.SigningTime, opts.Pin)
	case FormatLoTEJSON, FormatLoTEJWS:
		if max := cmp.Or(opts.Limits.MaxBytes, xmldoc.DefaultLimits.MaxBytes); int64(len(data)) > max {
			r.add(diag.Check{Name: "LoTEStructure", Rule: "TS 119 602 6", Status: diag.Fail,
				Detail: fmt.Sprintf("document of %d bytes exceeds the limit of %d bytes", len(data), max)})
			return r
		}
		payload := data
		if r.Format == FormatLoTEJWS {
			p, cert, err := jws.Open(bytes.TrimSpace(data))
			if err != nil {
				r.add(diag.Check{Name: "JWSSignature", Rule: "TS 119 602 6.8", Status: diag.Fail, Detail: err.Error()})
				return r
			}
			payload, signer = p, cert
			r.add(diag.Check{Name: "LoTESigned", Rule: "TS 119 602 6.8", Status: diag.Pass, Detail: "compact JWS (JAdES)"})
			r.add(diag.Check{Name: "JWSSignature", Rule: "TS 119 602 6.8", Status: diag.Pass, Detail: "the signature verifies with the x5c certificate"})
			r.pinned(signer, opts.Pin)
			r.signerInfo(signer, time.Time{}, opts.Pin)
		}
		if opts.Want != nil && opts.WantPayload != nil {
			if !bytes.Equal(payload, opts.WantPayload) {
				r.add(diag.Check{Name: "DecodesToModel", Rule: "TS 119 612 5.7", Status: diag.Fail, Detail: "the signed payload is not the payload that was checked"})
				return r
			}
			l = opts.Want
		} else {
			var err error
			l, findings, err = lote.DecodeJSON(payload, opts.File)
			if err != nil {
				r.add(diag.Check{Name: "LoTEStructure", Rule: "TS 119 602 6", Status: diag.Fail, Detail: err.Error()})
				return r
			}
		}
		if r.Format == FormatLoTEJSON {
			r.unsigned(opts.Pin)
		}
	default:
		r.add(diag.Check{Name: "LoTEFormat", Rule: "TS 119 602 6", Status: diag.Fail,
			Detail: "neither XML, nor JSON, nor a compact JWS"})
		return r
	}
	r.lote = l
	r.Structure = findings.Errors()
	if len(r.Structure) > 0 {
		first := r.Structure[0]
		r.add(diag.Check{Name: "LoTEStructure", Rule: "TS 119 602 6", Status: diag.Fail, Line: first.Pos.Line,
			Detail: fmt.Sprintf("%d schema error(s); first: %s: %s", len(r.Structure), first.Path, first.Message)})
	} else {
		r.add(diag.Check{Name: "LoTEStructure", Rule: "TS 119 602 6", Status: diag.Pass, Detail: "conforms to the TS 119 602 v1.1.1 " + bindingName(r.Format)})
	}
	r.List = summariseLoTE(l)
	r.loteChecks(l, signer, opts)
	return r
}

func bindingName(f Format) string {
	if f == FormatLoTEXML {
		return "XML binding"
	}
	return "JSON binding"
}

// hasSignature reports whether the root has a ds:Signature child.
func hasSignature(doc *xmldoc.Document) bool {
	for c := range doc.Root().ChildElementsSeq() {
		if c.Tag == "Signature" && c.NamespaceURI() == model.NSDS {
			return true
		}
	}
	return false
}

// unsigned reports a list without a signature: a warning, a failure when
// the caller expects given signers.
func (r *Report) unsigned(pin []*x509.Certificate) {
	c := diag.Check{Name: "LoTESigned", Rule: "TS 119 602 6.8", Status: diag.Warn,
		Detail: "unsigned: nothing shows who published the list or that it is unchanged"}
	if len(pin) > 0 {
		c.Status, c.Detail = diag.Fail, "unsigned, and signers are expected (--cert)"
	}
	r.add(c)
}

// pinned is the SignerPinned check for a signature that package xades did
// not verify (the JWS).
func (r *Report) pinned(c *x509.Certificate, pins []*x509.Certificate) {
	switch {
	case len(pins) == 0:
		r.add(diag.Check{Name: "SignerPinned", Rule: "R15", Status: diag.Warn, Detail: "no expected signer given (--cert): the signature proves integrity only"})
	case pinned(c, pins):
		r.add(diag.Check{Name: "SignerPinned", Rule: "R15", Status: diag.Pass, Detail: "the signer is an expected certificate"})
	default:
		r.add(diag.Check{Name: "SignerPinned", Rule: "R15", Status: diag.Fail, Detail: "the signer " + c.Subject.String() + " is not an expected certificate"})
	}
}

func (r *Report) signerInfo(c *x509.Certificate, at time.Time, pins []*x509.Certificate) {
	if c == nil {
		return
	}
	r.signer = c
	sum := sha256.Sum256(c.Raw)
	r.Signer = &SignerInfo{
		Subject: c.Subject.String(), Issuer: c.Issuer.String(), Serial: c.SerialNumber.Text(16),
		NotBefore: c.NotBefore.UTC().Format(model.TimeLayout), NotAfter: c.NotAfter.UTC().Format(model.TimeLayout),
		SHA256: hex.EncodeToString(sum[:]), Pinned: len(pins) > 0 && pinned(c, pins),
	}
	if !at.IsZero() {
		r.Signer.SigningTime = at.UTC().Format(model.TimeLayout)
	}
}

// loteChecks are the checks of a decoded list's content.
func (r *Report) loteChecks(l *lote.List, signer *x509.Certificate, opts LoTEOptions) {
	if v := l.Scheme.VersionIdentifier; v == lote.Version {
		r.add(diag.Check{Name: "LoTEVersion", Rule: "TS 119 602 6.3.1", Status: diag.Pass, Detail: fmt.Sprintf("LoTEVersionIdentifier %d", v)})
	} else {
		r.add(diag.Check{Name: "LoTEVersion", Rule: "TS 119 602 6.3.1", Status: diag.Fail,
			Detail: fmt.Sprintf("LoTEVersionIdentifier %d is not %d (TS 119 602 v1.1.1)", v, lote.Version)})
	}
	r.freshness(l.Scheme.NextUpdate, opts.At, opts.SkipFreshness)
	if signer != nil {
		c := diag.Check{Name: "SignerBinding", Rule: "TS 119 602 6.8", Status: diag.Pass,
			Detail: "organizationName and countryName are the scheme operator's name and territory"}
		if err := SignerBinding(signer, l); err != nil {
			c.Status, c.Detail = diag.Fail, err.Error()
		}
		r.add(c)
	}
	r.profile(l, opts.Profile)
	r.historyOrder(l)
	if opts.Want != nil {
		c := diag.Check{Name: "DecodesToModel", Rule: "TS 119 612 5.7", Status: diag.Pass, Detail: "the signed bytes decode to the compiled list"}
		if len(r.Structure) > 0 || !reflect.DeepEqual(l, opts.Want) {
			c.Status, c.Detail = diag.Fail, "the signed bytes do not decode to the compiled list"
		}
		r.add(c)
	}
}

// SignerBinding checks that the signer certificate binds to the list: its
// organizationName is one of the scheme operator's names and its
// countryName the scheme territory (TS 119 602 clause 6.8; the producer
// checks it before signing, a reader after).
func SignerBinding(c *x509.Certificate, l *lote.List) error {
	var names []string
	for _, n := range l.Scheme.OperatorName {
		names = append(names, n.Value)
	}
	org, country := c.Subject.Organization, c.Subject.Country
	if len(org) != 1 || !slices.Contains(names, org[0]) {
		return fmt.Errorf("the signer's organizationName %q is not the scheme operator's name (%s)", org, strings.Join(names, " / "))
	}
	if len(country) != 1 || country[0] != l.Scheme.Territory {
		return fmt.Errorf("the signer's countryName %q is not the scheme territory %q", country, l.Scheme.Territory)
	}
	return nil
}

// freshness is NextUpdatePresent and NotExpired, as for a trusted list.
func (r *Report) freshness(nu *time.Time, at time.Time, skip bool) {
	switch {
	case skip:
		r.add(diag.Check{Name: "NextUpdatePresent", Rule: "R19", Status: diag.Skipped, Detail: "the caller judges the list's dates"})
		r.add(diag.Check{Name: "NotExpired", Rule: "R19", Status: diag.Skipped, Detail: "the caller judges the list's dates"})
	case nu == nil:
		r.add(diag.Check{Name: "NextUpdatePresent", Rule: "R19", Status: diag.Fail,
			Detail: "NextUpdate has no dateTime: the list is closed and consumers will not use it"})
	case !nu.After(at):
		r.add(diag.Check{Name: "NextUpdatePresent", Rule: "R19", Status: diag.Pass, Detail: nu.Format(model.TimeLayout)})
		r.add(diag.Check{Name: "NotExpired", Rule: "R19", Status: diag.Fail,
			Detail: fmt.Sprintf("NextUpdate %s is not after %s: the list has expired", nu.Format(model.TimeLayout), at.UTC().Format(model.TimeLayout))})
	default:
		r.add(diag.Check{Name: "NextUpdatePresent", Rule: "R19", Status: diag.Pass, Detail: nu.Format(model.TimeLayout)})
		r.add(diag.Check{Name: "NotExpired", Rule: "R19", Status: diag.Pass,
			Detail: fmt.Sprintf("NextUpdate %s is after %s", nu.Format(model.TimeLayout), at.UTC().Format(model.TimeLayout))})
	}
}

// profile is the LoTEProfile check: the EU profile of the list's type, or
// the one the caller names for a list of another scheme.
func (r *Report) profile(l *lote.List, p *lote.Profile) {
	eu := lote.Profiles[l.Scheme.Type]
	if p == nil && eu == nil {
		r.add(diag.Check{Name: "LoTEProfile", Rule: "TS 119 602 annex D", Status: diag.Skipped,
			Detail: fmt.Sprintf("LoTEType %s is none of the EU profiles' and no profile was given", l.Scheme.Type)})
		return
	}
	scheme := p == nil
	if scheme {
		p = eu
	}
	probs := p.Check(l, scheme)
	if len(probs) == 0 {
		r.add(diag.Check{Name: "LoTEProfile", Rule: "TS 119 602 annex D", Status: diag.Pass, Detail: "follows the " + p.Name + " profile"})
		return
	}
	msgs := make([]string, len(probs))
	for i, pr := range probs {
		msgs[i] = pr.Path + ": " + pr.Message
	}
	r.add(diag.Check{Name: "LoTEProfile", Rule: "TS 119 602 annex D", Status: diag.Fail,
		Detail: fmt.Sprintf("%d departure(s) from the %s profile: %s", len(probs), p.Name, strings.Join(msgs, "; "))})
}

// historyOrder is the HistoryOrder check: each service's history is newest
// first and older than its current status.
func (r *Report) historyOrder(l *lote.List) {
	for i := range l.Entities {
		for j := range l.Entities[i].Services {
			s := &l.Entities[i].Services[j]
			prev := s.StatusStartingTime
			for k, h := range s.History {
				if !prev.IsZero() && !h.StatusStartingTime.Before(prev) {
					r.add(diag.Check{Name: "HistoryOrder", Rule: "TS 119 602 6.4.4", Status: diag.Fail,
						Detail: fmt.Sprintf("LoTE.TrustedEntitiesList[%d].TrustedEntityServices[%d].ServiceHistory[%d] starts %s, not before the status that follows it (%s)",
							i, j, k, h.StatusStartingTime.Format(model.TimeLayout), prev.Format(model.TimeLayout))})
					return
				}
				prev = h.StatusStartingTime
			}
		}
	}
	r.add(diag.Check{Name: "HistoryOrder", Rule: "TS 119 602 6.4.4", Status: diag.Pass, Detail: "every service history is newest first"})
}

func summariseLoTE(l *lote.List) *ListInfo {
	s := &l.Scheme
	info := &ListInfo{Territory: s.Territory, Type: s.Type, Version: s.VersionIdentifier, Sequence: s.SequenceNumber,
		IssueTime: s.ListIssueDateTime.Format(model.TimeLayout), Operator: s.OperatorName.English(), Providers: len(l.Entities)}
	if s.NextUpdate != nil {
		info.NextUpdate = s.NextUpdate.Format(model.TimeLayout)
	}
	for range l.Services() {
		info.Services++
	}
	return info
}

// LoTE returns the decoded list of trusted entities, or nil.
func (r *Report) LoTE() *lote.List { return r.lote }
