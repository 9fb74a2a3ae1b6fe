package model

import (
	"crypto/x509/pkix"
	"encoding/asn1"
)

// DistinguishedName returns the RFC 4514 text of a DER-encoded Name (a
// certificate's RawSubject or RawIssuer), the X509SubjectName of clause
// 5.5.3: every RDN as the certificate has it. pkix.Name's String joins
// repeated attributes into one multi-valued RDN (JPKI's two OUs would read
// OU=a+OU=b), which is not the certificate's name. Undecodable input falls
// back to fallback.
func DistinguishedName(raw []byte, fallback pkix.Name) string {
	var rdns pkix.RDNSequence
	if rest, err := asn1.Unmarshal(raw, &rdns); err != nil || len(rest) > 0 {
		return fallback.String()
	}
	return rdns.String()
}
