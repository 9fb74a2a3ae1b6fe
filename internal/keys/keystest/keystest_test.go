package keystest_test

import (
	"crypto/elliptic"
	"crypto/x509"
	"testing"
	"time"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/keys/keystest"
)

func TestKeysPassTheProfile(t *testing.T) {
	at := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, k := range []*keys.Key{keystest.RSA(t, 3072), keystest.EC(t, elliptic.P256()), keystest.EC(t, elliptic.P384())} {
		if errs, warns := keys.CheckProfile(k.Cert, keystest.Profile(at, at.AddDate(0, 6, 0))); len(errs)+len(warns) > 0 {
			t.Errorf("%s: %v %v", k.Cert.Subject, errs, warns)
		}
	}
	if a, b := keystest.EC(t, elliptic.P256()), keystest.EC(t, elliptic.P256()); !a.Cert.Equal(b.Cert) || a == b {
		t.Error("want the cached key in a fresh *Key")
	}
	bad := keystest.Cert(t, keystest.EC(t, elliptic.P256()), func(c *x509.Certificate) { c.Subject.Country = []string{"DE"} })
	if errs, _ := keys.CheckProfile(bad.Cert, keystest.Profile(at, time.Time{})); len(errs) != 1 || errs[0].Field != "subject C" {
		t.Errorf("edited certificate: %v", errs)
	}
}
