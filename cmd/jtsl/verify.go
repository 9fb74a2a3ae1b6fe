package main

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/fetch"
	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/lote"
	"github.com/jtsl/jtsl/internal/verify"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "verify",
		Usage:     "check a trusted list as EU DSS would (structure, version, freshness, XAdES signature), or a list of trusted entities",
		UsageText: "jtsl verify FILE|URL [--cert PIN.pem]... [--at TIME] [--profile NAME] [--format text|json] [--max-size BYTES]\n   jtsl verify --explain CHECK",
		Description: `Runs named checks on any TS 119 612 list (TSLVersionIdentifier 4, 5 or 6) and
prints each with pass, warn or fail and why, citing the EU DSS rule (R1…R31) it
implements. docs/checks.md documents every check and rule; --explain CHECK
prints one.
Signature-wrapping and spoofing attempts fail with a check naming the reason.
Without --cert the signature is checked with the certificate in KeyInfo and the
report says the signer is not pinned.

A list of trusted entities (ETSI TS 119 602) is told from its content: XML
whose root is ListOfTrustedEntities, JSON ({"LoTE": ...}) or a compact JWS of
that JSON (JAdES, signer in x5c). Its checks (LoTEFormat, LoTESigned,
LoTEStructure, LoTEVersion, SignerBinding, LoTEProfile, HistoryOrder, the
freshness and signature checks) are in the same report, whose "format" says
which binding it was. An unsigned list is read and reported as unsigned (a
warning; a failure with --cert). A list of one of the EU's types is held to
its profile; --profile NAME (EUPIDProvidersList, EUWalletProvidersList,
EUWRPACProvidersList, EUWRPRCProvidersList, EUEAAProvidersList,
EUPubEAAProvidersList) holds a list of another scheme to the profile whose
structure it follows.

FILE may be an https URL: it is downloaded with a timeout and --max-size.

--format json prints one object, version 1:
  {"version":1, "file", "format" (a list of trusted entities: lote-xml,
   lote-json or lote-jws), "at", "valid": bool,
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
  jtsl verify out/lote/JP-PID.jws --cert out/lote/signer.pem --profile EUPIDProvidersList
  jtsl verify Mock_PID_Provider_List_v0.0.2.json --at 2026-03-01T00:00:00Z

## STANDARDS
ETSI TS 119 612 v2.4.1; ETSI TS 119 602 v1.1.1; ETSI EN 319 132-1 (XAdES);
ETSI TS 119 182-1 (JAdES); W3C XML-DSig 1.1; EU DSS TL validation.`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "cert", Usage: "accepted signer certificate `PEM` (repeatable: pins the signer)"},
			&cli.StringFlag{Name: "at", Usage: "evaluation `TIME` (RFC 3339, default now)"},
			formatFlag,
			&cli.Int64Flag{Name: "max-size", Value: xmldoc.DefaultLimits.MaxBytes, Usage: "refuse documents larger than `BYTES`"},
			&cli.StringFlag{Name: "profile", Usage: "hold a list of trusted entities to the EU profile `NAME` (such as EUPIDProvidersList)"},
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
		return usagef("verify takes one FILE or URL")
	}
	var profile *lote.Profile
	if name := c.String("profile"); name != "" {
		if profile = profileNamed(name); profile == nil {
			return usagef("--profile %q: not an EU profile of TS 119 602 (such as EUPIDProvidersList)", name)
		}
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
	var data []byte
	if strings.HasPrefix(file, "https://") {
		f := &fetch.Fetcher{Timeout: 30 * time.Second, MaxBytes: c.Int64("max-size")}
		data, err = f.GetURL(context.Background(), file)
	} else {
		data, err = readLimited(file, c.Int64("max-size"))
	}
	if err != nil {
		return err
	}
	defer pacedUntilReturn()()
	// A verification allocates ≈ 6.5 × its input in all (the tree, the
	// model, the canonical form's buffers): within 8 ×, nothing is
	// collected.
	if need := 8 * int64(len(data)); !collectNear(need) {
		memoryLimit(need)
	}
	// data is never changed: the tree may share its memory.
	lim := xmldoc.Limits{MaxBytes: c.Int64("max-size"), ShareInput: true}
	var r *verify.Report
	if verify.Detect(data) == verify.FormatTSL {
		if profile != nil {
			return usagef("--profile applies to lists of trusted entities; %s is a trusted list", file)
		}
		r = verify.Check(data, verify.Options{File: file, At: at, Pin: pins, Limits: lim})
	} else {
		r = verify.CheckLoTE(data, verify.LoTEOptions{File: file, At: at, Pin: pins, Limits: lim, Profile: profile})
	}
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
	return readWithRoom(file, max, 0)
}

// readWithRoom is readLimited into a buffer with room bytes to spare
// after the file's (jtsl sign inserts the signature there).
func readWithRoom(file string, max int64, room int) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > max {
			return nil, fmt.Errorf("%s: %d bytes is more than the limit of %d (--max-size)", file, fi.Size(), max)
		}
		size = int(fi.Size())
	}
	// Read into a buffer of the file's size, as os.ReadFile does:
	// io.ReadAll grew it from 512 bytes, a few copies of a large list and
	// up to twice its size held for the whole run.
	data := make([]byte, 0, size+room+512)
	r := io.LimitReader(f, max+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: more than the limit of %d bytes (--max-size)", file, max)
	}
	return data, nil
}

// profileNamed returns the EU profile called name, or nil.
func profileNamed(name string) *lote.Profile {
	for _, p := range lote.Profiles {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// readCerts reads PEM certificates (every CERTIFICATE block of each file).
func readCerts(files []string) ([]*x509.Certificate, error) { return keys.ReadCertificates(files...) }
