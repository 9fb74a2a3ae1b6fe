package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/fetch"
	"github.com/jtsl/jtsl/internal/trust"
	"github.com/jtsl/jtsl/internal/verify"
)

func trustCommand() *cli.Command {
	return &cli.Command{
		Name:      "trust",
		Usage:     "tell whether a listed, granted service stands behind a certificate",
		UsageText: "jtsl trust CERT.pem [--chain FILE.pem] (--list LIST.xml... | --lotl FILE|URL [--lotl-cert PEM]) [--at TIME] [--format text|json]",
		Description: `Loads the given lists, each verified first (a list whose signature or structure
fails is reported and not used), finds the services whose certificate issued
CERT (issuer name, key identifier and signature) or is CERT (a listed TSA), and
reports the status in force at --at (from the current status and the history)
with the qualifiers that apply to CERT and the additional service information
(ForeSignatures, ForeSeals, ForWebSiteAuthentication).

--lotl reads a list of lists (the EU LOTL, or a list with pointers) and loads
the lists it points to; each pointed list is accepted only if its signer is one
of the certificates the pointer names, as EU DSS does. URLs are fetched over
HTTPS with timeouts and a size limit, and cached in --cache.

## EXIT CODES
0 a granted service covers the certificate at that time; 1 none does (or a
file cannot be read); 2 usage error.

## EXAMPLES
  jtsl trust signer.pem --chain intermediates.pem --list out/JP-TSL.xml
  jtsl trust tsa.pem --lotl https://ec.europa.eu/tools/lotl/eu-lotl.xml --lotl-cert lotl-signers.pem

## STANDARDS
ETSI TS 119 612 v2.4.1 clauses 5.5.4–5.6 and 5.5.9.2; RFC 5280.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "chain", Usage: "intermediate certificates `FILE` (PEM)"},
			&cli.StringSliceFlag{Name: "list", Usage: "trusted list `FILE` (repeatable)"},
			&cli.StringSliceFlag{Name: "list-cert", Usage: "accepted signer `PEM` for the --list files (repeatable; default: not pinned)"},
			&cli.StringFlag{Name: "lotl", Usage: "list of lists `FILE or URL` whose pointers are followed"},
			&cli.StringSliceFlag{Name: "lotl-cert", Usage: "accepted signer `PEM` of the --lotl (repeatable)"},
			&cli.StringFlag{Name: "cache", Value: ".cache/jtsl", Usage: "download cache `DIR`"},
			&cli.StringFlag{Name: "tls-ca", Usage: "extra TLS root certificates `FILE` (PEM) for HTTPS downloads"},
			&cli.StringFlag{Name: "at", Usage: "evaluation `TIME` (RFC 3339, default now)"},
			formatFlag,
		},
		Action: runTrust,
	}
}

type trustReport struct {
	Version     int           `json:"version"`
	Certificate string        `json:"certificate"`
	At          string        `json:"at"`
	Trusted     bool          `json:"trusted"`
	Lists       []listVerdict `json:"lists"`
	Matches     []trust.Match `json:"matches"`
}

type listVerdict struct {
	Name   string `json:"name"`
	Used   bool   `json:"used"`
	Reason string `json:"reason,omitempty"`
}

func runTrust(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("trust takes one CERT.pem")
	}
	if len(c.StringSlice("list")) == 0 && c.String("lotl") == "" {
		return usagef("give --list or --lotl")
	}
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("--format must be text or json, got %q", format)
	}
	at, err := atTime(c)
	if err != nil {
		return err
	}
	certs, err := readCerts([]string{c.Args().First()})
	if err != nil {
		return err
	}
	var chain []*x509.Certificate
	if f := c.String("chain"); f != "" {
		if chain, err = readCerts([]string{f}); err != nil {
			return err
		}
	}
	rep := trustReport{Version: 1, Certificate: certs[0].Subject.String(), At: at.Format(time.RFC3339)}
	var sources []trust.Source
	load := func(name string, data []byte, pins []*x509.Certificate) *verify.Report {
		r := verify.Check(data, verify.Options{File: name, At: at, Pin: pins})
		v := listVerdict{Name: name, Used: r.Valid}
		if !r.Valid {
			var why []string
			for _, ch := range r.Checks {
				if ch.Status.String() == "fail" {
					why = append(why, ch.Name+": "+ch.Detail)
				}
			}
			v.Reason = "not used: " + strings.Join(why, "; ")
		} else {
			sources = append(sources, trust.Source{Name: name, List: r.Model()})
		}
		rep.Lists = append(rep.Lists, v)
		return r
	}
	listPins, err := readCerts(c.StringSlice("list-cert"))
	if err != nil && len(c.StringSlice("list-cert")) > 0 {
		return err
	}
	for _, f := range c.StringSlice("list") {
		data, err := readLimited(f, 64<<20)
		if err != nil {
			return err
		}
		load(f, data, listPins)
	}
	if l := c.String("lotl"); l != "" {
		pins, err := readCerts(c.StringSlice("lotl-cert"))
		if err != nil && len(c.StringSlice("lotl-cert")) > 0 {
			return err
		}
		f := &fetch.Fetcher{CacheDir: c.String("cache"), Timeout: 30 * time.Second, MaxBytes: 64 << 20}
		if ca := c.String("tls-ca"); ca != "" {
			roots, err := x509.SystemCertPool()
			if err != nil {
				roots = x509.NewCertPool()
			}
			extra, err := readCerts([]string{ca})
			if err != nil {
				return err
			}
			for _, r := range extra {
				roots.AddCert(r)
			}
			f.Client = &http.Client{
				Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}},
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			}
		}
		ctx := context.Background()
		data, err := f.Get(ctx, l)
		if err != nil {
			return fmt.Errorf("LOTL: %w", err)
		}
		r := load(l, data, pins)
		if r.Valid {
			for _, p := range r.Model().Scheme.Pointers {
				pc := fetch.PointerCerts(p)
				d, err := f.Get(ctx, p.Location)
				if err != nil {
					rep.Lists = append(rep.Lists, listVerdict{Name: p.Location, Reason: "not used: " + err.Error()})
					continue
				}
				if len(pc) == 0 {
					rep.Lists = append(rep.Lists, listVerdict{Name: p.Location, Reason: "not used: the pointer names no signer certificate"})
					continue
				}
				load(p.Location, d, pc)
			}
		}
	}
	rep.Matches = trust.Lookup(sources, trust.Query{Cert: certs[0], Chain: chain, At: at})
	for _, m := range rep.Matches {
		rep.Trusted = rep.Trusted || m.Granted
	}
	if format == "json" {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		w := c.App.Writer
		fmt.Fprintf(w, "certificate: %s\nat: %s\n", rep.Certificate, rep.At)
		for _, l := range rep.Lists {
			if l.Used {
				fmt.Fprintf(w, "list %s: verified, used\n", l.Name)
			} else {
				fmt.Fprintf(w, "list %s: %s\n", l.Name, l.Reason)
			}
		}
		for _, m := range rep.Matches {
			fmt.Fprintf(w, "match: %s / %s / %s\n  type %s\n  status %s since %s (granted: %v)\n  how: %s\n",
				m.Territory, m.TSP, m.Service, m.Type, orDash(m.Status), orDash(m.StatusStart), m.Granted, m.How)
			if len(m.Qualifiers) > 0 {
				fmt.Fprintf(w, "  qualifiers: %s\n", strings.Join(m.Qualifiers, ", "))
			}
			if len(m.AdditionalInformation) > 0 {
				fmt.Fprintf(w, "  additional information: %s\n", strings.Join(m.AdditionalInformation, ", "))
			}
		}
		if rep.Trusted {
			fmt.Fprintln(w, "result: TRUSTED")
		} else {
			fmt.Fprintln(w, "result: NOT TRUSTED")
		}
	}
	if !rep.Trusted {
		return &exitError{code: exitInvalid}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
