package tsl

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

// dec collects structure findings while walking a document.
type dec struct {
	file  string
	line  func(*etree.Element) int
	diags diag.List
	// qcTyped decodes mra:QcStatementSet criteria into their typed form
	// (the MRA block, internal/mra); a list keeps them verbatim, as every
	// reader of the model (sources, mirror) does.
	qcTyped bool
	lenient bool     // DecodeOptions.Lenient
	b       *Binding // the shared types' namespace; nil: TS 119 612's
}

// A where names an element in findings (/TrustServiceStatusList/…), as
// its parent's path and a step. It is written out only when a finding
// is reported: decoding a 23 MB list built ≈ 30 MB of path strings that
// nothing read. Steps are made by at and index, small enough to be
// inlined, so that a step passed down stays in its caller's frame.
type where struct {
	up   *where // nil: name is the whole path
	name string // the step: an element's name, or a longer relative path
	i    int    // when > 0, the step's index: name[i]
}

// abs is the path s, written out already.
func abs(s string) *where { return &where{name: s} }

func (w *where) at(name string) *where { return &where{up: w, name: name} }

func (w *where) index(name string, i int) *where { return &where{up: w, name: name, i: i} }

func (w *where) String() string {
	if w.up == nil {
		return w.name
	}
	s := w.up.String() + "/" + w.name
	if w.i > 0 {
		s += "[" + itoa(w.i) + "]"
	}
	return s
}

func (d *dec) errorf(e *etree.Element, path *where, format string, args ...any) {
	d.add(diag.Error, e, path, format, args...)
}

func (d *dec) add(sev diag.Severity, e *etree.Element, path *where, format string, args ...any) {
	line := 0
	if e != nil && d.line != nil {
		line = d.line(e)
	}
	d.diags = append(d.diags, diag.Diagnostic{
		Rule: "structure", Severity: sev,
		Pos: diag.Pos{File: d.file, Line: line}, Path: path.String(),
		Message: fmt.Sprintf(format, args...),
	})
}

// A cursor walks the child elements of one element in schema order. It
// indexes the element's tokens rather than collecting its child elements:
// decoding a large list made a slice for every element.
type cursor struct {
	d    *dec
	e    *etree.Element
	path *where
	i    int // index in e.Child of the next child element, or len(e.Child)
}

// children is small enough to be inlined, so that the cursor stays in
// its caller's frame (one allocation per element decoded, otherwise).
func (d *dec) children(e *etree.Element, path *where) *cursor {
	c := &cursor{d: d, e: e, path: path}
	c.start()
	return c
}

// start reports text among the children and moves to the first child
// element.
func (c *cursor) start() {
	for _, t := range c.e.Child {
		if cd, ok := t.(*etree.CharData); ok && !xmlSpace(cd.Data) && strings.TrimSpace(cd.Data) != "" {
			c.d.errorf(c.e, c.path, "unexpected text %.30q: element-only content", strings.TrimSpace(cd.Data))
			break
		}
	}
	c.skip()
}

// xmlSpace reports whether s is only XML white space (the usual
// indentation between elements), a quick test before strings.TrimSpace.
func xmlSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return true
}

// skip moves to the next child element at or after i.
func (c *cursor) skip() {
	for c.i < len(c.e.Child) {
		if _, ok := c.e.Child[c.i].(*etree.Element); ok {
			return
		}
		c.i++
	}
}

// next returns the next child element, or nil.
func (c *cursor) next() *etree.Element {
	if c.i < len(c.e.Child) {
		return c.e.Child[c.i].(*etree.Element)
	}
	return nil
}

// advance consumes the next child element.
func (c *cursor) advance() {
	c.i++
	c.skip()
}

func is(e *etree.Element, ns, local string) bool {
	return e.Tag == local && e.NamespaceURI() == ns
}

func (c *cursor) peek(ns, local string) bool {
	k := c.next()
	return k != nil && is(k, ns, local)
}

// opt consumes the next child if it is ns:local.
func (c *cursor) opt(ns, local string) *etree.Element {
	if c.peek(ns, local) {
		k := c.next()
		c.advance()
		return k
	}
	return nil
}

// req consumes the next child, which must be ns:local.
func (c *cursor) req(ns, local string) *etree.Element {
	if e := c.opt(ns, local); e != nil {
		return e
	}
	if got := c.next(); got != nil {
		c.d.errorf(got, c.path.at(local), "missing mandatory element %s: found %s instead", local, describe(got))
	} else {
		c.d.errorf(c.e, c.path.at(local), "missing mandatory element %s", local)
	}
	return nil
}

// many consumes every following ns:local child.
func (c *cursor) many(ns, local string) []*etree.Element {
	n := 0
	for _, t := range c.e.Child[c.i:] {
		if k, ok := t.(*etree.Element); ok {
			if !is(k, ns, local) {
				break
			}
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]*etree.Element, 0, n)
	for c.peek(ns, local) {
		out = append(out, c.next())
		c.advance()
	}
	return out
}

// some returns e's children ns:local, which must be all its children and
// at least one (an XSD sequence of one element, maxOccurs unbounded).
func (d *dec) some(e *etree.Element, path *where, ns, local string) []*etree.Element {
	c := d.children(e, path)
	list := c.many(ns, local)
	if len(list) == 0 {
		c.req(ns, local)
	}
	c.done()
	return list
}

// each decodes with f every child ns:local of e (see some), each at its
// indexed path; the result is never nil.
func each[T any](d *dec, e *etree.Element, path *where, ns, local string, f func(e *etree.Element, path *where) T) []T {
	out := []T{}
	for i, x := range d.some(e, path, ns, local) {
		out = append(out, f(x, path.index(local, i+1)))
	}
	return out
}

// done reports children that are left: unknown or out of order.
func (c *cursor) done() {
	for k := c.next(); k != nil; k = c.next() {
		c.d.errorf(k, c.path.at(k.Tag), "unexpected element %s (unknown, or not in schema order)", describe(k))
		c.advance()
	}
}

func describe(e *etree.Element) string {
	ns := e.NamespaceURI()
	if ns == "" {
		return "<" + e.Tag + ">"
	}
	return fmt.Sprintf("<%s> {%s}", e.Tag, ns)
}

// text returns all character data of e (leaf elements).
func text(e *etree.Element) string {
	if len(e.Child) == 1 {
		if cd, ok := e.Child[0].(*etree.CharData); ok {
			return cd.Data
		}
	}
	var b strings.Builder
	for _, t := range e.Child {
		if cd, ok := t.(*etree.CharData); ok {
			b.WriteString(cd.Data)
		}
	}
	return b.String()
}

// collapse applies the XSD whiteSpace=collapse facet.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func (d *dec) leafOnly(e *etree.Element, path *where) {
	for _, t := range e.Child {
		if _, ok := t.(*etree.Element); ok {
			d.errorf(e, path, "element %s must contain text only", e.Tag)
			return
		}
	}
}

// str decodes a string element (kept exactly).
func (d *dec) str(e *etree.Element, path *where, nonEmpty bool) string {
	d.leafOnly(e, path)
	s := text(e)
	if nonEmpty && strings.TrimSpace(s) == "" {
		d.errorf(e, path, "%s must not be empty", e.Tag)
	}
	return s
}

// uri decodes an anyURI element or value: whitespace collapsed, and the
// syntax libxml2 accepts (xmllint refuses e.g. "http://https://…").
func (d *dec) uri(e *etree.Element, path *where, s string) string {
	s = collapse(s)
	if s == "" {
		d.errorf(e, path, "URI must not be empty")
	} else if err := CheckURI(s); err != nil && d.lenient {
		d.add(diag.Warning, e, path, "%q is not a valid xsd:anyURI: %v; kept as written (lenient)", s, err)
	} else if err != nil {
		d.errorf(e, path, "%q is not a valid xsd:anyURI: %v", s, err)
	}
	return s
}

func (d *dec) integer(e *etree.Element, path *where, min int) int {
	d.leafOnly(e, path)
	s := collapse(text(e))
	n, err := strconv.Atoi(strings.TrimPrefix(s, "+"))
	if err != nil || n < min {
		d.errorf(e, path, "%q is not an integer ≥ %d", s, min)
	}
	return n
}

func (d *dec) dateTime(e *etree.Element, path *where) time.Time {
	d.leafOnly(e, path)
	s := collapse(text(e))
	t, err := parseDateTime(s)
	if err != nil {
		d.errorf(e, path, "%q is not an xsd:dateTime", s)
	}
	return t
}

// parseDateTime parses xsd:dateTime; a value without zone is taken as UTC.
func parseDateTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad dateTime")
}

func (d *dec) base64(e *etree.Element, path *where) []byte {
	d.leafOnly(e, path)
	s := strings.Join(strings.Fields(text(e)), "")
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		d.errorf(e, path, "not valid base64: %v", err)
	}
	return b
}

func (d *dec) boolean(e *etree.Element, path *where, s string) bool {
	switch collapse(s) {
	case "true", "1":
		return true
	case "false", "0":
		return false
	}
	d.errorf(e, path, "%q is not an xsd:boolean", s)
	return false
}

// lang returns the element's xml:lang, which the schema requires on
// multilingual values.
func (d *dec) lang(e *etree.Element, path *where) string {
	for _, a := range e.Attr {
		if a.Key == "lang" && (a.Space == "xml") {
			return a.Value
		}
	}
	d.errorf(e, path, "missing xml:lang attribute")
	return ""
}

// checkAttrs reports attributes other than the allowed ones (namespace
// declarations and xml: attributes aside).
func (d *dec) checkAttrs(e *etree.Element, path *where, allowed ...string) {
	for _, a := range e.Attr {
		if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") || a.Space == "xml" {
			continue
		}
		ok := false
		for _, x := range allowed {
			ok = ok || (a.Space == "" && a.Key == x)
		}
		if !ok {
			d.errorf(e, path, "unexpected attribute %s on %s", a.FullKey(), e.Tag)
		}
	}
}

// multiLang decodes repeated ns:name children with xml:lang.
func (d *dec) multiLang(c *cursor, ns, name string, isURI, required bool) model.MultiLang {
	els := c.many(ns, name)
	if required && len(els) == 0 {
		c.req(ns, name)
	}
	var out model.MultiLang
	p := c.path.at(name)
	for _, e := range els {
		s := d.str(e, p, true)
		if isURI {
			s = d.uri(e, p, s)
		}
		out = append(out, model.LangString{Lang: d.lang(e, p), Value: s})
	}
	return out
}

// names decodes an InternationalNamesType element.
func (d *dec) names(e *etree.Element, path *where) model.MultiLang {
	if e == nil {
		return nil
	}
	c := d.children(e, path)
	m := d.multiLang(c, d.binding().NS, "Name", false, true)
	c.done()
	return m
}

// uriList decodes a NonEmptyMultiLangURIListType element.
func (d *dec) uriList(e *etree.Element, path *where) model.MultiLang {
	if e == nil {
		return nil
	}
	c := d.children(e, path)
	m := d.multiLang(c, d.binding().NS, "URI", true, true)
	c.done()
	return m
}

// rawXML serialises the child nodes of e as self-contained XML: every
// namespace prefix the content uses is declared on its top elements, so
// the string can be parsed and re-inserted anywhere.
func rawXML(e *etree.Element) string {
	var b strings.Builder
	for _, t := range e.Child {
		switch n := t.(type) {
		case *etree.Element:
			b.WriteString(detach(n))
		case *etree.CharData:
			if strings.TrimSpace(n.Data) != "" {
				cd := etree.NewText(n.Data)
				doc := etree.NewDocument()
				doc.AddChild(cd)
				s, _ := doc.WriteToString()
				b.WriteString(s)
			}
		}
	}
	return b.String()
}

// detach serialises e with the in-scope namespace declarations it uses.
func detach(e *etree.Element) string {
	cp := e.Copy()
	declared := map[string]bool{}
	for _, a := range cp.Attr {
		if a.Space == "xmlns" {
			declared[a.Key] = true
		} else if a.Space == "" && a.Key == "xmlns" {
			declared[""] = true
		}
	}
	used := map[string]bool{}
	var walk func(x *etree.Element)
	walk = func(x *etree.Element) {
		used[x.Space] = true
		for _, a := range x.Attr {
			if a.Space != "" && a.Space != "xmlns" && a.Space != "xml" {
				used[a.Space] = true
			}
		}
		for k := range x.ChildElementsSeq() {
			walk(k)
		}
	}
	walk(e)
	var prefixes []string
	for p := range used {
		if !declared[p] {
			prefixes = append(prefixes, p)
		}
	}
	sort.Strings(prefixes)
	for _, p := range prefixes {
		uri := lookupNS(e, p)
		if p == "" {
			if uri != "" {
				cp.CreateAttr("xmlns", uri)
			}
			continue
		}
		if uri != "" {
			cp.CreateAttr("xmlns:"+p, uri)
		}
	}
	doc := etree.NewDocument()
	doc.SetRoot(cp)
	s, _ := doc.WriteToString()
	return s
}

// lookupNS resolves a prefix ("" = default namespace) in scope at e.
func lookupNS(e *etree.Element, prefix string) string {
	for x := e; x != nil; x = x.Parent() {
		for _, a := range x.Attr {
			if prefix == "" && a.Space == "" && a.Key == "xmlns" {
				return a.Value
			}
			if prefix != "" && a.Space == "xmlns" && a.Key == prefix {
				return a.Value
			}
		}
	}
	return ""
}

// NormalizeXML returns verbatim XML content in the form Decode gives it
// back: each top element self-contained, with the namespace prefixes of
// an encoded list (tsl, tslx, ecc, ds, xades) declared where used. Sources
// normalise their verbatim XML with it, so that encoding then decoding a
// list reproduces the model exactly.
func NormalizeXML(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	d := etree.NewDocument()
	wrap := `<r xmlns:tsl="` + model.NSTSL + `" xmlns:tslx="` + model.NSTSLX + `" xmlns:ecc="` + model.NSECC +
		`" xmlns:ds="` + model.NSDS + `" xmlns:xades="` + model.NSXAdES + `">` + s + `</r>`
	if err := d.ReadFromString(wrap); err != nil {
		return "", fmt.Errorf("not well-formed XML: %v", err)
	}
	return rawXML(d.Root()), nil
}

// InnerXML returns the content of e as Decode gives verbatim XML back:
// each child element self-contained, with the namespaces in scope it uses.
func InnerXML(e *etree.Element) string { return rawXML(e) }
