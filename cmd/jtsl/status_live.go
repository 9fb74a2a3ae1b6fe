package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/fetch"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/trust"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// Exit codes of jtsl status --url, for a monitoring job: 1 (exitInvalid)
// is the live list is not what it should be, 2 a usage error.
const (
	exitRenew    = 3 // all is well but NextUpdate is within --threshold days
	exitNotFetch = 4 // the list could not be fetched (network, TLS, HTTP)
)

// lotlStatus is what the EC's list of lists says of the J-TSL.
type lotlStatus struct {
	Location string `json:"location"`
	Valid    bool   `json:"valid"`
	// Pointer: the list of lists has a pointer to --url.
	Pointer bool `json:"pointer"`
	// NamesSigner: that pointer names the live list's signer.
	NamesSigner bool `json:"names_signer"`
}

// liveReport is jtsl status --url's report (--format json, version 1).
// ContentTypeOK: the media type served is TS 119 612's for a list.
// LocalSequence is the sequence of the release in --out, when given. SHA2
// is "match", "mismatch" or "missing" (the .sha2 could not be fetched).
// Problems make exit 1 (4 when the list could not be fetched); Warnings
// alone exit 3.
type liveReport struct {
	Version        int         `json:"version"`
	URL            string      `json:"url"`
	ContentType    string      `json:"content_type"`
	ContentTypeOK  bool        `json:"content_type_ok"`
	SignatureValid bool        `json:"signature_valid"`
	Signer         string      `json:"signer,omitempty"`
	SignerSHA256   string      `json:"signer_sha256,omitempty"`
	Sequence       int         `json:"sequence"`
	LocalSequence  int         `json:"local_sequence,omitempty"`
	IssueTime      string      `json:"issue_time,omitempty"`
	NextUpdate     string      `json:"next_update,omitempty"`
	DaysLeft       float64     `json:"days_left"`
	ThresholdDays  int         `json:"threshold_days"`
	SHA2           string      `json:"sha2"`
	LOTL           *lotlStatus `json:"lotl,omitempty"`
	OK             bool        `json:"ok"`
	Problems       []string    `json:"problems,omitempty"`
	Warnings       []string    `json:"warnings,omitempty"`
}

// runStatusLive checks the list at --url as the world gets it.
func runStatusLive(c *cli.Context, format string) error {
	url := c.String("url")
	pins, err := readCerts(c.StringSlice("cert"))
	if err != nil {
		return err
	}
	out := ""
	if c.IsSet("out") {
		out = c.String("out")
		if len(pins) == 0 {
			if pins, err = readCerts([]string{filepath.Join(out, release.FileSigner)}); err != nil {
				return err
			}
		}
	}
	if len(pins) == 0 {
		return usagef("status --url needs the signer to check the live list against: --cert PEM, or --out DIR (its %s)", release.FileSigner)
	}
	lotlPins, err := readCerts(c.StringSlice("lotl-cert"))
	if err != nil {
		return err
	}
	if (c.String("lotl") == "") != (len(lotlPins) == 0) {
		return usagef("--lotl and --lotl-cert go together: the EC's list of lists is read only when its signer is pinned")
	}
	client, err := tlsClient(c)
	if err != nil {
		return err
	}
	f := &fetch.Fetcher{Client: client, Timeout: 30 * time.Second}
	ctx := context.Background()
	now := time.Now().UTC()
	r := liveReport{Version: 1, URL: url, ThresholdDays: c.Int("threshold"), SHA2: "missing"}

	data, ctype, err := f.Live(ctx, url)
	if err != nil {
		r.Problems = append(r.Problems, err.Error())
		return r.finish(c, format, exitNotFetch)
	}
	r.ContentType = ctype
	want := release.ContentType(release.FileXML)
	got, _, _ := mime.ParseMediaType(ctype)
	if wantType, _, _ := mime.ParseMediaType(want); got == wantType {
		r.ContentTypeOK = true
	} else {
		r.Problems = append(r.Problems, fmt.Sprintf("served as %q, not %s (TS 119 612 clause 6.2.1.1): fix the server's headers", ctype, want))
	}

	// The signature, against the pinned signer; the dates are judged
	// below, with the threshold.
	vr := verify.Check(data, verify.Options{File: url, At: now, Pin: pins, Limits: xmldoc.Limits{}, SkipFreshness: true})
	var signer *x509.Certificate
	if r.SignatureValid = vr.Valid; vr.Valid {
		signer = vr.SignerCert()
	} else {
		for _, ch := range vr.Failures() {
			r.Problems = append(r.Problems, fmt.Sprintf("signature: %s: %s", ch.Name, ch.Detail))
		}
	}
	if vr.Signer != nil {
		r.Signer, r.SignerSHA256 = vr.Signer.Subject, vr.Signer.SHA256
	}
	if l := vr.Model(); l != nil {
		r.Sequence = l.Scheme.SequenceNumber
		r.IssueTime = l.Scheme.ListIssueDateTime.Format(model.TimeLayout)
		if nu := l.Scheme.NextUpdate; nu != nil {
			r.NextUpdate = nu.Format(model.TimeLayout)
			r.DaysLeft = daysLeft(*nu, now)
		}
		switch {
		case r.NextUpdate == "" || r.DaysLeft <= 0:
			r.Problems = append(r.Problems, "the live list has expired (NextUpdate passed or missing): publish a new release")
		case r.DaysLeft <= float64(r.ThresholdDays):
			r.Warnings = append(r.Warnings, fmt.Sprintf("NextUpdate is within %d days: re-issue the list", r.ThresholdDays))
		}
	}

	if sha, _, err := f.Live(ctx, sha2URL(url)); err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf(".sha2: %v", err))
	} else if string(sha) == release.SHA2(data) {
		r.SHA2 = "match"
	} else {
		r.SHA2 = "mismatch"
		r.Problems = append(r.Problems, fmt.Sprintf("%s does not hold the live list's SHA-256: upload the .sha2 of the same release, last", sha2URL(url)))
	}

	if out != "" {
		if err := r.compareLocal(out); err != nil {
			r.Problems = append(r.Problems, err.Error())
		}
	}
	if loc := c.String("lotl"); loc != "" {
		r.checkLOTL(ctx, f, loc, lotlPins, signer, now)
	}
	return r.finish(c, format, exitInvalid)
}

// sha2URL is the URL of a list's .sha2 (R21): its .xml extension replaced.
func sha2URL(url string) string { return strings.TrimSuffix(url, ".xml") + ".sha2" }

// daysLeft is how many days (one decimal, rounded down) remain to t.
func daysLeft(t, now time.Time) float64 { return float64(int(t.Sub(now).Hours()/24*10)) / 10 }

// compareLocal compares the live sequence with the release in out.
func (r *liveReport) compareLocal(out string) error {
	l, _, err := readRelease(out)
	if err != nil {
		return fmt.Errorf("local release: %w", err)
	}
	r.LocalSequence = l.Scheme.SequenceNumber
	switch {
	case r.Sequence < r.LocalSequence:
		return fmt.Errorf("the live list is sequence %d, the local release %d: upload %s", r.Sequence, r.LocalSequence, out)
	case r.Sequence > r.LocalSequence:
		return fmt.Errorf("the live list is sequence %d, newer than the local release %d: %s is not the release that was published", r.Sequence, r.LocalSequence, out)
	}
	return nil
}

// checkLOTL reads the EC's list of lists (pinned) and whether its pointer
// to the J-TSL names the live list's signer (nil: the live list did not
// verify, so no signer is current).
func (r *liveReport) checkLOTL(ctx context.Context, f *fetch.Fetcher, loc string, pins []*x509.Certificate, signer *x509.Certificate, now time.Time) {
	st := &lotlStatus{Location: loc}
	r.LOTL = st
	data, err := f.Get(ctx, loc)
	if err != nil {
		r.Problems = append(r.Problems, fmt.Sprintf("list of lists: %v", err))
		return
	}
	vr := verify.Check(data, verify.Options{File: loc, At: now, Pin: pins, Limits: xmldoc.Limits{}})
	if st.Valid = vr.Valid; !vr.Valid {
		r.Problems = append(r.Problems, fmt.Sprintf("list of lists %s does not verify with --lotl-cert: %v", loc, vr.Err()))
		return
	}
	for _, p := range vr.Model().Scheme.Pointers {
		if p.Location != r.URL {
			continue
		}
		st.Pointer = true
		for _, c := range trust.PointerCerts(p) {
			st.NamesSigner = st.NamesSigner || (signer != nil && c.Equal(signer))
		}
	}
	switch {
	case !st.Pointer:
		r.Problems = append(r.Problems, fmt.Sprintf("the list of lists has no pointer to %s", r.URL))
	case !st.NamesSigner:
		r.Problems = append(r.Problems, "the list of lists' pointer to the J-TSL does not name the live list's signer: EU relying parties will not accept the list; send the EC the current signer certificate")
	}
}

// finish prints the report and returns the exit: failCode on problems,
// exitRenew on warnings alone.
func (r *liveReport) finish(c *cli.Context, format string, failCode int) error {
	r.OK = len(r.Problems) == 0 && len(r.Warnings) == 0
	if format == "json" {
		if err := writeJSON(c.App.Writer, r); err != nil {
			return err
		}
	} else {
		r.text(c.App.Writer)
	}
	switch {
	case len(r.Problems) > 0:
		return &exitError{code: failCode, err: errors.New(strings.Join(r.Problems, "\n"))}
	case len(r.Warnings) > 0:
		return &exitError{code: exitRenew, err: errors.New(strings.Join(r.Warnings, "\n"))}
	}
	return nil
}

func (r *liveReport) text(w io.Writer) {
	fmt.Fprintf(w, "url          %s\n", r.URL)
	if r.ContentType == "" && r.Sequence == 0 {
		return // not fetched: the problem says why
	}
	sig := "INVALID"
	if r.SignatureValid {
		sig = "valid, pinned signer"
	}
	fmt.Fprintf(w, "served as    %s\nsignature    %s\nsigner       %s\n", r.ContentType, sig, orDash(r.Signer))
	local := ""
	if r.LocalSequence != 0 {
		local = fmt.Sprintf(" (local release %d)", r.LocalSequence)
	}
	fmt.Fprintf(w, "sequence     %d%s\nissued       %s\nnext update  %s\ndays left    %.1f\n.sha2        %s\n",
		r.Sequence, local, r.IssueTime, orDash(r.NextUpdate), r.DaysLeft, r.SHA2)
	if l := r.LOTL; l != nil {
		ptr := "no pointer to the list"
		switch {
		case !l.Valid:
			ptr = "does not verify"
		case l.NamesSigner:
			ptr = "pointer names the current signer"
		case l.Pointer:
			ptr = "pointer does NOT name the current signer"
		}
		fmt.Fprintf(w, "EC LOTL      %s\n", ptr)
	}
}
