package tsl

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
)

// Namespace prefixes used when encoding; declared once on the root.
const (
	pTSL   = "tsl"
	pTSLX  = "tslx"
	pECC   = "ecc"
	pDS    = "ds"
	pXAdES = "xades"
	pMRA   = "mra" // only inside mra:QcStatementSet and the MRA block (internal/mra)
)

// enc builds elements and records the first error.
type enc struct {
	err error
	b   *Binding // the shared types' namespace; nil: TS 119 612's
	// raw marks elements inserted verbatim, and subtrees indented
	// already: indentation leaves them alone, so verbatim content stays
	// exactly as the model holds it.
	raw map[*etree.Element]bool
}

// leave marks e for closeIndent to leave alone.
func (w *enc) leave(e *etree.Element) {
	if w.raw == nil {
		w.raw = map[*etree.Element]bool{}
	}
	w.raw[e] = true
}

func (w *enc) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf(format, args...)
	}
}

// el appends a child element on its own line, indented two spaces per
// level. Indenting while building keeps encoding linear in the size of the
// list (an indentation pass that inserts into etree's child slices is
// quadratic for a TSP with thousands of services).
func el(parent *etree.Element, prefix, name string) *etree.Element {
	depth := 0
	for p := parent.Parent(); p != nil; p = p.Parent() {
		depth++
	}
	parent.CreateText(indents[min(depth, len(indents)-1)]) // the document counts as an ancestor of the root
	return parent.CreateElement(prefix + ":" + name)
}

// indents[i] is a line break and i levels of indentation.
var indents = func() []string {
	out := make([]string, 32)
	for i := range out {
		out[i] = "\n" + strings.Repeat("  ", i)
	}
	return out
}()

func textEl(parent *etree.Element, prefix, name, text string) *etree.Element {
	e := el(parent, prefix, name)
	e.SetText(text)
	return e
}

func timeText(t time.Time) string { return t.UTC().Format(model.TimeLayout) }

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// multiLang writes one child per value with xml:lang (InternationalNamesType
// and the multilingual URI lists, clause 5.1.4).
func multiLang(parent *etree.Element, prefix, name string, m model.MultiLang) {
	for _, s := range m {
		e := textEl(parent, prefix, name, s.Value)
		e.CreateAttr("xml:lang", s.Lang)
	}
}

// names writes an InternationalNamesType element.
func names(parent *etree.Element, name string, m model.MultiLang) {
	namesIn(parent, pTSL, name, m)
}

func namesIn(parent *etree.Element, prefix, name string, m model.MultiLang) {
	multiLang(el(parent, prefix, name), prefix, "Name", m)
}

// uriList writes a NonEmptyMultiLangURIListType element.
func uriList(parent *etree.Element, name string, m model.MultiLang) {
	uriListIn(parent, pTSL, name, m)
}

func uriListIn(parent *etree.Element, prefix, name string, m model.MultiLang) {
	multiLang(el(parent, prefix, name), prefix, "URI", m)
}

// rawXML parses verbatim XML kept in the model and appends its nodes.
func (w *enc) rawXML(parent *etree.Element, s string) {
	if s == "" {
		return
	}
	d := etree.NewDocument()
	if err := d.ReadFromString("<r>" + s + "</r>"); err != nil {
		w.fail("verbatim XML %.40q: %v", s, err)
		return
	}
	kids := append([]etree.Token(nil), d.Root().Child...)
	for _, c := range kids {
		parent.AddChild(c)
		if e, ok := c.(*etree.Element); ok {
			w.leave(e)
		}
	}
	if len(kids) > 0 {
		w.leave(parent) // e.g. DigitalId/Other with text: no indentation inside
	}
}

// closeIndent ends each element that has child elements (and is not
// verbatim) with a line break before its end tag.
func (w *enc) closeIndent(e *etree.Element, depth int) {
	if w.raw[e] || len(e.Child) == 0 {
		return
	}
	hasElem := false
	for _, t := range e.Child {
		if k, ok := t.(*etree.Element); ok {
			hasElem = true
			w.closeIndent(k, depth+1)
		}
	}
	if hasElem {
		e.CreateText(indents[min(depth, len(indents)-1)])
	}
}
