package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/publish"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/safefile"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func signCommand() *cli.Command {
	return &cli.Command{
		Name:  "sign",
		Usage: "sign an unsigned TS 119 612 list (XAdES-B-B, enveloped) and check the result",
		UsageText: `jtsl sign DIR [--key KEY.pem --cert CERT.pem | --pkcs12 FILE | --pkcs11 URI [--cert CERT.pem] | --dev-key] [--rsa-pss]
jtsl sign FILE.xml --out SIGNED.xml [--signing-time TIME] [--max-size BYTES] [key flags]`,
		Description: `Signs on a signing station that holds the key apart from the machine that
compiles the sources.

jtsl sign DIR signs a folder made by jtsl build --prepare DIR, in place: the
list (JP-TSL.xml, XAdES) and the JSON mirror (JP-TSL.json.jws), both with the
key given (an HSM with --pkcs11), at the list's issue time, and verifies both;
it writes tlso.pem and signed.json beside them. Review changes.md first. Then,
back online: jtsl publish DIR --out OUT.

jtsl sign FILE.xml --out SIGNED.xml signs a single list compiled elsewhere. The list must decode without
error and carry no signature yet; the signer certificate must pass the TLSO
profile check (TS 119 612 clause 5.7.1). The input's bytes are kept: the
signature is inserted as the last child of the root, and before SIGNED.xml is
written (atomically) the signed bytes are checked to be exactly those with the
signature inserted, read back and their signature verified.
A key flag is required; --dev-key signs with the development key, as jtsl build
--dev-key does.

## EXIT CODES
0 signed; 1 the list or the signer was refused, or a check failed (nothing
written); 2 usage error.

## EXAMPLES
  JTSL_PKCS11_PIN=… jtsl sign release-42 --pkcs11 'pkcs11:token=tlso;object=tl-signer-ec'
  jtsl sign unsigned.xml --out JP-TSL.xml --key tlso.key --cert tlso.pem
  JTSL_PKCS11_PIN=… jtsl sign unsigned.xml --out JP-TSL.xml --pkcs11 'pkcs11:token=tlso;object=tl-signer-ec'

## STANDARDS
ETSI TS 119 612 v2.4.1; ETSI EN 319 132-1 (XAdES-B-B).`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Category: "Output", Usage: "write the signed list to `FILE` (a single list; a prepared folder is signed in place)"},
			&cli.StringFlag{Name: "signing-time", Category: "Input", Usage: "XAdES SigningTime as RFC 3339 `TIME` (default SOURCE_DATE_EPOCH, else now)"},
			&cli.Int64Flag{Name: "max-size", Category: "Input", Value: xmldoc.DefaultLimits.MaxBytes, Usage: "refuse lists larger than `BYTES`"},
		}, signKeyFlags()...),
		Action: runSign,
	}
}

// signKeyFlags are the key flags, with --allow-weak-signer said as sign
// does it: there is no manifest to record it in, so a warning says it.
func signKeyFlags() []cli.Flag {
	fs := make([]cli.Flag, 0, len(keyFlags))
	for _, f := range keyFlags {
		if f.Names()[0] == "allow-weak-signer" {
			f = &cli.BoolFlag{Name: "allow-weak-signer", Category: "Signing key",
				Usage: "sign even when the certificate fails the TLSO profile check (tests only; a warning is printed)"}
		}
		fs = append(fs, f)
	}
	return fs
}

func runSign(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("sign takes one prepared DIR or one FILE.xml, got %d arguments", c.NArg())
	}
	in, out := c.Args().First(), c.String("out")
	fi, statErr := os.Stat(in)
	if statErr == nil && fi.IsDir() {
		return runSignPrepared(c, in)
	}
	if out == "" {
		return usagef("sign FILE.xml needs --out SIGNED.xml")
	}
	at, err := timeFlag(c, "signing-time")
	if err != nil {
		return err
	}
	// Paced before reading: reading a 110 MB list collected once at
	// GOGC's first goal (70 ms of CPU for nothing freed).
	defer pacedUntilReturn()()
	if statErr == nil && fi.Mode().IsRegular() {
		if need := signMemory * fi.Size(); !collectNear(need) {
			memoryLimit(need) // GOGC set: still no less than the run needs
		}
	}
	data, err := readWithRoom(in, c.Int64("max-size"), publish.SignatureRoom)
	if err != nil {
		return &exitError{code: exitInvalid, err: err}
	}
	if c.Bool("allow-weak-signer") {
		fmt.Fprintln(c.App.ErrWriter, "WARNING: --allow-weak-signer is for tests only: a signer that fails the TLSO profile is accepted")
	}
	key, devDir, err := openKey(c)
	if err != nil {
		return err
	}
	if key != nil {
		defer key.Close()
	}
	signed, err := publish.SignDocument(data, publish.SignOptions{
		Key: key, DevKeyDir: devDir, SigningTime: at, Now: time.Now(),
		AllowWeakSigner: c.Bool("allow-weak-signer"), Log: c.App.ErrWriter, InPlace: true,
	})
	var dl diag.List
	if errors.As(err, &dl) {
		for _, d := range dl {
			d.Pos.File = in
			fmt.Fprintln(c.App.ErrWriter, d.String())
		}
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s: %d error(s); nothing was signed", in, len(dl))}
	}
	if err != nil {
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s: %w; nothing was written", in, err)}
	}
	if err := safefile.Replace(out, signed, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "signed %s into %s\n", in, out)
	return nil
}

// signMemory is jtsl sign's soft memory limit, in times the input; the
// collector is off below it (collectNear). SignDocument collects once,
// between signing and reading the signed bytes back, when the input's
// bytes are most of what is live. Before that the input, its tree and
// the decoding take ≈ 4.4 × the input (a 23 MB list: 98 MiB, `gctrace`),
// after it the signed bytes and their tree ≈ 3.7 ×: nothing is collected
// at all, and the limit is there for lists unlike ours.
const signMemory = 6

// runSignPrepared signs a folder made by build --prepare.
func runSignPrepared(c *cli.Context, dir string) error {
	for _, f := range []string{"out", "signing-time"} {
		if c.IsSet(f) {
			return usagef("--%s is for a single list: a prepared folder is signed in place, at its issue time", f)
		}
	}
	key, devDir, err := openKey(c)
	if err != nil {
		return err
	}
	if key != nil {
		defer key.Close()
	}
	if c.Bool("allow-weak-signer") {
		fmt.Fprintln(c.App.ErrWriter, "WARNING: --allow-weak-signer is for tests only: a signer that fails the TLSO profile is accepted (publish records it)")
	}
	err = publish.SignPrepared(dir, publish.SignOptions{Key: key, DevKeyDir: devDir, Now: time.Now(),
		AllowWeakSigner: c.Bool("allow-weak-signer"), Log: c.App.ErrWriter})
	if err != nil {
		return failed(c.App.ErrWriter, err, dir, "nothing was signed")
	}
	fmt.Fprintf(c.App.ErrWriter, "signed %s/%s and %s/%s, both verified: take %s back and run jtsl publish %s --out OUT\n",
		dir, release.FileXML, dir, release.FileJWS, dir, dir)
	return nil
}
