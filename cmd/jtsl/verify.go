package main

import (
	"crypto/x509"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "check a trusted list as EU DSS would: structure, version, freshness, XAdES signature",
		UsageText: "jtsl verify FILE.xml [--cert PIN.pem]... [--at TIME] [--format text|json] [--max-size BYTES]\n   jtsl verify --explain CHECK",
		Description: `Runs named checks on any TS 119 612 list (TSLVersionIdentifier 4, 5 or 6) and
prints each with pass, warn or fail and why, citing the EU DSS rule (R1…R31) it
implements. docs/checks.md documents every check and rule; --explain CHECK
prints one.
Signature-wrapping and spoofing attempts fail with a check naming the reason.
Without --cert the signature is checked with the certificate in KeyInfo and the
report says the signer is not pinned.

--format json prints one object, version 1:
  {"version":1, "file", "at", "valid": bool,
   "list": {"territory","type","version","sequence","issue_time","next_update",
            "operator","providers","services"},
   "signer": {"subject","issuer","serial","not_before","not_after","sha256",
              "signing_time","pinned"},
   "checks": [{"name","rule","status":"pass|warn|fail|skip","detail","line"}],
   "structure": [{"rule","severity","pos":{"file","line"},"path","message"}]}

## EXIT CODES
0 every required check passed; 1 a check failed or the file cannot be read;
2 usage error.

## EXAMPLES
  jtsl verify out/JP-TSL.xml --cert out/tlso.pem
  jtsl verify eu-lotl.xml --format json --at 2026-08-10T00:00:00Z

## STANDARDS
ETSI TS 119 612 v2.4.1; ETSI EN 319 132-1 (XAdES); W3C XML-DSig 1.1; EU DSS TL validation.`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "cert", Usage: "accepted signer certificate `PEM` (repeatable: pins the signer)"},
			&cli.StringFlag{Name: "at", Usage: "evaluation `TIME` (RFC 3339, default now)"},
			formatFlag,
			&cli.Int64Flag{Name: "max-size", Value: xmldoc.DefaultLimits.MaxBytes, Usage: "refuse documents larger than `BYTES`"},
			&cli.StringFlag{Name: "explain", Usage: "print the documentation of check `NAME` (such as SignatureValue)"},
		},
		Action: runVerify,
	}
}

func runVerify(c *cli.Context) error {
	if name := c.String("explain"); name != "" {
		d := verify.Lookup(name)
		if d == nil {
			return usagef("--explain: no check %q (docs/checks.md lists them)", name)
		}
		fmt.Fprint(c.App.Writer, d.Explain())
		return nil
	}
	if c.NArg() != 1 {
		return usagef("verify takes one FILE.xml")
	}
	format, err := outputFormat(c, "text", "json")
	if err != nil {
		return err
	}
	at, err := atTime(c)
	if err != nil {
		return err
	}
	pins, err := readCerts(c.StringSlice("cert"))
	if err != nil {
		return err
	}
	file := c.Args().First()
	data, err := readLimited(file, c.Int64("max-size"))
	if err != nil {
		return err
	}
	memoryLimit(8 * int64(len(data))) // the tree and the model of a large list
	lim := xmldoc.Limits{MaxBytes: c.Int64("max-size")}
	r := verify.Check(data, verify.Options{File: file, At: at, Pin: pins, Limits: lim})
	if format == "json" {
		if err := writeJSON(c.App.Writer, r); err != nil {
			return err
		}
	} else {
		fmt.Fprint(c.App.Writer, r.Text())
	}
	if !r.Valid {
		return &exitError{code: exitInvalid}
	}
	return nil
}

// readLimited reads a file, refusing it before reading when it is larger
// than max bytes, and as it reads should it have grown: an untrusted
// download is never buffered whole.
func readLimited(file string, max int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > max {
		return nil, fmt.Errorf("%s: %d bytes is more than the limit of %d (--max-size)", file, fi.Size(), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: more than the limit of %d bytes (--max-size)", file, max)
	}
	return data, nil
}

// readCerts reads PEM certificates (every CERTIFICATE block of each file).
func readCerts(files []string) ([]*x509.Certificate, error) { return keys.ReadCertificates(files...) }
