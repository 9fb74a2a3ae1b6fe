package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/model"
)

// A Profile is what the scheme operator's signing certificate must match
// for one list. See ETSI TS 119 612 v2.4.1 clause 5.7.1.
type Profile struct {
	// Territory is the SchemeTerritory (5.3.10); subject C must equal it.
	Territory string
	// OperatorNames are the SchemeOperatorName values (5.3.4), the preferred
	// (English) one first; subject O must equal one of them. NewRequest and
	// DevKey put the first in O.
	OperatorNames []string
	// IssueTime is the ListIssueDateTime (5.3.14); the certificate must be
	// valid then. If zero, it is not checked.
	IssueTime time.Time
	// NextUpdate (5.3.15): the certificate must not expire before it, or
	// the list could not be verified for its whole life. If zero (a closed
	// list), it is not checked.
	NextUpdate time.Time
}

// PKCS1v15Sunset is when EU DSS's default cryptographic policy stops
// accepting RSA PKCS#1 v1.5 signatures (RSASSA-PSS and ECDSA go on).
var PKCS1v15Sunset = time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC)

// A ProfileError is one way a certificate departs from the TLSO profile:
// the field, what it holds, what the profile wants, and how to fix it.
type ProfileError struct {
	Field string // certificate field, e.g. "subject O", "keyUsage"
	Got   string // what the certificate has
	Want  string // what TS 119 612 clause 5.7.1 asks for
	Fix   string // a verb phrase
}

func (e *ProfileError) Error() string {
	return fmt.Sprintf("%s is %s, want %s: %s", e.Field, e.Got, e.Want, e.Fix)
}

// oidTSLSigning is id-tsl-kp-tslSigning, parsed from the model constant.
var oidTSLSigning = mustOID(model.OIDTSLSigning)

// minRSABits is the RSA size TS 119 312 gives for a key used for at least
// three years, which TS 119 612 clause 5.7.1 asks of the list signer.
const minRSABits = 3072

// CheckProfile checks cert against the TLSO certificate profile of TS 119
// 612 clause 5.7.1 and reports every departure. errs must refuse the
// signature; warnings (the clause's "should": a missing tslSigning extended
// key usage) are to be shown.
func CheckProfile(cert *x509.Certificate, p Profile) (errs, warnings []*ProfileError) {
	add := func(field, got, want, fix string) {
		errs = append(errs, &ProfileError{Field: field, Got: got, Want: want, Fix: fix})
	}
	if c := cert.Subject.Country; len(c) != 1 || c[0] != p.Territory {
		add("subject C", listOrAbsent(c), strconv.Quote(p.Territory)+" (the scheme territory)",
			"reissue the certificate with C="+p.Territory)
	}
	if o := cert.Subject.Organization; len(o) != 1 || !contains(p.OperatorNames, o[0]) {
		fix := "reissue the certificate with O set to the scheme operator name"
		if len(p.OperatorNames) > 0 {
			fix = "reissue the certificate with O=" + p.OperatorNames[0]
		}
		add("subject O", listOrAbsent(o), "one of "+quoteAll(p.OperatorNames)+" (SchemeOperatorName, English preferred)", fix)
	}
	if cert.BasicConstraintsValid && cert.IsCA {
		add("basicConstraints", "CA:true", "CA:false", "reissue the certificate as an end-entity certificate")
	}
	const allowed = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
	switch {
	case cert.KeyUsage == 0:
		add("keyUsage", "absent", "digitalSignature and/or nonRepudiation", "reissue the certificate with a keyUsage extension")
	case cert.KeyUsage&^allowed != 0:
		add("keyUsage", keyUsageNames(cert.KeyUsage), "digitalSignature and/or nonRepudiation only",
			"reissue the certificate without "+keyUsageNames(cert.KeyUsage&^allowed))
	}
	if !hasOID(cert.UnknownExtKeyUsage, oidTSLSigning) {
		got := "absent"
		if len(cert.ExtKeyUsage)+len(cert.UnknownExtKeyUsage) > 0 {
			got = "without id-tsl-kp-tslSigning"
		}
		warnings = append(warnings, &ProfileError{Field: "extendedKeyUsage", Got: got,
			Want: "id-tsl-kp-tslSigning " + model.OIDTSLSigning,
			Fix:  "reissue the certificate with that extended key usage (TS 119 612 5.7.1 says it should be there)"})
	}
	if len(cert.SubjectKeyId) == 0 {
		add("subjectKeyIdentifier", "absent", "present (RFC 5280 4.2.1.2)", "reissue the certificate with a subjectKeyIdentifier")
	}
	if got, ok := keyStrength(cert); !ok {
		add("public key", got, fmt.Sprintf("RSA of at least %d bits or ECDSA P-256, P-384 or P-521", minRSABits),
			"make a new key of an accepted type and size")
	}
	checkValidity(cert, p, add)
	return errs, warnings
}

// SchemeWarning warns of an RSA key that signs PKCS#1 v1.5 (pss false)
// with a certificate valid past PKCS1v15Sunset: lists it signs stop being
// accepted by EU DSS's default policy before the certificate expires.
func SchemeWarning(cert *x509.Certificate, pss bool) *ProfileError {
	if _, isRSA := cert.PublicKey.(*rsa.PublicKey); !isRSA || pss || !cert.NotAfter.After(PKCS1v15Sunset) {
		return nil
	}
	return &ProfileError{Field: "signature scheme",
		Got:  "RSA PKCS#1 v1.5 with a certificate valid until " + cert.NotAfter.UTC().Format(model.TimeLayout),
		Want: "RSASSA-PSS or ECDSA for lists checked after " + PKCS1v15Sunset.Format(model.TimeLayout) + " (EU DSS's default policy refuses PKCS#1 v1.5 from then)",
		Fix:  "sign with RSASSA-PSS (--rsa-pss), or make an ECDSA P-256 key (jtsl keys new) and have its certificate issued"}
}

// checkValidity checks the certificate covers the list's life.
func checkValidity(cert *x509.Certificate, p Profile, add func(field, got, want, fix string)) {
	at := func(t time.Time) string { return t.UTC().Format(model.TimeLayout) }
	if !p.IssueTime.IsZero() {
		if p.IssueTime.Before(cert.NotBefore) {
			add("notBefore", at(cert.NotBefore), "at or before the issue time "+at(p.IssueTime),
				"issue the list later or use a certificate valid now")
		}
		if p.IssueTime.After(cert.NotAfter) {
			add("notAfter", at(cert.NotAfter)+" (expired)", "after the issue time "+at(p.IssueTime),
				"renew the certificate")
		}
	}
	if !p.NextUpdate.IsZero() && p.NextUpdate.After(cert.NotAfter) {
		add("notAfter", at(cert.NotAfter), "at or after NextUpdate "+at(p.NextUpdate),
			"renew the certificate, or issue the list with an earlier NextUpdate")
	}
}

// keyStrength describes the certificate's key and whether it is accepted.
func keyStrength(cert *x509.Certificate) (string, bool) {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		n := k.N.BitLen()
		return fmt.Sprintf("RSA-%d", n), n >= minRSABits
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256(), elliptic.P384(), elliptic.P521():
			return "ECDSA " + k.Curve.Params().Name, true
		}
		return "ECDSA " + k.Curve.Params().Name, false
	case ed25519.PublicKey:
		return "Ed25519 (EU DSS refuses EdDSA list signatures)", false
	default:
		return cert.PublicKeyAlgorithm.String(), false
	}
}

var keyUsageBits = []string{"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
	"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"}

// keyUsageNames spells key usage bits as RFC 5280 4.2.1.3 names them.
func keyUsageNames(ku x509.KeyUsage) string {
	var out []string
	for i, n := range keyUsageBits {
		if ku&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return strings.Join(out, "+")
}

func hasOID(list []asn1.ObjectIdentifier, o asn1.ObjectIdentifier) bool {
	for _, x := range list {
		if x.Equal(o) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func listOrAbsent(vals []string) string {
	if len(vals) == 0 {
		return "absent"
	}
	return quoteAll(vals)
}

func quoteAll(ss []string) string {
	if len(ss) == 0 {
		return "(none given)"
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// mustOID parses a dotted OID constant of internal/model.
func mustOID(s string) asn1.ObjectIdentifier {
	var o asn1.ObjectIdentifier
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			panic("keys: bad OID constant " + s)
		}
		o = append(o, n)
	}
	return o
}
