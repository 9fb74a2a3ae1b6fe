package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/lint"
	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/mra"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/tsl"
	"github.com/jtsl/jtsl/internal/xmldoc"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:      "import",
		Usage:     "write a sources folder (YAML + certificates) from any trusted list",
		UsageText: "jtsl import FILE.xml --out DIR [--vocabulary FILE] [--force] [--lenient]",
		Description: `Decodes a TS 119 612 list (version 4, 5 or 6) and writes scheme.yaml,
tsps/*.yaml and certs/*.pem so that building them yields the same list
(signature, sequence number and issue time aside). Nothing is dropped: unknown
extensions are kept verbatim. The signature is not checked here: run
jtsl verify first.

vocabulary.yaml declares every URI the list uses that TS 119 612 does not
define (a scheme's own service types, statuses, qualifiers). A list carries
no labels: they are taken from --vocabulary FILE when it declares the URI,
otherwise written as placeholders starting "TO FILL IN", which jtsl
validate reports as warnings (JTSL042) with the file and line to fill in.
The MRA block of the J-TSL's pointer to the EU list (written by build from
mra.yaml) goes back into mra.yaml as recognition_by_japan.

--lenient imports a list whose only structure errors are malformed URIs
(the 2015 German list writes "http://https://…"): each is kept as written,
with a warning naming its line, so the sources still mean the original list.
Such sources do not build until the URIs are fixed (jtsl validate shows
them as JTSL021): build is never lenient.

## EXIT CODES
0 written; 1 the list cannot be decoded or DIR cannot be written; 2 usage error.

## EXAMPLES
  jtsl import FR.xml --out /tmp/fr && jtsl validate --sources /tmp/fr
  jtsl import out/JP-TSL.xml --out /tmp/jp --vocabulary sources/vocabulary.yaml

## STANDARDS
ETSI TS 119 612 v2.4.1.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Required: true, Usage: "sources `DIR` to create"},
			&cli.BoolFlag{Name: "force", Usage: "write into DIR even if it is not empty"},
			&cli.StringFlag{Name: "vocabulary", Usage: "take the labels and definitions of the list's own URIs from `FILE` (a vocabulary.yaml)"},
			&cli.BoolFlag{Name: "lenient", Usage: "keep malformed URIs as written, with a warning (the sources will not build until they are fixed)"},
		},
		Action: runImport,
	}
}

func runImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("import takes one FILE.xml")
	}
	file, out := c.Args().First(), c.String("out")
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 && !c.Bool("force") {
		return usagef("%s is not empty (use --force)", out)
	}
	data, err := readLimited(file, xmldoc.DefaultLimits.MaxBytes)
	if err != nil {
		return err
	}
	lenient := c.Bool("lenient")
	l, findings, err := tsl.Decode(data, tsl.DecodeOptions{File: file, Lenient: lenient})
	if err != nil {
		return err
	}
	if findings.HasErrors() {
		for _, d := range findings.Errors() {
			fmt.Fprintln(c.App.ErrWriter, d.String())
		}
		err := fmt.Errorf("%s does not decode as a trusted list", file)
		if _, f, lerr := tsl.Decode(data, tsl.DecodeOptions{File: file, Lenient: true}); !lenient && lerr == nil && !f.HasErrors() {
			err = fmt.Errorf("%w: its only errors are malformed URIs; --lenient keeps them as written, with a warning", err)
		}
		return &exitError{code: exitInvalid, err: err}
	}
	kept := 0
	for _, d := range findings {
		if lenient && d.Severity == diag.Warning {
			fmt.Fprintln(c.App.ErrWriter, d.String())
			kept++
		}
	}
	var known *source.Vocabulary
	if f := c.String("vocabulary"); f != "" {
		v, d, err := source.LoadVocabulary(f)
		if err != nil {
			return err
		}
		if d.HasErrors() {
			for _, e := range d.Errors() {
				fmt.Fprintln(c.App.ErrWriter, e.String())
			}
			return &exitError{code: exitInvalid, err: fmt.Errorf("--vocabulary %s: not a valid vocabulary.yaml", f)}
		}
		known = v
	}
	placeholders, err := importSources(out, l, known)
	if err != nil {
		return fmt.Errorf("write sources: %w", err)
	}
	fmt.Fprintf(c.App.ErrWriter, "imported %s (%s, sequence %d, %d TSPs) into %s\n", file,
		l.Scheme.Territory, l.Scheme.SequenceNumber, len(l.Providers), out)
	if placeholders > 0 {
		fmt.Fprintf(c.App.ErrWriter, "vocabulary.yaml: %d URI(s) the list uses have placeholder labels: fill them in (jtsl validate --sources %s lists them, JTSL042), or give --vocabulary FILE\n", placeholders, out)
	}
	if kept > 0 {
		fmt.Fprintf(c.App.ErrWriter, "%d value(s) kept as written: fix them before building (jtsl validate --sources %s lists them)\n", kept, out)
	}
	return nil
}

// importSources writes the sources of l into out: what source.Write
// writes; for the J-TSL, the MRA block build puts into its pointer to the
// EU list as mra.yaml's recognition_by_japan; then vocabulary.yaml
// declaring every URI the sources use that TS 119 612 does not define
// (lint.SchemeURIs, the rules' own walk), with known's labels where it
// has them. It returns how many terms have placeholder labels.
func importSources(out string, l *model.List, known *source.Vocabulary) (int, error) {
	if err := source.Write(out, l); err != nil {
		return 0, err
	}
	set, err := pointBack(out, l)
	if err != nil {
		return 0, err
	}
	var uses []source.Term
	for _, u := range lint.SchemeURIs(set) {
		uses = append(uses, source.Term{Kind: u.Kind, URI: u.URI})
	}
	if len(uses) == 0 && known == nil {
		return 0, nil
	}
	v := source.Declare(known, uses)
	n := 0
	for i := range v.Terms {
		if v.Terms[i].IsPlaceholder() {
			n++
		}
	}
	return n, source.WriteVocabulary(out, v)
}

// pointBack moves the MRA block of the J-TSL's pointers into mra.yaml
// (recognition_by_japan) when the sources then load to the same pointer
// (build appends the block to the pointer mra.yaml names), and returns
// the sources loaded. A block that mra.yaml cannot give back, or a
// foreign list's, stays verbatim in scheme.yaml: the sources still mean
// the list.
func pointBack(out string, l *model.List) (*source.Set, error) {
	load := func() (*source.Set, error) {
		set, _, err := source.Load(out)
		return set, err
	}
	if l.Scheme.Territory != "JP" {
		return load()
	}
	for i, p := range l.Scheme.Pointers {
		infos := p.AdditionalInformation
		if len(infos) == 0 || infos[len(infos)-1].Other == nil {
			continue
		}
		last := model.Pointer{Location: p.Location, AdditionalInformation: infos[len(infos)-1:]}
		a, err := mra.FromPointer(last, "")
		if err != nil || a == nil {
			continue
		}
		without := *l
		without.Scheme.Pointers = slices.Clone(l.Scheme.Pointers)
		without.Scheme.Pointers[i].AdditionalInformation = infos[:len(infos)-1]
		if err := source.Write(out, &without); err != nil {
			return nil, err
		}
		if err := source.WriteMapping(out, a, p.Location); err != nil {
			return nil, err
		}
		set, d, err := source.Load(out)
		if err == nil && !d.HasErrors() && reflect.DeepEqual(set.List.Scheme.Pointers, l.Scheme.Pointers) {
			return set, nil
		}
		// Back to the block as written.
		if err := os.Remove(filepath.Join(out, "mra.yaml")); err != nil {
			return nil, err
		}
		if err := source.Write(out, l); err != nil {
			return nil, err
		}
		break
	}
	return load()
}
