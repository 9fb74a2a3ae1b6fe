package xades

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

// VerifyOptions configure Verify.
type VerifyOptions struct {
	// At is the evaluation time: SigningTime must not be after it.
	At time.Time
	// Pin, when set, lists the accepted signer certificates.
	Pin []*x509.Certificate
	// Line gives element line numbers for the report; optional.
	Line func(*etree.Element) int
	// SigningCertificateV2 requires SigningCertificateV2 as a version 6
	// list does, for a document without TSLVersionIdentifier (a TS 119
	// 602 list of trusted entities, which EU DSS holds to the same rule).
	SigningCertificateV2 bool
}

// A Result is the outcome of Verify.
type Result struct {
	Checks      diag.Checks
	Signer      *x509.Certificate
	SigningTime time.Time
	// CryptoValid is true when every reference digest and the
	// SignatureValue verified, whatever the policy checks say.
	CryptoValid bool
}

// Valid reports whether no check failed.
func (r *Result) Valid() bool { return !r.Checks.Failed() }

type verifier struct {
	doc  *etree.Document
	root *etree.Element
	opts VerifyOptions
	res  *Result
	ids  map[string]*etree.Element
}

func (v *verifier) add(name, rule string, st diag.Status, e *etree.Element, format string, args ...any) {
	c := diag.Check{Name: name, Rule: rule, Status: st, Detail: fmt.Sprintf(format, args...)}
	if e != nil && v.opts.Line != nil {
		c.Line = v.opts.Line(e)
	}
	v.res.Checks = append(v.res.Checks, c)
}

func (v *verifier) pass(name, rule string, format string, args ...any) {
	v.add(name, rule, diag.Pass, nil, format, args...)
}

func (v *verifier) fail(name, rule string, e *etree.Element, format string, args ...any) {
	v.add(name, rule, diag.Fail, e, format, args...)
}

// Verify checks the enveloped signature of a trusted list. It never
// panics on hostile input; every problem is a failed check.
func Verify(doc *etree.Document, opts VerifyOptions) (res *Result) {
	res = &Result{}
	defer func() {
		if p := recover(); p != nil {
			res.CryptoValid = false
			res.Checks = append(res.Checks, diag.Check{Name: "Internal", Status: diag.Fail, Detail: fmt.Sprint("verification aborted: ", p)})
		}
	}()
	v := &verifier{doc: doc, root: doc.Root(), opts: opts, res: res}
	if v.root == nil {
		v.fail("SignaturePresent", "R8", nil, "no root element")
		return res
	}
	sig := v.findSignature()
	if sig == nil {
		return res
	}
	v.collectIDs()
	v.checkSignature(sig)
	return res
}

// findSignature requires exactly one ds:Signature in the whole document,
// as the last element child of the root (R8, R11, TS 119 612 annex B.1).
func (v *verifier) findSignature() *etree.Element {
	var all []*etree.Element
	var lookalike *etree.Element
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		if e.Tag == "Signature" {
			if e.NamespaceURI() == model.NSDS {
				all = append(all, e)
			} else if lookalike == nil {
				lookalike = e
			}
		}
		for c := range e.ChildElementsSeq() {
			walk(c)
		}
	}
	walk(v.root)
	switch {
	case len(all) == 0 && lookalike != nil:
		v.fail("SignaturePresent", "R8", lookalike, "no ds:Signature: the Signature element found is in namespace %q, not %s", lookalike.NamespaceURI(), model.NSDS)
		return nil
	case len(all) == 0:
		v.fail("SignaturePresent", "R8", nil, "the list is not signed: no ds:Signature element")
		return nil
	case len(all) > 1:
		v.fail("SignaturePresent", "R11", all[1], "%d ds:Signature elements: exactly one is allowed", len(all))
		return nil
	}
	sig := all[0]
	v.pass("SignaturePresent", "R8", "one ds:Signature")
	kids := v.root.ChildElements()
	switch {
	case sig.Parent() != v.root:
		v.fail("SignaturePlacement", "R8", sig, "ds:Signature is not a child of the root element (enveloped signature required)")
		return nil
	case kids[len(kids)-1] != sig:
		v.fail("SignaturePlacement", "R8", sig, "ds:Signature is not the last child of the root element")
		return nil
	}
	v.pass("SignaturePlacement", "R8", "enveloped: last child of the root")
	return sig
}

// collectIDs indexes every Id attribute; a duplicated value is the
// classic signature-wrapping set-up and fails.
func (v *verifier) collectIDs() {
	v.ids = map[string]*etree.Element{}
	var dups []string
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		for _, a := range e.Attr {
			if a.Space == "" && (a.Key == "Id" || a.Key == "ID" || a.Key == "id") {
				if _, ok := v.ids[a.Value]; ok {
					dups = append(dups, a.Value)
				}
				v.ids[a.Value] = e
			}
		}
		for c := range e.ChildElementsSeq() {
			walk(c)
		}
	}
	walk(v.root)
	if len(dups) > 0 {
		v.fail("UniqueIds", "XSW", nil, "duplicate Id value(s) %q: references would be ambiguous", dups)
		for _, d := range dups {
			delete(v.ids, d)
		}
		return
	}
	v.pass("UniqueIds", "XSW", "%d Id attributes, all unique", len(v.ids))
}

// child returns the only child ns:tag of e, or nil with how many there are.
func child(e *etree.Element, ns, tag string) (*etree.Element, int) {
	var found *etree.Element
	n := 0
	for c := range e.ChildElementsSeq() {
		if c.Tag == tag && c.NamespaceURI() == ns {
			found = c
			n++
		}
	}
	if n != 1 {
		return nil, n
	}
	return found, 1
}

func algAttr(e *etree.Element) string {
	if e == nil {
		return ""
	}
	return e.SelectAttrValue("Algorithm", "")
}

func b64decode(s string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
}

func textOf(e *etree.Element) string {
	var b strings.Builder
	for _, t := range e.Child {
		if cd, ok := t.(*etree.CharData); ok {
			b.WriteString(cd.Data)
		}
	}
	return b.String()
}

var _ = bytes.Equal
