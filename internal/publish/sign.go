package publish

import (
	"crypto"
	"crypto/x509"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xades"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

// signList encodes l and signs it. The caller runs selfVerify on the
// result before anything is written.
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
	return out, nil
}

// selfVerify re-reads signed bytes with the consumer path, as a consumer
// would: the signature verifies with the signer certificate, and the bytes
// decode strictly back to want. Signature and content are checked
// concurrently; both only read the parsed tree.
func selfVerify(data []byte, want *model.List, cert *x509.Certificate, at time.Time) error {
	doc, err := xmldoc.ParseBytes(data, xmldoc.Limits{})
	if err != nil {
		return err
	}
	var r *xades.Result
	var wg sync.WaitGroup
	wg.Go(func() {
		r = xades.Verify(doc.Document, xades.VerifyOptions{At: at, Pin: []*x509.Certificate{cert}, Line: doc.Line})
	})
	got, findings := tsl.DecodeDocument(doc, tsl.DecodeOptions{File: "signed list"})
	wg.Wait()
	if !r.Valid() {
		var failed diag.Checks
		for _, c := range r.Checks {
			if c.Status == diag.Fail {
				failed = append(failed, c)
			}
		}
		return fmt.Errorf("signature does not verify: %+v", failed)
	}
	if findings.HasErrors() {
		return findings.Errors()
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("decoded list differs from the compiled model")
	}
	return nil
}
