// Package samplecerts makes the generated certificates of the sample
// J-TSL (sources/certs), the ones whose real certificates are not public.
//
// Generation is reproducible: every key is derived from the file name and
// every signature is deterministic (RFC 6979), so running
// scripts/samplecerts again writes the same bytes, and tests can issue
// certificates under a generated CA (Key) to exercise the list as a relying
// party would. That is also why these keys protect nothing: anyone can
// derive them. Each generated certificate is marked `sample: true` where
// the sources name it.
package samplecerts

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"time"
)

// A Spec is one generated certificate.
type Spec struct {
	// File is the name under sources/certs ("" for an issuer that only
	// signs others and is not listed).
	File string
	// Name is the key's label: it seeds the key and names the spec as
	// another's Issuer.
	Name    string
	Subject pkix.Name
	// Issuer is the Name of the spec that signs this one; "" for a
	// self-signed certificate.
	Issuer              string
	Kind                Kind
	NotBefore, NotAfter time.Time
}

// Kind is what a certificate is for: its key usages and constraints.
type Kind int

const (
	CA  Kind = iota // a CA: keyCertSign, cRLSign
	TSU             // a time-stamping unit: digitalSignature, EKU timeStamping
)

func jp(o, ou, cn string) pkix.Name {
	n := pkix.Name{Country: []string{"JP"}, Organization: []string{o}, CommonName: cn}
	if ou != "" {
		n.OrganizationalUnit = []string{ou}
	}
	return n
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// The registrar of the electronic certification registry office (電子認証
// 登記所) signs with a self-signed certificate renewed every three years
// since 2019, each valid 72 months (moj.go.jp, SOURCES.md C3): one
// generated generation per renewal. The real certificates are not public.
var registrar = jp("Ministry of Justice", "Electronic Certification Registry Office", "Registrar of the Electronic Certification Registry Office")

// Specs are the generated certificates, in a fixed order. Names and
// issuers follow shared/corpus/certs/jp-real/SOURCES.md (parts B and C)
// where they are known; "SAMPLE" in a common name marks a name that is
// not known either.
var Specs = []Spec{
	{File: "secom-gid-ca.pem", Name: "secom-gid-ca", Subject: jp("SECOM Trust Systems Co., Ltd.", "", "SAMPLE SECOM Passport for G-ID CA"), Kind: CA, NotBefore: day(2024, 1, 1), NotAfter: day(2034, 1, 1)},
	{File: "tdb-typea-ca.pem", Name: "tdb-typea-ca", Subject: jp("Teikoku Databank, Ltd.", "", "SAMPLE TDB Electronic Certification Service Type A CA G2"), Kind: CA, NotBefore: day(2024, 1, 1), NotAfter: day(2034, 1, 1)},
	{File: "tdb-typea-ca-2016.pem", Name: "tdb-typea-ca-2016", Subject: jp("Teikoku Databank, Ltd.", "", "SAMPLE TDB Electronic Certification Service Type A CA"), Kind: CA, NotBefore: day(2024, 1, 1), NotAfter: day(2034, 1, 1)},
	{File: "mind-diacert-plus-ca.pem", Name: "mind-diacert-plus-ca", Subject: jp("Mitsubishi Electric Information Network Corporation", "", "SAMPLE DIACERT-PLUS CA"), Kind: CA, NotBefore: day(2024, 1, 1), NotAfter: day(2034, 1, 1)},
	// Seiko's unit as seen in a signed PDF (SOURCES.md B.1): its real
	// subject and issuer names and validity, a generated key and serial.
	{Name: "globalsign-aatl-sha384-g4", Subject: pkix.Name{Country: []string{"BE"}, Organization: []string{"GlobalSign nv-sa"}, CommonName: "GlobalSign CA for AATL - SHA384 - G4"}, Kind: CA, NotBefore: day(2020, 1, 1), NotAfter: day(2035, 1, 1)},
	{File: "seiko-tsa.pem", Name: "seiko-tsa", Subject: pkix.Name{Country: []string{"JP"}, Province: []string{"Chiba"}, Locality: []string{"Chiba"}, Organization: []string{"SEIKO Solutions Inc."}, OrganizationalUnit: []string{"SEIKO Timestamp Authority"}, CommonName: "SEIKO Timestamp Service. Accredited A2W02-008"},
		Issuer: "globalsign-aatl-sha384-g4", Kind: TSU, NotBefore: time.Date(2021, 2, 10, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2032, 5, 10, 0, 0, 0, 0, time.UTC)},
	// Amano's units are issued by SECOM TimeStamping CA3 under Security
	// Communication RootCA3 (SOURCES.md B.3); the unit's own name is not
	// known.
	{Name: "secom-timestamping-ca3", Subject: jp("SECOM Trust Systems CO.,LTD.", "", "SECOM TimeStamping CA3"), Kind: CA, NotBefore: day(2020, 1, 1), NotAfter: day(2035, 1, 1)},
	{File: "amano-tsa.pem", Name: "amano-tsa", Subject: jp("Amano Corporation", "", "SAMPLE Amano Time Stamp Service 3161 TSU"), Issuer: "secom-timestamping-ca3", Kind: TSU, NotBefore: day(2023, 5, 5), NotAfter: day(2033, 5, 5)},
	{File: "moj-registrar-2019.pem", Name: "moj-registrar-2019", Subject: registrar, Kind: CA, NotBefore: day(2019, 4, 1), NotAfter: day(2025, 4, 1)},
	{File: "moj-registrar-2022.pem", Name: "moj-registrar-2022", Subject: registrar, Kind: CA, NotBefore: day(2022, 4, 1), NotAfter: day(2028, 4, 1)},
	{File: "moj-registrar-2025.pem", Name: "moj-registrar-2025", Subject: registrar, Kind: CA, NotBefore: day(2025, 4, 1), NotAfter: day(2031, 4, 1)},
	{File: "globalsign-eseal-ca.pem", Name: "globalsign-eseal-ca", Subject: jp("GMO GlobalSign K.K.", "", "SAMPLE GlobalSign e-Seal CA"), Kind: CA, NotBefore: day(2024, 1, 1), NotAfter: day(2034, 1, 1)},
	{File: "neomate-eprobatio-ca.pem", Name: "neomate-eprobatio-ca", Subject: jp("NTT NeoMeit Corporation", "", "SAMPLE e-Probatio PS2 CA"), Kind: CA, NotBefore: day(2024, 1, 1), NotAfter: day(2034, 1, 1)},
	{File: "nttbs-eprobatio-ca.pem", Name: "nttbs-eprobatio-ca", Subject: jp("NTT Business Solutions Corporation", "", "SAMPLE e-Probatio PS2 CA G2"), Kind: CA, NotBefore: day(2024, 1, 1), NotAfter: day(2034, 1, 1)},
}

// LoTESpecs are the generated certificates of the sample lists of trusted
// entities (sources/lote/certs): the smartphone edition of JPKI, whose CA
// certificate is not public, and the sample wallet providers and
// universities, which do not exist. "SAMPLE" in every common name.
var LoTESpecs = []Spec{
	{File: "jpki-mobile-auth-ca.pem", Name: "jpki-mobile-auth-ca", Subject: pkix.Name{Country: []string{"JP"}, Organization: []string{"JPKI"}, OrganizationalUnit: []string{"SAMPLE JPKI for user authentication on smartphones", "Japan Agency for Local Authority Information Systems"}}, Kind: CA, NotBefore: day(2025, 5, 1), NotAfter: day(2035, 5, 1)},
	{File: "sample-wallet-a.pem", Name: "sample-wallet-a", Subject: jp("Sample Wallet Provider A K.K.", "", "SAMPLE Wallet A Wallet Unit Attestation CA"), Kind: CA, NotBefore: day(2026, 1, 1), NotAfter: day(2031, 1, 1)},
	{File: "sample-wallet-b.pem", Name: "sample-wallet-b", Subject: jp("Sample Wallet Provider B K.K.", "", "SAMPLE Wallet B Wallet Unit Attestation CA"), Kind: CA, NotBefore: day(2026, 1, 1), NotAfter: day(2031, 1, 1)},
	{File: "utokyo-eaa.pem", Name: "utokyo-eaa", Subject: jp("The University of Tokyo", "", "SAMPLE The University of Tokyo Academic Credentials CA"), Kind: CA, NotBefore: day(2026, 1, 1), NotAfter: day(2031, 1, 1)},
	{File: "kyoto-u-eaa.pem", Name: "kyoto-u-eaa", Subject: jp("Kyoto University", "", "SAMPLE Kyoto University Academic Credentials CA"), Kind: CA, NotBefore: day(2026, 1, 1), NotAfter: day(2031, 1, 1)},
}

// PublicKeyFile is the generated public key of the sample's ds:KeyValue
// example (the commercial registration validity service).
const PublicKeyFile = "moj-registry-ocsp.pub.pem"

// Key returns the private key of the generated certificate or public key
// named name (a Spec's Name, or PublicKeyFile), derived from the name
// alone.
func Key(name string) *ecdsa.PrivateKey {
	n := elliptic.P256().Params().N
	// A scalar in [1, n-1] from SHA-256 of a counter and the label; the
	// first candidate below n-1 (all but certainly the first).
	for i := byte(0); ; i++ {
		h := sha256.Sum256(append([]byte("jtsl sample key\x00"+name+"\x00"), i))
		d := new(big.Int).SetBytes(h[:])
		if d.Sign() == 0 || d.Cmp(new(big.Int).Sub(n, big.NewInt(1))) >= 0 {
			continue
		}
		k, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), d.FillBytes(make([]byte, 32)))
		if err != nil {
			panic(err) // d is in range
		}
		return k
	}
}

// deterministic signs with RFC 6979 nonces (crypto/ecdsa signs
// deterministically when given no random source).
type deterministic struct{ *ecdsa.PrivateKey }

func (d deterministic) Sign(_ io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return d.PrivateKey.Sign(nil, digest, opts)
}

// ByName returns the spec named name.
func ByName(name string) (Spec, bool) {
	for _, s := range append(Specs[:len(Specs):len(Specs)], LoTESpecs...) {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// Certificate returns the DER certificate of the spec named name.
func Certificate(name string) ([]byte, error) {
	s, ok := ByName(name)
	if !ok {
		return nil, fmt.Errorf("no generated certificate %q", name)
	}
	var issuer *x509.Certificate
	if s.Issuer != "" {
		der, err := Certificate(s.Issuer)
		if err != nil {
			return nil, err
		}
		if issuer, err = x509.ParseCertificate(der); err != nil {
			return nil, err
		}
	}
	return create(s, issuer)
}

func create(s Spec, issuer *x509.Certificate) ([]byte, error) {
	k := Key(s.Name)
	pub, err := x509.MarshalPKIXPublicKey(k.Public())
	if err != nil {
		return nil, err
	}
	ski := sha256.Sum256(pub)
	serial := sha256.Sum256([]byte("jtsl sample serial\x00" + s.Name))
	t := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(serial[:12]),
		Subject:               s.Subject,
		NotBefore:             s.NotBefore,
		NotAfter:              s.NotAfter,
		SubjectKeyId:          ski[:20],
		BasicConstraintsValid: true,
	}
	switch s.Kind {
	case CA:
		t.IsCA = true
		t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	case TSU:
		t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}
	}
	parent, signer := t, k
	if issuer != nil {
		parent, signer = issuer, Key(s.Issuer)
	}
	return x509.CreateCertificate(nil, t, parent, k.Public(), deterministic{signer})
}

// Files returns every file scripts/samplecerts writes, by name under
// sources/certs: the listed certificates and the public key, as PEM.
func Files() (map[string][]byte, error) {
	out, err := pemFiles(Specs)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(Key(PublicKeyFile).Public())
	if err != nil {
		return nil, err
	}
	out[PublicKeyFile] = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	return out, nil
}

// LoTEFiles returns the files scripts/samplecerts writes under
// sources/lote/certs.
func LoTEFiles() (map[string][]byte, error) { return pemFiles(LoTESpecs) }

// pemFiles returns the listed certificates of specs by file name, as PEM.
func pemFiles(specs []Spec) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, s := range specs {
		if s.File == "" {
			continue
		}
		der, err := Certificate(s.Name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.File, err)
		}
		out[s.File] = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	}
	return out, nil
}
