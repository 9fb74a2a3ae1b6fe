package publish

import (
	"fmt"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/mirror"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// signedLoTE is a list of trusted entities in both bindings, signed.
type signedLoTE struct{ XML, JSON, JWS []byte }

// signLoTEBindings encodes l in both bindings and signs them with key:
// the XML with an enveloped XAdES-B-B signature, the JSON as a compact
// JWS with the signer in x5c.
func signLoTEBindings(l *lote.List, key *keys.Key, at time.Time) (*signedLoTE, error) {
	x, err := lote.MarshalXML(l)
	if err != nil {
		return nil, fmt.Errorf("XML binding: %w", err)
	}
	doc, err := xmldoc.ParseBytes(x, xmldoc.Own(x))
	if err != nil {
		return nil, err
	}
	out := &signedLoTE{}
	if out.XML, err = xades.SignToBytes(doc.Document, key.Signer, key.Cert, xades.SignOptions{SigningTime: at}); err != nil {
		return nil, fmt.Errorf("sign XML binding: %w", err)
	}
	if out.JSON, err = lote.EncodeJSON(l); err != nil {
		return nil, fmt.Errorf("JSON binding: %w", err)
	}
	if out.JWS, err = mirror.Sign(out.JSON, key.Signer, key.Cert, at); err != nil {
		return nil, fmt.Errorf("sign JSON binding: %w", err)
	}
	return out, nil
}
