package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/release"
	"github.com/jtsl/jtsl/internal/tsl"
)

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "print the published list's sequence, issue time, NextUpdate and days left (of out/, or live at --url)",
		UsageText: `jtsl status [--out DIR] [--threshold DAYS] [--format text|json]
   jtsl status --url URL [--cert PEM]... [--out DIR] [--tls-ca FILE] [--lotl LOC --lotl-cert PEM]... [--threshold DAYS] [--format text|json]`,
		Description: `For a monitoring job: reads the list in --out and reports how long it stays
valid. A list must be re-issued before NextUpdate even when nothing changed
(TS 119 612 clause 5.3.15).

It also says when the live release was signed with the development key, and
when a file under history/ differs from the release's manifest.json (history
never changes once published; the next build refuses to run on it).

With --url, the list is checked as the world gets it: fetched over HTTPS
from its distribution point (no cache; --tls-ca adds TLS roots), with its
.sha2 (the same URL, .sha2 for .xml). The report says whether the signature
verifies with the pinned signer (--cert, else --out's tlso.pem; one of them
is required), the live sequence against the release in --out (when given),
the days to NextUpdate, whether the .sha2 matches, the Content-Type served
(application/vnd.etsi.tsl+xml), and, with --lotl LOC (file or HTTPS URL) and
--lotl-cert, whether the EC's list of lists verifies and its pointer to URL
names the live list's signer. --format json: {"version":1, "url",
"content_type", "content_type_ok", "signature_valid", "signer",
"signer_sha256", "sequence", "local_sequence", "issue_time", "next_update",
"days_left", "threshold_days", "sha2": "match|mismatch|missing", "lotl":
{"location","valid","pointer","names_signer"}, "ok", "problems", "warnings"}.

## EXIT CODES
0 NextUpdate is more than --threshold days away, the list is signed with a
real key and the history is intact; 1 otherwise, or the list cannot be read;
2 usage error.
With --url: 0 all is well; 1 the live list is not what it should be (its
signature, signer, .sha2, Content-Type, sequence against --out, expired, or
the EC's pointer); 2 usage error; 3 all is well but NextUpdate is within
--threshold days (re-issue); 4 the list could not be fetched (network, TLS,
HTTP status: try again, then look at the server).

## EXAMPLES
  jtsl status --out out --threshold 30
  jtsl status --url https://www.digital.go.jp/trustlist/JP-TSL.xml --out out --format json

## STANDARDS
ETSI TS 119 612 v2.4.1 clause 5.3.15.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "out", Category: "Input", Usage: "release `DIR` whose list is read (nothing is written); with --url, the local release to compare with"},
			&cli.StringFlag{Name: "url", Category: "Live", Usage: "check the list served at `URL` (HTTPS), as the world gets it"},
			&cli.StringSliceFlag{Name: "cert", Category: "Live", Usage: "accepted signer certificate `PEM` of the live list (default: --out's tlso.pem)"},
			&cli.StringFlag{Name: "lotl", Category: "Live", Usage: "the EC's list of lists `LOC` (file or HTTPS URL): does its pointer name the live signer?"},
			&cli.StringSliceFlag{Name: "lotl-cert", Category: "Live", Usage: "the list of lists' signer certificate `PEM` (repeatable; required with --lotl)"},
			tlsCAFlag,
			formatFlag,
			&cli.IntFlag{Name: "threshold", Value: 30, Usage: "warn when NextUpdate is fewer than `DAYS` away"},
		},
		Action: runStatus,
	}
}

type statusReport struct {
	Version       int     `json:"version"`
	File          string  `json:"file"`
	Sequence      int     `json:"sequence"`
	IssueTime     string  `json:"issue_time"`
	NextUpdate    string  `json:"next_update,omitempty"`
	DaysLeft      float64 `json:"days_left"`
	ThresholdDays int     `json:"threshold_days"`
	// DevelopmentKey: the release says it was signed with the
	// development key (its manifest).
	DevelopmentKey bool `json:"development_key"`
	// HistoryDamage lists the history files that differ from the manifest.
	HistoryDamage []string `json:"history_damage,omitempty"`
	OK            bool     `json:"ok"`
}

func runStatus(c *cli.Context) error {
	format, err := outputFormat(c, "text", "json")
	if err != nil {
		return err
	}
	if c.String("url") != "" {
		return runStatusLive(c, format)
	}
	for _, f := range []string{"cert", "lotl", "lotl-cert", "tls-ca"} {
		if c.IsSet(f) {
			return usagef("--%s is for a live check: give --url too", f)
		}
	}
	out := c.String("out")
	l, file, err := readRelease(out)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	r := statusReport{
		Version: 1, File: file, Sequence: l.Scheme.SequenceNumber,
		IssueTime: l.Scheme.ListIssueDateTime.Format(model.TimeLayout), ThresholdDays: c.Int("threshold"),
	}
	timely := false
	if nu := l.Scheme.NextUpdate; nu != nil {
		r.NextUpdate = nu.Format(model.TimeLayout)
		r.DaysLeft = daysLeft(*nu, now)
		timely = r.DaysLeft > float64(r.ThresholdDays)
	}
	m, err := release.ReadManifest(out)
	switch {
	case err != nil:
		r.HistoryDamage = []string{err.Error()}
	case m == nil:
		r.HistoryDamage = []string{release.FileManifest + ": missing"}
	default:
		r.DevelopmentKey = m.DevelopmentKey
		r.HistoryDamage = release.CheckHistory(out, m)
	}
	r.OK = timely && !r.DevelopmentKey && len(r.HistoryDamage) == 0
	if format == "json" {
		if err := writeJSON(c.App.Writer, r); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(c.App.Writer, "sequence     %d\nissued       %s\nnext update  %s\ndays left    %.1f\n",
			r.Sequence, r.IssueTime, r.NextUpdate, r.DaysLeft)
		if r.DevelopmentKey {
			fmt.Fprintf(c.App.Writer, "signer       DEVELOPMENT KEY\n")
		}
		for _, d := range r.HistoryDamage {
			fmt.Fprintf(c.App.Writer, "damaged      %s\n", d)
		}
	}
	var problems []error
	if !timely {
		problems = append(problems, fmt.Errorf("NextUpdate is within %d days (or missing): re-issue the list", r.ThresholdDays))
	}
	if r.DevelopmentKey {
		problems = append(problems, errors.New("the live release is signed with the DEVELOPMENT KEY, not the scheme operator's: build and publish it again with the real key"))
	}
	if len(r.HistoryDamage) > 0 {
		problems = append(problems, fmt.Errorf("%s: the history differs from %s: restore the files named above from a backup or the published site", out, release.FileManifest))
	}
	if len(problems) > 0 {
		return &exitError{code: exitInvalid, err: errors.Join(problems...)}
	}
	return nil
}

// readRelease reads the list of the release in out for its scheme
// information (the build checked the release; jtsl status reports it).
func readRelease(out string) (*model.List, string, error) {
	file := filepath.Join(out, release.FileXML)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, file, fmt.Errorf("read published list: %w", err)
	}
	l, findings, err := tsl.Decode(data, tsl.DecodeOptions{File: file})
	if err == nil && findings.HasErrors() {
		err = findings.Errors()
	}
	return l, file, err
}
