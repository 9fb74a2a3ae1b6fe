package publish

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/jtsl/jtsl/internal/diff"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
)

// MaxClockSkew is how far an issue or signing time may be ahead of the
// clock: a list is neither issued nor signed in the future (a few minutes
// allow for clocks that differ between the build machine and the signing
// station).
const MaxClockSkew = 5 * time.Minute

// Hints for notAhead: the flags that set the time refused.
const (
	issueTimeHint   = "not issued in the future (TS 119 612 clause 5.3.14); check --issue-time"
	signingTimeHint = "not signed in the future (TS 119 612 clause 5.7); check --signing-time (a prepared folder: its issue time)"
)

// notAhead refuses a time t (what: "issue time", "signing time") more
// than MaxClockSkew after now (now zero: no clock was given, nothing to
// check). Build checks the issue time with it, SignDocument (jtsl sign,
// the signing station, the test LOTL) the signing time: one rule for
// every signature jtsl makes.
func notAhead(what string, t, now time.Time, hint string) error {
	if now.IsZero() || !t.After(now.Add(MaxClockSkew)) {
		return nil
	}
	return fmt.Errorf("%s %s is %s after the current time %s: a list is %s, SOURCE_DATE_EPOCH and the machine's clock",
		what, t.UTC().Format(model.TimeLayout), t.Sub(now).Round(time.Second), now.UTC().Format(model.TimeLayout), hint)
}

// checkSameScheme refuses a previous release of another scheme: another
// territory, or a scheme operator with none of this one's names. Its
// sequence number and history are not this list's to continue.
func checkSameScheme(prev *previous, l *model.List) error {
	a, b := prev.list.Scheme, l.Scheme
	if a.Territory != b.Territory {
		return fmt.Errorf("previous release %s is the list of territory %q, these sources are %q: give --previous (or --out) the release of this scheme",
			prev.path, a.Territory, b.Territory)
	}
	for _, n := range a.OperatorName {
		if slices.ContainsFunc(b.OperatorName, func(m model.LangString) bool { return m.Value == n.Value }) {
			return nil
		}
	}
	return fmt.Errorf("previous release %s is published by scheme operator %q, these sources name %q: give --previous (or --out) the release of this scheme (an operator that changes its name changes one language per release)",
		prev.path, a.OperatorName.English(), b.OperatorName.English())
}

// signerOf names a signer certificate.
func signerOf(c *x509.Certificate) diff.Signer {
	sum := sha256.Sum256(c.Raw)
	return diff.Signer{Subject: c.Subject.String(), SHA256: hex.EncodeToString(sum[:]), DevelopmentKey: c.Subject.CommonName == keys.DevCommonName}
}

// checkSigner continuity: a release is signed by the previous release's
// signer certificate unless newSigner says the change is meant; the
// change is returned for the change report and the manifest. A change
// between the development key and a real key is always warned about.
func checkContinuity(opts Options, prev *previous, cert *x509.Certificate) (*diff.SignerChange, error) {
	if prev == nil || prev.signer == nil {
		return nil, nil
	}
	old, cur := signerOf(prev.signer), signerOf(cert)
	if old.SHA256 == cur.SHA256 {
		if opts.NewSigner {
			fmt.Fprintf(opts.Log, "WARNING: --new-signer: the signer certificate is the previous release's (%s)\n", cur.Subject)
		}
		return nil, nil
	}
	switch {
	case old.DevelopmentKey && !cur.DevelopmentKey:
		fmt.Fprintf(opts.Log, "WARNING: the previous release %s was signed with the DEVELOPMENT KEY; this one is signed with %s\n", prev.path, cur.Subject)
	case !old.DevelopmentKey && cur.DevelopmentKey:
		fmt.Fprintf(opts.Log, "WARNING: the previous release %s was signed with a real key (%s); this one would be signed with the DEVELOPMENT KEY\n", prev.path, old.Subject)
	}
	if !opts.NewSigner {
		return nil, fmt.Errorf("the signer certificate differs from the previous release's:\n  previous: %s (SHA-256 %s)\n  this:     %s (SHA-256 %s)\ngive --new-signer if the scheme operator's signing certificate has really changed (the change report and manifest.json then name both)",
			old.Subject, old.SHA256, cur.Subject, cur.SHA256)
	}
	fmt.Fprintf(opts.Log, "WARNING: --new-signer: the signer changes from %s (SHA-256 %s) to %s (SHA-256 %s)\n", old.Subject, old.SHA256, cur.Subject, cur.SHA256)
	return &diff.SignerChange{Old: old, New: cur}, nil
}
