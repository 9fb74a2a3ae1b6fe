package main

import "github.com/urfave/cli/v2"

// Flags shared by several commands, defined once.
var (
	sourcesFlag = &cli.StringFlag{
		Name: "sources", Value: "sources", Category: "Input",
		Usage: "sources `DIR` (scheme.yaml, tsps/, certs/)",
	}
	outFlag = &cli.StringFlag{
		Name: "out", Value: "out", Category: "Output",
		Usage: "release `DIR`, replaced atomically",
	}
	issueTimeFlag = &cli.StringFlag{
		Name: "issue-time", Category: "Input",
		Usage: "ListIssueDateTime as RFC 3339 `TIME` (default SOURCE_DATE_EPOCH, else now)",
	}
	formatFlag = &cli.StringFlag{
		Name: "format", Value: "text", Category: "Output",
		Usage: "output `FORMAT`: text or json",
	}
)

// keyFlags select the signing key: PEM files, a PKCS#12 file, a PKCS#11
// token or, only when asked for, the development key. Secrets never come
// from a flag value.
var keyFlags = []cli.Flag{
	&cli.StringFlag{Name: "key", Category: "Signing key", Usage: "private key `FILE` (PEM), with --cert"},
	&cli.StringFlag{Name: "cert", Category: "Signing key", Usage: "signing certificate `FILE` (PEM)"},
	&cli.StringFlag{Name: "pkcs12", Category: "Signing key", Usage: "PKCS#12 `FILE` holding key and certificate (password from JTSL_PKCS12_PASSWORD)"},
	&cli.StringFlag{Name: "pkcs12-password-file", Category: "Signing key", Usage: "read the PKCS#12 password from `FILE`"},
	&cli.StringFlag{Name: "pkcs11", Category: "Signing key", Usage: "RFC 7512 `URI` of the key on a PKCS#11 token (PIN from JTSL_PKCS11_PIN)"},
	&cli.StringFlag{Name: "pkcs11-module", Category: "Signing key", Usage: "PKCS#11 module `PATH` (or module-path= in the URI)"},
	&cli.BoolFlag{Name: "rsa-pss", Category: "Signing key", DisableDefaultText: true, Usage: "sign with RSASSA-PSS instead of RSA PKCS#1 v1.5 (RSA keys; EU DSS refuses PKCS#1 v1.5 from 2029)"},
	&cli.BoolFlag{Name: "dev-key", Category: "Signing key", Usage: "sign with the development key (JTSL_DEVKEY_DIR, default .devkey), created once: for trying jtsl, never for publication"},
	&cli.BoolFlag{Name: "allow-weak-signer", Category: "Signing key", Usage: "sign even when the certificate fails the TLSO profile check (tests only; recorded in the manifest)"},
}
