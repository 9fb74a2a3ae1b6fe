package main

import (
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/publish"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/safefile"
)

func mraCommand() *cli.Command {
	return &cli.Command{
		Name:      "mra",
		Usage:     "mutual recognition with the EU: test the EC's side end to end",
		UsageText: "jtsl mra lotl --release DIR --out FILE.xml [key flags]",
		Description: `The EU trusts a third country's list through its AdES LOTL, whose pointer to the
list carries the equivalences of sources/mra.yaml (recognition_by_eu). jtsl build
writes that pointer as mra/JP-pointer.xml in the release, for the EC; "mra lotl"
makes a signed test list of lists that holds it, so that EU DSS (or jtsl trust
--mra) can be run from the EC's side before the EC publishes anything.

## EXAMPLES
  jtsl build --sources sources --out out --dev-key
  jtsl mra lotl --release out --out test-lotl.xml --dev-key
  jtsl trust leaf.pem --lotl https://lotl.test/ades-lotl.xml --lotl-cert test-lotl-signer.pem \
    --map https://lotl.test/ades-lotl.xml=test-lotl.xml \
    --map https://www.digital.go.jp/trustlist/JP-TSL.xml=out/JP-TSL.xml \
    --tl-type http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist --mra

## STANDARDS
ETSI TS 119 612 v2.4.1 clause 5.3.13; the EU's MRA schema (mra_schema_v2).`,
		Subcommands: []*cli.Command{mraLOTLCommand()},
	}
}

func mraLOTLCommand() *cli.Command {
	return &cli.Command{
		Name:      "lotl",
		Usage:     "make a signed AdES-LOTL-shaped TEST list of lists holding the release's mra/JP-pointer.xml",
		UsageText: "jtsl mra lotl --release DIR --out FILE.xml [--issue-time TIME] [--key KEY.pem --cert CERT.pem | --pkcs12 FILE | --pkcs11 URI | --dev-key]",
		Description: `Writes FILE.xml, a list of lists with the AdES LOTL's TSLType
(http://ec.europa.eu/tools/lotl/mra/ades-lotl-tsl-type) and one pointer, the
release's mra/JP-pointer.xml, named "EU:TEST AdES list of trusted lists made by
jtsl ..., not published by the European Commission"; and beside it
FILE-signer.pem, its signer's certificate, to pin it (--lotl-cert).

The list is a test list: never publish it. It is signed with the key given; the
signer passes the TLSO profile for territory EU and the test operator's name.
--dev-key signs with a second development key, kept in the development key's
folder under test-lotl/ (made once).

## EXIT CODES
0 written; 1 the release has no mra/JP-pointer.xml (no recognition_by_eu in
sources/mra.yaml) or the list could not be made; 2 usage error.

## EXAMPLES
  jtsl mra lotl --release out --out test-lotl.xml --dev-key
  ../shared/tools/dss-tl-check --lotl https://lotl.test/ades-lotl.xml --lotl-cert test-lotl-signer.pem \
    --map https://lotl.test/ades-lotl.xml=test-lotl.xml \
    --map https://www.digital.go.jp/trustlist/JP-TSL.xml=out/JP-TSL.xml \
    --mra --tl-type http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist

## STANDARDS
ETSI TS 119 612 v2.4.1 clause 5.3.13 (pointers to other lists); the EU's MRA
schema (mra_schema_v2_19612v020401.xsd).`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "release", Category: "Input", Usage: "release `DIR` made by jtsl build (holds mra/JP-pointer.xml)"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Category: "Output", Usage: "write the signed test list to `FILE`"},
			issueTimeFlag,
		}, keyFlags...),
		Action: runMRALOTL,
	}
}

func runMRALOTL(c *cli.Context) error {
	rel, out := c.String("release"), c.String("out")
	switch {
	case c.NArg() > 0:
		return usagef("mra lotl takes no arguments (got %q): give --release DIR and --out FILE", c.Args().First())
	case rel == "":
		return usagef("mra lotl needs --release DIR, the release that holds %s", release.FileMRAPointer)
	case out == "":
		return usagef("mra lotl needs --out FILE.xml")
	}
	issue, err := timeFlag(c, "issue-time")
	if err != nil {
		return err
	}
	ptr, err := os.ReadFile(filepath.Join(rel, filepath.FromSlash(release.FileMRAPointer)))
	if errors.Is(err, os.ErrNotExist) {
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s has no %s: the sources have no recognition_by_eu in mra.yaml, or DIR is not a release", rel, release.FileMRAPointer)}
	}
	if err != nil {
		return &exitError{code: exitInvalid, err: err}
	}
	unsigned, err := mra.TestLOTL(ptr, issue)
	if err != nil {
		return &exitError{code: exitInvalid, err: fmt.Errorf("%s: %w", release.FileMRAPointer, err)}
	}
	key, devDir, err := openKey(c)
	if err != nil {
		return err
	}
	if key != nil {
		defer key.Close()
	}
	if devDir != "" {
		devDir = filepath.Join(devDir, "test-lotl") // not the list's own development key
	}
	signed, err := publish.SignDocument(unsigned, publish.SignOptions{Key: key, DevKeyDir: devDir, SigningTime: issue, Now: time.Now(),
		AllowWeakSigner: c.Bool("allow-weak-signer"), Log: c.App.ErrWriter})
	var dl diag.List
	if errors.As(err, &dl) {
		err = dl.Errors()
	}
	if err != nil {
		return &exitError{code: exitInvalid, err: fmt.Errorf("test LOTL: %w; nothing was written", err)}
	}
	cert := func() ([]byte, error) {
		if key != nil {
			return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: key.Cert.Raw}), nil
		}
		return os.ReadFile(filepath.Join(devDir, keys.CertFile))
	}
	signer, err := cert()
	if err != nil {
		return &exitError{code: exitInvalid, err: err}
	}
	certFile := strings.TrimSuffix(out, filepath.Ext(out)) + "-signer.pem"
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return &exitError{code: exitInvalid, err: err}
	}
	if err := safefile.Replace(out, signed, 0o644); err != nil {
		return &exitError{code: exitInvalid, err: err}
	}
	if err := safefile.Replace(certFile, signer, 0o644); err != nil {
		return &exitError{code: exitInvalid, err: err}
	}
	fmt.Fprintf(c.App.ErrWriter, "wrote %s, a TEST list of lists (not the EC's), and its signer's certificate %s\n", out, certFile)
	return nil
}
