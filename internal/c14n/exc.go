package c14n

import (
	"bufio"
	"bytes"
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
	w := &excWriter{buf: b, skip: skip, incl: map[string]bool{}}
	for _, p := range inclusive {
		w.incl[p] = true
	}
	// In-scope namespaces from the ancestors (nearest wins).
	scope := map[string]string{"xml": "http://www.w3.org/XML/1998/namespace"}
	var chain []*etree.Element
	for x := el.Parent(); x != nil; x = x.Parent() {
		chain = append(chain, x)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		declare(scope, chain[i])
	}
	w.element(el, scope, map[string]string{})
}

type excWriter struct {
	// used and attrs are scratch space, reused from element to element.
	used  []string
	attrs []cattr
	buf   *bufio.Writer
	skip  *etree.Element
	incl  map[string]bool
}

// declare adds e's namespace declarations to scope (which it modifies).
func declare(scope map[string]string, e *etree.Element) {
	for _, a := range e.Attr {
		switch {
		case a.Space == "xmlns":
			scope[a.Key] = a.Value
		case a.Space == "" && a.Key == "xmlns":
			scope[""] = a.Value
		}
	}
}

func hasNSDecl(e *etree.Element) bool {
	for _, a := range e.Attr {
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
func (w *excWriter) element(e *etree.Element, scope, rendered map[string]string) {
	if hasNSDecl(e) {
		s := make(map[string]string, len(scope)+2)
		for k, v := range scope {
			s[k] = v
		}
		declare(s, e)
		scope = s
	}
	// Visibly utilised prefixes: the element's and its attributes'. A
	// handful per element, so slices beat maps here.
	used := append(w.used[:0], e.Space)
	use := func(p string) {
		if !slices.Contains(used, p) {
			used = append(used, p)
		}
	}
	attrs := w.attrs[:0]
	for _, a := range e.Attr {
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
	writeName(b, e)
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
	for _, t := range e.Child {
		switch n := t.(type) {
		case *etree.Element:
			if n != w.skip {
				w.element(n, scope, newRendered)
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
	b.WriteString("</")
	writeName(b, e)
	b.WriteByte('>')
}

// writeName writes e's qualified name (e.FullTag without its allocation).
func writeName(b *bufio.Writer, e *etree.Element) {
	if e.Space != "" {
		b.WriteString(e.Space)
		b.WriteByte(':')
	}
	b.WriteString(e.Tag)
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
