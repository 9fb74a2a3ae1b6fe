package main

import (
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/model"
)

func keysCommand() *cli.Command {
	return &cli.Command{
		Name:      "keys",
		Usage:     "make a scheme operator signing key and check signing certificates",
		UsageText: "jtsl keys new --out DIR [options]\njtsl keys check CERT.pem [options]",
		Description: `The trusted list is signed with the scheme operator's key; its certificate must
follow the TLSO profile of ETSI TS 119 612 clause 5.7.1 (subject C = territory,
O = operator name, keyUsage digitalSignature/nonRepudiation only, extendedKeyUsage
id-tsl-kp-tslSigning, CA:false, a subject key identifier, RSA ≥ 3072 or ECDSA).
"keys new" makes a key with a matching certificate request; "keys check" checks
a certificate before it is used.

## EXIT CODES
See each subcommand.

## EXAMPLES
  jtsl keys new --out tlso-2026 --self-signed
  jtsl keys check tlso-2026/cert.pem

## STANDARDS
ETSI TS 119 612 v2.4.1 clause 5.7.1; RFC 5280; RFC 2986 (PKCS#10).`,
		Subcommands: []*cli.Command{keysNewCommand(), keysCheckCommand()},
	}
}

func keysNewCommand() *cli.Command {
	return &cli.Command{
		Name:      "new",
		Usage:     "make a signing key, a certificate request and optionally a self-signed certificate",
		UsageText: "jtsl keys new --out DIR [--rsa | --ec | --pkcs11 URI [--pkcs11-module PATH]] [--self-signed [--days N]] [--operator NAME] [--territory CC] [--common-name CN]",
		Description: `Writes into --out (created, mode 0700):
  key.pem      the private key, PKCS#8, mode 0600
  request.csr  a PKCS#10 request for your CA: subject C/O/CN and the requested
               extensions keyUsage digitalSignature+nonRepudiation (critical),
               extendedKeyUsage id-tsl-kp-tslSigning (0.4.0.2231.3.0),
               basicConstraints CA:false
  cert.pem     with --self-signed: a certificate with exactly the TLSO profile
               (plus subject and authority key identifiers), valid --days days
Existing files are never replaced. The key is ECDSA P-256 unless --rsa (RSA-3072).
Both are accepted by EU DSS for years to come; with an RSA key, sign with
--rsa-pss (RSASSA-PSS): EU DSS's default policy refuses RSA PKCS#1 v1.5
signatures from 2029-01-01.
The operator name defaults to operator.name.en and the territory to territory of
--sources/scheme.yaml.

With --pkcs11 URI the key is one that already lives on an HSM (made there, e.g.
with pkcs11-tool --keypairgen): no key.pem is written, the request (and the
self-signed certificate) are signed on the token, with the PIN from
JTSL_PKCS11_PIN. No OpenSSL engine configuration is needed.

## SECURITY CONSIDERATIONS
key.pem is not encrypted. For production, make the key on the HSM instead
(--pkcs11) or move it into a PKCS#12 file or a token, and delete the file. Keep at least two published TLSO certificates with staggered validity
(TS 119 612 annex A.2).

## EXIT CODES
0 written; 1 a file exists or cannot be written; 2 usage error.

## EXAMPLES
  jtsl keys new --out tlso-2026
  jtsl keys new --out dev --self-signed --days 730 --operator "Digital Agency"
  JTSL_PKCS11_PIN=… jtsl keys new --out tlso-2027 --pkcs11 'pkcs11:token=tlso;object=tl-signer-ec' --pkcs11-module /usr/lib/softhsm/libsofthsm2.so

## STANDARDS
ETSI TS 119 612 v2.4.1 clause 5.7.1 and annex A.2; RFC 5280; RFC 2986 (PKCS#10).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Required: true, Category: "Output", Usage: "key `DIR` to create"},
			&cli.BoolFlag{Name: "rsa", Category: "Key", DisableDefaultText: true, Usage: "RSA-3072 key instead (sign with --rsa-pss)"},
			&cli.BoolFlag{Name: "ec", Category: "Key", DisableDefaultText: true, Usage: "ECDSA P-256 key (the default)"},
			&cli.StringFlag{Name: "pkcs11", Category: "Key", Usage: "use the key at RFC 7512 `URI` on a PKCS#11 token instead of making one (PIN from JTSL_PKCS11_PIN)"},
			&cli.StringFlag{Name: "pkcs11-module", Category: "Key", Usage: "PKCS#11 module `PATH` (or module-path= in the URI)"},
			&cli.BoolFlag{Name: "self-signed", Category: "Output", Usage: "also write cert.pem, a self-signed certificate"},
			&cli.IntFlag{Name: "days", Value: 3 * 365, Category: "Output", Usage: "validity of the self-signed certificate in `DAYS`"},
			&cli.StringFlag{Name: "operator", Category: "Subject", Usage: "subject O, the scheme operator `NAME` in English (default: from scheme.yaml)"},
			&cli.StringFlag{Name: "territory", Category: "Subject", Usage: "subject C, the scheme territory `CC` (default: from scheme.yaml, else JP)"},
			&cli.StringFlag{Name: "common-name", Category: "Subject", Usage: "subject `CN` (default: the operator name)"},
			sourcesFlag,
		},
		Action: runKeysNew,
	}
}

func runKeysNew(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("keys new takes no arguments, got %q", c.Args().First())
	}
	alg := keys.ECP256
	switch {
	case c.Bool("rsa") && c.Bool("ec"):
		return usagef("--rsa and --ec are mutually exclusive")
	case c.IsSet("pkcs11") && (c.Bool("rsa") || c.Bool("ec")):
		return usagef("--pkcs11 uses the key on the token: --rsa and --ec do not apply")
	case c.Bool("rsa"):
		alg = keys.RSA3072
	}
	if c.IsSet("days") && !c.Bool("self-signed") {
		return usagef("--days needs --self-signed")
	}
	if c.Int("days") < 1 {
		return usagef("--days must be at least 1")
	}
	def, err := readSchemeDefaults(c)
	if err != nil {
		return err
	}
	sub := keys.Subject{Territory: def.territory, CommonName: c.String("common-name")}
	if c.IsSet("territory") {
		sub.Territory = c.String("territory")
	}
	switch {
	case c.IsSet("operator"):
		sub.Operator = c.String("operator")
	case def.operatorEN != "":
		sub.Operator = def.operatorEN
	default:
		return usagef("--operator is required: %s has no operator.name.en", def.file)
	}

	if _, err := sub.Name(); err != nil {
		return usagef("%v", err) // from flags or scheme.yaml
	}
	out := c.String("out")
	for _, f := range []string{keys.KeyFile, keys.RequestFile, keys.CertFile} {
		if _, err := os.Lstat(filepath.Join(out, f)); err == nil {
			return fmt.Errorf("%s exists: refusing to replace it (choose another --out)", filepath.Join(out, f))
		}
	}
	var signer crypto.Signer
	what := string(alg) + " private key (unencrypted, mode 0600: move it to an HSM or PKCS#12 file for production)"
	if uri := c.String("pkcs11"); uri != "" {
		key, err := keys.OpenPKCS11(uri, keys.PKCS11Options{Module: c.String("pkcs11-module"), PIN: os.Getenv("JTSL_PKCS11_PIN"), KeyOnly: true})
		if err != nil {
			return err
		}
		defer key.Close()
		signer, what = key.Signer, ""
	} else if signer, err = keys.NewKey(alg); err != nil {
		return err
	}
	csr, err := keys.NewRequest(signer, sub)
	if err != nil {
		return err
	}
	var cert *x509.Certificate
	if c.Bool("self-signed") {
		now := time.Now().UTC().Truncate(time.Second)
		if cert, err = keys.NewSelfSigned(signer, sub, now, now.AddDate(0, 0, c.Int("days"))); err != nil {
			return err
		}
	}
	if err := keys.WriteFiles(out, signer, csr, cert); err != nil {
		return err
	}
	w := c.App.Writer
	if what != "" {
		fmt.Fprintf(w, "%s\t%s\n", filepath.Join(out, keys.KeyFile), what)
	} else {
		fmt.Fprintf(w, "(no key file)\tthe key stays on the token %s\n", c.String("pkcs11"))
	}
	fmt.Fprintf(w, "%s\tcertificate request for C=%s, O=%s: send it to the issuing CA\n", filepath.Join(out, keys.RequestFile), sub.Territory, sub.Operator)
	if cert != nil {
		fmt.Fprintf(w, "%s\tself-signed TLSO certificate, valid %s to %s\n", filepath.Join(out, keys.CertFile),
			cert.NotBefore.Format(model.TimeLayout), cert.NotAfter.Format(model.TimeLayout))
	}
	return nil
}

func keysCheckCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check a signing certificate against the TLSO profile (TS 119 612 clause 5.7.1)",
		UsageText: "jtsl keys check CERT.pem [--territory CC] [--operator NAME]... [--issue-time TIME] [--next-update TIME]",
		Description: `Runs the check jtsl build runs before it signs: subject C is the territory;
subject O is one of the operator names; basicConstraints CA:false; keyUsage
present with digitalSignature and/or nonRepudiation only; a subject key
identifier; RSA ≥ 3072 bits or ECDSA P-256/P-384/P-521; valid at the issue time
and until NextUpdate. A missing extendedKeyUsage id-tsl-kp-tslSigning is a
warning (the clause says "should"), and so is an RSA certificate valid past
2029-01-01 unless the list is signed with RSASSA-PSS (--rsa-pss): EU DSS's
default policy refuses RSA PKCS#1 v1.5 signatures from then. Each finding names the field, what it holds,
what is wanted and how to fix it.

The territory and operator names (English first) default to --sources/scheme.yaml;
--next-update defaults to the issue time plus next_update_months of scheme.yaml
(else 6, the maximum of TS 119 612 clause 5.3.15).

## EXIT CODES
0 the certificate passes (warnings may be printed); 1 it fails, or cannot be
read; 2 usage error.

## EXAMPLES
  jtsl keys check tlso.pem
  jtsl keys check tlso.pem --operator "Digital Agency" --issue-time 2026-07-01T00:00:00Z --next-update 2027-01-01T00:00:00Z

## STANDARDS
ETSI TS 119 612 v2.4.1 clauses 5.7.1 and 5.3.15; ETSI TS 119 312; RFC 5280.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "territory", Usage: "subject C must be `CC` (default: from scheme.yaml, else JP)"},
			&cli.StringSliceFlag{Name: "operator", Usage: "subject O must be `NAME` (repeatable; default: from scheme.yaml)"},
			issueTimeFlag,
			&cli.StringFlag{Name: "next-update", Usage: "NextUpdate as RFC 3339 `TIME` the certificate must last until"},
			&cli.BoolFlag{Name: "rsa-pss", DisableDefaultText: true, Usage: "the key signs with RSASSA-PSS (as jtsl build --rsa-pss)"},
			sourcesFlag,
		},
		Action: runKeysCheck,
	}
}

func runKeysCheck(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("keys check takes one CERT.pem")
	}
	file := c.Args().First()
	def, err := readSchemeDefaults(c)
	if err != nil {
		return err
	}
	p := keys.Profile{Territory: def.territory, OperatorNames: def.operators}
	if c.IsSet("territory") {
		p.Territory = c.String("territory")
	}
	if c.IsSet("operator") {
		p.OperatorNames = c.StringSlice("operator")
	}
	if len(p.OperatorNames) == 0 {
		return usagef("--operator is required: %s has no operator.name", def.file)
	}
	if p.IssueTime, err = issueTime(c); err != nil {
		return err
	}
	p.NextUpdate = p.IssueTime.AddDate(0, def.nextUpdateMonths, 0)
	if s := c.String("next-update"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return usagef("--next-update: %q is not an RFC 3339 time such as 2027-01-01T00:00:00Z", s)
		}
		p.NextUpdate = t.UTC()
	}
	if p.NextUpdate.Before(p.IssueTime) {
		return usagef("--next-update %s is before the issue time %s", p.NextUpdate.Format(model.TimeLayout), p.IssueTime.Format(model.TimeLayout))
	}

	cert, err := keys.ReadCertificate(file)
	if err != nil {
		return err
	}
	errs, warns := keys.CheckProfile(cert, p)
	if w := keys.SchemeWarning(cert, c.Bool("rsa-pss")); w != nil {
		warns = append(warns, w)
	}
	w := c.App.Writer
	fmt.Fprintf(w, "%s: %s, serial %X, valid %s to %s\n", file, cert.Subject, cert.SerialNumber,
		cert.NotBefore.UTC().Format(model.TimeLayout), cert.NotAfter.UTC().Format(model.TimeLayout))
	fmt.Fprintf(w, "profile: C=%s, O one of %q, issue time %s, NextUpdate %s\n", p.Territory, p.OperatorNames,
		p.IssueTime.Format(model.TimeLayout), p.NextUpdate.Format(model.TimeLayout))
	for _, e := range errs {
		fmt.Fprintf(w, "FAIL %v\n", e)
	}
	for _, e := range warns {
		fmt.Fprintf(w, "WARN %v\n", e)
	}
	if len(errs) > 0 {
		return &exitError{exitInvalid, fmt.Errorf("%s fails the TLSO certificate profile of TS 119 612 clause 5.7.1 (%d %s)",
			file, len(errs), plural(len(errs), "problem", "problems"))}
	}
	fmt.Fprintf(w, "ok: %s passes the TLSO certificate profile of TS 119 612 clause 5.7.1\n", file)
	return nil
}

// schemeDefaults are the scheme.yaml values keys commands default to.
type schemeDefaults struct {
	file             string
	territory        string
	operatorEN       string   // operator.name.en
	operators        []string // English first, then the other languages by tag
	nextUpdateMonths int
}

// readSchemeDefaults reads territory, operator.name and next_update_months
// from --sources/scheme.yaml. The file may be missing unless --sources was
// given; this is a plain read, the sources' full validation is jtsl build's.
func readSchemeDefaults(c *cli.Context) (schemeDefaults, error) {
	d := schemeDefaults{file: filepath.Join(c.String("sources"), "scheme.yaml"), territory: "JP", nextUpdateMonths: 6}
	b, err := os.ReadFile(d.file)
	if errors.Is(err, fs.ErrNotExist) && !c.IsSet("sources") {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("read scheme defaults: %w", err)
	}
	var s struct {
		Territory string `yaml:"territory"`
		Operator  struct {
			Name map[string]string `yaml:"name"`
		} `yaml:"operator"`
		NextUpdateMonths int `yaml:"next_update_months"`
	}
	if err := yaml.Unmarshal(b, &s); err != nil {
		return d, fmt.Errorf("read scheme defaults from %s: %w", d.file, err)
	}
	if s.Territory != "" {
		d.territory = s.Territory
	}
	if s.NextUpdateMonths > 0 {
		d.nextUpdateMonths = s.NextUpdateMonths
	}
	if en := s.Operator.Name["en"]; en != "" {
		d.operatorEN = en
		d.operators = append(d.operators, en)
	}
	var langs []string
	for lang := range s.Operator.Name {
		if lang != "en" {
			langs = append(langs, lang)
		}
	}
	sort.Strings(langs)
	for _, l := range langs {
		d.operators = append(d.operators, s.Operator.Name[l])
	}
	return d, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
