package tsl

import (
	"time"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/diag"
	"github.com/jtsl/jtsl/internal/model"
)

// A Fragment decodes the TS 119 612 types that other schemas embed (the
// MRA schema of the EU's AdES LOTL uses ServiceTypeIdentifier,
// AdditionalServiceInformation, ServiceStatus, ecc:CriteriaListType,
// ecc:QualifierType and xades:ObjectIdentifierType) with the same strict
// rules, paths and lines as a whole list, so those types have one codec.
type Fragment struct{ d dec }

// NewFragment starts decoding elements of a document read from file; line
// gives an element's line (xmldoc.Document.Line), or is nil.
func NewFragment(file string, line func(*etree.Element) int) *Fragment {
	return &Fragment{d: dec{file: file, line: line, qcTyped: true}}
}

// Diagnostics returns every problem found so far.
func (f *Fragment) Diagnostics() diag.List { return f.d.diags }

// Errorf records a problem at e.
func (f *Fragment) Errorf(e *etree.Element, path, format string, args ...any) {
	f.d.errorf(e, abs(path), format, args...)
}

// A Cursor walks the child elements of one element in schema order.
type Cursor struct{ c *cursor }

// Children starts a walk of e's child elements (text content is an error).
func (f *Fragment) Children(e *etree.Element, path string) Cursor {
	return Cursor{f.d.children(e, abs(path))}
}

// Opt consumes the next child if it is ns:local.
func (c Cursor) Opt(ns, local string) *etree.Element { return c.c.opt(ns, local) }

// Req consumes the next child, which must be ns:local (else an error).
func (c Cursor) Req(ns, local string) *etree.Element { return c.c.req(ns, local) }

// Many consumes every following ns:local child.
func (c Cursor) Many(ns, local string) []*etree.Element { return c.c.many(ns, local) }

// Done reports the children that are left: unknown or out of order.
func (c Cursor) Done() { c.c.done() }

// Some returns e's children ns:local, which must be all its children and
// at least one (an XSD sequence of one element, maxOccurs unbounded).
func (f *Fragment) Some(e *etree.Element, path, ns, local string) []*etree.Element {
	return f.d.some(e, abs(path), ns, local)
}

// String decodes a text-only element, kept exactly.
func (f *Fragment) String(e *etree.Element, path string, nonEmpty bool) string {
	return f.d.str(e, abs(path), nonEmpty)
}

// URI decodes an xsd:anyURI element.
func (f *Fragment) URI(e *etree.Element, path string) string {
	return f.d.uri(e, abs(path), f.d.str(e, abs(path), true))
}

// URIValue checks an xsd:anyURI attribute value of e.
func (f *Fragment) URIValue(e *etree.Element, path, s string) string { return f.d.uri(e, abs(path), s) }

// DateTime decodes an xsd:dateTime element (UTC).
func (f *Fragment) DateTime(e *etree.Element, path string) time.Time {
	return f.d.dateTime(e, abs(path))
}

// CheckAttrs reports attributes other than the allowed ones.
func (f *Fragment) CheckAttrs(e *etree.Element, path string, allowed ...string) {
	f.d.checkAttrs(e, abs(path), allowed...)
}

// CriteriaList decodes an element of ecc:CriteriaListType.
func (f *Fragment) CriteriaList(e *etree.Element, path string) model.CriteriaList {
	return f.d.criteria(e, abs(path))
}

// AdditionalServiceInformation decodes a tsl:AdditionalServiceInformation.
func (f *Fragment) AdditionalServiceInformation(e *etree.Element, path string) model.AdditionalServiceInformation {
	return *f.d.additionalInfo(e, abs(path))
}

// FragmentPrefixes are the namespace prefixes the fragment encoder writes;
// the caller declares them on its root element.
var FragmentPrefixes = []struct{ Prefix, NS string }{
	{pMRA, model.NSMRA}, {pTSL, model.NSTSL}, {pECC, model.NSECC}, {pTSLX, model.NSTSLX}, {pXAdES, model.NSXAdES},
}

// A FragmentEncoder writes those types, indented like a list, into a tree
// the caller builds: with the same description of each type as a list.
type FragmentEncoder struct {
	w enc
	t treeSink
	// kept holds the elements written whole, with their indentation,
	// which Finish leaves alone.
	kept map[*etree.Element]bool
}

// at readies the encoder to write children of parent.
func (f *FragmentEncoder) at(parent *etree.Element) *enc {
	depth := 0 // the document counts as an ancestor of the root
	for p := parent.Parent(); p != nil; p = p.Parent() {
		depth++
	}
	if f.kept == nil {
		f.kept = map[*etree.Element]bool{}
	}
	f.t = treeSink{cur: parent, kept: f.kept}
	f.w.out, f.w.base, f.w.open, f.w.outer = &f.t, depth, f.w.open[:0], 0
	return &f.w
}

// into readies the encoder to fill e, which the caller made and closes.
func (f *FragmentEncoder) into(e *etree.Element) *enc {
	w := f.at(e)
	w.push()
	w.base--
	w.outer = 1
	return w
}

// Err returns the first encoding error.
func (f *FragmentEncoder) Err() error { return f.w.err }

// El appends an element prefix:name (a prefix of FragmentPrefixes) on its
// own indented line.
func (f *FragmentEncoder) El(parent *etree.Element, prefix, name string) *etree.Element {
	f.at(parent).el(prefix, name)
	return f.t.cur
}

// Text appends an element with text.
func (f *FragmentEncoder) Text(parent *etree.Element, prefix, name, text string) *etree.Element {
	f.at(parent).textEl(prefix, name, text)
	return f.t.last
}

// Time formats a dateTime as lists write it (UTC, clause 5.1.3).
func (f *FragmentEncoder) Time(t time.Time) string { return timeText(t) }

// CriteriaList fills e, an element of ecc:CriteriaListType.
func (f *FragmentEncoder) CriteriaList(e *etree.Element, cl *model.CriteriaList) {
	f.into(e).criteriaInto(cl)
}

// AdditionalServiceInformation appends a tsl:AdditionalServiceInformation.
func (f *FragmentEncoder) AdditionalServiceInformation(parent *etree.Element, a *model.AdditionalServiceInformation) {
	f.at(parent).additionalInfo(a)
}

// Finish closes the indentation of root's subtree (its end tags on their
// own lines), as a list's: the elements the caller built itself; those
// the encoder wrote are complete.
func (f *FragmentEncoder) Finish(root *etree.Element, depth int) { f.closeIndent(root, depth) }

// closeIndent ends each element that has child elements (and is not
// kept) with a line break before its end tag, as enc.end does.
func (f *FragmentEncoder) closeIndent(e *etree.Element, depth int) {
	if f.kept[e] || len(e.Child) == 0 {
		return
	}
	hasElem := false
	for _, t := range e.Child {
		if k, ok := t.(*etree.Element); ok {
			hasElem = true
			f.closeIndent(k, depth+1)
		}
	}
	if hasElem {
		e.CreateText(indent(depth))
	}
}

// Pointer appends a tsl:OtherTSLPointer (clause 5.3.13).
func (f *FragmentEncoder) Pointer(parent *etree.Element, p *model.Pointer) { f.at(parent).pointer(p) }

// A Binding is the namespace under which another schema declares TS 119
// 612's shared types again: TS 119 602 (lists of trusted entities) has its
// own InternationalNamesType, AddressType, multilingual URI lists and
// DigitalIdentityType, the same but for the namespace and DigitalId's
// last choice (OtherId for Other). A Fragment or FragmentEncoder made for a
// binding reads and writes those types in it, with the same code as a list.
type Binding struct {
	NS      string // namespace of the shared types
	Prefix  string // the prefix the encoder writes for NS
	OtherID string // local name of DigitalId's last choice
}

// tslBinding is TS 119 612's own.
var tslBinding = Binding{NS: model.NSTSL, Prefix: pTSL, OtherID: "Other"}

func (d *dec) binding() *Binding {
	if d.b == nil {
		return &tslBinding
	}
	return d.b
}

func (w *enc) binding() *Binding {
	if w.b == nil {
		return &tslBinding
	}
	return w.b
}

// NewFragmentIn is NewFragment for the shared types declared in b.
func NewFragmentIn(b Binding, file string, line func(*etree.Element) int) *Fragment {
	return &Fragment{d: dec{file: file, line: line, b: &b}}
}

// Names decodes an InternationalNamesType element (nil e: nil).
func (f *Fragment) Names(e *etree.Element, path string) model.MultiLang {
	return f.d.names(e, abs(path))
}

// URIList decodes a NonEmptyMultiLangURIListType element (nil e: nil).
func (f *Fragment) URIList(e *etree.Element, path string) model.MultiLang {
	return f.d.uriList(e, abs(path))
}

// MultiLang decodes the following ns:name children of c, each with
// xml:lang; isURI checks each value as an xsd:anyURI, required wants one.
func (f *Fragment) MultiLang(c Cursor, ns, name string, isURI, required bool) model.MultiLang {
	return f.d.multiLang(c.c, ns, name, isURI, required)
}

// Address decodes an AddressType element.
func (f *Fragment) Address(e *etree.Element, path string) model.Address {
	return f.d.address(e, abs(path))
}

// Identity decodes a ServiceDigitalIdentity (DigitalIdentityListType).
func (f *Fragment) Identity(e *etree.Element, path string) model.DigitalIdentity {
	return f.d.identity(e, abs(path))
}

// Integer decodes an integer element of at least min.
func (f *Fragment) Integer(e *etree.Element, path string, min int) int {
	return f.d.integer(e, abs(path), min)
}

// Boolean decodes an xsd:boolean value s of e.
func (f *Fragment) Boolean(e *etree.Element, path, s string) bool {
	return f.d.boolean(e, abs(path), s)
}

// Lang returns e's xml:lang, which must be there.
func (f *Fragment) Lang(e *etree.Element, path string) string { return f.d.lang(e, abs(path)) }

// Attr returns e's unqualified attribute key.
func Attr(e *etree.Element, key string) (string, bool) { return attr(e, key) }

// NewFragmentEncoder is a FragmentEncoder for the shared types declared in
// b.
func NewFragmentEncoder(b Binding) *FragmentEncoder { return &FragmentEncoder{w: enc{b: &b}} }

// Names appends an InternationalNamesType element.
func (f *FragmentEncoder) Names(parent *etree.Element, name string, m model.MultiLang) {
	w := f.at(parent)
	w.namesIn(w.binding().Prefix, name, m)
}

// URIList appends a NonEmptyMultiLangURIListType element.
func (f *FragmentEncoder) URIList(parent *etree.Element, name string, m model.MultiLang) {
	w := f.at(parent)
	w.uriListIn(w.binding().Prefix, name, m)
}

// MultiLang appends one prefix:name element per value, with xml:lang.
func (f *FragmentEncoder) MultiLang(parent *etree.Element, prefix, name string, m model.MultiLang) {
	f.at(parent).multiLang(prefix, name, m)
}

// Address appends an AddressType element.
func (f *FragmentEncoder) Address(parent *etree.Element, name string, a *model.Address) {
	f.at(parent).address(name, a)
}

// AddressInto fills e, an element of AddressType under another name.
func (f *FragmentEncoder) AddressInto(e *etree.Element, a *model.Address) {
	f.into(e).addressInto(a)
}

// Identity appends a ServiceDigitalIdentity.
func (f *FragmentEncoder) Identity(parent *etree.Element, id model.DigitalIdentity) {
	f.at(parent).identity(id)
}

// Raw appends verbatim XML as Decode keeps it (InnerXML).
func (f *FragmentEncoder) Raw(parent *etree.Element, xml string) { f.at(parent).rawXML(xml) }
