package xades

import (
	"crypto/elliptic"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"time"
	"unicode/utf8"
)

// Brainpool curves (RFC 5639) for verifying signatures only. Go's x509
// does not parse brainpool keys, and its generic curve arithmetic assumes
// a = −3, which the "r1" curves do not have; each r1 curve is therefore
// mapped to its isomorphic "t1" twin (a = −3) with the twist Z of RFC 5639
// section 3: (x, y) ↦ (x·Z², y·Z³).
type bpCurve struct {
	name string
	oid  asn1.ObjectIdentifier
	t1   *elliptic.CurveParams // twisted curve: generator, order, a = −3
	z    *big.Int
}

func hexInt(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic("bad constant")
	}
	return n
}

func newBP(name string, oid asn1.ObjectIdentifier, bits int, p, n, bt, gx, gy, z string) *bpCurve {
	return &bpCurve{name: name, oid: oid, z: hexInt(z), t1: &elliptic.CurveParams{
		Name: name + "t1", BitSize: bits, P: hexInt(p), N: hexInt(n), B: hexInt(bt), Gx: hexInt(gx), Gy: hexInt(gy)}}
}

// The RFC 5639 parameters: p, q (the order), the t1 curve's B and base
// point, and Z.
var brainpoolCurves = []*bpCurve{
	newBP("brainpoolP256r1", asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 7}, 256,
		"A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377",
		"A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7",
		"662C61C430D84EA4FE66A7733D0B76B7BF93EBC4AF2F49256AE58101FEE92B04",
		"A3E8EB3CC1CFE7B7732213B23A656149AFA142C47AAFBC2B79A191562E1305F4",
		"2D996C823439C56D7F7B22E14644417E69BCB6DE39D027001DABE8F35B25C9BE",
		"3E2D4BD9597B58639AE7AA669CAB9837CF5CF20A2C852D10F655668DFC150EF0"),
	newBP("brainpoolP384r1", asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 11}, 384,
		"8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B412B1DA197FB71123ACD3A729901D1A71874700133107EC53",
		"8CB91E82A3386D280F5D6F7E50E641DF152F7109ED5456B31F166E6CAC0425A7CF3AB6AF6B7FC3103B883202E9046565",
		"7F519EADA7BDA81BD826DBA647910F8C4B9346ED8CCDC64E4B1ABD11756DCE1D2074AA263B88805CED70355A33B471EE",
		"18DE98B02DB9A306F2AFCD7235F72A819B80AB12EBD653172476FECD462AABFFC4FF191B946A5F54D8D0AA2F418808CC",
		"25AB056962D30651A114AFD2755AD336747F93475B7A1FCA3B88F2B6A208CCFE469408584DC2B2912675BF5B9E582928",
		"41DFE8DD399331F7166A66076734A89CD0D2BCDB7D068E44E1F378F41ECBAE97D2D63DBC87BCCDDCCC5DA39E8589291C"),
	newBP("brainpoolP512r1", asn1.ObjectIdentifier{1, 3, 36, 3, 3, 2, 8, 1, 1, 13}, 512,
		"AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA703308717D4D9B009BC66842AECDA12AE6A380E62881FF2F2D82C68528AA6056583A48F3",
		"AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870553E5C414CA92619418661197FAC10471DB1D381085DDADDB58796829CA90069",
		"7CBBBCF9441CFAB76E1890E46884EAE321F70C0BCB4981527897504BEC3E36A62BCDFA2304976540F6450085F2DAE145C22553B465763689180EA2571867423E",
		"640ECE5C12788717B9C1BA06CBC2A6FEBA85842458C56DDE9DB1758D39C0313D82BA51735CDB3EA499AA77A7D6943A64F7A3F25FE26F06B51BAA2696FA9035DA",
		"5B534BD595F5AF0FA2C892376C84ACE1BB4E3019B71634C01131159CAE03CEE9D9932184BEEF216BD71DF2DADF86A627306ECFF96DBB8BACE198B61E00F8B332",
		"12EE58E6764838B69782136F0F2D3BA06E27695716054092E60A80BEDB212B64E585D90BCE13761F85C3F1D2A64E3BE8FEA2220F01EBA5EEB0F35DBD29D922AB"),
}

// A brainpoolKey is a brainpool public key as read from a certificate.
type brainpoolKey struct {
	curve *bpCurve
	x, y  *big.Int
}

func (c *bpCurve) twist(x, y, z *big.Int) (*big.Int, *big.Int) {
	p := c.t1.P
	zz := new(big.Int).Mod(new(big.Int).Mul(z, z), p)
	tx := new(big.Int).Mod(new(big.Int).Mul(x, zz), p)
	zz.Mod(zz.Mul(zz, z), p)
	return tx, new(big.Int).Mod(new(big.Int).Mul(y, zz), p)
}

// verify checks an ECDSA signature (r, s) over digest (FIPS 186-4 6.4.2),
// computing on the twisted curve and mapping the point back.
func (k *brainpoolKey) verify(digest []byte, r, s *big.Int) bool {
	c := k.curve
	n := c.t1.N
	if r.Sign() <= 0 || s.Sign() <= 0 || r.Cmp(n) >= 0 || s.Cmp(n) >= 0 {
		return false
	}
	e := new(big.Int).SetBytes(digest)
	if excess := len(digest)*8 - n.BitLen(); excess > 0 {
		e.Rsh(e, uint(excess))
	}
	w := new(big.Int).ModInverse(s, n)
	if w == nil {
		return false
	}
	u1 := new(big.Int).Mod(new(big.Int).Mul(e, w), n)
	u2 := new(big.Int).Mod(new(big.Int).Mul(r, w), n)
	// The generic curve arithmetic of crypto/elliptic is deprecated
	// because it is not constant-time; verification handles only public
	// values, and the standard library has no other brainpool curve.
	qx, qy := c.twist(k.x, k.y, c.z)
	//lint:ignore SA1019 public values only (see above)
	if !c.t1.IsOnCurve(qx, qy) {
		return false
	}
	//lint:ignore SA1019 public values only (see above)
	x1, y1 := c.t1.ScalarBaseMult(u1.Bytes())
	//lint:ignore SA1019 public values only (see above)
	x2, y2 := c.t1.ScalarMult(qx, qy, u2.Bytes())
	//lint:ignore SA1019 public values only (see above)
	x, y := c.t1.Add(x1, y1, x2, y2)
	if x.Sign() == 0 && y.Sign() == 0 {
		return false
	}
	zinv := new(big.Int).ModInverse(c.z, c.t1.P)
	rx, _ := c.twist(x, y, zinv)
	return rx.Mod(rx, n).Cmp(r) == 0
}

var oidECPublicKey = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}

// parseCertLax reads the parts of a certificate verification needs when
// crypto/x509 refuses it: for its brainpool key, or for names that break
// the DER string rules (the 2015 Portuguese list's signer has Latin-1
// bytes in PrintableStrings), which OpenSSL and EU DSS read. Only the
// outer structure, the validity, the raw names and the key are read.
func parseCertLax(der []byte) (*x509.Certificate, error) {
	var cert struct {
		TBS       asn1.RawValue
		Algorithm pkix.AlgorithmIdentifier
		Signature asn1.BitString
	}
	if rest, err := asn1.Unmarshal(der, &cert); err != nil || len(rest) > 0 {
		return nil, errors.New("malformed certificate")
	}
	var tbs struct {
		Version   int `asn1:"optional,explicit,default:0,tag:0"`
		Serial    *big.Int
		Algorithm pkix.AlgorithmIdentifier
		Issuer    asn1.RawValue
		Validity  struct{ NotBefore, NotAfter time.Time }
		Subject   asn1.RawValue
		SPKI      asn1.RawValue
	}
	if _, err := asn1.UnmarshalWithParams(cert.TBS.FullBytes, &tbs, ""); err != nil {
		return nil, errors.New("malformed certificate")
	}
	c := &x509.Certificate{
		Raw: der, RawTBSCertificate: cert.TBS.FullBytes, RawIssuer: tbs.Issuer.FullBytes, RawSubject: tbs.Subject.FullBytes,
		RawSubjectPublicKeyInfo: tbs.SPKI.FullBytes,
		SerialNumber:            tbs.Serial, NotBefore: tbs.Validity.NotBefore, NotAfter: tbs.Validity.NotAfter,
	}
	c.Subject, c.Issuer = lenientName(c.RawSubject), lenientName(c.RawIssuer)
	if pub, err := x509.ParsePKIXPublicKey(c.RawSubjectPublicKeyInfo); err == nil {
		c.PublicKey = pub
		return c, nil
	}
	var spki struct {
		Algorithm struct {
			Algorithm  asn1.ObjectIdentifier
			Parameters asn1.ObjectIdentifier
		}
		Key asn1.BitString
	}
	if _, err := asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki); err != nil || !spki.Algorithm.Algorithm.Equal(oidECPublicKey) {
		return nil, errors.New("unsupported public key")
	}
	var curve *bpCurve
	for _, bc := range brainpoolCurves {
		if bc.oid.Equal(spki.Algorithm.Parameters) {
			curve = bc
		}
	}
	if curve == nil {
		return nil, errors.New("unsupported elliptic curve")
	}
	pt := spki.Key.Bytes
	size := (curve.t1.BitSize + 7) / 8
	if len(pt) != 1+2*size || pt[0] != 4 {
		return nil, errors.New("unsupported public key encoding")
	}
	c.PublicKey = &brainpoolKey{curve, new(big.Int).SetBytes(pt[1 : 1+size]), new(big.Int).SetBytes(pt[1+size:])}
	return c, nil
}

// lenientRDNSET is a relative distinguished name whose values are kept as
// they are encoded (the SET suffix makes encoding/asn1 read a SET).
type lenientRDNSET []struct {
	Type  asn1.ObjectIdentifier
	Value asn1.RawValue
}

// lenientName reads a name for display, each value's bytes taken as
// UTF-8 when they are, else as Latin-1 (as OpenSSL shows them), whatever
// string type it claims.
func lenientName(raw []byte) pkix.Name {
	var n pkix.Name
	var rdns []lenientRDNSET
	if _, err := asn1.Unmarshal(raw, &rdns); err != nil {
		return n
	}
	var seq pkix.RDNSequence
	for _, set := range rdns {
		var rdn pkix.RelativeDistinguishedNameSET
		for _, atv := range set {
			rdn = append(rdn, pkix.AttributeTypeAndValue{Type: atv.Type, Value: text(atv.Value.Bytes)})
		}
		seq = append(seq, rdn)
	}
	n.FillFromRDNSequence(&seq)
	return n
}

func text(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
