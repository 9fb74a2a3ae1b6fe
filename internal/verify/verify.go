package verify

import (
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// Options configure a verification. The zero value verifies at the zero
// time; the CLI sets At to now.
type Options struct {
	// File names the input in the report and in positions.
	File string
	// At is the evaluation time: NextUpdate must be after it and
	// SigningTime not after it. Zero compares SigningTime with nothing
	// (the previous-release check: a real list is often signed after the
	// ListIssueDateTime it states, and the build refuses back-dating
	// itself); the signer's validity is always checked at SigningTime.
	At time.Time
	// Pin, when set, lists the accepted signer certificates (R15, R30).
	Pin []*x509.Certificate
	// Versions are the accepted TSLVersionIdentifier values; nil means
	// {5, 6}, DSS's default (R5).
	Versions []int
	// Limits bound the work spent on the untrusted document; our own
	// output is checked with xmldoc.Own(data).
	Limits xmldoc.Limits
	// SkipFreshness reports NextUpdatePresent and NotExpired as skipped,
	// for callers that judge the list's dates themselves: the build (a
	// closed list is the sources' decision, lint JTSL015 bounds
	// NextUpdate) and its previous-release check (the last release may
	// have expired since).
	SkipFreshness bool
	// Want, when set, is the list the document must decode to: the build
	// gives the list it encoded and signed (check DecodesToModel).
	Want *model.List
	// ContentChecked says that the caller decoded and checked the list
	// itself before signing it, and that data is those very bytes with
	// the signature inserted (jtsl sign asserts it byte for byte): the
	// signature is verified on this parse, and Structure and TLVersion,
	// the caller's verdicts, are reported as skipped instead of decoding
	// the list a second time. Want must be nil.
	ContentChecked bool
}

// AnyVersion accepts every TSLVersionIdentifier package tsl reads: for
// callers that read a list rather than trust it (the previous release,
// a list given to jtsl sign).
var AnyVersion = []int{4, model.Version5, model.Version6}

// A Report is the outcome of a verification. Its JSON form is documented
// in the verify command's help and is stable (Version 1).
type Report struct {
	Version int    `json:"version"`
	File    string `json:"file"`
	// Format is what the document is, when it is not a trusted list (a
	// list of trusted entities in one of its bindings).
	Format Format      `json:"format,omitempty"`
	At     string      `json:"at"`
	Valid  bool        `json:"valid"`
	List   *ListInfo   `json:"list,omitempty"`
	Signer *SignerInfo `json:"signer,omitempty"`
	Checks diag.Checks `json:"checks"`
	// Structure lists every structure problem found (R7).
	Structure diag.List `json:"structure,omitempty"`

	list   *model.List
	lote   *lote.List
	signer *x509.Certificate
}

// ListInfo summarises the list's scheme information.
type ListInfo struct {
	Territory  string `json:"territory"`
	Type       string `json:"type"`
	Version    int    `json:"version"`
	Sequence   int    `json:"sequence"`
	IssueTime  string `json:"issue_time"`
	NextUpdate string `json:"next_update,omitempty"`
	Operator   string `json:"operator"`
	Providers  int    `json:"providers"`
	Services   int    `json:"services"`
}

// SignerInfo describes the KeyInfo certificate.
type SignerInfo struct {
	Subject     string `json:"subject"`
	Issuer      string `json:"issuer"`
	Serial      string `json:"serial"`
	NotBefore   string `json:"not_before"`
	NotAfter    string `json:"not_after"`
	SHA256      string `json:"sha256"`
	SigningTime string `json:"signing_time,omitempty"`
	Pinned      bool   `json:"pinned"`
}

// Model returns the decoded list, or nil when it could not be decoded.
func (r *Report) Model() *model.List { return r.list }

// SignerCert returns the KeyInfo certificate, or nil (a build compares
// it with its own signer's).
func (r *Report) SignerCert() *x509.Certificate { return r.signer }

// Check verifies data, a trusted list as downloaded.
func Check(data []byte, opts Options) *Report {
	r := &Report{Version: 1, File: opts.File, At: opts.At.UTC().Format(model.TimeLayout)}
	defer func() { r.Valid = !r.Checks.Failed() }()

	doc := r.parse(data, opts.Limits)
	if doc == nil {
		return r
	}

	root := doc.Root()
	if root == nil || root.Tag != "TrustServiceStatusList" || root.NamespaceURI() != model.NSTSL {
		got := "none"
		if root != nil {
			got = fmt.Sprintf("{%s}%s", root.NamespaceURI(), root.Tag)
		}
		r.add(diag.Check{Name: "RootElement", Rule: "R6", Status: diag.Fail,
			Detail: fmt.Sprintf("root element is %s, want {%s}TrustServiceStatusList", got, model.NSTSL)})
		return r
	}
	r.add(diag.Check{Name: "RootElement", Rule: "R6", Status: diag.Pass, Detail: "tsl:TrustServiceStatusList"})

	signature := func() *xades.Result {
		return xades.Verify(doc.Document, xades.VerifyOptions{At: opts.At, Pin: opts.Pin, Line: doc.Line})
	}
	var res *xades.Result
	if opts.ContentChecked {
		res = signature()
		for _, c := range []struct{ name, rule string }{{"Structure", "R7"}, {"TLVersion", "R5"}} {
			r.add(diag.Check{Name: c.name, Rule: c.rule, Status: diag.Skipped, Detail: "checked by the caller before signing these bytes"})
		}
		r.freshness(nil, opts.At, true)
	} else {
		res = r.content(doc, opts, signature)
	}
	r.Checks = append(r.Checks, res.Checks...)
	r.signerInfo(res.Signer, res.SigningTime, opts.Pin)
	return r
}

// content decodes and checks the list (Structure, TLVersion, freshness,
// DecodesToModel) while signature runs: both only read the tree, and a
// large list's time goes to these two.
func (r *Report) content(doc *xmldoc.Document, opts Options, signature func() *xades.Result) *xades.Result {
	var res *xades.Result
	var wg sync.WaitGroup
	wg.Go(func() { res = signature() })
	l, findings := tsl.DecodeDocument(doc, tsl.DecodeOptions{File: opts.File, Limits: opts.Limits})
	r.Structure = findings.Errors()
	var same diag.Check
	if opts.Want != nil {
		same = decodesTo(l, opts.Want, len(r.Structure) > 0) // while the signature is checked
	}
	wg.Wait()
	r.list = l
	if len(r.Structure) > 0 {
		first := r.Structure[0]
		r.add(diag.Check{Name: "Structure", Rule: "R7", Status: diag.Fail, Line: first.Pos.Line,
			Detail: fmt.Sprintf("%d schema error(s); first: %s: %s", len(r.Structure), first.Path, first.Message)})
	} else {
		r.add(diag.Check{Name: "Structure", Rule: "R7", Status: diag.Pass, Detail: "conforms to the TS 119 612 v2.4.1 structure"})
	}
	if l != nil {
		r.List = summarise(l)
		r.versionAndFreshness(l, opts)
	}
	if opts.Want != nil {
		r.add(same)
	}
	return res
}

func (r *Report) add(c diag.Check) { r.Checks = append(r.Checks, c) }

// parse reads the document within limits and reports it as WellFormed;
// nil when it is not.
func (r *Report) parse(data []byte, limits xmldoc.Limits) *xmldoc.Document {
	doc, err := xmldoc.ParseBytes(data, limits)
	if err != nil {
		line := 0
		var pe *xmldoc.Error
		if errors.As(err, &pe) {
			line = pe.Line
		}
		r.add(diag.Check{Name: "WellFormed", Rule: "R1", Status: diag.Fail, Detail: err.Error(), Line: line})
		return nil
	}
	r.add(diag.Check{Name: "WellFormed", Rule: "R1", Status: diag.Pass, Detail: "well-formed XML, no DTD"})
	return doc
}

// versionAndFreshness adds the TLVersion (R5) and NextUpdate (R19) checks.
func (r *Report) versionAndFreshness(l *model.List, opts Options) {
	versions := opts.Versions
	if versions == nil {
		versions = []int{model.Version5, model.Version6}
	}
	v := l.Scheme.VersionIdentifier
	ok := false
	for _, a := range versions {
		ok = ok || a == v
	}
	if ok {
		r.add(diag.Check{Name: "TLVersion", Rule: "R5", Status: diag.Pass, Detail: fmt.Sprintf("TSLVersionIdentifier %d", v)})
	} else {
		r.add(diag.Check{Name: "TLVersion", Rule: "R5", Status: diag.Fail,
			Detail: fmt.Sprintf("TSLVersionIdentifier %d is not accepted (want one of %v)", v, versions)})
	}
	r.freshness(l.Scheme.NextUpdate, opts.At, opts.SkipFreshness)
}

// decodesTo is the DecodesToModel check: the signed bytes decode to the
// list that was signed.
func decodesTo(got, want *model.List, structureFailed bool) diag.Check {
	c := diag.Check{Name: "DecodesToModel", Rule: "TS 119 612 5.7", Status: diag.Pass, Detail: "the signed bytes decode to the compiled list"}
	switch {
	case structureFailed:
		c.Status, c.Detail = diag.Fail, "the signed bytes do not decode (see Structure)"
	case !got.Equal(want):
		c.Status, c.Detail = diag.Fail, "the decoded list differs from the compiled list"
	}
	return c
}

// Failures returns the failed checks, in report order.
func (r *Report) Failures() diag.Checks {
	var out diag.Checks
	for _, c := range r.Checks {
		if c.Status == diag.Fail {
			out = append(out, c)
		}
	}
	return out
}

// Err returns nil when the list passed, else an *Error naming the file
// and every failed check: the one form in which every caller (verify,
// build, sign, trust) reports a list that did not pass.
func (r *Report) Err() error {
	if r.Valid {
		return nil
	}
	return &Error{File: r.File, Failed: r.Failures()}
}

// An Error is a verification that failed.
type Error struct {
	File   string
	Failed diag.Checks
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File + ": ")
	}
	fmt.Fprintf(&b, "%d check(s) failed: %s (jtsl verify --explain CHECK says what a check asks)", len(e.Failed), e.Failed)
	return b.String()
}

func summarise(l *model.List) *ListInfo {
	info := &ListInfo{
		Territory: l.Scheme.Territory, Type: l.Scheme.Type, Version: l.Scheme.VersionIdentifier,
		Sequence: l.Scheme.SequenceNumber, IssueTime: l.Scheme.ListIssueDateTime.Format(model.TimeLayout),
		Operator: l.Scheme.OperatorName.Get("en"), Providers: len(l.Providers),
	}
	if info.Operator == "" && len(l.Scheme.OperatorName) > 0 {
		info.Operator = l.Scheme.OperatorName[0].Value
	}
	if l.Scheme.NextUpdate != nil {
		info.NextUpdate = l.Scheme.NextUpdate.Format(model.TimeLayout)
	}
	for _, p := range l.Providers {
		info.Services += len(p.Services)
	}
	return info
}

func pinned(c *x509.Certificate, pins []*x509.Certificate) bool {
	for _, p := range pins {
		if p.Equal(c) {
			return true
		}
	}
	return false
}

// Text renders the report for people: one line per check.
func (r *Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "file: %s\n", r.File)
	providers := "TSPs"
	if r.Format != "" {
		fmt.Fprintf(&b, "format: %s\n", r.Format)
		providers = "entities"
	}
	if r.List != nil {
		fmt.Fprintf(&b, "list: %s %s, version %d, sequence %d, issued %s, next update %s, %d %s, %d services\n",
			r.List.Territory, r.List.Operator, r.List.Version, r.List.Sequence, r.List.IssueTime, orDash(r.List.NextUpdate), r.List.Providers, providers, r.List.Services)
	}
	if r.Signer != nil {
		fmt.Fprintf(&b, "signer: %s (issuer %s, SHA-256 %s)\n", r.Signer.Subject, r.Signer.Issuer, r.Signer.SHA256)
	}
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "%-4s %s\n", strings.ToUpper(c.Status.String()), c.String())
	}
	for _, d := range r.Structure {
		fmt.Fprintf(&b, "     %s\n", d.String())
	}
	if r.Valid {
		b.WriteString("result: VALID\n")
	} else {
		b.WriteString("result: INVALID\n")
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
