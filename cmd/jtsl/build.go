package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/keys"
	"github.com/jtsl/jtsl/internal/publish"
	"github.com/jtsl/jtsl/internal/source"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:  "build",
		Usage: "compile, sign, check and publish the sources into the release folder",
		UsageText: `jtsl build [--sources DIR] [--out DIR] [--issue-time TIME]
           [--key KEY.pem --cert CERT.pem | --pkcs12 FILE | --pkcs11 URI [--cert CERT.pem] | --dev-key]
           [--previous FILE] [--reissue] [--new-signer]`,
		Description: `Loads and validates the sources (JSON Schema + lint rules), compiles an ETSI
TS 119 612 v2.4.1 list (TSLVersionIdentifier 6), checks the signer certificate's
profile, signs it (XAdES-B-B, enveloped), verifies the signed bytes, and puts the
whole release (XML, .sha2, JSON mirror and its JWS, HTML page, tlso.pem,
manifest.json, _headers, history/) live in --out in one atomic step.

The sequence number continues from the release in --out (or --previous): +1 when
the content changed. When nothing changed, nothing is written unless --reissue.
The previous release must be of the same territory and scheme operator, issued
no later than this one, and signed by the same certificate unless --new-signer
is given (the change report and manifest.json then name the old and the new
certificate). An issue time more than 5 minutes ahead of the clock is refused.
Another build publishing into the same --out makes this one stop at once; a
history/ that differs from the release's manifest.json stops the build.
A key flag is required. --dev-key signs with a development key instead, created
once under JTSL_DEVKEY_DIR (default .devkey) and reused; the list is clearly
marked as signed with it. Never publish such a list.

## EXIT CODES
0 built (or nothing to do); 1 invalid sources, refused signer, key or check
failure (--out untouched); 2 usage error.

## EXAMPLES
  jtsl build --dev-key
  SOURCE_DATE_EPOCH=1782864000 jtsl build --key tlso.key --cert tlso.pem
  JTSL_PKCS11_PIN=… jtsl build --pkcs11 'pkcs11:token=tlso;object=tl-signer-ec' --pkcs11-module /usr/lib/softhsm/libsofthsm2.so

## STANDARDS
ETSI TS 119 612 v2.4.1; ETSI EN 319 132-1 (XAdES-B-B); RFC 7512 (PKCS#11 URI).`,
		Flags: append([]cli.Flag{
			sourcesFlag, outFlag, issueTimeFlag,
			&cli.StringFlag{Name: "previous", Category: "Input", Usage: "previous release `FILE` to continue the sequence from (default: the one in --out)"},
			&cli.BoolFlag{Name: "reissue", Category: "Output", Usage: "publish even if nothing changed (refreshes NextUpdate, next sequence number)"},
			&cli.BoolFlag{Name: "new-signer", Category: "Signing key", Usage: "sign with a certificate other than the previous release's (named in the change report and manifest.json)"},
			&cli.StringFlag{Name: "prepare", Category: "Output", Usage: "check, then write the unsigned list, the mirror and the change report into `DIR` for a signing station (jtsl sign DIR, then jtsl publish DIR); --out is read, not written"},
		}, keyFlags...),
		Action: runBuild,
	}
}

func runBuild(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("build takes no arguments, got %q", c.Args().First())
	}
	at, err := issueTime(c)
	if err != nil {
		return err
	}
	if dir := c.String("prepare"); dir != "" {
		return runPrepare(c, dir, at)
	}
	key, devDir, err := openKey(c)
	if err != nil {
		return err
	}
	if key != nil {
		defer key.Close()
	}
	stderr := c.App.ErrWriter
	if c.Bool("allow-weak-signer") {
		fmt.Fprintln(stderr, "WARNING: --allow-weak-signer is for tests only; the release manifest records it")
	}
	// The memory limit is sized before loading, from the certificate
	// files (about one per service; a list of trusted entities' weigh
	// more), and again from the services loaded: loading ten thousand
	// entity files under the default limit cost a second of collection.
	n := 0
	if certs, err := os.ReadDir(filepath.Join(c.String("sources"), "certs")); err == nil {
		n += len(certs)
	}
	if certs, err := os.ReadDir(filepath.Join(c.String("sources"), source.LoTEDir, "certs")); err == nil {
		n += publish.LoTEServiceWeight * len(certs)
	}
	defer pacedUntilReturn()()
	paceBuild(n)
	res, err := publish.Build(publish.Options{
		Sources:         c.String("sources"),
		Out:             c.String("out"),
		Previous:        c.String("previous"),
		Key:             key,
		DevKeyDir:       devDir,
		IssueTime:       at,
		Reissue:         c.Bool("reissue"),
		AllowWeakSigner: c.Bool("allow-weak-signer"),
		NewSigner:       c.Bool("new-signer"),
		Now:             time.Now(),
		Log:             stderr,
		Timings:         debugWriter(stderr),
		Loaded:          paceLoaded,
	})
	if err != nil {
		return failed(stderr, err, c.String("sources"), "nothing was published")
	}
	for _, d := range res.Findings {
		fmt.Fprintln(stderr, d.String())
	}
	if res.Changes != nil && (!res.Changes.Empty() || res.Changes.Signer != nil) {
		fmt.Fprint(c.App.Writer, res.Changes.Markdown())
	}
	if !res.Written {
		fmt.Fprintf(stderr, "no change since sequence %d: nothing written (use --reissue to refresh NextUpdate)\n", res.Sequence)
		return nil
	}
	fmt.Fprintf(stderr, "published sequence %d to %s (SHA-256 %s)\n", res.Sequence, c.String("out"), res.SHA256)
	printLoTEs(stderr, res.LoTEs)
	return nil
}

// printLoTEs says which lists of trusted entities a release carries and
// what changed in each.
func printLoTEs(w io.Writer, lotes []publish.LoTEResult) {
	for _, l := range lotes {
		what := "unchanged"
		if len(l.Changes) > 0 {
			what = strings.Join(l.Changes, "; ")
		}
		if l.Sequence == 0 {
			fmt.Fprintf(w, "  without the list of trusted entities %s (%s)\n", l.File, what)
			continue
		}
		fmt.Fprintf(w, "  with the list of trusted entities %s, sequence %d (%s)\n", l.File, l.Sequence, what)
	}
}

// runPrepare is build --prepare: the build's checks, nothing signed.
func runPrepare(c *cli.Context, dir string, at time.Time) error {
	for _, f := range []string{"key", "cert", "pkcs12", "pkcs11", "rsa-pss", "dev-key", "allow-weak-signer"} {
		if c.IsSet(f) {
			return usagef("--prepare signs nothing: give --%s to jtsl sign %s on the signing station", f, dir)
		}
	}
	stderr := c.App.ErrWriter
	res, err := publish.Prepare(publish.Options{
		Sources: c.String("sources"), Out: c.String("out"), Previous: c.String("previous"),
		IssueTime: at, Reissue: c.Bool("reissue"), NewSigner: c.Bool("new-signer"), Now: time.Now(), Log: stderr,
	}, dir)
	if err != nil {
		return failed(stderr, err, c.String("sources"), "nothing was prepared")
	}
	for _, d := range res.Findings {
		fmt.Fprintln(stderr, d.String())
	}
	if res.Changes != nil && !res.Changes.Empty() {
		fmt.Fprint(c.App.Writer, res.Changes.Markdown())
	}
	if !res.Written {
		fmt.Fprintf(stderr, "no change since sequence %d: nothing prepared (use --reissue to refresh NextUpdate)\n", res.Sequence)
		return nil
	}
	fmt.Fprintf(stderr, "prepared sequence %d in %s: review %s/%s, sign with jtsl sign %s on the signing station, then jtsl publish %s --out %s\n",
		res.Sequence, dir, dir, publish.FileChanges, dir, dir, c.String("out"))
	return nil
}

// openKey opens the key the flags name (see openKeySource). --rsa-pss
// makes an RSA key sign with RSASSA-PSS.
func openKey(c *cli.Context) (*keys.Key, string, error) {
	key, devDir, err := openKeySource(c)
	if err != nil || !c.Bool("rsa-pss") {
		return key, devDir, err
	}
	if key == nil {
		return nil, "", usagef("--rsa-pss needs an RSA key (--key, --pkcs12 or --pkcs11): the development key is ECDSA")
	}
	if key.Signer, err = keys.PSS(key.Signer); err != nil {
		key.Close()
		return nil, "", usagef("--rsa-pss needs an RSA key; this one is not (an ECDSA key needs no option: drop --rsa-pss)")
	}
	return key, "", nil
}

// openKeySource opens the key the flags name. With --dev-key it returns no
// key and the folder of the development key; with no key flag at all it
// refuses: the development key is used only when asked for, so that a CI
// job whose key variable is unset cannot publish a list signed with it.
// Secrets come from the environment or files only.
func openKeySource(c *cli.Context) (key *keys.Key, devDir string, err error) {
	// A flag given an empty value is what a job passes when a variable is
	// unset: never read as "no key".
	for _, f := range []string{"key", "cert", "pkcs12", "pkcs12-password-file", "pkcs11", "pkcs11-module"} {
		if c.IsSet(f) && strings.TrimSpace(c.String(f)) == "" {
			return nil, "", usagef("--%s was given an empty value (an unset variable?): give its value, or leave the flag out", f)
		}
	}
	keyFile, certFile := c.String("key"), c.String("cert")
	p12, p11 := c.String("pkcs12"), c.String("pkcs11")
	n := 0
	for _, s := range []string{keyFile, p12, p11} {
		if s != "" {
			n++
		}
	}
	switch {
	case n > 1:
		return nil, "", usagef("--key, --pkcs12 and --pkcs11 are mutually exclusive")
	case c.Bool("dev-key"):
		if n > 0 || certFile != "" {
			return nil, "", usagef("--dev-key signs with the development key: leave out --key, --cert, --pkcs12 and --pkcs11")
		}
		if devDir = os.Getenv("JTSL_DEVKEY_DIR"); devDir == "" {
			devDir = ".devkey"
		}
		return nil, devDir, nil
	case keyFile != "":
		if certFile == "" {
			return nil, "", usagef("--key needs --cert")
		}
		key, err = keys.LoadPEM(keyFile, certFile)
	case p12 != "":
		pw := os.Getenv("JTSL_PKCS12_PASSWORD")
		if f := c.String("pkcs12-password-file"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, "", fmt.Errorf("read PKCS#12 password file: %w", err)
			}
			pw = strings.TrimRight(string(b), "\r\n")
		}
		key, err = keys.LoadPKCS12(p12, pw)
	case p11 != "":
		key, err = keys.OpenPKCS11(p11, keys.PKCS11Options{
			Module:   c.String("pkcs11-module"),
			PIN:      os.Getenv("JTSL_PKCS11_PIN"),
			CertFile: certFile,
		})
	case certFile != "":
		return nil, "", usagef("--cert needs --key or --pkcs11")
	default:
		return nil, "", usagef("%s", noKeyMessage)
	}
	return key, "", err
}

// noKeyMessage lists the ways to give a signing key.
const noKeyMessage = `no signing key: give one of
  --key KEY.pem --cert CERT.pem          a PEM private key and its certificate
  --pkcs12 FILE                          a PKCS#12 file (password in JTSL_PKCS12_PASSWORD or --pkcs12-password-file)
  --pkcs11 URI [--pkcs11-module PATH]    a key on an HSM or token (PIN in JTSL_PKCS11_PIN)
or --dev-key to sign with the development key (JTSL_DEVKEY_DIR, default .devkey): for trying jtsl, never for publication`

// buildMemoryPerService is a build's soft memory limit per service
// (softMemoryLimit). Measured at 10 000 services (docs/performance.md,
// item 48): a build holds at most about 13 KiB a service live (loading
// and linting, the parsed YAML and certificates; less once they are let
// go after lint); 18 KiB (176 MiB) peaks at 190 MB, within 1.5 ×
// xmlsec1's signing of the same list, for a tenth of a second more of
// collection than 28 KiB (290 MB), which letting the YAML go after lint
// saved (CPU as before that, eight interleaved builds); 16 KiB peaked
// at 175 MB for three tenths more.
const buildMemoryPerService = 18 << 10

// softMemoryLimit raises the memory limit (see tuneGC) for a build of n
// services to buildMemoryPerService each.
func softMemoryLimit(n int) { memoryLimit(int64(n) * buildMemoryPerService) }

// paceBuild sets the collector's pacing for a build of about n services
// (softMemoryLimit). A small build (the sample: n = 43) allocates about
// what the collector's first goal allows (16 MB at GOGC 400) and frees
// nothing worth it when it runs: the collector stays off for it, up to a
// soft limit of 4 × smallRun. A larger one's limit is sized by its
// services from 4 × smallRun up, below tuneGC's default for those under
// about 14 000: under that default a 10 000-service build peaked at 290 MB.
func paceBuild(n int) {
	if int64(n)*buildAllocPerService > smallRun || !collectNear(smallRun) {
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(4 * smallRun)
		}
		softMemoryLimit(n)
	}
}

// paceLoaded paces the build again once its services are counted: one
// that its certificate files made look small but is not gets the
// collector back (tuneGC's GOGC) before its memory-heavy stages.
func paceLoaded(n int) {
	if int64(n)*buildAllocPerService > smallRun && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	softMemoryLimit(n)
}

// buildAllocPerService bounds what a build allocates per service, for
// deciding that it is small: twice the 80 KiB measured at 10 000
// services (BenchmarkBuild).
const buildAllocPerService = 160 << 10
