package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/publish"
	"github.com/jtsl/jtsl/internal/tsl"
)

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "print the published list's sequence, issue time, NextUpdate and days left",
		UsageText: "jtsl status [--out DIR] [--threshold DAYS] [--format text|json]",
		Description: `For a monitoring job: reads the list in --out and reports how long it stays
valid. A list must be re-issued before NextUpdate even when nothing changed
(TS 119 612 clause 5.3.15).

## EXIT CODES
0 NextUpdate is more than --threshold days away; 1 it is within the threshold,
past, missing, or the list cannot be read; 2 usage error.

## EXAMPLES
  jtsl status --out out --threshold 30

## STANDARDS
ETSI TS 119 612 v2.4.1 clause 5.3.15.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Value: "out", Category: "Input", Usage: "release `DIR` whose list is read (nothing is written)"},
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
	OK            bool    `json:"ok"`
}

func runStatus(c *cli.Context) error {
	format, err := outputFormat(c, "text", "json")
	if err != nil {
		return err
	}
	file := filepath.Join(c.String("out"), publish.FileXML)
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read published list: %w", err)
	}
	l, findings, err := tsl.Decode(data, tsl.DecodeOptions{File: file})
	if err != nil {
		return err
	}
	if findings.HasErrors() {
		return findings.Errors()
	}
	now := time.Now().UTC()
	r := statusReport{
		Version: 1, File: file, Sequence: l.Scheme.SequenceNumber,
		IssueTime: l.Scheme.ListIssueDateTime.Format(model.TimeLayout), ThresholdDays: c.Int("threshold"),
	}
	if nu := l.Scheme.NextUpdate; nu != nil {
		r.NextUpdate = nu.Format(model.TimeLayout)
		r.DaysLeft = float64(int(nu.Sub(now).Hours()/24*10)) / 10
		r.OK = r.DaysLeft > float64(r.ThresholdDays)
	}
	if format == "json" {
		if err := writeJSON(c.App.Writer, r); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(c.App.Writer, "sequence     %d\nissued       %s\nnext update  %s\ndays left    %.1f\n",
			r.Sequence, r.IssueTime, r.NextUpdate, r.DaysLeft)
	}
	if !r.OK {
		return &exitError{code: exitInvalid, err: fmt.Errorf("NextUpdate is within %d days (or missing): re-issue the list", r.ThresholdDays)}
	}
	return nil
}
