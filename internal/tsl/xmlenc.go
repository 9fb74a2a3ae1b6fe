package tsl

import (
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
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

// enc walks a list, or a part of one, in document order and tells its
// sink each element, attribute and text: the one description of a list's
// structure (scheme.go, tsp.go, service.go, …), which both the tree
// builder (Encode, and the parts lote and mra embed) and the canonical
// writer (WriteCanonical, which a build signs) follow. It indents as it
// goes: each element on its own line, two spaces a level (indenting while
// building keeps encoding linear in the size of the list), and an element
// with child elements ends on a line of its own unless it holds verbatim
// content or is inside one that does, which stays exactly as the model
// holds it.
type enc struct {
	err  error
	b    *Binding // the shared types' namespace; nil: TS 119 612's
	out  sink
	base int     // the indentation level of the outermost elements
	open []frame // the elements started and not ended, innermost last
	// outer is len(open) while the outermost elements are written: 1
	// when a FragmentEncoder fills an element the caller made.
	outer int
}

// A frame is an open element: whether it has child elements, and whether
// its end tags and its descendants' stay where they are (verbatim).
type frame struct{ elems, verbatim bool }

// A sink receives what enc describes. Attributes follow their element's
// start and come before its content.
type sink interface {
	start(prefix, name string)
	attr(prefix, key, value string)
	text(s string)
	base64(b []byte) // standard base64 text, written without a string
	tokens(ts []etree.Token)
	// end ends the current element; kept: its indentation is complete
	// and it is one of the outermost elements (see FragmentEncoder).
	end(kept bool)
	// declares reports whether prefix is declared where the next element
	// goes.
	declares(prefix string) bool
}

// A forker is a sink that takes children of the current element made on
// other goroutines: fork returns an empty sink for some, join appends
// what one received.
type forker interface {
	fork() sink
	join(sink)
}

func (w *enc) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf(format, args...)
	}
}

// el starts a child element on its own line.
func (w *enc) el(prefix, name string) {
	if n := len(w.open); n > 0 {
		w.open[n-1].elems = true
	}
	w.out.text(indent(w.base + len(w.open)))
	w.out.start(prefix, name)
	w.push()
}

// push opens the element just started.
func (w *enc) push() {
	v := len(w.open) > 0 && w.open[len(w.open)-1].verbatim
	w.open = append(w.open, frame{verbatim: v})
}

// end ends the element el started last.
func (w *enc) end() {
	f := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	closed := f.elems && !f.verbatim
	if closed {
		w.out.text(indent(w.base + len(w.open)))
	}
	w.out.end(closed && len(w.open) == w.outer)
}

// keepEnds leaves the end tags in the current element where they are, as
// verbatim content in it does.
func (w *enc) keepEnds() { w.open[len(w.open)-1].verbatim = true }

func (w *enc) attr(prefix, key, value string) { w.out.attr(prefix, key, value) }

// lang writes the xml:lang attribute.
func (w *enc) lang(l string) { w.out.attr("xml", "lang", l) }

// textEl writes an element holding text.
func (w *enc) textEl(prefix, name, text string) {
	w.el(prefix, name)
	w.out.text(text)
	w.end()
}

// langEl writes an element holding text, with xml:lang.
func (w *enc) langEl(prefix, name string, s model.LangString) {
	w.el(prefix, name)
	w.lang(s.Lang)
	w.out.text(s.Value)
	w.end()
}

// base64El writes an element holding b in base64.
func (w *enc) base64El(prefix, name string, b []byte) {
	w.el(prefix, name)
	w.out.base64(b)
	w.end()
}

// indent is a line break and level levels of indentation.
func indent(level int) string { return indents[min(level, len(indents)-1)] }

// indents[i] is a line break and i levels of indentation.
var indents = func() []string {
	out := make([]string, 32)
	for i := range out {
		out[i] = "\n" + strings.Repeat("  ", i)
	}
	return out
}()

func timeText(t time.Time) string { return t.UTC().Format(model.TimeLayout) }

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// multiLang writes one child per value with xml:lang (InternationalNamesType
// and the multilingual URI lists, clause 5.1.4).
func (w *enc) multiLang(prefix, name string, m model.MultiLang) {
	for _, s := range m {
		w.langEl(prefix, name, s)
	}
}

// names writes an InternationalNamesType element.
func (w *enc) names(name string, m model.MultiLang) { w.namesIn(pTSL, name, m) }

func (w *enc) namesIn(prefix, name string, m model.MultiLang) {
	w.el(prefix, name)
	w.multiLang(prefix, "Name", m)
	w.end()
}

// uriList writes a NonEmptyMultiLangURIListType element.
func (w *enc) uriList(name string, m model.MultiLang) { w.uriListIn(pTSL, name, m) }

func (w *enc) uriListIn(prefix, name string, m model.MultiLang) {
	w.el(prefix, name)
	w.multiLang(prefix, "URI", m)
	w.end()
}

// rawXML writes verbatim XML kept in the model as content of the current
// element: parsed, so that both sinks get the same nodes.
func (w *enc) rawXML(s string) {
	if s == "" {
		return
	}
	d := etree.NewDocument()
	if err := d.ReadFromString("<r>" + s + "</r>"); err != nil {
		w.fail("verbatim XML %.40q: %v", s, err)
		return
	}
	kids := append([]etree.Token(nil), d.Root().Child...)
	if len(kids) == 0 {
		return
	}
	if len(w.open) > 0 {
		w.keepEnds() // e.g. DigitalId/Other with text: no indentation inside
	}
	w.out.tokens(kids)
}

// treeSink builds an etree.
type treeSink struct {
	cur  *etree.Element
	last *etree.Element // the element ended last
	// kept, for a FragmentEncoder, gathers the elements whose
	// indentation is complete, which Finish leaves alone.
	kept map[*etree.Element]bool
}

func (t *treeSink) start(prefix, name string) {
	// By prefix and name: no "prefix:name" string to make and split again.
	e := t.cur.CreateElement(name)
	e.Space = prefix
	t.cur = e
}

func (t *treeSink) attr(prefix, key, value string) {
	switch {
	case prefix == "xml" && key == "lang":
		key = "xml:lang" // most attributes: no string to make
	case prefix != "":
		key = prefix + ":" + key
	}
	t.cur.CreateAttr(key, value)
}

func (t *treeSink) text(s string) {
	if s != "" {
		t.cur.CreateText(s)
	}
}

func (t *treeSink) base64(b []byte) { t.text(b64(b)) }

func (t *treeSink) tokens(ts []etree.Token) {
	for _, c := range ts {
		t.cur.AddChild(c)
		if e, ok := c.(*etree.Element); ok && t.kept != nil {
			t.kept[e] = true
		}
	}
	if t.kept != nil {
		t.kept[t.cur] = true
	}
}

func (t *treeSink) end(kept bool) {
	if kept && t.kept != nil {
		t.kept[t.cur] = true
	}
	t.last, t.cur = t.cur, t.cur.Parent()
}

func (t *treeSink) declares(prefix string) bool { return declares(t.cur, prefix) }

func (t *treeSink) fork() sink { return &treeSink{cur: etree.NewElement("")} }

func (t *treeSink) join(s sink) {
	f := s.(*treeSink).cur
	kids := f.Child
	f.Child = nil
	for _, c := range kids {
		t.cur.AddChild(c)
	}
}

// declares reports whether e or an ancestor declares prefix.
func declares(e *etree.Element, prefix string) bool {
	for ; e != nil; e = e.Parent() {
		if e.SelectAttr("xmlns:"+prefix) != nil {
			return true
		}
	}
	return false
}

// canonSink writes exclusive canonical XML.
type canonSink struct {
	w *c14n.Writer
	// The element started and not yet written: its attributes come
	// after start.
	pending      bool
	prefix, name string
	attrs        []etree.Attr
}

func (c *canonSink) flush() {
	if c.pending {
		c.w.Start(c.prefix, c.name, c.attrs)
		c.attrs, c.pending = c.attrs[:0], false
	}
}

func (c *canonSink) start(prefix, name string) {
	c.flush()
	c.prefix, c.name, c.pending = prefix, name, true
}

func (c *canonSink) attr(prefix, key, value string) {
	c.attrs = append(c.attrs, etree.Attr{Space: prefix, Key: key, Value: value})
}

func (c *canonSink) text(s string) {
	c.flush()
	c.w.Text(s)
}

func (c *canonSink) base64(b []byte) {
	c.flush()
	c.w.Base64(b)
}

func (c *canonSink) tokens(ts []etree.Token) {
	c.flush()
	c.w.Tokens(ts)
}

func (c *canonSink) end(bool) {
	c.flush()
	c.w.End()
}

func (c *canonSink) declares(prefix string) bool {
	c.flush()
	return c.w.InScope(prefix) != ""
}
