package publish

import (
	"cmp"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/jws"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// SignedLoTE is a list of trusted entities in both bindings, signed: the
// XML with an enveloped XAdES-B-B signature, the JSON payload and its
// compact JWS.
type SignedLoTE struct {
	XML, JSON, JWS []byte
}

// SignLoTE encodes l in both bindings and signs them with the same key
// (SignLoTEXML, SignLoTEJSON). at is the signing time (the list's issue
// time). The bindings are made at the same time: neither reads the
// other's bytes, and each is most of a second for a large list. signer
// may sign twice at once (keys' signers may: a token's through
// crypto11's session pool).
func SignLoTE(l *lote.List, signer crypto.Signer, cert *x509.Certificate, at time.Time) (*SignedLoTE, error) {
	out := &SignedLoTE{}
	var jsonErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		j, err := lote.EncodeJSON(l)
		if err != nil {
			jsonErr = fmt.Errorf("JSON binding: %w", err)
			return
		}
		out.JSON = j
		out.JWS, jsonErr = signLoTEJSON(j, l, signer, cert, at)
	})
	x, err := lote.EncodeXML(l)
	if err != nil {
		err = fmt.Errorf("XML binding: %w", err)
	} else {
		out.XML, err = signLoTETree(x, l, signer, cert, at)
	}
	wg.Wait()
	if err = cmp.Or(err, jsonErr); err != nil {
		return nil, err
	}
	return out, nil
}

// SignLoTEXML signs the unsigned XML binding of a list (as built, or as a
// signing station received it): it must decode without a finding and
// have no signature yet, and the signer must bind to it
// (verify.SignerBinding); the signed bytes are then read again as a
// reader would (verify.CheckLoTE, pinned to cert) and must decode to the
// same list. Nothing that fails is returned.
func SignLoTEXML(unsigned []byte, signer crypto.Signer, cert *x509.Certificate, at time.Time) ([]byte, error) {
	doc, err := xmldoc.ParseBytes(unsigned, xmldoc.Own(unsigned))
	if err != nil {
		return nil, err
	}
	l, findings := lote.DecodeXMLDocument(doc, "unsigned LoTE")
	if findings.HasErrors() {
		return nil, findings.Errors()
	}
	if hasSignature(doc.Root()) {
		return nil, errors.New("the list is already signed: jtsl signs unsigned lists only")
	}
	return signLoTETree(doc.Document, l, signer, cert, at)
}

// signLoTETree signs doc, the unsigned XML binding of l, once the signer
// binds to l, and reads the signed bytes again as a reader would
// (verify.CheckLoTE, pinned to cert): they must decode strictly, without
// a finding, to l. A build signs the tree it encoded from its compiled
// list without first writing, parsing and decoding it (SignLoTEXML's
// gate, for bytes from elsewhere): that decoding would only say what the
// self-verification of the signed bytes says, and nothing is returned
// before it has passed (TestSignLoTETreeRefuses).
func signLoTETree(doc *etree.Document, l *lote.List, signer crypto.Signer, cert *x509.Certificate, at time.Time) ([]byte, error) {
	at = at.UTC().Truncate(time.Second)
	if err := verify.SignerBinding(cert, l); err != nil {
		return nil, fmt.Errorf("signer: %w", err)
	}
	out, err := xades.SignToBytes(doc, signer, cert, xades.SignOptions{SigningTime: at})
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	want := l
	if l.Tag == "" { // EncodeXML wrote the default tag (a list read from JSON has none)
		c := *l
		c.Tag = lote.Tag
		want = &c
	}
	if err := selfVerifyLoTE(out, want, nil, cert, at); err != nil {
		return nil, err
	}
	return out, nil
}

// SignLoTEJSON signs the JSON binding of a list as a compact JWS (JAdES-B-B,
// the signer certificate in x5c, jws.Sign) after the same checks as
// SignLoTEXML.
func SignLoTEJSON(payload []byte, signer crypto.Signer, cert *x509.Certificate, at time.Time) ([]byte, error) {
	return signLoTEJSON(payload, nil, signer, cert, at)
}

// signLoTEJSON is SignLoTEJSON; a build gives want, the list it encoded
// payload from, and the payload must decode to it as the XML binding's
// signed bytes must (but for the ID and tag, which only XML has).
func signLoTEJSON(payload []byte, want *lote.List, signer crypto.Signer, cert *x509.Certificate, at time.Time) ([]byte, error) {
	l, findings, err := lote.DecodeJSON(payload, "JSON LoTE")
	if err != nil {
		return nil, err
	}
	if findings.HasErrors() {
		return nil, findings.Errors()
	}
	if want != nil {
		w := *want
		w.ID, w.Tag = "", ""
		if !reflect.DeepEqual(l, &w) {
			return nil, errors.New("the JSON binding does not decode to the compiled list")
		}
	}
	if err := verify.SignerBinding(cert, l); err != nil {
		return nil, fmt.Errorf("signer: %w", err)
	}
	signed, err := jws.Sign(payload, signer, cert, at.UTC().Truncate(time.Second))
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	// The self-verification opens the JWS as a reader does (the
	// signature over the written bytes, the signer, the reader's checks);
	// its payload must be the bytes decoded above, so they are not
	// decoded again.
	if err := selfVerifyLoTE(signed, l, payload, cert, at); err != nil {
		return nil, err
	}
	return signed, nil
}

// selfVerifyLoTE reads signed bytes as jtsl verify does, pinned to the
// signer, and wants them to decode to want (a JWS: to carry payload, the
// bytes want was decoded from). The dates are the build's business, as
// for a trusted list.
func selfVerifyLoTE(data []byte, want *lote.List, payload []byte, cert *x509.Certificate, at time.Time) error {
	r := verify.CheckLoTE(data, verify.LoTEOptions{File: "signed LoTE", At: at, Pin: []*x509.Certificate{cert},
		Limits: xmldoc.Own(data), SkipFreshness: true, Want: want, WantPayload: payload})
	if err := r.Err(); err != nil {
		return fmt.Errorf("self-verification: %w", err)
	}
	return nil
}
