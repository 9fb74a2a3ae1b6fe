// Package synth writes synthetic J-TSL sources of any size, for benchmarks
// and scale tests (issue 7): n services spread over TSPs of ten, each
// service with its own key and certificate and a short status history,
// all of which pass every lint rule.
package synth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/lint"
)

// PerTSP is the number of services of one synthetic TSP.
const PerTSP = 10

// Epoch is when the synthetic certificates become valid; statuses start
// after it, and a build at any time until Epoch + 10 years is clean.
var Epoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes scheme.yaml, tsps/*.yaml and certs/*.pem for n services
// into dir, which must exist. Every third service is a time-stamping
// service, the others CA/QC; every fifth was withdrawn and granted again.
func Write(dir string, n int) error {
	if n < 1 {
		return fmt.Errorf("synth: %d services", n)
	}
	for _, d := range []string{"tsps", "certs"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "scheme.yaml"), []byte(scheme), 0o644); err != nil {
		return err
	}
	for t := 0; t*PerTSP < n; t++ {
		var b strings.Builder
		fmt.Fprintf(&b, tspHeader, t, t, corporateNumber(t), t, "tsp", t)
		for s := t * PerTSP; s < min(n, (t+1)*PerTSP); s++ {
			tsa := s%3 == 2
			der, err := certificate(s, tsa)
			if err != nil {
				return err
			}
			pemName := fmt.Sprintf("certs/svc-%06d.pem", s)
			if err := os.WriteFile(filepath.Join(dir, pemName), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
				return err
			}
			typ := "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
			if tsa {
				typ = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"
			}
			fmt.Fprintf(&b, service, s, typ, s, s, pemName)
			b.WriteString(status("granted", Epoch.AddDate(0, 1, s%28)))
			if s%5 == 4 {
				b.WriteString(status("withdrawn", Epoch.AddDate(1, 0, 0)))
				b.WriteString(status("granted", Epoch.AddDate(1, 2, 0)))
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "tsps", fmt.Sprintf("tsp-%05d.yaml", t)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func status(s string, from time.Time) string {
	return fmt.Sprintf("      - {status: http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/%s, from: %q}\n", s, from.Format(time.RFC3339))
}

// corporateNumber returns a valid 13-digit corporate number for TSP t.
func corporateNumber(t int) string {
	body := fmt.Sprintf("%012d", 100000000000+t)
	for d := '1'; d <= '9'; d++ {
		if s := string(d) + body; lint.ValidCorporateNumber(s) {
			return s
		}
	}
	panic("no check digit") // unreachable: one of 1–9 always fits
}

// certificate issues a self-signed P-256 certificate for service s: a CA
// certificate, or a time-stamping unit's with the critical timeStamping
// extended key usage (RFC 3161 section 2.3).
func certificate(s int, tsa bool) ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	ski := sha1.Sum(pub)
	t := &x509.Certificate{
		SerialNumber:          big.NewInt(int64(s) + 1),
		Subject:               pkix.Name{Country: []string{"JP"}, Organization: []string{fmt.Sprintf("Synthetic TSP %d", s/PerTSP)}, CommonName: fmt.Sprintf("SYNTHETIC service %d", s)},
		NotBefore:             Epoch,
		NotAfter:              Epoch.AddDate(10, 0, 0),
		SubjectKeyId:          ski[:],
		BasicConstraintsValid: true,
	}
	if tsa {
		t.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment
		t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}
	} else {
		t.IsCA = true
		t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	}
	return x509.CreateCertificate(rand.Reader, t, t, &key.PublicKey, key)
}

// party is what a synthetic TSP or entity says of itself after its
// name: its corporate number, address number, mailbox name and number.
const party = `trade_name:
  en: NTRJP-%s
address:
  postal:
    en: {street: "%d Kioicho", locality: Chiyoda-ku, state: Tokyo, postal_code: 102-0094, country: JP}
  electronic:
    - en: mailto:%s-%d@example.jp
    - en: https://example.jp/
`

const tspHeader = `name:
  en: Synthetic TSP %d
  ja: 合成トラストサービス事業者%d
` + party + `information_uri:
  en: https://example.jp/tsp
services:
`

const service = `  - id: svc-%06d
    type: %s
    name:
      en: Synthetic service %d
      ja: 合成サービス%d
    identity: {certificate: %s}
    status:
`

const scheme = `territory: JP
type: http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist
status_determination_approach: http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/JPdetermination
community_rules:
  en: http://uri.etsi.org/TrstSvc/TrustedList/schemerules/JP
name:
  en: "JP:Synthetic trusted list for benchmarks"
` + operator + `information_uri:
  - en: https://www.digital.go.jp/en/policies/digitalsign
policy:
  policies:
    en: https://www.digital.go.jp/en/policies/digitalsign/trusted-list-policy
historical_information_period: 65535
distribution_points:
  - https://www.digital.go.jp/trustlist/JP-TSL.xml
next_update_months: 6
`

// operator is the scheme operator of every synthetic list.
const operator = `operator:
  name:
    en: Digital Agency
    ja: デジタル庁
  address:
    postal:
      en: {street: 1-3 Kioicho, locality: Chiyoda-ku, state: Tokyo, postal_code: 102-0094, country: JP}
    electronic:
      - en: mailto:trustlist@digital.go.jp
      - en: https://www.digital.go.jp/en/
`

// version names the layout of Cached folders; bump it when Write changes.
const version = 1

// Cached returns a folder of synthetic sources for n services under the
// system's temporary folder, writing it on first use: key generation
// dominates writing, so benchmarks share it across runs.
func Cached(n int) (string, error) {
	return cached(fmt.Sprintf("jtsl-synth-v%d-%d", version, n), func(dir string) error { return Write(dir, n) })
}

// cached returns the folder name under the system's temporary folder,
// written by write on first use.
func cached(name string, write func(dir string) error) (string, error) {
	dir := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(filepath.Join(dir, "scheme.yaml")); err == nil {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "jtsl-synth-tmp-")
	if err != nil {
		return "", err
	}
	if err := write(tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(filepath.Join(dir, "scheme.yaml")); serr == nil {
			return dir, nil // another process won the race
		}
		return "", err
	}
	return dir, nil
}
