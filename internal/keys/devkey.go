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

// DevKey returns the development key kept in dir (key.pem and cert.pem),
// for a build asked to sign with it. The key is made once, when dir holds
// neither file: an ECDSA P-256 key with a self-signed certificate that
// passes the TLSO profile p (C = p.Territory, O = p.OperatorNames[0],
// valid from now−1h to now+2 years, which covers any NextUpdate). It is
// then reused and never replaced: a key that does not fit p (another
// territory's sources, an expired certificate) or a damaged folder is an
// error saying what to do, since releases already signed with the key
// continue from it. created says whether the key was made.
func DevKey(dir string, p Profile, now time.Time) (key *Key, created bool, err error) {
	keyFile, certFile := filepath.Join(dir, KeyFile), filepath.Join(dir, CertFile)
	k, err := LoadPEM(keyFile, certFile)
	if err == nil {
		errs, _ := CheckProfile(k.Cert, p)
		if len(errs) == 0 {
			return k, false, nil
		}
		return nil, false, fmt.Errorf("the development key in %s does not fit these sources (%w); it is kept, not replaced: set JTSL_DEVKEY_DIR to another folder for these sources, or delete %s to make a new key", dir, errs[0], dir)
	}
	if exists(keyFile) || exists(certFile) {
		return nil, false, fmt.Errorf("the development key in %s cannot be used (%w); it is kept, not replaced: delete %s to make a new key", dir, err, dir)
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

func exists(name string) bool {
	_, err := os.Lstat(name)
	return !errors.Is(err, os.ErrNotExist)
}
