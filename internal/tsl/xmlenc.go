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
)

// enc builds elements and records the first error.
type enc struct {
	err error
	// raw marks elements inserted verbatim: indentation leaves them alone,
	// so their content stays exactly as the model holds it.
	raw map[*etree.Element]bool
}

func (w *enc) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf(format, args...)
	}
}

func el(parent *etree.Element, prefix, name string) *etree.Element {
	return parent.CreateElement(prefix + ":" + name)
}

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
	e := el(parent, pTSL, name)
	multiLang(e, pTSL, "Name", m)
}

// uriList writes a NonEmptyMultiLangURIListType element.
func uriList(parent *etree.Element, name string, m model.MultiLang) {
	e := el(parent, pTSL, name)
	multiLang(e, pTSL, "URI", m)
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
	if w.raw == nil {
		w.raw = map[*etree.Element]bool{}
	}
	for _, c := range kids {
		parent.AddChild(c)
		if e, ok := c.(*etree.Element); ok {
			w.raw[e] = true
		}
	}
	if len(kids) > 0 {
		w.raw[parent] = true // e.g. DigitalId/Other with text: no indentation inside
	}
}

// indent puts each child element of e on its own line, two spaces per
// level, like etree's Indent, but leaves verbatim subtrees untouched.
func (w *enc) indent(e *etree.Element, depth int) {
	if w.raw[e] || len(e.ChildElements()) == 0 {
		return
	}
	// Drop whitespace-only text, then put a line break before each child
	// (in place: etree's AddChild would remove re-added tokens by a stale
	// index).
	for i := len(e.Child) - 1; i >= 0; i-- {
		if cd, ok := e.Child[i].(*etree.CharData); ok && strings.TrimSpace(cd.Data) == "" {
			e.RemoveChildAt(i)
		}
	}
	pad := "\n" + strings.Repeat("  ", depth+1)
	for i := len(e.Child) - 1; i >= 0; i-- {
		e.InsertChildAt(i, etree.NewText(pad))
	}
	for _, k := range e.ChildElements() {
		w.indent(k, depth+1)
	}
	e.AddChild(etree.NewText("\n" + strings.Repeat("  ", depth)))
}
