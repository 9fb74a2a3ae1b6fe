//go:build !cgo

package keys

import (
	"errors"
	"strings"
	"testing"
)

func TestOpenPKCS11WithoutCgo(t *testing.T) {
	_, err := OpenPKCS11("pkcs11:token=t;object=k", PKCS11Options{PIN: "1"})
	if err == nil || !strings.Contains(err.Error(), "need jtsl built with cgo") {
		t.Errorf("got %v", err)
	}
	// A PIN in the URI is refused the same way with or without cgo.
	_, err = OpenPKCS11("pkcs11:token=t;object=k?pin-value=1", PKCS11Options{})
	if !errors.Is(err, errPINValue) {
		t.Errorf("pin-value: got %v", err)
	}
}
