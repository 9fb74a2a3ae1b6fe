package c14n

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/jtsl/jtsl/internal/model"
)

// Known tells the canonicalisation algorithms we implement.
var Known = map[string]bool{
	model.AlgExcC14N: true, model.AlgExcC14NWithComments: true,
	model.AlgC14N10: true, model.AlgC14N10WithComments: true,
	model.AlgC14N11: true, model.AlgC14N11WithComments: true,
}

// Canonicalize returns the canonical form of el in its document context:
// namespace declarations (and, for inclusive c14n, xml: attributes) in
// scope from its ancestors are taken into account. el is not modified.
func Canonicalize(el *etree.Element, alg, prefixList string) ([]byte, error) {
	if alg == model.AlgExcC14N {
		return Exc(el, nil, strings.Fields(prefixList)), nil
	}
	return canonicalizeSlow(el, alg, prefixList)
}

// canonicalizeSlow canonicalises through goxmldsig (a copy of the subtree
// is canonicalised); it serves the algorithms Exc does not.
func canonicalizeSlow(el *etree.Element, alg, prefixList string) ([]byte, error) {
	switch alg {
	case model.AlgExcC14N, model.AlgExcC14NWithComments:
		det := detach(el) // a copy: the canonicaliser mutates its input
		c := dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList(prefixList)
		if alg == model.AlgExcC14NWithComments {
			c = dsig.MakeC14N10ExclusiveWithCommentsCanonicalizerWithPrefixList(prefixList)
		}
		return c.Canonicalize(det)
	case model.AlgC14N10:
		return dsig.MakeC14N10RecCanonicalizer().Canonicalize(el)
	case model.AlgC14N10WithComments:
		return dsig.MakeC14N10WithCommentsCanonicalizer().Canonicalize(el)
	case model.AlgC14N11:
		return dsig.MakeC14N11Canonicalizer().Canonicalize(detachInclusive(el))
	case model.AlgC14N11WithComments:
		return dsig.MakeC14N11WithCommentsCanonicalizer().Canonicalize(detachInclusive(el))
	}
	return nil, fmt.Errorf("unsupported canonicalisation %q", alg)
}

// Document canonicalises a whole document (a same-document
// reference URI=""): the root element plus processing instructions (and,
// with comments, comments) outside it, each separated by a line feed as
// the C14N specification orders.
func Document(doc *etree.Document, root *etree.Element, alg, prefixList string) ([]byte, error) {
	body, err := Canonicalize(root, alg, prefixList)
	if err != nil {
		return nil, err
	}
	return withTopLevel(doc, body, strings.HasSuffix(alg, "WithComments")), nil
}

// withTopLevel adds the processing instructions (and, with comments, the
// comments) outside the root element to its canonical form, each separated
// by a line feed as the C14N specification orders.
func withTopLevel(doc *etree.Document, body []byte, withComments bool) []byte {
	before, after := TopLevel(doc, withComments)
	if before == "" && after == "" {
		return body
	}
	return []byte(before + string(body) + after)
}

// TopLevel returns what the canonical form of doc has before and after
// its root element: see withTopLevel.
func TopLevel(doc *etree.Document, withComments bool) (before, after string) {
	var b, a strings.Builder
	seenRoot := false
	for _, t := range doc.Child {
		var s string
		switch n := t.(type) {
		case *etree.Element:
			seenRoot = true
			continue
		case *etree.ProcInst:
			if n.Target == "xml" {
				continue
			}
			s = "<?" + n.Target
			if n.Inst != "" {
				s += " " + n.Inst
			}
			s += "?>"
		case *etree.Comment:
			if !withComments {
				continue
			}
			s = "<!--" + n.Data + "-->"
		default:
			continue
		}
		if seenRoot {
			a.WriteString("\n" + s)
		} else {
			b.WriteString(s + "\n")
		}
	}
	return b.String(), a.String()
}

// ExcDocumentTo writes the exclusive canonical form (without comments) of
// doc, whose root is root, to w, leaving skip out: the digest input of a
// URI="" reference, streamed.
func ExcDocumentTo(w io.Writer, doc *etree.Document, root, skip *etree.Element, inclusive []string) error {
	before, after := TopLevel(doc, false)
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(before)
	ExcTo(bw, root, skip, inclusive)
	bw.WriteString(after)
	return bw.Flush()
}

// detach copies el and declares on the copy every namespace in scope from
// its ancestors that it does not redeclare itself. (goxmldsig's NSDetatch
// does the same but refuses subtrees of more than 1000 elements, which
// every large real list has; depth is bounded by package xmldoc.)
func detach(el *etree.Element) *etree.Element {
	cp := el.Copy()
	if p := el.Parent(); p != nil {
		own := map[string]bool{}
		for _, a := range cp.Attr {
			own[a.FullKey()] = true
		}
		for _, a := range InScope(p) {
			if !own[a.FullKey()] {
				cp.Attr = append(cp.Attr, a)
			}
		}
	}
	return cp
}

// detachInclusive prepares a subtree for inclusive C14N 1.1, which
// goxmldsig's canonicaliser applies to the element alone: the copy gets
// every namespace in scope and the inherited xml:lang and xml:space
// (C14N 1.1 section 2.4; xml:id is not inherited, xml:base is not used in
// signatures of trusted lists). Agreement with xmlsec1 is tested.
func detachInclusive(el *etree.Element) *etree.Element {
	cp := detach(el)
	own := map[string]bool{}
	for _, a := range cp.Attr {
		own[a.FullKey()] = true
	}
	for x := el.Parent(); x != nil; x = x.Parent() {
		for _, a := range x.Attr {
			if a.Space == "xml" && (a.Key == "lang" || a.Key == "space") && !own[a.FullKey()] {
				own[a.FullKey()] = true
				cp.Attr = append(cp.Attr, a)
			}
		}
	}
	return cp
}

// InScope returns the namespace declarations in scope at e.
func InScope(e *etree.Element) []etree.Attr {
	seen := map[string]bool{}
	var out []etree.Attr
	for x := e; x != nil; x = x.Parent() {
		for _, a := range x.Attr {
			if (a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns")) && !seen[a.FullKey()] {
				seen[a.FullKey()] = true
				out = append(out, a)
			}
		}
	}
	return out
}
