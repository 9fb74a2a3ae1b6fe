package source

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"math/big"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

var curveOIDs = map[elliptic.Curve]string{
	elliptic.P256(): "1.2.840.10045.3.1.7",
	elliptic.P384(): "1.3.132.0.34",
	elliptic.P521(): "1.3.132.0.35",
}

// keyValueXML renders a public key as ds:KeyValue (XML-DSig 4.5.2; EC keys
// as XML-DSig 1.1 dsig11:ECKeyValue).
func keyValueXML(pub any) (string, error) {
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	var s string
	switch k := pub.(type) {
	case *rsa.PublicKey:
		s = `<ds:KeyValue xmlns:ds="` + model.NSDS + `"><ds:RSAKeyValue><ds:Modulus>` + b64(k.N.Bytes()) +
			`</ds:Modulus><ds:Exponent>` + b64(big.NewInt(int64(k.E)).Bytes()) + `</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>`
	case *ecdsa.PublicKey:
		oid, ok := curveOIDs[k.Curve]
		if !ok {
			return "", fmt.Errorf("unsupported curve")
		}
		pt, err := k.ECDH()
		if err != nil {
			return "", err
		}
		s = `<ds:KeyValue xmlns:ds="` + model.NSDS + `"><dsig11:ECKeyValue xmlns:dsig11="http://www.w3.org/2009/xmldsig11#"><dsig11:NamedCurve URI="urn:oid:` + oid +
			`"/><dsig11:PublicKey>` + b64(pt.Bytes()) + `</dsig11:PublicKey></dsig11:ECKeyValue></ds:KeyValue>`
	default:
		return "", fmt.Errorf("unsupported public key %T", pub)
	}
	return tsl.NormalizeXML(s)
}
