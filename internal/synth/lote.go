package synth

import (
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteLoTE writes, beside the sources of dir, a list of trusted
// entities of n entities (lote/vocabulary.yaml, lote/pid/scheme.yaml,
// lote/pid/entities/*.yaml, lote/certs/*.pem, and its correspondence with
// the EU's values in mra.yaml): PID providers following
// the EU profile's structure, each with one issuance service and its own
// key and certificate, clean under every rule (JTSL060+).
func WriteLoTE(dir string, n int) error {
	if n < 1 {
		return fmt.Errorf("synth: %d entities", n)
	}
	base := filepath.Join(dir, "lote")
	for _, d := range []string{"certs", "pid/entities"} {
		if err := os.MkdirAll(filepath.Join(base, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	for name, data := range map[string]string{"vocabulary.yaml": loteVocabulary, "pid/scheme.yaml": loteScheme} {
		if err := os.WriteFile(filepath.Join(base, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(filepath.Join(dir, "mra.yaml"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(loteMapping); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for e := range n {
		der, err := certificate(e, false)
		if err != nil {
			return err
		}
		pemName := fmt.Sprintf("lote/certs/entity-%06d.pem", e)
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(pemName)), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
			return err
		}
		var b strings.Builder
		fmt.Fprintf(&b, loteEntity, e, e, corporateNumber(e), e, "pid", e, e, pemName)
		if err := os.WriteFile(filepath.Join(base, "pid", "entities", fmt.Sprintf("entity-%06d.yaml", e)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// loteVersion names the layout of WriteLoTE's part of CachedLoTE folders;
// bump it when WriteLoTE changes (2: the EU values in mra.yaml).
const loteVersion = 2

// CachedLoTE returns a folder of a one-service J-TSL and a list of
// trusted entities of n entities (Write, WriteLoTE), written on first use
// as Cached.
func CachedLoTE(n int) (string, error) {
	return cached(fmt.Sprintf("jtsl-synth-lote-v%d.%d-%d", version, loteVersion, n), func(dir string) error {
		if err := Write(dir, 1); err != nil {
			return err
		}
		return WriteLoTE(dir, n)
	})
}

const loteVocabulary = `base: https://www.digital.go.jp/trustlist/lote/
list_types:
  - uri: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList
    label: {ja: 本人確認情報提供者リスト, en: List of PID providers}
    definition: {en: Synthetic.}
    status_determination_approach: https://www.digital.go.jp/trustlist/lote/PIDProvidersList/StatusDetn/JP
    community_rules: https://www.digital.go.jp/trustlist/lote/PIDProviders/schemerules/JP
service_types:
  - uri: http://uri.etsi.org/19602/SvcType/PID/Issuance
    label: {ja: 本人確認情報の発行, en: PID issuance}
    definition: {en: Synthetic.}
`

// loteMapping is mra.yaml's section on the list (appended to the
// J-TSL's mra.yaml, if the sources have one).
const loteMapping = `lists_of_trusted_entities:
  list_types:
    - japan: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList
      eu: http://uri.etsi.org/19602/LoTEType/EUPIDProvidersList
      status: enacted
      from: "2026-01-01T00:00:00Z"
      status_determination_approach:
        japan: https://www.digital.go.jp/trustlist/lote/PIDProvidersList/StatusDetn/JP
        eu: http://uri.etsi.org/19602/PIDProvidersList/StatusDetn/EU
      community_rules:
        japan: https://www.digital.go.jp/trustlist/lote/PIDProviders/schemerules/JP
        eu: http://uri.etsi.org/19602/PIDProviders/schemerules/EU
  service_types:
    - japan: http://uri.etsi.org/19602/SvcType/PID/Issuance
      eu: http://uri.etsi.org/19602/SvcType/PID/Issuance
      status: enacted
      from: "2026-01-01T00:00:00Z"
`

const loteScheme = `file: JP-synthetic-PID-providers
profile: EUPIDProvidersList
type: https://www.digital.go.jp/trustlist/lote/LoTEType/JPPIDProvidersList
territory: JP
status_determination_approach: https://www.digital.go.jp/trustlist/lote/PIDProvidersList/StatusDetn/JP
community_rules:
  en: https://www.digital.go.jp/trustlist/lote/PIDProviders/schemerules/JP
name:
  en: "JP:Synthetic list of PID providers for benchmarks"
` + operator + `information_uri:
  - en: https://www.digital.go.jp/en/policies/digitalsign/lote
policy:
  policies:
    en: https://www.digital.go.jp/en/policies/digitalsign/lote-policy
next_update_months: 6
`

const loteEntity = `name:
  en: Synthetic PID provider %d
  ja: 合成本人確認情報提供者%d
` + party + `information_uri:
  - en: http://uri.etsi.org/19602/ListOfTrustedEntities/PIDProvider/JP
  - en: https://example.jp/pid
services:
  - id: pid-issuance
    type: http://uri.etsi.org/19602/SvcType/PID/Issuance
    name:
      en: Synthetic PID issuance %d
    identity: {certificate: %s}
`
