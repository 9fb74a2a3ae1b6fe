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

// referenceParse is the parser of before the hand-written scanner, over
// encoding/xml's tokeniser: the differential tests and fuzz target hold
// the scanner to it.
func referenceParse(r io.Reader, lim Limits) (*Document, error) {
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

	doc := &Document{Document: etree.NewDocument()}
	lines := map[*etree.Element]int{}
	doc.linesOnce.Do(func() { doc.lines = lines })
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
			lines[e] = line
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
