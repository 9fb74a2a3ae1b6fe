package lint

import (
	"bytes"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"slices"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
)

// Rules on the certificates that identify services (TS 119 612 clause
// 5.5.3) and on how they fit the service type and its status.

func oneKey(p *Pass) {
	for _, r := range p.services() {
		for k := 1; k < len(r.certs); k++ {
			c, c0 := r.certs[k], r.certs[0]
			switch {
			case !bytes.Equal(c.RawSubjectPublicKeyInfo, c0.RawSubjectPublicKeyInfo):
				p.at(r.identityAt(r.certAt[k]), fix("list each key as its own service", ""),
					"certificate %q has another public key than %q: a service entry has exactly one key (clause 5.5.3)", c.Subject, c0.Subject)
			case !sameName(c, c0):
				p.at(r.identityAt(r.certAt[k]), fix("list each subject name as its own service", ""),
					"certificate %q names another subject than %q: several certificates of one identity share key and subject name (clause 5.5.3)", c.Subject, c0.Subject)
			}
		}
		var first []byte
		for k, d := range r.svc.Identity {
			switch {
			case d.SKI == nil:
			case first == nil:
				first = d.SKI
			case !bytes.Equal(d.SKI, first):
				p.at(r.identityAt(k), fix("list each key as its own service", ""),
					"X509SKI %X names another key than %X: a service entry has exactly one key (clause 5.5.3)", d.SKI, first)
			}
		}
	}
}

func skiMatches(p *Pass) {
	for _, r := range p.services() {
		c := r.cert()
		if c == nil || len(c.SubjectKeyId) == 0 {
			continue
		}
		for k, d := range r.svc.Identity {
			if d.SKI != nil && !bytes.Equal(d.SKI, c.SubjectKeyId) {
				p.at(r.identityAt(k), fix("use the certificate's SKI (or the short form identity: {certificate: …})", base64.StdEncoding.EncodeToString(c.SubjectKeyId)),
					"X509SKI %X differs from the certificate's SubjectKeyIdentifier %X (clause 5.5.3)", d.SKI, c.SubjectKeyId)
			}
		}
	}
}

func duplicateKey(p *Pass) {
	type first struct {
		ref svcRef
		k   int
	}
	seen := map[string]first{}
	for _, r := range p.services() {
		mine := map[string]bool{}
		for k, c := range r.certs {
			key := r.svc.Type + "\x00" + string(c.RawSubjectPublicKeyInfo)
			if mine[key] {
				continue // several certificates of one key in one identity (JTSL009)
			}
			mine[key] = true
			if fst, ok := seen[key]; ok {
				p.report(r.identityAt(r.certAt[k]), fix("list the key once for this type", ""), []diag.Related{{Pos: fst.ref.identityAt(fst.ref.certAt[fst.k]).Pos(), Message: "first listed here"}},
					"the same public key is already listed as a %s service in %s (%s): a key appears once per service type (clause 5.5.3)", short(r.svc.Type), fst.ref.at.File.Path, fst.ref.at.Path())
				continue
			}
			seen[key] = first{r, k}
		}
	}
}

// sameName reports whether two certificates name the same subject. The
// same name in another string type (PrintableString, UTF8String) is the
// same name (RFC 5280 §7.1); the PL list has such a pair in one identity.
func sameName(a, b *x509.Certificate) bool {
	return bytes.Equal(a.RawSubject, b.RawSubject) || strings.EqualFold(a.Subject.String(), b.Subject.String())
}

// isCA reports whether a certificate is a CA's: basicConstraints CA:true.
func isCA(c *x509.Certificate) bool { return c.BasicConstraintsValid && c.IsCA }

// isCAOrV1 also accepts an X.509 v1 certificate, which predates extensions
// and was issued to root CAs only (the CL list has such roots as CA/QC).
func isCAOrV1(c *x509.Certificate) bool { return isCA(c) || c.Version < 3 }

func certForType(p *Pass) {
	jp := p.Set.List.Scheme.Territory == "JP"
	for _, r := range p.services() {
		c := r.cert()
		if c == nil {
			continue
		}
		t := p.etsiType(r.svc.Type)
		at := func() source.Loc { return r.identityAt(r.certAt[0]) }
		switch {
		case strings.HasPrefix(t, model.SvcTypePrefix+"CA/") || t == model.SvcNationalRootCAQC:
			if !isCAOrV1(c) {
				p.at(at(), fix("list the issuing CA's certificate", ""),
					"a %s service is identified by a CA certificate (basicConstraints CA:true); %q is an end-entity certificate", short(t), c.Subject)
			}
		case t == model.SvcOCSP || t == model.SvcOCSPQC:
			if !isCA(c) && !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageOCSPSigning) {
				p.at(at(), fix("list the OCSP responder's certificate (or the CA that signs the responses)", ""),
					"a %s service is identified by the CA that signs the responses or by a responder certificate with the id-kp-OCSPSigning extended key usage (RFC 6960 §4.2.2.2); %q is neither", short(t), c.Subject)
			}
		case t == model.SvcTSA || strings.HasPrefix(t, model.SvcTSA+"/"):
			if isCA(c) {
				// Some lists identify a TSA by its CA (SE, EE); that is
				// their policy. The J-TSL lists the TSA's own key.
				if jp {
					p.at(at(), fix("list the TSA's time-stamping certificate, not its CA", ""),
						"J-TSL policy: a %s service is identified by the TSA's own certificate; %q is a CA certificate", short(t), c.Subject)
				}
				continue
			}
			if !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageTimeStamping) {
				p.at(at(), fix("list the TSA's time-stamping certificate", ""),
					"a %s service is identified by a certificate with the id-kp-timeStamping extended key usage (RFC 3161 §2.3); %q has none", short(t), c.Subject)
			}
		}
	}
}

func certValidity(p *Pass) {
	at := p.Opts.IssueTime
	if at.IsZero() {
		return
	}
	for _, r := range p.services() {
		c := r.cert()
		if c == nil || !p.inForce(r.svc.Status) {
			continue
		}
		// A re-certified key lists several certificates (JTSL009 checks
		// they share the key); one valid now is enough.
		valid := false
		for _, o := range r.certs {
			valid = valid || outside(o, at) == ""
		}
		if why := outside(c, at); !valid && why != "" {
			p.at(r.identityAt(r.certAt[0]), fix("list the renewed key as a new service and withdraw this one", ""),
				"the certificate %s at the issue time %s; a service in force (%s) is listed with a valid certificate",
				why, at.Format(model.TimeLayout), strings.TrimPrefix(r.svc.Status, model.SvcStatusPrefix))
		}
	}
}

func certCoversStatus(p *Pass) {
	for _, r := range p.services() {
		c := r.cert()
		if c == nil || !p.inForce(r.svc.Status) {
			continue
		}
		start := r.svc.StatusStartingTime
		// A day's grace before notBefore: lists write the local date of a
		// grant made the day the certificate was issued (CL, PL, PT lists).
		if start.Add(24*time.Hour).Before(c.NotBefore) || start.After(c.NotAfter) {
			why := outside(c, start)
			p.at(r.statusAt(-1).Key("from"), fix("check the status date against the certificate", ""),
				"the certificate %s at the status start %s: a status in force belongs to a certified key; the date or the certificate is probably wrong",
				why, start.Format(model.TimeLayout))
		}
	}
}

// outside says how t falls outside the validity of c, or "".
func outside(c *x509.Certificate, t time.Time) string {
	switch {
	case t.Before(c.NotBefore):
		return "is valid only from " + c.NotBefore.UTC().Format(model.TimeLayout)
	case t.After(c.NotAfter):
		return "expired " + c.NotAfter.UTC().Format(model.TimeLayout)
	}
	return ""
}

// keyID returns the certificate's SubjectKeyIdentifier, or the one RFC
// 5280 §4.2.1.2 method 1 derives: SHA-1 of the subjectPublicKey bits.
func keyID(c *x509.Certificate) []byte {
	if len(c.SubjectKeyId) > 0 {
		return c.SubjectKeyId
	}
	var spki struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err != nil {
		return nil
	}
	sum := sha1.Sum(spki.PublicKey.Bytes)
	return sum[:]
}
