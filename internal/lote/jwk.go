package lote

import (
	"encoding/base64"
	"strings"

	"github.com/beevik/etree"
)

// JWKOf renders a ds:KeyValue as the JWK (RFC 7517) TS 119 602 uses for
// PublicKeyValues; a key the JWK form cannot express is marked
// "jtslUnconverted" (the J-TSL's mirror keeps the XML beside it).
func JWKOf(keyValueXML string) map[string]any {
	d := etree.NewDocument()
	if err := d.ReadFromString(keyValueXML); err != nil || d.Root() == nil {
		return map[string]any{"kty": "oct", "jtslUnconverted": true}
	}
	b64url := func(s string) string {
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
		if err != nil {
			return ""
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	if rsa := d.FindElement(".//RSAKeyValue"); rsa != nil {
		n, e := rsa.FindElement("Modulus"), rsa.FindElement("Exponent")
		if n != nil && e != nil {
			return map[string]any{"kty": "RSA", "n": b64url(n.Text()), "e": b64url(e.Text())}
		}
	}
	if ec := d.FindElement(".//ECKeyValue"); ec != nil {
		curves := map[string]string{"urn:oid:1.2.840.10045.3.1.7": "P-256", "urn:oid:1.3.132.0.34": "P-384", "urn:oid:1.3.132.0.35": "P-521"}
		nc, pk := ec.FindElement("NamedCurve"), ec.FindElement("PublicKey")
		if nc != nil && pk != nil {
			crv := curves[nc.SelectAttrValue("URI", "")]
			pt, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(pk.Text()), ""))
			if crv != "" && err == nil && len(pt) > 1 && pt[0] == 4 {
				half := (len(pt) - 1) / 2
				return map[string]any{"kty": "EC", "crv": crv,
					"x": base64.RawURLEncoding.EncodeToString(pt[1 : 1+half]), "y": base64.RawURLEncoding.EncodeToString(pt[1+half:])}
			}
		}
	}
	return map[string]any{"kty": "oct", "jtslUnconverted": true}
}
