package xades

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
	jtslkeys "github.com/jtsl/jtsl/internal/keys" // the tests name a helper keys
	"github.com/jtsl/jtsl/internal/model"
)

// Fixed Ids of the signature's parts: prefixed so that they never collide
// with list content, and fixed so that signing is deterministic.
const (
	idSignature        = "jtsl-sig"
	idReference        = "jtsl-ref-tl"
	idSignedProperties = "jtsl-xades-sp"
	idSignatureValue   = "jtsl-sigvalue"
)

// SignOptions configure Sign.
type SignOptions struct {
	// SigningTime is written as xades:SigningTime (UTC, whole seconds). It
	// should equal the list's ListIssueDateTime (TS 119 612 clause 5.7).
	SigningTime time.Time
	// Hash is the digest for references and an RSA signature; zero means
	// SHA-256. ECDSA uses the digest that matches its curve.
	Hash crypto.Hash
	// Digest, when set, is the document's digest computed ahead by
	// DocumentDigest (jtsl sign computes it while it decodes the list).
	// It is used when its hash is the one the signature takes, and
	// computed again otherwise.
	Digest *Digest
	// InPlace lets SignBytes insert the signature into its data's spare
	// capacity when that has room, moving only the bytes from the root's
	// end tag on, instead of copying the document: the caller gives data
	// up, and nothing may read those bytes (or the tree's tokens after
	// the root) afterwards.
	InPlace bool
}

// A Digest is the digest of an unsigned document as the enveloped
// transform and exclusive canonicalisation see it.
type Digest struct {
	Hash crypto.Hash
	Sum  []byte
}

// DocumentDigest returns doc's digest with h, as Sign computes it: it
// only reads doc, so it can run while something else reads the tree.
func DocumentDigest(doc *etree.Document, h crypto.Hash) (*Digest, error) {
	root := doc.Root()
	if root == nil {
		return nil, errors.New("no root element")
	}
	if !h.Available() {
		return nil, fmt.Errorf("digest %v not available", h)
	}
	dh := h.New()
	if err := c14n.ExcDocumentTo(dh, doc, root, nil, nil); err != nil {
		return nil, err
	}
	return &Digest{Hash: h, Sum: dh.Sum(nil)}, nil
}

// Sign appends one enveloped XAdES-B-B signature as the last child of
// doc's root. See the package documentation for the exact profile.
func Sign(doc *etree.Document, signer crypto.Signer, cert *x509.Certificate, opts SignOptions) error {
	_, err := sign(doc, signer, cert, opts)
	return err
}

// sign is Sign, returning the signature element.
func sign(doc *etree.Document, signer crypto.Signer, cert *x509.Certificate, opts SignOptions) (*etree.Element, error) {
	root, hash, err := signable(doc, signer, cert, &opts)
	if err != nil {
		return nil, err
	}
	// Digest of the document as the enveloped transform sees it: the
	// signature element is not there yet.
	d := opts.Digest
	if d == nil || d.Hash != hash {
		if d, err = DocumentDigest(doc, hash); err != nil {
			return nil, err
		}
	}
	return appendSignature(root, d.Sum, signer, cert, opts, hash)
}

// SignBytes signs doc, parsed from data, as Sign does and returns data
// with the signature inserted at rootEnd, the offset in data of the
// root's end tag: the input's bytes are kept, and the document is not
// serialised again (etree's writer was a quarter of jtsl sign). The
// signature is written in exclusive canonical form, which declares the
// namespaces it uses on itself, so it means the same under any root.
// Data without an XML declaration gets one: a list declares UTF-8.
func SignBytes(data []byte, rootEnd int, doc *etree.Document, signer crypto.Signer, cert *x509.Certificate, opts SignOptions) ([]byte, error) {
	root := doc.Root()
	if root == nil || rootEnd < 0 || rootEnd > len(data) || !bytes.HasPrefix(data[rootEnd:], []byte("</"+root.FullTag())) {
		return nil, errors.New("the root's end tag is not where the parser found it")
	}
	sig, err := sign(doc, signer, cert, opts)
	if err != nil {
		return nil, err
	}
	// The declaration, when added, goes after a byte-order mark: nothing
	// may come before a mark, and nothing but a declaration after it.
	bom := len(data) - len(bytes.TrimPrefix(data, []byte("\uFEFF")))
	decl := XMLDecl
	if bytes.HasPrefix(data[bom:], []byte("<?xml")) {
		decl = ""
	}
	sigBytes := c14n.Exc(sig, nil, nil)
	if opts.InPlace && decl == "" && cap(data)-len(data) >= len(sigBytes) {
		out := data[:len(data)+len(sigBytes)]
		copy(out[rootEnd+len(sigBytes):], data[rootEnd:])
		copy(out[rootEnd:], sigBytes)
		return out, nil
	}
	out := make([]byte, 0, len(decl)+len(data)+len(sigBytes))
	out = append(out, data[:bom]...)
	out = append(out, decl...)
	out = append(out, data[bom:rootEnd]...)
	out = append(out, sigBytes...)
	return append(out, data[rootEnd:]...), nil
}

// SignToBytes signs doc as Sign does and returns the signed document in
// exclusive canonical form (the XML declaration aside), with the signature
// spliced in before the root's end tag. Since the bytes written are the
// bytes digested, the document is walked once, not once to digest and
// again to serialise, and the published list is its own canonical form:
// its digest can be checked without an XML library. The caller's
// document must not carry namespace prefixes in content (QNames in text
// or attribute values), which exclusive canonicalisation does not see:
// a TS 119 612 list has none.
func SignToBytes(doc *etree.Document, signer crypto.Signer, cert *x509.Certificate, opts SignOptions) ([]byte, error) {
	root, hash, err := signable(doc, signer, cert, &opts)
	if err != nil {
		return nil, err
	}
	canon := &Canonical{}
	if err := c14n.ExcDocumentTo(canon, doc, root, nil, nil); err != nil {
		return nil, err
	}
	_, after := c14n.TopLevel(doc, false)
	return signCanonical(canon, root, len(after), signer, cert, opts, hash)
}

// A Canonical holds the exclusive canonical form of an unsigned document
// as it is written (an io.Writer), in blocks: a document of unknown size
// is held without the copies and the doubled capacity of a growing
// buffer, and copied once into the signed bytes.
type Canonical struct{ chunks }

// SignCanonical signs the document whose exclusive canonical form (W3C
// xml-exc-c14n, without comments; nothing outside the root element) is
// canon, as SignToBytes signs a tree: the enveloped reference's digest
// is canon's, and the result is canon with the XML declaration before it
// and the signature before the root's end tag. The caller vouches that
// canon is canonical (tsl.WriteCanonical writes a list so); a signed
// list's self-verification digests it again from its parse.
func SignCanonical(canon *Canonical, signer crypto.Signer, cert *x509.Certificate, opts SignOptions) ([]byte, error) {
	tag, err := canon.rootTag()
	if err != nil {
		return nil, err
	}
	hash, err := signParams(signer, cert, &opts)
	if err != nil {
		return nil, err
	}
	// The signature is made under a root of the same name: it declares
	// the namespaces it uses itself, so no others matter.
	return signCanonical(canon, etree.NewElement(tag), 0, signer, cert, opts, hash)
}

// rootTag returns the qualified name of c's root element, which must end
// c and not hold a signature as its last child.
func (c *Canonical) rootTag() (string, error) {
	if c.Len() == 0 || len(c.blocks[0]) == 0 || c.blocks[0][0] != '<' {
		return "", errors.New("canonical form: no root element")
	}
	head := c.blocks[0][1:min(len(c.blocks[0]), 1+1024)]
	n := bytes.IndexAny(head, " >")
	if n <= 0 {
		return "", errors.New("canonical form: no root element")
	}
	tag := string(head[:n])
	end := "</" + tag + ">"
	tail := c.AppendRange(nil, max(c.Len()-len(end)-len(sigEnd)-64, 0), c.Len())
	if !bytes.HasSuffix(tail, []byte(end)) {
		return "", errors.New("canonical form: the root element does not end the document")
	}
	if bytes.HasSuffix(bytes.TrimRight(tail[:len(tail)-len(end)], " \t\r\n"), []byte(sigEnd)) {
		return "", errors.New("the document is already signed")
	}
	return tag, nil
}

// sigEnd ends a signature as Sign writes it.
const sigEnd = "</ds:Signature>"

// signCanonical appends the signature over canon, the canonical form of
// a document whose root is root (the signature is appended to it), and
// returns the signed document: the declaration, then canon with the
// signature before the root's end tag, which the last after bytes of
// canon (top-level content) follow.
func signCanonical(canon *Canonical, root *etree.Element, after int, signer crypto.Signer, cert *x509.Certificate, opts SignOptions, hash crypto.Hash) ([]byte, error) {
	// Where the root's end tag starts: the signature goes there.
	at := canon.Len() - after - len("</"+root.FullTag()+">")
	dh := hash.New()
	canon.WriteRangeTo(dh, 0, canon.Len())
	sig, err := appendSignature(root, dh.Sum(nil), signer, cert, opts, hash)
	if err != nil {
		return nil, err
	}
	sigBytes := c14n.Exc(sig, nil, nil)
	out := make([]byte, 0, len(XMLDecl)+canon.Len()+len(sigBytes))
	out = append(out, XMLDecl...)
	out = canon.AppendRange(out, 0, at)
	out = append(out, sigBytes...)
	out = canon.AppendRange(out, at, canon.Len())
	return out, nil
}

// XMLDecl starts every signed list: canonical form has no declaration,
// and a list declares UTF-8.
const XMLDecl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// signable checks that doc can be signed with signer and cert, fills
// opts' defaults, and returns doc's root and the digest to use.
func signable(doc *etree.Document, signer crypto.Signer, cert *x509.Certificate, opts *SignOptions) (*etree.Element, crypto.Hash, error) {
	root := doc.Root()
	if root == nil {
		return nil, 0, errors.New("no root element")
	}
	for c := range root.ChildElementsSeq() {
		if c.Tag == "Signature" && c.NamespaceURI() == model.NSDS {
			return nil, 0, errors.New("the document is already signed")
		}
	}
	hash, err := signParams(signer, cert, opts)
	return root, hash, err
}

// signParams checks that signer and cert can sign with opts, fills opts'
// defaults, and returns the digest to use.
func signParams(signer crypto.Signer, cert *x509.Certificate, opts *SignOptions) (crypto.Hash, error) {
	if opts.SigningTime.IsZero() {
		return 0, errors.New("no signing time")
	}
	if signer == nil || cert == nil {
		return 0, errors.New("no signing key or certificate")
	}
	_, hash, err := signatureMethod(signer.Public(), opts.Hash, jtslkeys.UsesPSS(signer))
	if err != nil {
		return 0, err
	}
	if !publicKeysEqual(signer.Public(), cert.PublicKey) {
		return 0, errors.New("the signing key does not match the certificate")
	}
	if !hash.Available() {
		return 0, fmt.Errorf("digest %v not available", hash)
	}
	opts.Hash = hash
	return hash, nil
}

// appendSignature appends to root the ds:Signature over a document whose
// digest (as the enveloped transform sees it) is docDigest, and returns it.
func appendSignature(root *etree.Element, docDigest []byte, signer crypto.Signer, cert *x509.Certificate, opts SignOptions, hash crypto.Hash) (*etree.Element, error) {
	sigMethod, _, err := signatureMethod(signer.Public(), opts.Hash, jtslkeys.UsesPSS(signer))
	if err != nil {
		return nil, err
	}
	digestMethod := digestURI(hash)

	sig := root.CreateElement("ds:Signature")
	sig.CreateAttr("xmlns:ds", model.NSDS)
	sig.CreateAttr("Id", idSignature)
	si := sig.CreateElement("ds:SignedInfo")
	si.CreateElement("ds:CanonicalizationMethod").CreateAttr("Algorithm", model.AlgExcC14N)
	si.CreateElement("ds:SignatureMethod").CreateAttr("Algorithm", sigMethod)

	ref := si.CreateElement("ds:Reference")
	ref.CreateAttr("Id", idReference)
	ref.CreateAttr("URI", "")
	tr := ref.CreateElement("ds:Transforms")
	tr.CreateElement("ds:Transform").CreateAttr("Algorithm", model.AlgEnveloped)
	tr.CreateElement("ds:Transform").CreateAttr("Algorithm", model.AlgExcC14N)
	ref.CreateElement("ds:DigestMethod").CreateAttr("Algorithm", digestMethod)
	ref.CreateElement("ds:DigestValue").SetText(base64.StdEncoding.EncodeToString(docDigest))

	spRef := si.CreateElement("ds:Reference")
	spRef.CreateAttr("Type", model.TypeSignedProperties)
	spRef.CreateAttr("URI", "#"+idSignedProperties)
	spRef.CreateElement("ds:Transforms").CreateElement("ds:Transform").CreateAttr("Algorithm", model.AlgExcC14N)
	spRef.CreateElement("ds:DigestMethod").CreateAttr("Algorithm", digestMethod)
	spDigest := spRef.CreateElement("ds:DigestValue")

	sv := sig.CreateElement("ds:SignatureValue")
	sv.CreateAttr("Id", idSignatureValue)
	sig.CreateElement("ds:KeyInfo").CreateElement("ds:X509Data").CreateElement("ds:X509Certificate").
		SetText(base64.StdEncoding.EncodeToString(cert.Raw))

	sp, err := signedProperties(sig.CreateElement("ds:Object"), cert, opts.SigningTime, hash)
	if err != nil {
		return nil, err
	}
	d, err := digestOf(c14n.Canonicalize(sp, model.AlgExcC14N, ""))(hash)
	if err != nil {
		return nil, err
	}
	spDigest.SetText(base64.StdEncoding.EncodeToString(d))

	d, err = digestOf(c14n.Canonicalize(si, model.AlgExcC14N, ""))(hash)
	if err != nil {
		return nil, err
	}
	value, err := signer.Sign(rand.Reader, d, hash)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	if k, ok := signer.Public().(*ecdsa.PublicKey); ok {
		if value, err = ecdsaRawFromDER(value, k.Curve); err != nil {
			return nil, err
		}
	}
	sv.SetText(base64.StdEncoding.EncodeToString(value))
	return sig, nil
}

// signedProperties writes QualifyingProperties (XAdES 1.3.2 namespace, as
// EU DSS reads it) and returns its SignedProperties element.
func signedProperties(obj *etree.Element, cert *x509.Certificate, at time.Time, hash crypto.Hash) (*etree.Element, error) {
	qp := obj.CreateElement("xades:QualifyingProperties")
	qp.CreateAttr("xmlns:xades", model.NSXAdES)
	qp.CreateAttr("Target", "#"+idSignature)
	sp := qp.CreateElement("xades:SignedProperties")
	sp.CreateAttr("Id", idSignedProperties)
	ssp := sp.CreateElement("xades:SignedSignatureProperties")
	ssp.CreateElement("xades:SigningTime").SetText(at.UTC().Format(model.TimeLayout))
	c := ssp.CreateElement("xades:SigningCertificateV2").CreateElement("xades:Cert")
	cd := c.CreateElement("xades:CertDigest")
	cd.CreateElement("ds:DigestMethod").CreateAttr("Algorithm", digestURI(hash))
	h := hash.New()
	h.Write(cert.Raw)
	cd.CreateElement("ds:DigestValue").SetText(base64.StdEncoding.EncodeToString(h.Sum(nil)))
	is, err := issuerSerialV2(cert)
	if err != nil {
		return nil, err
	}
	c.CreateElement("xades:IssuerSerialV2").SetText(base64.StdEncoding.EncodeToString(is))
	dof := sp.CreateElement("xades:SignedDataObjectProperties").CreateElement("xades:DataObjectFormat")
	dof.CreateAttr("ObjectReference", "#"+idReference)
	dof.CreateElement("xades:MimeType").SetText(model.MediaTypeTSL)
	return sp, nil
}

// issuerSerialV2 is the DER IssuerSerial of RFC 5035: the issuer as a
// directoryName GeneralName and the serial number.
func issuerSerialV2(cert *x509.Certificate) ([]byte, error) {
	type issuerSerial struct {
		Issuer []asn1.RawValue
		Serial asn1.RawValue
	}
	dirName := asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 4, IsCompound: true, Bytes: cert.RawIssuer}
	serial, err := asn1.Marshal(cert.SerialNumber)
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(issuerSerial{Issuer: []asn1.RawValue{dirName}, Serial: asn1.RawValue{FullBytes: serial}})
}

// digestOf turns a canonicalisation result into a digest function.
func digestOf(data []byte, err error) func(crypto.Hash) ([]byte, error) {
	return func(h crypto.Hash) ([]byte, error) {
		if err != nil {
			return nil, err
		}
		if !h.Available() {
			return nil, fmt.Errorf("digest %v not available", h)
		}
		x := h.New()
		x.Write(data)
		return x.Sum(nil), nil
	}
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if e, ok := a.(equaler); ok {
		return e.Equal(b)
	}
	return false
}
