package xades

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

// findAll returns every element ns:tag below e.
func findAll(e *etree.Element, ns, tag string) []*etree.Element {
	var out []*etree.Element
	var walk func(x *etree.Element)
	walk = func(x *etree.Element) {
		if x.Tag == tag && x.NamespaceURI() == ns {
			out = append(out, x)
		}
		for c := range x.ChildElementsSeq() {
			walk(c)
		}
	}
	walk(e)
	return out
}

// checkXAdES checks the qualifying properties of a XAdES-B-B signature
// (R9, R10, R12, R17, R18).
func (v *verifier) checkXAdES(sig, spRef, fullScope *etree.Element, cert *x509.Certificate) {
	qps := findAll(v.root, model.NSXAdES, "QualifyingProperties")
	sigID, _ := attrValue(sig, "Id")
	var qp *etree.Element
	switch {
	case len(qps) == 0:
		v.fail("QualifyingProperties", "R9", sig, "no xades:QualifyingProperties (namespace %s): a plain XML-DSig signature is not XAdES", model.NSXAdES)
		return
	case len(qps) > 1:
		v.fail("QualifyingProperties", "R9", qps[1], "%d xades:QualifyingProperties in the document: exactly one is allowed", len(qps))
		return
	}
	qp = qps[0]
	obj := qp.Parent()
	if obj == nil || obj.Tag != "Object" || obj.NamespaceURI() != model.NSDS || obj.Parent() != sig {
		v.fail("QualifyingProperties", "R9", qp, "xades:QualifyingProperties is not in a ds:Object of the signature")
		return
	}
	if target, _ := attrValue(qp, "Target"); sigID == "" || target != "#"+sigID {
		v.fail("QualifyingProperties", "R9", qp, "QualifyingProperties Target %q does not name the signature (Id %q)", target, sigID)
		return
	}
	v.pass("QualifyingProperties", "R9", "one QualifyingProperties targeting #%s", sigID)

	sps := findAll(v.root, model.NSXAdES, "SignedProperties")
	switch {
	case len(sps) != 1:
		v.fail("SignedPropertiesReferenced", "R9", sig, "%d xades:SignedProperties in the document: exactly one is allowed", len(sps))
		return
	case sps[0].Parent() != qp:
		v.fail("SignedPropertiesReferenced", "R9", sps[0], "SignedProperties is not inside the signature's QualifyingProperties")
		return
	case spRef == nil:
		v.fail("SignedPropertiesReferenced", "R9", sps[0], "no valid ds:Reference with Type=%q: the signed properties are not signed", model.TypeSignedProperties)
		return
	}
	uri, _ := attrValue(spRef, "URI")
	if id, _ := attrValue(sps[0], "Id"); id == "" || uri != "#"+id {
		v.fail("SignedPropertiesReferenced", "R9", spRef, "the SignedProperties reference %q does not point at the signature's SignedProperties", uri)
		return
	}
	v.pass("SignedPropertiesReferenced", "R9", "SignedProperties is signed by reference %q with its Type", uri)
	sp := sps[0]

	ssp, _ := child(sp, model.NSXAdES, "SignedSignatureProperties")
	if ssp == nil {
		v.fail("SigningTime", "R18", sp, "no SignedSignatureProperties")
		return
	}
	v.signingTime(ssp, cert)
	v.signingCertificate(ssp, cert)
	v.dataObjectFormat(sp, fullScope)
}

func (v *verifier) signingTime(ssp *etree.Element, cert *x509.Certificate) {
	sts := findAll(ssp, model.NSXAdES, "SigningTime")
	if len(sts) != 1 {
		v.fail("SigningTime", "R18", ssp, "%d SigningTime elements: exactly one is required", len(sts))
		return
	}
	s := strings.TrimSpace(textOf(sts[0]))
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = time.Parse("2006-01-02T15:04:05", s)
	}
	if err != nil {
		v.fail("SigningTime", "R18", sts[0], "SigningTime %q is not an xs:dateTime", s)
		return
	}
	v.res.SigningTime = t.UTC()
	switch {
	case cert != nil && (t.Before(cert.NotBefore) || t.After(cert.NotAfter)):
		v.fail("SigningTime", "R18", sts[0], "SigningTime %s is outside the signer certificate's validity %s – %s",
			t.UTC().Format(model.TimeLayout), cert.NotBefore.UTC().Format(model.TimeLayout), cert.NotAfter.UTC().Format(model.TimeLayout))
	case !v.opts.At.IsZero() && t.After(v.opts.At.Add(5*time.Minute)):
		v.fail("SigningTime", "R18", sts[0], "SigningTime %s is in the future of %s", t.UTC().Format(model.TimeLayout), v.opts.At.UTC().Format(model.TimeLayout))
	default:
		v.pass("SigningTime", "R18", "%s, within the signer's validity", t.UTC().Format(model.TimeLayout))
	}
}

// signingCertificate checks SigningCertificate(V2): the digest of the
// KeyInfo certificate and its issuer and serial (R17), and which version
// the list's format requires (R10).
func (v *verifier) signingCertificate(ssp *etree.Element, cert *x509.Certificate) {
	v2 := findAll(ssp, model.NSXAdES, "SigningCertificateV2")
	v1 := findAll(ssp, model.NSXAdES, "SigningCertificate")
	version := listVersion(v.root)
	if v.opts.SigningCertificateV2 {
		version = max(version, model.Version6)
	}
	switch {
	case version >= 6 && (len(v2) != 1 || len(v1) != 0):
		v.fail("SigningCertificateVersion", "R10", ssp, "a version %d list needs one SigningCertificateV2 and no SigningCertificate (found %d and %d)", version, len(v2), len(v1))
	case version < 6 && len(v2) > 0:
		v.add("SigningCertificateVersion", "R10", diag.Warn, ssp, "a version %d list is expected to use SigningCertificate (v1); it has SigningCertificateV2", version)
	case len(v1)+len(v2) != 1:
		v.fail("SigningCertificateVersion", "R12", ssp, "exactly one SigningCertificate or SigningCertificateV2 is required (found %d)", len(v1)+len(v2))
	default:
		v.pass("SigningCertificateVersion", "R10", "signing-certificate property fits version %d", version)
	}
	if cert == nil {
		return
	}
	var certs []*etree.Element
	for _, sc := range append(v2, v1...) {
		certs = append(certs, findAll(sc, model.NSXAdES, "Cert")...)
	}
	if len(certs) == 0 {
		v.fail("SigningCertificate", "R17", ssp, "no xades:Cert in the signing-certificate property")
		return
	}
	var problems []string
	for _, c := range certs {
		if uri, ok := attrValue(c, "URI"); ok && c.Parent().Tag == "SigningCertificateV2" {
			problems = append(problems, fmt.Sprintf("Cert has a URI attribute %q (baseline-B forbids it)", uri))
			continue
		}
		if err := certMatches(c, cert); err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if len(problems) == 0 {
			v.pass("SigningCertificate", "R17", "CertDigest and issuer/serial match the KeyInfo certificate")
			return
		}
	}
	v.fail("SigningCertificate", "R17", ssp, "%s", strings.Join(problems, "; "))
}

func certMatches(c *etree.Element, cert *x509.Certificate) error {
	cd, _ := child(c, model.NSXAdES, "CertDigest")
	if cd == nil {
		return errors.New("the Cert element has no CertDigest")
	}
	dm, _ := child(cd, model.NSDS, "DigestMethod")
	dv, _ := child(cd, model.NSDS, "DigestValue")
	h, ok := digestAlgs[algAttr(dm)]
	if !ok || dv == nil {
		return fmt.Errorf("CertDigest has an unknown digest method %q", algAttr(dm))
	}
	want, err := b64decode(textOf(dv))
	x := h.New()
	x.Write(cert.Raw)
	if err != nil || !bytes.Equal(x.Sum(nil), want) {
		return fmt.Errorf("CertDigest does not match the KeyInfo certificate")
	}
	if is, _ := child(c, model.NSXAdES, "IssuerSerialV2"); is != nil {
		der, err := b64decode(textOf(is))
		if err != nil {
			return fmt.Errorf("IssuerSerialV2 is not base64")
		}
		var parsed struct {
			Issuer []asn1.RawValue
			Serial *big.Int
		}
		if _, err := asn1.Unmarshal(der, &parsed); err != nil {
			return fmt.Errorf("IssuerSerialV2 is not a DER IssuerSerial")
		}
		if parsed.Serial == nil || parsed.Serial.Cmp(cert.SerialNumber) != 0 {
			return fmt.Errorf("IssuerSerialV2 serial does not match the KeyInfo certificate")
		}
		found := false
		for _, gn := range parsed.Issuer {
			if gn.Class == asn1.ClassContextSpecific && gn.Tag == 4 && bytes.Equal(gn.Bytes, cert.RawIssuer) {
				found = true
			}
		}
		if !found {
			return fmt.Errorf("IssuerSerialV2 issuer does not match the KeyInfo certificate")
		}
	}
	if is, _ := child(c, model.NSXAdES, "IssuerSerial"); is != nil {
		sn, _ := child(is, model.NSDS, "X509SerialNumber")
		n, ok := new(big.Int).SetString(strings.TrimSpace(textOf(orEmpty(sn))), 10)
		if !ok || n.Cmp(cert.SerialNumber) != 0 {
			return fmt.Errorf("IssuerSerial serial number does not match the KeyInfo certificate")
		}
	}
	return nil
}

// listVersion reads TSLVersionIdentifier, or 0.
func listVersion(root *etree.Element) int {
	for si := range root.ChildElementsSeq() {
		if si.Tag != "SchemeInformation" {
			continue
		}
		for c := range si.ChildElementsSeq() {
			if c.Tag == "TSLVersionIdentifier" {
				var n int
				fmt.Sscanf(strings.TrimSpace(textOf(c)), "%d", &n)
				return n
			}
		}
	}
	return 0
}

// dataObjectFormat requires a DataObjectFormat with a MimeType for the
// whole-document reference (baseline-B requirement k, R12).
func (v *verifier) dataObjectFormat(sp, fullScope *etree.Element) {
	refID := ""
	if fullScope != nil {
		refID, _ = attrValue(fullScope, "Id")
	}
	for _, dof := range findAll(sp, model.NSXAdES, "DataObjectFormat") {
		or, _ := attrValue(dof, "ObjectReference")
		mt, _ := child(dof, model.NSXAdES, "MimeType")
		if refID != "" && or == "#"+refID && mt != nil && strings.TrimSpace(textOf(mt)) != "" {
			v.pass("DataObjectFormat", "R12", "MimeType %s for the list reference", strings.TrimSpace(textOf(mt)))
			return
		}
	}
	v.fail("DataObjectFormat", "R12", sp, "no DataObjectFormat with a MimeType for the whole-document reference (XAdES baseline-B)")
}
