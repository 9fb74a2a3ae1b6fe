// Package xmldoc parses untrusted XML into an etree document safely and
// remembers where each element started.
//
// Trusted lists are downloaded from the network, so the parser refuses any
// DOCTYPE (no DTD, no entity but the five predefined ones, ever: EU DSS
// rule R1), bounds the size, depth and number of elements and attributes,
// and accepts only UTF-8. It keeps every character, comment and processing
// instruction and every namespace prefix as written, because XML-DSig
// canonicalisation of the tree must give the same bytes as that of the
// original document.
package xmldoc

import (
	"fmt"
	"sync"

	"github.com/beevik/etree"
)

// Limits bound the work spent on one document. A zero field takes the
// value of DefaultLimits (MaxElements: more, for a MaxBytes above the
// default).
type Limits struct {
	MaxBytes    int64 // size of the document
	MaxDepth    int   // element nesting
	MaxElements int   // elements in the document
	MaxAttrs    int   // attributes on one element
	// ShareInput lets the document's texts and attribute values share
	// the input's memory instead of copying it (a sixth of a parsed
	// list's size, and an allocation per text): for a caller that never
	// changes the input while the document, or anything read from it, is
	// in use, such as bytes just read from a file. Not a limit, but it
	// goes where the limits go.
	ShareInput bool
}

// DefaultLimits fit the largest real lists (the Italian list has ~60 000
// elements in 2.9 MB) with a wide margin.
var DefaultLimits = Limits{MaxBytes: 64 << 20, MaxDepth: 64, MaxElements: 2_000_000, MaxAttrs: 64}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxElements <= 0 {
		// A larger size allows proportionally more elements (one per 32
		// bytes, as the default).
		l.MaxElements = max(DefaultLimits.MaxElements, int(l.MaxBytes/32))
	}
	if l.MaxAttrs <= 0 {
		l.MaxAttrs = DefaultLimits.MaxAttrs
	}
	return l
}

// An Error is a parse error or an exceeded limit at a line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// A Document is a parsed document with the start line of each element.
type Document struct {
	*etree.Document
	// starts holds each element's line in document order: the root's,
	// then those of the elements of blocks, the scanner's element blocks
	// in the order it filled them (4 bytes an element: a pointer and a
	// line for each were 6 MB of a 23 MB list's tree). The index by
	// element is made on the first call to Line. Most documents are read
	// without ever asking (a valid list reports no line), and filling a
	// map of every element took a quarter of the parse.
	starts    []uint32
	root      *etree.Element
	blocks    [][]etree.Element
	linesOnce sync.Once
	lines     map[*etree.Element]int
	// RootEnd is where the root's end tag starts in the bytes parsed
	// (-1 for an empty-element root): where an enveloped signature is
	// inserted without writing the document again.
	RootEnd int
}

// Line returns the 1-based line on which e starts, or 0 if unknown (an
// element added after parsing). It is safe for concurrent use.
func (d *Document) Line(e *etree.Element) int {
	d.linesOnce.Do(func() {
		d.lines = make(map[*etree.Element]int, len(d.starts))
		if len(d.starts) > 0 {
			d.lines[d.root] = int(d.starts[0])
		}
		k := 1
		for _, b := range d.blocks {
			for j := range b {
				if k == len(d.starts) {
					break
				}
				d.lines[&b[j]] = int(d.starts[k])
				k++
			}
		}
		d.starts, d.blocks = nil, nil
	})
	return d.lines[e]
}

// Own returns the limits for a document jtsl wrote itself (a list just
// signed, the previous release): its size is the size limit; depth and
// attributes stay bounded.
func Own(data []byte) Limits { return Limits{MaxBytes: max(int64(len(data)), DefaultLimits.MaxBytes)} }

// ParseBytes parses a whole document held in memory.
func ParseBytes(data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("document of %d bytes exceeds the limit of %d bytes", len(data), lim.MaxBytes)}
	}
	return parse(data, lim)
}
