//go:build cgo

package keys

import (
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ThalesGroup/crypto11"
	"github.com/miekg/pkcs11"
)

// OpenPKCS11 opens the key a PKCS#11 URI (RFC 7512, see ParsePKCS11URI)
// names on a token, an HSM or a smart card, and logs in with the PIN from
// the URI's pin-source or opts.PIN. The key must be RSA or ECDSA; the
// certificate comes from opts.CertFile or the token and must hold the
// key's public key. Close the Key to end the session.
func OpenPKCS11(uri string, opts PKCS11Options) (*Key, error) {
	u, err := ParsePKCS11URI(uri)
	if err != nil {
		return nil, err
	}
	module := opts.Module
	if module == "" {
		module = u.ModulePath
	}
	if module == "" {
		return nil, errors.New("no PKCS#11 module: give the module path, or module-path= in the URI")
	}
	pin, err := u.pin(opts.PIN)
	if err != nil {
		return nil, err
	}
	ctx, err := crypto11.Configure(&crypto11.Config{
		Path:        module,
		TokenLabel:  u.Token,
		TokenSerial: u.Serial,
		SlotNumber:  u.SlotID,
		Pin:         pin,
	})
	if err != nil {
		return nil, redact(openError(u, module, err), pin)
	}
	key, err := findKey(ctx, u, opts)
	if err != nil {
		ctx.Close()
		return nil, redact(err, pin)
	}
	return key, nil
}

// openError explains why the token could not be opened.
func openError(u *PKCS11URI, module string, err error) error {
	var p11 pkcs11.Error
	switch {
	case errors.As(err, &p11) && (p11 == pkcs11.CKR_PIN_INCORRECT || p11 == pkcs11.CKR_PIN_LEN_RANGE || p11 == pkcs11.CKR_PIN_INVALID):
		return fmt.Errorf("log in to PKCS#11 %s: %w", u.tokenName(), ErrWrongPIN)
	case errors.As(err, &p11) && p11 == pkcs11.CKR_PIN_LOCKED:
		return fmt.Errorf("log in to PKCS#11 %s: the PIN is locked (ask the security officer to unlock it)", u.tokenName())
	case err.Error() == "could not find PKCS#11 token": // crypto11's unexported errTokenNotFound
		return fmt.Errorf("no PKCS#11 %s in module %s", u.tokenName(), module)
	}
	return fmt.Errorf("open PKCS#11 %s with module %s: %w", u.tokenName(), module, err)
}

// findKey finds the key pair and its certificate on the open token.
func findKey(ctx *crypto11.Context, u *PKCS11URI, opts PKCS11Options) (*Key, error) {
	certFile := opts.CertFile
	var label []byte
	if u.Object != "" {
		label = []byte(u.Object)
	}
	pairs, err := ctx.FindKeyPairs(u.ID, label)
	if err != nil {
		return nil, fmt.Errorf("find key %s: %w", u.describe(), err)
	}
	switch len(pairs) {
	case 0:
		return nil, fmt.Errorf("no key pair with %s", u.describe())
	case 1:
	default:
		return nil, fmt.Errorf("%d key pairs match %s: add id= or object= to the URI", len(pairs), u.describe())
	}
	signer := pairs[0]
	if err := checkKeyType(signer.Public()); err != nil {
		return nil, fmt.Errorf("key %s: %w", u.describe(), err)
	}
	k := &Key{Signer: &tokenSigner{s: signer, what: u.describe()}, close: ctx.Close}
	if opts.KeyOnly {
		return k, nil
	}
	if certFile != "" {
		b, err := os.ReadFile(certFile)
		if err != nil {
			return nil, fmt.Errorf("read certificate: %w", err)
		}
		certs, err := parseCertificatesPEM(b)
		if err != nil {
			return nil, fmt.Errorf("certificate %s: %w", certFile, err)
		}
		if k.Cert, k.Chain, err = pickLeaf(signer.Public(), certs); err != nil {
			return nil, fmt.Errorf("key %s and certificate %s: %w", u.describe(), certFile, err)
		}
		return k, nil
	}
	attrs, err := ctx.GetAttributes(signer, []crypto11.AttributeType{crypto11.CkaId, crypto11.CkaLabel})
	if err != nil {
		return nil, fmt.Errorf("read attributes of key %s: %w", u.describe(), err)
	}
	// The certificate of a key pair has the key's CKA_ID (PKCS#11 v2.40
	// section 4.6.3 recommends it); tokens set up by hand sometimes match
	// only by label.
	var cert *x509.Certificate
	if id := attrValue(attrs, crypto11.CkaId); len(id) > 0 {
		cert, err = ctx.FindCertificate(id, nil, nil)
	}
	if l := attrValue(attrs, crypto11.CkaLabel); err == nil && cert == nil && len(l) > 0 {
		cert, err = ctx.FindCertificate(nil, l, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("find certificate of key %s: %w", u.describe(), err)
	}
	if cert == nil {
		return nil, fmt.Errorf("no certificate for key %s on the token: give the certificate file", u.describe())
	}
	if !samePublicKey(signer.Public(), cert.PublicKey) {
		return nil, fmt.Errorf("key %s does not match the token's certificate (subject %q)", u.describe(), cert.Subject.String())
	}
	k.Cert = cert
	return k, nil
}

func attrValue(set crypto11.AttributeSet, t crypto11.AttributeType) []byte {
	if a := set[t]; a != nil {
		return a.Value
	}
	return nil
}

// A tokenSigner is a key on a token. It names the key in its errors, so
// that a failure in the middle of a build says which key failed.
type tokenSigner struct {
	s    crypto11.Signer
	what string
}

var _ crypto.Signer = (*tokenSigner)(nil)

func (t *tokenSigner) Public() crypto.PublicKey { return t.s.Public() }

func (t *tokenSigner) onToken() {} // see WriteFiles

// Sign signs digest on the token: PKCS#1 v1.5 for RSA when opts is a
// crypto.Hash (XML-DSig rsa-sha256 …), PSS for *rsa.PSSOptions, and an
// ASN.1 DER signature for ECDSA.
func (t *tokenSigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	if h := opts.HashFunc(); h != 0 && len(digest) != h.Size() {
		return nil, fmt.Errorf("sign with PKCS#11 key %s: digest is %d bytes, %v needs %d", t.what, len(digest), h, h.Size())
	}
	sig, err := t.s.Sign(rand, digest, opts)
	if err != nil {
		return nil, fmt.Errorf("sign with PKCS#11 key %s: %w", t.what, err)
	}
	return sig, nil
}

// redact makes sure no error leaves this package holding the PIN. The
// module's messages never should, but a module is outside code.
func redact(err error, pin string) error {
	if err == nil || pin == "" || !strings.Contains(err.Error(), pin) {
		return err
	}
	if errors.Is(err, ErrWrongPIN) {
		return ErrWrongPIN
	}
	return errors.New("PKCS#11 token could not be opened (the module's message is withheld because it contains the PIN)")
}
