package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/publish"
)

func publishCommand() *cli.Command {
	return &cli.Command{
		Name:      "publish",
		Usage:     "make the release from a folder prepared by build --prepare and signed by jtsl sign",
		UsageText: "jtsl publish DIR [--out DIR]",
		Description: `The last step of the separate signing station (jtsl build --prepare DIR on the
build machine, jtsl sign DIR on the station, jtsl publish DIR back online): checks
that the signed list verifies with the certificate beside it, passes the TLSO
profile and decodes to exactly the prepared list; that the JWS signs exactly the
prepared mirror with the same certificate; and that --out still holds the release
the list was prepared after. Then it makes the whole release (XML, .sha2, JSON
mirror and JWS, page, tlso.pem, manifest.json, _headers, history/) in --out in
one atomic step, as jtsl build does.

## EXIT CODES
0 published; 1 a check failed (--out untouched); 2 usage error.

## EXAMPLES
  jtsl build --prepare release-42
  jtsl sign release-42 --pkcs11 'pkcs11:token=tlso;object=tl-signer-ec'   # on the station
  jtsl publish release-42 --out out

## STANDARDS
ETSI TS 119 612 v2.4.1; ETSI EN 319 132-1 (XAdES-B-B); ETSI TS 119 182-1 (JAdES).`,
		Flags:  []cli.Flag{outFlag},
		Action: runPublish,
	}
}

func runPublish(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("publish takes one prepared DIR, got %d arguments", c.NArg())
	}
	dir, out := c.Args().First(), c.String("out")
	res, err := publish.Publish(dir, publish.PublishOptions{Out: out, Log: c.App.ErrWriter})
	if err != nil {
		return failed(c.App.ErrWriter, err, dir, "nothing was published")
	}
	fmt.Fprintf(c.App.ErrWriter, "published sequence %d to %s (SHA-256 %s)\n", res.Sequence, out, res.SHA256)
	printLoTEs(c.App.ErrWriter, res.LoTEs)
	return nil
}
