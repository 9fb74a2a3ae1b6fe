// Command samplecerts writes the generated SAMPLE certificates of the
// sample J-TSL into sources/certs. The real certificates of the listed
// services are not public; these only make the sample complete and
// valid. The keys are thrown away.
//
// Usage: go run ./scripts/samplecerts [-out sources/certs]
package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"log"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

type spec struct {
	file, org, cn string
	kind          string // ca, tsa, signer
}

var specs = []spec{
	{"secom-gid-ca.pem", "SECOM Trust Systems Co., Ltd.", "SAMPLE SECOM Passport for G-ID CA", "ca"},
	{"tdb-typea-ca.pem", "Teikoku Databank, Ltd.", "SAMPLE TDB Electronic Certification Service Type A CA G2", "ca"},
	{"tdb-typea-ca-2016.pem", "Teikoku Databank, Ltd.", "SAMPLE TDB Electronic Certification Service Type A CA", "ca"},
	{"mind-diacert-plus-ca.pem", "Mitsubishi Electric Information Network Corporation", "SAMPLE DIACERT-PLUS CA", "ca"},
	{"mind-tsa.pem", "Mitsubishi Electric Information Network Corporation", "SAMPLE MIND Time Stamp Authority", "tsa"},
	{"seiko-tsa.pem", "Seiko Solutions Inc.", "SAMPLE Seiko Time Stamp Authority", "tsa"},
	{"amano-tsa.pem", "Amano Corporation", "SAMPLE Amano Time Stamp Service 3161 TSA", "tsa"},
	{"jlis-jpki-sign-ca.pem", "Japan Agency for Local Authority Information Systems", "SAMPLE JPKI Signature CA", "ca"},
	{"jlis-jpki-auth-ca.pem", "Japan Agency for Local Authority Information Systems", "SAMPLE JPKI User Authentication CA", "ca"},
	{"moj-registry-ca.pem", "Ministry of Justice", "SAMPLE Commercial Registration Certification Authority", "ca"},
	{"globalsign-eseal-ca.pem", "GMO GlobalSign K.K.", "SAMPLE GlobalSign e-Seal CA", "ca"},
	{"neomate-eprobatio-ca.pem", "NTT NeoMeit Corporation", "SAMPLE e-Probatio PS2 CA", "ca"},
	{"nttbs-eprobatio-ca.pem", "NTT Business Solutions Corporation", "SAMPLE e-Probatio PS2 CA G2", "ca"},
	{"eu-lotl-signer.pem", "European Commission", "SAMPLE EU LOTL signer (not the real one)", "signer"},
}

func main() {
	out := flag.String("out", "sources/certs", "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for i, s := range specs {
		der, err := create(s, int64(i+1))
		if err != nil {
			log.Fatalf("%s: %v", s.file, err)
		}
		p := filepath.Join(*out, s.file)
		if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Println("wrote", p)
	}
	// A public key for the ds:KeyValue example of the sample.
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(k.Public())
	p := filepath.Join(*out, "moj-registry-ocsp.pub.pem")
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Println("wrote", p)
}

func create(s spec, serial int64) ([]byte, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	pub, _ := x509.MarshalPKIXPublicKey(k.Public())
	ski := sha256.Sum256(pub)
	t := &x509.Certificate{
		SerialNumber:          big.NewInt(0x5A3F000 + serial),
		Subject:               pkix.Name{Country: []string{"JP"}, Organization: []string{s.org}, CommonName: s.cn},
		NotBefore:             time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              time.Date(2034, 1, 1, 0, 0, 0, 0, time.UTC),
		SubjectKeyId:          ski[:20],
		BasicConstraintsValid: true,
	}
	switch s.kind {
	case "ca":
		t.IsCA = true
		t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	case "tsa":
		t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}
	case "signer":
		t.Subject.Country = []string{"BE"}
		t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
	}
	var signer crypto.Signer = k
	return x509.CreateCertificate(rand.Reader, t, t, k.Public(), signer)
}
