package keys

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DevCommonName is the subject CN of a development key's certificate, so
// that anyone who looks at a list signed with it sees what it is.
const DevCommonName = "jtsl DEVELOPMENT KEY — NOT FOR PRODUCTION"

// DevKey returns the development key kept in dir (key.pem and cert.pem), so
// that a build without a real key still signs. The key is made once, an
// ECDSA P-256 key with a self-signed certificate that passes the TLSO
// profile p (C = p.Territory, O = p.OperatorNames[0], valid from now−1h to
// now+2 years, which covers any NextUpdate), and is reused while it still
// passes p; otherwise it is made anew. created says whether it was.
func DevKey(dir string, p Profile, now time.Time) (key *Key, created bool, err error) {
	keyFile, certFile := filepath.Join(dir, KeyFile), filepath.Join(dir, CertFile)
	// A missing, damaged or outdated key folder is remade, not repaired: it
	// holds nothing but a throw-away key.
	if k, err := LoadPEM(keyFile, certFile); err == nil {
		if errs, _ := CheckProfile(k.Cert, p); len(errs) == 0 {
			return k, false, nil
		}
	}
	if len(p.OperatorNames) == 0 {
		return nil, false, errors.New("development key: no operator name for subject O")
	}
	signer, err := NewKey(ECP256)
	if err != nil {
		return nil, false, fmt.Errorf("development key: %w", err)
	}
	sub := Subject{Territory: p.Territory, Operator: p.OperatorNames[0], CommonName: DevCommonName}
	cert, err := NewSelfSigned(signer, sub, now.Add(-time.Hour), now.AddDate(2, 0, 0))
	if err != nil {
		return nil, false, fmt.Errorf("development key: %w", err)
	}
	if errs, _ := CheckProfile(cert, p); len(errs) > 0 {
		return nil, false, fmt.Errorf("development key cannot meet the profile: %w", errs[0])
	}
	for _, f := range []string{keyFile, certFile} {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, false, fmt.Errorf("development key: %w", err)
		}
	}
	if err := WriteFiles(dir, signer, nil, cert); err != nil {
		// Another build may have made the key at the same moment: use it.
		if k, lerr := LoadPEM(keyFile, certFile); lerr == nil {
			if errs, _ := CheckProfile(k.Cert, p); len(errs) == 0 {
				return k, false, nil
			}
		}
		return nil, false, fmt.Errorf("development key: %w", err)
	}
	return &Key{Signer: signer, Cert: cert}, true, nil
}
