// Command benchdoc writes what scripts/bench compares jtsl and xmlsec1 on:
// synthetic sources of N services, the unsigned list compiled from them,
// and the same list with an XML-DSig template for xmlsec1 --sign (one
// enveloped reference over the whole document, exclusive c14n, SHA-256,
// the signer certificate in KeyInfo: what jtsl signs, minus XAdES).
//
//	go run ./scripts/benchdoc -n 10000 -dir /tmp/bench
//
// writes DIR/sources/, DIR/unsigned.xml and DIR/template-KIND.xml for each
// KIND of -keys (ec: ecdsa-sha256; rsa: rsa-sha256, PKCS#1 v1.5; rsa-pss:
// sha256-rsa-MGF1, for an xmlsec1 that has it). The sources are shared with
// the Go benchmarks (synth.Cached). With -lote, it also writes
// DIR/lote-sources/: a one-service J-TSL and a list of trusted entities of
// N entities, whose build scripts/bench puts beside the N-service J-TSL's.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/source"
	"github.com/jtsl/jtsl/internal/synth"
	"github.com/jtsl/jtsl/internal/tsl"
)

// IssueTime is the ListIssueDateTime of the benchmark lists: now, so that
// a signer certificate made today fits it (synthetic service certificates
// are valid for ten years from synth.Epoch).
var IssueTime = time.Now().UTC().Truncate(time.Second)

// signatureMethods are the SignatureMethod of each key kind's template:
// what jtsl sign picks for that key (with --rsa-pss for rsa-pss).
var signatureMethods = map[string]string{
	"ec":      model.AlgECDSASHA256,
	"rsa":     model.AlgRSASHA256,
	"rsa-pss": model.AlgRSAPSSSHA256,
}

// template is the signature xmlsec1 fills in; %s is the SignatureMethod.
const template = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="sig"><ds:SignedInfo>` +
	`<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>` +
	`<ds:SignatureMethod Algorithm="%s"/>` +
	`<ds:Reference URI=""><ds:Transforms>` +
	`<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>` +
	`<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>` +
	`<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue></ds:DigestValue></ds:Reference>` +
	`</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate></ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`

func main() {
	n := flag.Int("n", 10000, "number of services")
	dir := flag.String("dir", "", "output folder (required)")
	keys := flag.String("keys", "ec,rsa", "key `KINDS` to write an xmlsec1 template for (ec, rsa, rsa-pss)")
	lote := flag.Bool("lote", false, "also write DIR/lote-sources: a one-service J-TSL and an N-entity list of trusted entities")
	flag.Parse()
	kinds := strings.Split(*keys, ",")
	for _, k := range kinds {
		if signatureMethods[k] == "" {
			fmt.Fprintf(os.Stderr, "benchdoc: unknown key kind %q in -keys (ec, rsa, rsa-pss)\n", k)
			os.Exit(2)
		}
	}
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: benchdoc -n N -dir DIR [-keys ec,rsa] [-lote]")
		os.Exit(2)
	}
	err := run(*n, *dir, kinds)
	if err == nil && *lote {
		err = writeLoTE(*n, filepath.Join(*dir, "lote-sources"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchdoc:", err)
		os.Exit(1)
	}
}

func run(n int, dir string, kinds []string) error {
	src, err := synth.Cached(n)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	link := filepath.Join(dir, "sources")
	os.Remove(link)
	if err := os.Symlink(src, link); err != nil {
		return err
	}
	set, d, err := source.Load(src)
	if err != nil {
		return err
	}
	if d.HasErrors() {
		return d.Errors()
	}
	l := set.List
	l.Scheme.ListIssueDateTime = IssueTime
	next := IssueTime.AddDate(0, 6, 0)
	l.Scheme.NextUpdate = &next
	l.Scheme.SequenceNumber = 1
	l.ID = "JP-TL-1"
	data, err := tsl.Marshal(l)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "unsigned.xml"), data, 0o644); err != nil {
		return err
	}
	end := bytes.LastIndex(data, []byte("</tsl:TrustServiceStatusList>"))
	if end < 0 {
		return fmt.Errorf("no root end tag")
	}
	for _, k := range kinds {
		sig := fmt.Sprintf(template, signatureMethods[k])
		tmpl := append(append(append([]byte{}, data[:end]...), sig...), data[end:]...)
		if err := os.WriteFile(filepath.Join(dir, "template-"+k+".xml"), tmpl, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("%s: %d services, unsigned list of %d bytes, issue time %s\n", dir, n, len(data), IssueTime.Format(time.RFC3339))
	return nil
}

// writeLoTE writes a one-service J-TSL and a list of trusted entities of
// n entities into dir.
func writeLoTE(n int, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := synth.Write(dir, 1); err != nil {
		return err
	}
	if err := synth.WriteLoTE(dir, n); err != nil {
		return err
	}
	fmt.Printf("%s: a one-service J-TSL and a list of %d trusted entities\n", dir, n)
	return nil
}
