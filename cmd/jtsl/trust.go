package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/fetch"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/trust"
)

func trustCommand() *cli.Command {
	return &cli.Command{
		Name:      "trust",
		Usage:     "tell whether a listed, granted service stands behind a certificate",
		UsageText: "jtsl trust CERT.pem [--chain FILE.pem] (--list LIST.xml... --list-cert PEM | --lotl FILE|URL --lotl-cert PEM | --lote LIST... --lote-cert PEM) [--at TIME] [--format text|json]",
		Description: `Loads the given lists, each verified first (a list whose signature or structure
fails is reported and not used), finds the services whose certificate issued
CERT (issuer name, key identifier and signature) or is CERT (a listed TSA), and
reports the status in force at --at (from the current status and the history)
with the qualifiers that apply to CERT and the additional service information
(ForeSignatures, ForeSeals, ForWebSiteAuthentication).

Lists are verified as EU DSS verifies them: at the current time (or
--verify-at), whatever --at says; a signer certificate that has expired since
does not fail a list whose SigningTime lies within its validity. A list past
its NextUpdate, or closed (NextUpdate without a date), is used as EU DSS uses
it, and the report gives its ALERT (EU DSS's TLExpirationDetection);
--require-fresh refuses such a list instead.

Fail closed: a list is used only when it is pinned, that is signed by a
certificate given with --list-cert (for --list) or --lotl-cert (for --lotl), or,
for a list reached through a pointer of a pinned list of lists, by one of the
certificates that pointer names (as EU DSS does). --allow-unpinned uses
unpinned lists too. The report says, for every list, whether it was pinned,
used or skipped and why, and how many trust anchors (service certificates)
were loaded; a service certificate that cannot be read (EU DSS does not load
it either) is named, and is no anchor. In text, the pointers skipped are counted by reason, one line each
with the way to follow them (--verbose lists them one by one); the JSON report
(--format json) keeps every list with its reason and hint.

--lotl reads a list of lists and follows its pointers as EU DSS does: only
pointers whose TSLType is .../TSLType/EUgeneric (or one given with --tl-type)
and whose MimeType is application/vnd.etsi.tsl+xml; a pointer to a PDF list
and the list of lists' pointer to itself are skipped, with the reason. A
pointer's location is fetched over https or plain http, as EU DSS fetches it
(the list's signature, pinned by the pointer, vouches for it, not the
transport; the report says which lists are over plain http); a file: or
scheme-less location is never read. Downloads have timeouts and a size
limit, and are cached in --cache as
DIR/<first 32 hex digits of the URL's SHA-256>.xml (the last good copy, used
when a download fails). --map URL=FILE serves a URL from a local file;
--offline makes no network request (an unmapped URL is reported as not
available).

--lote reads a list of trusted entities (ETSI TS 119 602: Japan's PID, wallet
and Pub-EAA provider lists, the Commission's EUDI wallet lists) in either
binding (XML, JSON or a compact JWS, told from the content), verified as jtsl
verify does and pinned to --lote-cert; the report names the entity and the
service whose certificate is CERT or issued it. A service without a status
(the EU profiles have none) is trusted while the list is valid; one with a
status is trusted when the status in force at --at is granted. An unsigned
list (the Commission's mock lists) can never be pinned: --allow-unpinned uses
it, and the report says it is unsigned.

--mra also reports the certificate's EU qualification at its issuance and at
--at under EU DSS's names (QCERT_FOR_ESIG_QSCD, CERT_FOR_ESEAL, NA, ...), as
EU DSS with MRA support computes it: a list reached through a pointer that
carries an mra:MutualRecognitionAgreementInformation block (the EU's AdES
LOTL, a test list from jtsl mra lotl) has its services translated to their
EU equivalents, and the certificate's QC statements too, by the equivalence
enacted for the certificate's issuance; the report names that equivalence's
legal identifier (mra_legal_identifier). Other lists' services are used as
they are. Under --mra the result and the exit code are EU DSS's reading too: a
covering service in force at --at with an EU status in force (granted,
recognisedatnationallevel or their legacy equivalents), a third country's
service as the enacted equivalence in force translates it. Without --mra, a
status outside the EU vocabulary (a third country's, the J-TSL's own) is
reported as such, with the hint to use --mra.

## EXIT CODES
0 a granted service of a used list covers the certificate at that time (with
--mra: granted as EU DSS reads it); 1 none does (or a file cannot be read);
2 usage error.

## EXAMPLES
  jtsl trust signer.pem --chain intermediates.pem --list out/JP-TSL.xml --list-cert out/tlso.pem
  jtsl trust tsa.pem --lotl https://ec.europa.eu/tools/lotl/eu-lotl.xml --lotl-cert lotl-signers.pem
  jtsl trust pid-issuer.pem --lote out/lote/JP-PID.xml --lote-cert out/lote/signer.pem
  jtsl trust pid.pem --lote Mock_PID_Provider_List.json --allow-unpinned --verify-at 2026-03-01T00:00:00Z
  jtsl trust leaf.pem --chain ca.pem --lotl https://example.org/lotl.xml --lotl-cert lotl.pem \
      --offline --map https://example.org/lotl.xml=lotl.xml --map https://example.org/tl.xml=tl.xml \
      --tl-type http://uri.etsi.org/TrstSvc/TrustedList/TSLType/ZZlist --at 2022-08-01T00:00:00Z --mra

## STANDARDS
ETSI TS 119 612 v2.4.1 clauses 5.3.13, 5.5.4–5.6 and 5.5.9.2; ETSI TS 119 602
v1.1.1; RFC 5280.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "chain", Usage: "intermediate certificates `FILE` (PEM)"},
			&cli.StringSliceFlag{Name: "list", Usage: "trusted list `FILE` (repeatable)"},
			&cli.StringSliceFlag{Name: "list-cert", Usage: "accepted signer `PEM` for the --list files (repeatable)"},
			&cli.StringFlag{Name: "lotl", Usage: "list of lists `FILE or URL` whose pointers are followed"},
			&cli.StringSliceFlag{Name: "lotl-cert", Usage: "accepted signer `PEM` of the --lotl (repeatable)"},
			&cli.StringSliceFlag{Name: "lote", Usage: "list of trusted entities `FILE or URL` (XML, JSON or JWS; repeatable)"},
			&cli.StringSliceFlag{Name: "lote-cert", Usage: "accepted signer `PEM` for the --lote lists (repeatable)"},
			&cli.BoolFlag{Name: "allow-unpinned", Usage: "use lists no --list-cert, --lotl-cert or --lote-cert vouches for"},
			&cli.StringSliceFlag{Name: "tl-type", Usage: "follow pointers with this TSLType `URI` (repeatable; default .../TSLType/EUgeneric, as EU DSS)"},
			&cli.StringSliceFlag{Name: "map", Usage: "serve `URL=FILE`: the URL is read from the local file (repeatable)"},
			&cli.BoolFlag{Name: "offline", Usage: "make no network request (unmapped URLs are not available)"},
			&cli.StringFlag{Name: "cache", Value: ".cache/jtsl", Usage: "download cache `DIR` (\"\" for none)"},
			tlsCAFlag,
			&cli.StringFlag{Name: "at", Usage: "status `TIME`: the service status in force then (RFC 3339, default now)"},
			&cli.StringFlag{Name: "verify-at", Usage: "verify the lists at `TIME` (RFC 3339, default now, as EU DSS)"},
			&cli.BoolFlag{Name: "require-fresh", Usage: "refuse a list past its NextUpdate, or closed (default: use it with an alert, as EU DSS does)"},
			&cli.BoolFlag{Name: "verbose", Usage: "list each skipped pointer on its own line (the text report counts them by reason)"},
			&cli.BoolFlag{Name: "mra", Usage: "report the EU qualification as EU DSS with MRA support judges it: each list's services translated by the MRA block of the pointer it was reached through"},
			formatFlag,
		},
		Action: runTrust,
	}
}

// trustReport is the JSON form of jtsl trust (version 2: lists carry
// kind, pinning, status and reason; trust_anchors and verify_at added;
// version 3: a list past its NextUpdate is used, with its alert; lists
// carry hint, plain_http and unreadable_certificates).
type trustReport struct {
	Version      int              `json:"version"`
	Certificate  string           `json:"certificate"`
	At           string           `json:"at"`
	VerifyAt     string           `json:"verify_at"`
	Trusted      bool             `json:"trusted"`
	TrustAnchors int              `json:"trust_anchors"`
	Lists        []*trust.Reached `json:"lists"`
	Matches      []trust.Match    `json:"matches"`
	// With --mra: qualification_at_issuance, qualification_at_time,
	// mra_legal_identifier, mra_enacted and their detail.
	*mraReport
}

func runTrust(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("trust takes one CERT.pem")
	}
	if len(c.StringSlice("list")) == 0 && c.String("lotl") == "" && len(c.StringSlice("lote")) == 0 {
		return usagef("give --list FILE, --lotl FILE|URL or --lote FILE|URL")
	}
	format, err := outputFormat(c, "text", "json")
	if err != nil {
		return err
	}
	at, err := flagTime(c, "at")
	if err != nil {
		return err
	}
	verifyAt, err := flagTime(c, "verify-at")
	if err != nil {
		return err
	}
	opts, err := trustOptions(c, verifyAt)
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
			return fmt.Errorf("--chain: %w", err)
		}
	}
	res, err := trust.Walk(context.Background(), opts)
	if err != nil {
		return err
	}
	rep := trustReport{
		Version: 3, Certificate: certs[0].Subject.String(), At: at.Format(time.RFC3339),
		VerifyAt: verifyAt.Format(time.RFC3339), TrustAnchors: res.Anchors, Lists: res.Lists,
		Matches: trust.Lookup(res.Sources, trust.Query{Cert: certs[0], Chain: chain, At: at}),
	}
	rep.Trusted = trust.Trusted(rep.Matches)
	if c.Bool("mra") {
		// As EU DSS decides: the services as the enacted equivalence
		// translates them, not the third country's own statuses.
		rep.mraReport = qualifyMRA(res.Sources, certs[0], chain, at)
		rep.Trusted = rep.mraReport.Granted
	}
	if format == "json" {
		if err := writeJSON(c.App.Writer, rep); err != nil {
			return err
		}
	} else {
		writeTrustText(c.App.Writer, rep, c.Bool("verbose"))
	}
	if !rep.Trusted {
		return &exitError{code: exitInvalid}
	}
	return nil
}

// trustOptions turns the flags into the walk's options.
func trustOptions(c *cli.Context, verifyAt time.Time) (trust.Options, error) {
	opts := trust.Options{VerifyAt: verifyAt, AllowUnpinned: c.Bool("allow-unpinned"), TLTypes: c.StringSlice("tl-type"), RequireFresh: c.Bool("require-fresh")}
	for _, t := range opts.TLTypes {
		if u, err := url.Parse(t); err != nil || !u.IsAbs() {
			return opts, usagef("--tl-type %q: want an absolute URI such as %s", t, model.TSLTypeEUGeneric)
		}
	}
	listPins, err := readPins(c, "list-cert")
	if err != nil {
		return opts, err
	}
	for _, f := range c.StringSlice("list") {
		opts.Lists = append(opts.Lists, trust.Input{Location: f, Pins: listPins})
	}
	lotePins, err := readPins(c, "lote-cert")
	if err != nil {
		return opts, err
	}
	for _, f := range c.StringSlice("lote") {
		opts.LoTEs = append(opts.LoTEs, trust.Input{Location: f, Pins: lotePins})
	}
	if l := c.String("lotl"); l != "" {
		pins, err := readPins(c, "lotl-cert")
		if err != nil {
			return opts, err
		}
		opts.LOTL = trust.Input{Location: l, Pins: pins}
	}
	f := &fetch.Fetcher{CacheDir: c.String("cache"), Timeout: 30 * time.Second, MaxBytes: 64 << 20, Offline: c.Bool("offline")}
	for _, m := range c.StringSlice("map") {
		u, file, ok := strings.Cut(m, "=")
		if !ok || u == "" || file == "" {
			return opts, usagef("--map %q: want URL=FILE (the URL as the list names it, then the local file)", m)
		}
		if _, err := os.Stat(file); err != nil {
			return opts, usagef("--map %s: the local file cannot be read (%v): give the path of the list's local copy", m, err)
		}
		if f.Map == nil {
			f.Map = map[string]string{}
		}
		f.Map[u] = file
	}
	if f.Client, err = tlsClient(c); err != nil {
		return opts, err
	}
	opts.Get = f
	return opts, nil
}

// tlsCAFlag adds TLS roots for HTTPS downloads (trust, status --url).
var tlsCAFlag = &cli.StringFlag{Name: "tls-ca", Usage: "extra TLS root certificates `FILE` (PEM) for HTTPS downloads"}

// tlsClient is the HTTP client of --tls-ca: the system roots and the
// file's, TLS 1.2 at least, no redirects (TS 119 612 clause 6.1). Without
// --tls-ca it is nil, fetch's default client.
func tlsClient(c *cli.Context) (*http.Client, error) {
	ca := c.String("tls-ca")
	if ca == "" {
		return nil, nil
	}
	roots, err := x509.SystemCertPool()
	if err != nil {
		roots = x509.NewCertPool()
	}
	extra, err := readCerts([]string{ca})
	if err != nil {
		return nil, fmt.Errorf("--tls-ca: %w", err)
	}
	for _, r := range extra {
		roots.AddCert(r)
	}
	return &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, nil
}

// readPins reads the certificates of a repeatable pin flag.
func readPins(c *cli.Context, name string) ([]*x509.Certificate, error) {
	files := c.StringSlice(name)
	if len(files) == 0 {
		return nil, nil
	}
	pins, err := readCerts(files)
	if err != nil {
		return nil, fmt.Errorf("--%s: %w", name, err)
	}
	return pins, nil
}

func writeTrustText(w io.Writer, rep trustReport, verbose bool) {
	fmt.Fprintf(w, "certificate: %s\nstatus at: %s\nlists verified at: %s\n", rep.Certificate, rep.At, rep.VerifyAt)
	var skipped []*trust.Reached
	for _, l := range rep.Lists {
		if l.Status == trust.Skipped && l.Kind == "pointed" && !verbose {
			skipped = append(skipped, l)
			continue
		}
		writeListText(w, l)
	}
	writeSkippedText(w, skipped)
	fmt.Fprintf(w, "trust anchors loaded: %d\n", rep.TrustAnchors)
	for _, m := range rep.Matches {
		fmt.Fprintf(w, "match: %s / %s / %s\n  type %s\n  status %s since %s (granted: %v)\n  how: %s\n",
			m.Territory, m.TSP, m.Service, m.Type, orDash(m.Status), orDash(m.StatusStart), m.Granted, m.How)
		if len(m.Qualifiers) > 0 {
			fmt.Fprintf(w, "  qualifiers: %s\n", strings.Join(m.Qualifiers, ", "))
		}
		if len(m.AdditionalInformation) > 0 {
			fmt.Fprintf(w, "  additional information: %s\n", strings.Join(m.AdditionalInformation, ", "))
		}
		if m.OutsideEU && rep.mraReport == nil {
			fmt.Fprintln(w, "  the status is outside the EU vocabulary (TS 119 612): the list's own, which EU DSS reads only as an MRA translates it; --mra judges the service so")
		}
	}
	if rep.mraReport != nil {
		writeMRAText(w, rep.mraReport)
	}
	verdict := "TRUSTED"
	if !rep.Trusted {
		verdict = "NOT TRUSTED"
	}
	if rep.mraReport != nil {
		verdict += " (as EU DSS reads the lists: a service in force with an EU status, a third country's as its enacted equivalence translates it)"
	}
	fmt.Fprintln(w, "result: "+verdict)
}

// writeListText writes one list of the report on one line, and its alert
// and unreadable certificates under it.
func writeListText(w io.Writer, l *trust.Reached) {
	how := l.Kind
	if l.Parent != "" {
		how = "pointed to by " + l.Parent
		if l.TSLType != "" {
			how += ", TSLType " + l.TSLType
		}
	}
	if l.PlainHTTP {
		how += "; over plain http: its signature, not the transport, vouches for it"
	}
	pin := "not pinned"
	if l.Pinned {
		pin = "pinned by " + l.PinnedBy
	}
	if l.Note != "" {
		pin += "; " + l.Note
	}
	switch l.Status {
	case trust.Used:
		fmt.Fprintf(w, "list %s (%s; %s): verified, used, %d trust anchor(s)", l.Location, how, pin, l.Anchors)
		if l.Reason != "" {
			fmt.Fprintf(w, "; %s", l.Reason)
		}
		fmt.Fprintln(w)
	default:
		if l.Note != "" {
			how += "; " + l.Note
		}
		fmt.Fprintf(w, "list %s (%s): %s: %s", l.Location, how, l.Status, l.Reason)
		if l.Hint != "" {
			fmt.Fprintf(w, "; %s", l.Hint)
		}
		fmt.Fprintln(w)
	}
	if l.Alert != "" {
		fmt.Fprintf(w, "  ALERT: %s\n", l.Alert)
	}
	if n := len(l.Unreadable); n > 0 {
		fmt.Fprintf(w, "  %d service certificate(s) cannot be read, so what they issued is not recognised; first: %s\n", n, l.Unreadable[0])
	}
}

// writeSkippedText summarises the skipped pointers: one line per reason,
// with the way to follow them (--verbose lists them one by one).
func writeSkippedText(w io.Writer, skipped []*trust.Reached) {
	type group struct {
		reason, hint string
		n            int
	}
	var groups []*group
	for _, l := range skipped {
		i := slices.IndexFunc(groups, func(g *group) bool { return g.reason == l.Reason && g.hint == l.Hint })
		if i < 0 {
			i = len(groups)
			groups = append(groups, &group{reason: l.Reason, hint: l.Hint})
		}
		groups[i].n++
	}
	for _, g := range groups {
		fmt.Fprintf(w, "skipped %d pointer(s): %s", g.n, g.reason)
		if g.hint != "" {
			fmt.Fprintf(w, "; %s", g.hint)
		}
		fmt.Fprintln(w)
	}
	if len(groups) > 0 {
		fmt.Fprintln(w, "  (--verbose lists each skipped pointer; --format json gives every detail)")
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
