package model

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"unicode/utf8"
)

// DistinguishedName returns the RFC 4514 text of a DER-encoded Name (a
// certificate's RawSubject or RawIssuer), the X509SubjectName of clause
// 5.5.3: every RDN as the certificate has it. pkix.Name's String joins
// repeated attributes into one multi-valued RDN (JPKI's two OUs would read
// OU=a+OU=b), which is not the certificate's name. Undecodable input falls
// back to fallback.
func DistinguishedName(raw []byte, fallback pkix.Name) string {
	if rdns, ok := plainRDNs(raw); ok {
		return rdns.String()
	}
	return distinguishedNameASN1(raw, fallback)
}

// distinguishedNameASN1 is DistinguishedName through encoding/asn1's
// reflection, for any name plainRDNs does not read.
func distinguishedNameASN1(raw []byte, fallback pkix.Name) string {
	var rdns pkix.RDNSequence
	if rest, err := asn1.Unmarshal(raw, &rdns); err != nil || len(rest) > 0 {
		return fallback.String()
	}
	return rdns.String()
}

// plainRDNs reads the common name as asn1.Unmarshal would, without its
// reflection (a third of a build's share of the three names per service
// certificate: the source, the page, the history): every value a
// UTF8String, PrintableString or IA5String that asn1 accepts, every
// length and OID component short. Anything else is not ok, and left to
// asn1 (FuzzDistinguishedName holds the two together).
func plainRDNs(raw []byte) (pkix.RDNSequence, bool) {
	seq, rest, ok := tlv(raw, 0x30)
	if !ok || len(rest) > 0 {
		return nil, false
	}
	var rdns pkix.RDNSequence
	for len(seq) > 0 {
		var set []byte
		if set, seq, ok = tlv(seq, 0x31); !ok {
			return nil, false
		}
		rdn := pkix.RelativeDistinguishedNameSET{}
		for len(set) > 0 {
			var atv, oid, val []byte
			if atv, set, ok = tlv(set, 0x30); !ok {
				return nil, false
			}
			if oid, atv, ok = tlv(atv, 0x06); !ok {
				return nil, false
			}
			typ, ok := objectID(oid)
			if !ok || len(atv) < 1 {
				return nil, false
			}
			tag := atv[0]
			if val, atv, ok = tlv(atv, tag); !ok || len(atv) > 0 || !plainString(tag, val) {
				return nil, false
			}
			rdn = append(rdn, pkix.AttributeTypeAndValue{Type: typ, Value: string(val)})
		}
		rdns = append(rdns, rdn)
	}
	return rdns, true
}

// tlv splits off one DER element with the given tag byte: its contents
// and what follows. Lengths of more than two bytes are not ok.
func tlv(b []byte, tag byte) (content, rest []byte, ok bool) {
	if len(b) < 2 || b[0] != tag {
		return nil, nil, false
	}
	n, hdr := int(b[1]), 2
	switch {
	case n < 0x80:
	case n == 0x81 && len(b) >= 3 && b[2] >= 0x80:
		n, hdr = int(b[2]), 3
	case n == 0x82 && len(b) >= 4 && b[2] != 0 && int(b[2])<<8|int(b[3]) >= 0x100:
		n, hdr = int(b[2])<<8|int(b[3]), 4
	default:
		return nil, nil, false
	}
	if len(b)-hdr < n {
		return nil, nil, false
	}
	return b[hdr : hdr+n], b[hdr+n:], true
}

// objectID decodes an OID whose components are at most four bytes, each
// minimally encoded.
func objectID(b []byte) (asn1.ObjectIdentifier, bool) {
	var out asn1.ObjectIdentifier
	for len(b) > 0 {
		if b[0] == 0x80 {
			return nil, false
		}
		v := 0
		for i := 0; ; i++ {
			if i == 4 || i == len(b) {
				return nil, false
			}
			v = v<<7 | int(b[i]&0x7f)
			if b[i]&0x80 == 0 {
				b = b[i+1:]
				break
			}
		}
		if out == nil {
			if v < 80 {
				out = asn1.ObjectIdentifier{v / 40, v % 40}
			} else {
				out = asn1.ObjectIdentifier{2, v - 80}
			}
			continue
		}
		out = append(out, v)
	}
	return out, out != nil
}

// plainString reports whether asn1 decodes the primitive string element
// (tag byte, contents) into a Go string equal to its bytes.
func plainString(tag byte, b []byte) bool {
	switch tag {
	case 0x0c: // UTF8String
		return utf8.Valid(b)
	case 0x13: // PrintableString, with the '*' and '&' that asn1 lets through
		for _, c := range b {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
				'\'' <= c && c <= ')' || '+' <= c && c <= '/' || c == ' ' || c == ':' || c == '=' || c == '?' || c == '*' || c == '&') {
				return false
			}
		}
		return true
	case 0x16: // IA5String
		for _, c := range b {
			if c >= utf8.RuneSelf {
				return false
			}
		}
		return true
	}
	return false
}
