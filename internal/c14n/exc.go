package c14n

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"io"
	"slices"
	"strings"

	"github.com/beevik/etree"
)

// Exc writes the exclusive canonical form (W3C xml-exc-c14n, without
// comments) of el straight from the tree, skipping the element skip (the
// enveloped-signature transform) — without copying the tree, which is
// what dominated verifying a large list through goxmldsig. The output is
// compared byte for byte with goxmldsig's on every corpus list in the
// tests. el's ancestors provide the namespaces in scope.
func Exc(el, skip *etree.Element, inclusive []string) []byte {
	var buf bytes.Buffer
	bw := bufio.NewWriterSize(&buf, 1<<16)
	ExcTo(bw, el, skip, inclusive)
	bw.Flush()
	return buf.Bytes()
}

// ExcTo writes the exclusive canonical form of el to b, so that a
// digest is computed while the tree is walked, without holding the
// canonical bytes (as large as the document) in memory. The caller
// flushes b.
func ExcTo(b *bufio.Writer, el, skip *etree.Element, inclusive []string) {
	w := &Writer{buf: b, skip: skip, incl: map[string]bool{}}
	for _, p := range inclusive {
		w.incl[p] = true
	}
	// In-scope namespaces from the ancestors (nearest wins).
	scope := map[string]string{"xml": nsXML}
	var chain []*etree.Element
	for x := el.Parent(); x != nil; x = x.Parent() {
		chain = append(chain, x)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		declare(scope, chain[i].Attr)
	}
	w.element(el, scope, map[string]string{})
}

const nsXML = "http://www.w3.org/XML/1998/namespace"

// A Writer writes exclusive canonical XML (without comments) of elements
// given one at a time (Start, Text, End), so that a document held in
// another form than a tree (the build's model) is written in canonical
// form without building a tree; subtrees that are trees (Tokens) are
// written as ExcTo writes them, with the same rules.
type Writer struct {
	buf *bufio.Writer
	// used and attrs are scratch space, reused from element to element.
	used  []string
	attrs []cattr
	skip  *etree.Element
	incl  map[string]bool
	open  []frame // the elements Start began, innermost last
}

// A frame is an element being written: its name, the namespaces in scope
// in it and those its output ancestors (and it) declared.
type frame struct {
	space, tag      string
	scope, rendered map[string]string
}

// NewWriter returns a Writer writing to out, at the top of a document
// (only the xml prefix in scope). Flush writes what is buffered.
func NewWriter(out io.Writer) *Writer {
	return &Writer{buf: bufio.NewWriterSize(out, 1<<16),
		open: []frame{{scope: map[string]string{"xml": nsXML}, rendered: map[string]string{}}}}
}

// Fork returns a Writer writing to out what w would write inside the
// element it is in (the same namespaces in scope and declared), so that
// children are written on another goroutine; w.Append adds them.
func (w *Writer) Fork(out io.Writer) *Writer {
	top := w.open[len(w.open)-1]
	return &Writer{buf: bufio.NewWriterSize(out, 1<<16), open: []frame{{scope: top.scope, rendered: top.rendered}}}
}

// InScope returns the namespace prefix is bound to in the current
// element ("": none).
func (w *Writer) InScope(prefix string) string { return w.open[len(w.open)-1].scope[prefix] }

// Append writes p, which a Fork of w wrote, at w's position.
func (w *Writer) Append(p []byte) { w.buf.Write(p) }

// Flush writes any buffered data to the underlying writer.
func (w *Writer) Flush() error { return w.buf.Flush() }

// Start writes the start tag of an element space:tag with attributes
// attrs (namespace declarations among them, as a parser gives them);
// what follows until End is its content.
func (w *Writer) Start(space, tag string, attrs []etree.Attr) {
	top := &w.open[len(w.open)-1]
	scope, rendered := w.startTag(space, tag, attrs, top.scope, top.rendered)
	w.open = append(w.open, frame{space: space, tag: tag, scope: scope, rendered: rendered})
}

// End writes the end tag of the element Start began last.
func (w *Writer) End() {
	f := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	w.endTag(f.space, f.tag)
}

// Text writes character data, escaped.
func (w *Writer) Text(s string) { escapeText(w.buf, s) }

// Base64 writes b in standard base64, which needs no escaping, without
// making a string of it (certificates are most of a list).
func (w *Writer) Base64(b []byte) {
	const chunk = 3 * 1024 // whole groups of three bytes: no padding inside
	for len(b) > 0 {
		n := min(len(b), chunk)
		if w.buf.Available() < base64.StdEncoding.EncodedLen(n) {
			w.buf.Flush() // an error stays in buf: Flush reports it
		}
		// Into the buffer's free space, when the flush made room.
		w.buf.Write(base64.StdEncoding.AppendEncode(w.buf.AvailableBuffer(), b[:n]))
		b = b[n:]
	}
}

// Tokens writes tokens (of a parsed tree) as content of the current
// element, as ExcTo writes an element's children.
func (w *Writer) Tokens(ts []etree.Token) {
	top := w.open[len(w.open)-1]
	w.children(ts, top.scope, top.rendered)
}

// declare adds the namespace declarations among attrs to scope (which it
// modifies).
func declare(scope map[string]string, attrs []etree.Attr) {
	for _, a := range attrs {
		switch {
		case a.Space == "xmlns":
			scope[a.Key] = a.Value
		case a.Space == "" && a.Key == "xmlns":
			scope[""] = a.Value
		}
	}
}

func hasNSDecl(attrs []etree.Attr) bool {
	for _, a := range attrs {
		if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") {
			return true
		}
	}
	return false
}

// A cattr is an attribute to write: its namespace and local name (the
// sort key), its prefix and value.
type cattr struct{ ns, local, prefix, value string }

// element writes e. scope holds the namespaces in scope, rendered those
// already declared in the output by an output ancestor.
func (w *Writer) element(e *etree.Element, scope, rendered map[string]string) {
	scope, rendered = w.startTag(e.Space, e.Tag, e.Attr, scope, rendered)
	w.children(e.Child, scope, rendered)
	w.endTag(e.Space, e.Tag)
}

// children writes the content of an element: elements (but skip), text
// and processing instructions; comments are left out.
func (w *Writer) children(ts []etree.Token, scope, rendered map[string]string) {
	b := w.buf
	for _, t := range ts {
		switch n := t.(type) {
		case *etree.Element:
			if n != w.skip {
				w.element(n, scope, rendered)
			}
		case *etree.CharData:
			escapeText(b, n.Data)
		case *etree.ProcInst:
			b.WriteString("<?")
			b.WriteString(n.Target)
			if n.Inst != "" {
				b.WriteByte(' ')
				b.WriteString(n.Inst)
			}
			b.WriteString("?>")
		}
	}
}

// startTag writes the start tag of space:tag with attrs, in the context
// of scope and rendered, and returns the context of its content.
func (w *Writer) startTag(space, tag string, eattrs []etree.Attr, scope, rendered map[string]string) (map[string]string, map[string]string) {
	if hasNSDecl(eattrs) {
		s := make(map[string]string, len(scope)+2)
		for k, v := range scope {
			s[k] = v
		}
		declare(s, eattrs)
		scope = s
	}
	// Visibly utilised prefixes: the element's and its attributes'. A
	// handful per element, so slices beat maps here.
	used := append(w.used[:0], space)
	use := func(p string) {
		if !slices.Contains(used, p) {
			used = append(used, p)
		}
	}
	attrs := w.attrs[:0]
	for _, a := range eattrs {
		if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") {
			if w.incl[a.Key] || (a.Space == "" && w.incl["#default"]) {
				p := a.Key
				if a.Space == "" {
					p = ""
				}
				use(p)
			}
			continue
		}
		ns := ""
		if a.Space != "" {
			use(a.Space)
			ns = scope[a.Space]
		}
		attrs = append(attrs, cattr{ns, a.Key, a.Space, a.Value})
	}
	var decls []string
	newRendered := rendered
	for _, p := range used {
		if p == "xml" {
			continue
		}
		uri := scope[p]
		prev, ok := rendered[p]
		if p == "" && uri == "" && (!ok || prev == "") {
			continue // the empty default namespace need not be declared
		}
		if ok && prev == uri {
			continue
		}
		decls = append(decls, p)
	}
	w.used = used[:0]
	if len(decls) > 0 {
		newRendered = make(map[string]string, len(rendered)+len(decls))
		for k, v := range rendered {
			newRendered[k] = v
		}
		for _, p := range decls {
			newRendered[p] = scope[p]
		}
	}
	slices.Sort(decls) // "" (default) sorts first, as c14n requires
	if len(attrs) > 1 {
		slices.SortFunc(attrs, func(x, y cattr) int {
			if c := strings.Compare(x.ns, y.ns); c != 0 {
				return c
			}
			return strings.Compare(x.local, y.local)
		})
	}
	// The children reuse the scratch space: attrs are written before them.
	w.attrs = attrs[:0]

	b := w.buf
	b.WriteByte('<')
	writeName(b, space, tag)
	for _, p := range decls {
		if p == "" {
			b.WriteString(` xmlns="`)
		} else {
			b.WriteString(" xmlns:")
			b.WriteString(p)
			b.WriteString(`="`)
		}
		escapeAttr(b, scope[p])
		b.WriteByte('"')
	}
	for _, a := range attrs {
		b.WriteByte(' ')
		if a.prefix != "" {
			b.WriteString(a.prefix)
			b.WriteByte(':')
		}
		b.WriteString(a.local)
		b.WriteString(`="`)
		escapeAttr(b, a.value)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	return scope, newRendered
}

func (w *Writer) endTag(space, tag string) {
	w.buf.WriteString("</")
	writeName(w.buf, space, tag)
	w.buf.WriteByte('>')
}

// writeName writes a qualified name (etree's FullTag without its
// allocation).
func writeName(b *bufio.Writer, space, tag string) {
	if space != "" {
		b.WriteString(space)
		b.WriteByte(':')
	}
	b.WriteString(tag)
}

// containsAny is strings.ContainsAny for a few ASCII bytes, a vectorised
// search per byte: several times faster on the long base64 texts
// (certificates) that make up most of a list.
func containsAny(s, chars string) bool {
	for i := 0; i < len(chars); i++ {
		if strings.IndexByte(s, chars[i]) >= 0 {
			return true
		}
	}
	return false
}

// The escapes of canonical XML (C14N 1.0 section 2.3) in text and in
// attribute values.
var (
	textEscapes = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	attrEscapes = strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
)

func escapeText(b *bufio.Writer, s string) {
	if !containsAny(s, "&<>\r") {
		b.WriteString(s)
		return
	}
	textEscapes.WriteString(b, s)
}

func escapeAttr(b *bufio.Writer, s string) {
	if !containsAny(s, "&<\"\t\n\r") {
		b.WriteString(s)
		return
	}
	attrEscapes.WriteString(b, s)
}

// Canonical returns the exclusive canonical form (without comments) of
// el, the namespaces in scope taken from its ancestors: the form el has
// in a list SignToBytes wrote.
func Canonical(el *etree.Element) []byte { return Exc(el, nil, nil) }
