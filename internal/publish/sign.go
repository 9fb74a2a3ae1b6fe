package publish

import (
	"crypto"
	"crypto/x509"
	"fmt"
	"reflect"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// signList encodes l, signs it and checks the signed bytes as a consumer
// would before anything is written: the signature verifies with the
// signer certificate, and the bytes decode strictly back to l.
func signList(l *model.List, signer crypto.Signer, cert *x509.Certificate, at time.Time) ([]byte, error) {
	doc, err := tsl.Encode(l)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	if err := xades.Sign(doc, signer, cert, xades.SignOptions{SigningTime: at}); err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, fmt.Errorf("serialise: %w", err)
	}
	if err := selfVerify(out, l, cert, at); err != nil {
		return nil, fmt.Errorf("self-verification of the signed list: %w", err)
	}
	return out, nil
}

// selfVerify re-reads signed bytes with the consumer path.
func selfVerify(data []byte, want *model.List, cert *x509.Certificate, at time.Time) error {
	doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
	if err != nil {
		return err
	}
	r := xades.Verify(doc.Document, xades.VerifyOptions{At: at, Pin: []*x509.Certificate{cert}, Line: doc.Line})
	if !r.Valid() {
		var failed diag.Checks
		for _, c := range r.Checks {
			if c.Status == diag.Fail {
				failed = append(failed, c)
			}
		}
		return fmt.Errorf("signature does not verify: %+v", failed)
	}
	got, findings := tsl.DecodeDocument(doc, tsl.DecodeOptions{File: "signed list"})
	if findings.HasErrors() {
		return findings.Errors()
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("decoded list differs from the compiled model")
	}
	return nil
}
