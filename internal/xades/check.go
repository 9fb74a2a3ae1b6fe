package xades

import (
	"bufio"
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

// policyDigests are the digests EU DSS's TL policy accepts (R16).
var policyDigests = map[string]bool{model.AlgSHA224: true, model.AlgSHA256: true, model.AlgSHA384: true, model.AlgSHA512: true}

func (v *verifier) checkSignature(sig *etree.Element) {
	si, n := child(sig, model.NSDS, "SignedInfo")
	if si == nil {
		v.fail("SignedInfo", "R12", sig, "ds:Signature needs exactly one ds:SignedInfo, found %d", n)
		return
	}
	cm, _ := child(si, model.NSDS, "CanonicalizationMethod")
	c14nAlg := algAttr(cm)
	if !c14n.Known[c14nAlg] {
		v.fail("CanonicalizationMethod", "R12", cm, "unknown canonicalisation %q", c14nAlg)
		return
	}
	v.pass("CanonicalizationMethod", "R12", "%s", c14nAlg)
	smEl, _ := child(si, model.NSDS, "SignatureMethod")
	sigAlgURI := algAttr(smEl)
	sa, sigAlgOK := signatureAlgs[sigAlgURI]

	cert := v.keyInfo(sig)
	policyOK := sigAlgOK && sa.hash.Size() >= 28

	// References (R13, R14).
	var refs []*etree.Element
	for c := range si.ChildElementsSeq() {
		if c.Tag == "Reference" && c.NamespaceURI() == model.NSDS {
			refs = append(refs, c)
		}
	}
	digestsOK, resolvedOK := len(refs) > 0, len(refs) > 0
	var fullScope, spRef *etree.Element
	var problems, partial []string
	for i, ref := range refs {
		uri, hasURI := attrValue(ref, "URI")
		label := fmt.Sprintf("reference %d (URI=%q)", i+1, uri)
		target, wholeDoc, err := v.resolve(uri, hasURI)
		if err != nil {
			resolvedOK, digestsOK = false, false
			problems = append(problems, label+": "+err.Error())
			continue
		}
		if !(wholeDoc || target == v.root) && !signatureOwn(ref, target) {
			partial = append(partial, label)
		}
		dm, _ := child(ref, model.NSDS, "DigestMethod")
		hash, ok := digestAlgs[algAttr(dm)]
		if !ok {
			digestsOK = false
			problems = append(problems, fmt.Sprintf("%s: unknown digest %q", label, algAttr(dm)))
			continue
		}
		policyOK = policyOK && policyDigests[algAttr(dm)]
		transforms, enveloped, onlyC14N := refTransforms(ref)
		h := hash.New()
		if err := v.referenceDigest(h, target, wholeDoc, sig, transforms); err != nil {
			digestsOK = false
			problems = append(problems, label+": "+err.Error())
			continue
		}
		dv, _ := child(ref, model.NSDS, "DigestValue")
		want, err := b64decode(textOf(orEmpty(dv)))
		if err != nil || !bytes.Equal(h.Sum(nil), want) {
			digestsOK = false
			problems = append(problems, label+": digest does not match: the signed content was changed")
			continue
		}
		if (wholeDoc || target == v.root) && enveloped && onlyC14N && fullScope == nil {
			fullScope = ref
		}
		if typ, _ := attrValue(ref, "Type"); typ == model.TypeSignedProperties {
			spRef = ref
		}
	}
	if resolvedOK {
		v.pass("ReferencesResolved", "R14", "%d references, all same-document and unambiguous", len(refs))
	} else {
		v.fail("ReferencesResolved", "R14", si, "%s", joinOr(problems, "no ds:Reference"))
	}
	if digestsOK {
		v.pass("ReferenceDigests", "R14", "every reference digest matches")
	} else if resolvedOK {
		v.fail("ReferenceDigests", "R14", si, "%s", strings.Join(problems, "; "))
	}
	switch {
	case fullScope == nil:
		v.fail("FullScope", "R13", si, "no valid reference covers the whole document (URI=\"\" or the root Id) with the enveloped-signature transform and only c14n transforms")
	case len(partial) > 0:
		v.fail("FullScope", "R13", si, "%s: signs part of the document only", strings.Join(partial, ", "))
	default:
		v.pass("FullScope", "R13", "a reference covers the whole document with the enveloped-signature transform")
	}

	// SignatureValue (R14).
	sigOK := false
	switch {
	case cert == nil:
		v.fail("SignatureValue", "R14", sig, "no signer certificate to verify with")
	case !sigAlgOK:
		v.fail("SignatureValue", "R16", smEl, "unsupported signature method %q", sigAlgURI)
	default:
		err := v.signatureValue(sig, si, c14nAlg, sa, cert)
		if err != nil {
			v.fail("SignatureValue", "R14", sig, "%v", err)
		} else {
			sigOK = true
			v.pass("SignatureValue", "R14", "verifies with the KeyInfo certificate (%s)", sigAlgURI)
		}
	}
	v.res.CryptoValid = digestsOK && resolvedOK && sigOK

	if policyOK {
		v.pass("Algorithms", "R16", "%s with SHA-2 digests", sigAlgURI)
	} else {
		v.fail("Algorithms", "R16", smEl, "algorithms outside the TL policy (RSA, RSA-PSS, ECDSA with SHA-224…512; no SHA-1): %s", sigAlgURI)
	}

	v.checkXAdES(sig, spRef, fullScope, cert)
	v.checkPin(cert)
}

// signatureOwn reports whether ref signs a part of the signature itself
// (its SignedProperties, KeyInfo, SignatureProperties or a
// SignatureProperty), which EU DSS's
// XAdESSignatureScopeFinder leaves out of the signature scopes: any other
// reference to an element short of the root is a partial scope there,
// and fails its FullScope.
func signatureOwn(ref, target *etree.Element) bool {
	if typ, _ := attrValue(ref, "Type"); typ == model.TypeSignedProperties {
		return true
	}
	return target.NamespaceURI() == model.NSDS && (target.Tag == "KeyInfo" || target.Tag == "SignatureProperties" || target.Tag == "SignatureProperty")
}

func orEmpty(e *etree.Element) *etree.Element {
	if e == nil {
		return etree.NewElement("empty")
	}
	return e
}

func joinOr(s []string, def string) string {
	if len(s) == 0 {
		return def
	}
	return strings.Join(s, "; ")
}

func attrValue(e *etree.Element, key string) (string, bool) {
	for _, a := range e.Attr {
		if a.Space == "" && a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// resolve finds a reference's target: URI="" is the whole document, "#id"
// the one element with that Id. Anything else (external, XPointer) is
// refused: a trusted list signs itself only.
func (v *verifier) resolve(uri string, has bool) (*etree.Element, bool, error) {
	switch {
	case !has:
		return nil, false, errors.New("no URI attribute")
	case uri == "":
		return v.root, true, nil
	case strings.HasPrefix(uri, "#") && !strings.Contains(uri, "("):
		e, ok := v.ids[uri[1:]]
		if !ok {
			return nil, false, fmt.Errorf("no unique element with Id %q", uri[1:])
		}
		return e, false, nil
	}
	return nil, false, errors.New("only same-document references are allowed")
}

type transform struct {
	alg, prefixList string
}

// xpathNoSignature stands for the one XPath filter read: an XPath
// transform whose expression is not(ancestor-or-self::P:Signature), P
// bound to the XML-DSig namespace. Over a document holding one
// ds:Signature (SignaturePresent) it keeps every node but that signature
// and its content: the enveloped transform's result. The 2015 Portuguese
// list signs with it; any other expression stays unsupported. It counts
// as the enveloped transform for FullScope and DataObjectFormat, as EU
// DSS counts it (DSSXMLUtils.isEnvelopedTransform; and a found URI=""
// reference is a full-document scope there whatever its transforms).
const xpathNoSignature = "xpath:not(ancestor-or-self::ds:Signature)"

var notSignatureExpr = regexp.MustCompile(`^not\(ancestor-or-self::([A-Za-z_][A-Za-z0-9._-]*):Signature\)$`)

// xpathFilter reads an XPath transform t: xpathNoSignature for the one
// expression supported, else the transform's own URI (unsupported).
func xpathFilter(t *etree.Element) string {
	x, n := child(t, model.NSDS, "XPath")
	if n != 1 || len(t.ChildElements()) != 1 {
		return model.AlgXPathFilter
	}
	m := notSignatureExpr.FindStringSubmatch(strings.TrimSpace(textOf(x)))
	if m == nil {
		return model.AlgXPathFilter
	}
	for _, a := range c14n.InScope(x) {
		if a.Space == "xmlns" && a.Key == m[1] {
			if a.Value == model.NSDS {
				return xpathNoSignature
			}
			break
		}
	}
	return model.AlgXPathFilter
}

// refTransforms lists a reference's transforms and whether they are the
// TL profile: enveloped-signature (or xpathNoSignature, which computes
// the same node-set) plus canonicalisation only.
func refTransforms(ref *etree.Element) (ts []transform, enveloped, onlyC14N bool) {
	onlyC14N = true
	trs, _ := child(ref, model.NSDS, "Transforms")
	if trs == nil {
		return nil, false, true
	}
	for t := range trs.ChildElementsSeq() {
		alg := algAttr(t)
		pl := ""
		for k := range t.ChildElementsSeq() {
			if k.Tag == "InclusiveNamespaces" {
				pl = k.SelectAttrValue("PrefixList", "")
			}
		}
		if alg == model.AlgXPathFilter {
			alg = xpathFilter(t)
		}
		ts = append(ts, transform{alg, pl})
		switch {
		case alg == model.AlgEnveloped, alg == xpathNoSignature:
			enveloped = true
		case !c14n.Known[alg]:
			onlyC14N = false
		}
	}
	return ts, enveloped, onlyC14N
}

// referenceDigest writes a reference's transformed target to h, the
// digest. Exclusive c14n (every trusted list uses it) streams from the
// tree into h; the others work on bytes, from a copy without skip.
func (v *verifier) referenceDigest(h io.Writer, target *etree.Element, wholeDoc bool, sig *etree.Element, ts []transform) error {
	var skip *etree.Element // the enveloped transform: leave the signature out
	alg, pl := model.AlgC14N10, ""
	for i, t := range ts {
		switch {
		case t.alg == model.AlgEnveloped, t.alg == xpathNoSignature:
			skip = sig
		case c14n.Known[t.alg]:
			if i != len(ts)-1 {
				return errors.New("transforms after canonicalisation are not supported")
			}
			alg, pl = noComments(t.alg), t.prefixList
		default:
			return fmt.Errorf("unsupported transform %q", t.alg)
		}
	}
	if alg == model.AlgExcC14N {
		if wholeDoc {
			return c14n.ExcDocumentTo(h, v.doc, target, skip, strings.Fields(pl))
		}
		bw := bufio.NewWriterSize(h, 1<<16)
		c14n.ExcTo(bw, target, skip, strings.Fields(pl))
		return bw.Flush()
	}
	el := target
	if skip != nil {
		el = withoutSignature(el, skip)
	}
	var data []byte
	var err error
	if wholeDoc {
		data, err = c14n.Document(v.doc, el, alg, pl)
	} else {
		data, err = c14n.Canonicalize(el, alg, pl)
	}
	if err != nil {
		return err
	}
	_, err = h.Write(data)
	return err
}

func noComments(alg string) string {
	return strings.TrimSuffix(alg, "#WithComments")
}

// withoutSignature returns a copy of el without sig (the enveloped
// transform); el itself is left as it is. The copy keeps el's place in
// the tree for namespace context by being canonicalised as el's stand-in.
func withoutSignature(el, sig *etree.Element) *etree.Element {
	idx := -1
	for i, t := range el.Child {
		if t == sig {
			idx = i
		}
	}
	if idx < 0 {
		return el
	}
	cp := el.Copy()
	cp.RemoveChildAt(idx)
	if p := el.Parent(); p != nil {
		// Give the copy the same ancestors' namespace context.
		for _, a := range c14n.InScope(p) {
			if cp.SelectAttr(a.FullKey()) == nil {
				cp.Attr = append(cp.Attr, a)
			}
		}
	}
	return cp
}

// keyInfo returns the signer certificate: the first X509Certificate of
// KeyInfo (TS 119 612 5.7.1: and no other).
func (v *verifier) keyInfo(sig *etree.Element) *x509.Certificate {
	ki, n := child(sig, model.NSDS, "KeyInfo")
	if ki == nil {
		v.fail("KeyInfoCertificate", "R12", sig, "ds:Signature needs exactly one ds:KeyInfo, found %d", n)
		return nil
	}
	var ders [][]byte
	for xd := range ki.ChildElementsSeq() {
		if xd.Tag != "X509Data" || xd.NamespaceURI() != model.NSDS {
			continue
		}
		for c := range xd.ChildElementsSeq() {
			if c.Tag == "X509Certificate" && c.NamespaceURI() == model.NSDS {
				b, err := b64decode(textOf(c))
				if err != nil {
					v.fail("KeyInfoCertificate", "R12", c, "X509Certificate is not base64")
					return nil
				}
				ders = append(ders, b)
			}
		}
	}
	if len(ders) == 0 {
		v.fail("KeyInfoCertificate", "R12", ki, "KeyInfo holds no X509Certificate")
		return nil
	}
	cert, err := x509.ParseCertificate(ders[0])
	var lenient error
	if err != nil {
		// Brainpool keys (RFC 5639) are valid in trusted lists but not
		// parsed by crypto/x509; names outside the DER string rules are
		// read by OpenSSL and EU DSS, and so here, with a warning.
		if c, lerr := parseCertLax(ders[0]); lerr == nil {
			if _, bp := c.PublicKey.(*brainpoolKey); !bp {
				lenient = err
			}
			cert, err = c, nil
		}
	}
	if err != nil {
		v.fail("KeyInfoCertificate", "R12", ki, "signer certificate: %v", err)
		return nil
	}
	v.res.Signer = cert
	switch {
	case len(ders) > 1:
		v.add("KeyInfoCertificate", "TS 119 612 5.7.1", diag.Warn, ki, "KeyInfo holds %d certificates: it shall hold the signer certificate only", len(ders))
	case lenient != nil:
		v.add("KeyInfoCertificate", "R12", diag.Warn, ki, "signer certificate read leniently, as OpenSSL and EU DSS read it (%v)", lenient)
	default:
		v.pass("KeyInfoCertificate", "R12", "signer %s", cert.Subject)
	}
	return cert
}

// signatureValue verifies SignatureValue over the canonical SignedInfo.
func (v *verifier) signatureValue(sig, si *etree.Element, c14nAlg string, sa sigAlg, cert *x509.Certificate) error {
	svEl, n := child(sig, model.NSDS, "SignatureValue")
	if svEl == nil {
		return fmt.Errorf("ds:Signature needs one ds:SignatureValue, found %d", n)
	}
	value, err := b64decode(textOf(svEl))
	if err != nil {
		return errors.New("SignatureValue is not base64")
	}
	pl := ""
	if cm, _ := child(si, model.NSDS, "CanonicalizationMethod"); cm != nil {
		for k := range cm.ChildElementsSeq() {
			if k.Tag == "InclusiveNamespaces" {
				pl = k.SelectAttrValue("PrefixList", "")
			}
		}
	}
	data, err := c14n.Canonicalize(si, c14nAlg, pl)
	if err != nil {
		return err
	}
	if !sa.hash.Available() {
		return fmt.Errorf("digest %v not available", sa.hash)
	}
	h := sa.hash.New()
	h.Write(data)
	if err := verifySignature(cert, sa, h.Sum(nil), value); err != nil {
		return fmt.Errorf("SignatureValue does not verify: %v", err)
	}
	return nil
}

func (v *verifier) checkPin(cert *x509.Certificate) {
	if len(v.opts.Pin) == 0 {
		v.add("SignerPinned", "R15", diag.Warn, nil, "the signer is not pinned: give the expected signer certificate (--cert) to check who signed")
		return
	}
	if cert != nil {
		for _, p := range v.opts.Pin {
			if p.Equal(cert) {
				v.pass("SignerPinned", "R15", "signer is the pinned certificate %s", cert.Subject)
				return
			}
		}
	}
	v.fail("SignerPinned", "R15", nil, "the signer certificate is none of the %d pinned certificate(s)", len(v.opts.Pin))
}
