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
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/beevik/etree"
)

// Limits bound the work spent on one document. A zero field takes the
// value of DefaultLimits.
type Limits struct {
	MaxBytes    int64 // size of the document
	MaxDepth    int   // element nesting
	MaxElements int   // elements in the document
	MaxAttrs    int   // attributes on one element
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
		l.MaxElements = DefaultLimits.MaxElements
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
	lines map[*etree.Element]int
}

// Line returns the 1-based line on which e starts, or 0 if unknown.
func (d *Document) Line(e *etree.Element) int { return d.lines[e] }

// ParseBytes parses a whole document held in memory.
func ParseBytes(data []byte, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("document of %d bytes exceeds the limit of %d bytes", len(data), lim.MaxBytes)}
	}
	return parse(bytes.NewReader(data), lim)
}

// Parse reads and parses a document, refusing it as soon as it exceeds
// lim.MaxBytes: a huge download is never buffered whole.
func Parse(r io.Reader, lim Limits) (*Document, error) {
	lim = lim.withDefaults()
	return parse(&capReader{r: r, left: lim.MaxBytes}, lim)
}

// errTooBig is returned by capReader past the size limit.
var errTooBig = errors.New("size limit")

type capReader struct {
	r    io.Reader
	left int64
	max  int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// Probe for one more byte: exactly MaxBytes is allowed.
		var one [1]byte
		n, _ := c.r.Read(one[:])
		if n > 0 {
			return 0, errTooBig
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func parse(r io.Reader, lim Limits) (*Document, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	// A UTF-8 byte-order mark is tolerated, as DSS does (R1).
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	dec := xml.NewDecoder(br)
	dec.Strict = true
	dec.Entity = nil // only the five predefined entities
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); l == "us-ascii" || l == "ascii" {
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported: trusted lists are UTF-8 (TS 119 612 clause 5.1.1)", label)
	}

	doc := &Document{Document: etree.NewDocument(), lines: make(map[*etree.Element]int)}
	var stack []*etree.Element
	elements := 0
	sawRoot := false
	for {
		line, _ := dec.InputPos()
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			if errors.Is(err, errTooBig) {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("document exceeds the limit of %d bytes", lim.MaxBytes)}
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &Error{Line: se.Line, Msg: se.Msg}
			}
			return nil, &Error{Line: line, Msg: err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && sawRoot {
				return nil, &Error{Line: line, Msg: "more than one root element"}
			}
			sawRoot = true
			elements++
			if elements > lim.MaxElements {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("more than %d elements", lim.MaxElements)}
			}
			if len(stack) >= lim.MaxDepth {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("elements nested deeper than %d", lim.MaxDepth)}
			}
			if len(t.Attr) > lim.MaxAttrs {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("element <%s> has more than %d attributes", t.Name.Local, lim.MaxAttrs)}
			}
			var e *etree.Element
			if len(stack) == 0 {
				e = doc.CreateElement(t.Name.Local)
			} else {
				e = stack[len(stack)-1].CreateElement(t.Name.Local)
			}
			e.Space = t.Name.Space
			seen := make(map[xml.Name]bool, len(t.Attr))
			for _, a := range t.Attr {
				if seen[a.Name] {
					return nil, &Error{Line: line, Msg: fmt.Sprintf("attribute %s repeated on <%s>", qname(a.Name), t.Name.Local)}
				}
				seen[a.Name] = true
				e.CreateAttr(qname(a.Name), a.Value)
			}
			doc.lines[e] = line
			stack = append(stack, e)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, &Error{Line: line, Msg: "unexpected end element"}
			}
			top := stack[len(stack)-1]
			if top.Space != t.Name.Space || top.Tag != t.Name.Local {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("element <%s> closed by </%s>", top.FullTag(), qname(t.Name))}
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, &Error{Line: line, Msg: "text outside the root element"}
				}
				continue // whitespace around the root is not part of the tree
			}
			stack[len(stack)-1].CreateText(string(t))
		case xml.Comment:
			if len(stack) == 0 {
				doc.CreateComment(string(t))
			} else {
				stack[len(stack)-1].CreateComment(string(t))
			}
		case xml.ProcInst:
			if t.Target == "xml" {
				if len(stack) > 0 || sawRoot {
					return nil, &Error{Line: line, Msg: "XML declaration not at the start"}
				}
				continue
			}
			if len(stack) == 0 {
				doc.CreateProcInst(t.Target, string(t.Inst))
			} else {
				stack[len(stack)-1].CreateProcInst(t.Target, string(t.Inst))
			}
		case xml.Directive:
			return nil, &Error{Line: line, Msg: "DOCTYPE and other <! declarations are refused: no DTD or entity is ever processed"}
		}
	}
	if len(stack) > 0 {
		return nil, &Error{Msg: fmt.Sprintf("unexpected end of document: <%s> not closed", stack[len(stack)-1].FullTag())}
	}
	if !sawRoot {
		return nil, &Error{Msg: "no root element"}
	}
	return doc, nil
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
