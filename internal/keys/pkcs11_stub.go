//go:build !cgo

package keys

import "errors"

// OpenPKCS11 is not available without cgo: PKCS#11 modules are C
// libraries. The URI is still parsed, so a URI holding a PIN is refused
// the same way.
func OpenPKCS11(uri string, opts PKCS11Options) (*Key, error) {
	if _, err := ParsePKCS11URI(uri); err != nil {
		return nil, err
	}
	return nil, errors.New("PKCS#11 keys need jtsl built with cgo (CGO_ENABLED=1 and a C compiler)")
}
