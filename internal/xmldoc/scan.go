package xmldoc

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/beevik/etree"
)

// The scanner reads the document from memory and builds the etree
// directly. It accepts and refuses what encoding/xml's tokeniser in strict
// mode does (a differential test and fuzz target hold it to that), with
// differences the XML specification asks for, as libxml2 and so xmlsec1
// read it: attribute values are normalised (a literal tab, line feed or
// carriage return becomes a space, section 3.3.3), and line ends are
// normalised in comments and processing instructions too (section 2.11),
// which canonicalisation keeps; and nothing but the five predefined
// entities is ever expanded. It is
// three to four times faster than the tokeniser: it looks for markup with
// bytes.IndexByte, converts each text to a string once, and keeps no
// per-token state.
type scanner struct {
	data  []byte
	pos   int
	lim   Limits
	doc   *Document
	stack []*etree.Element
	// kids[i] holds the children of stack[i] until its end tag, where
	// they are attached at once: appending to etree's Child slice as each
	// came grew it by doubling, an eighth of a parse and a share of the
	// tree's size.
	kids [][]etree.Token
	// Texts, elements and child lists are allocated in blocks (a list
	// has two texts per element): one allocation per node was a third
	// of a parse's.
	texts  []etree.CharData
	elems  []etree.Element
	tokens []etree.Token

	line, lineAt int // line is the line of data[lineAt]

	elements int
	sawRoot  bool
	buf      []byte   // scratch for texts with references or CRs
	attrs    []string // qualified names of the current tag's attributes

	// strs interns names and white-space texts (indentation): a list has
	// a few dozen distinct ones, repeated on every element, and the
	// parsed tree of a large list is several times its size.
	strs map[string]string
	// recent holds the last string interned in each of its slots, picked
	// from a few bytes: most lookups end here without hashing the name,
	// which was a fifth of a parse.
	recent [256]string
}

// maxInterned bounds strs, so that a hostile document with many distinct
// names costs no more than one string each.
const maxInterned = 4096

// intern returns b as a string, shared with earlier equal ones.
func (s *scanner) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	slot := &s.recent[(len(b)*31+int(b[0])+int(b[len(b)/2])*7+int(b[len(b)-1])*131)&255]
	if *slot == string(b) { // no allocation for the comparison
		return *slot
	}
	if v, ok := s.strs[string(b)]; ok { // nor for the lookup
		*slot = v
		return v
	}
	v := string(b)
	*slot = v
	if len(s.strs) < maxInterned {
		if s.strs == nil {
			s.strs = make(map[string]string, 64)
		}
		s.strs[v] = v
	}
	return v
}

func parse(data []byte, lim Limits) (*Document, error) {
	// A UTF-8 byte-order mark is tolerated, as DSS does (R1).
	in := len(data)
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	s := &scanner{data: data, lim: lim, line: 1}
	// About one element per 60 bytes in trusted lists: sizing the line
	// list once avoids growing it a dozen times.
	s.doc = &Document{Document: etree.NewDocument(), starts: make([]uint32, 0, len(data)/60+1), RootEnd: -1}
	if err := s.run(); err != nil {
		return nil, err
	}
	if s.doc.RootEnd >= 0 {
		s.doc.RootEnd += in - len(data) // an offset in the bytes given, mark included
	}
	return s.doc, nil
}

// lineOf returns the line of data[p]; p never goes back.
func (s *scanner) lineOf(p int) int {
	if p > len(s.data) {
		p = len(s.data)
	}
	if p > s.lineAt {
		s.line += bytes.Count(s.data[s.lineAt:p], []byte{'\n'})
		s.lineAt = p
	}
	return s.line
}

func (s *scanner) errAt(p int, format string, args ...any) error {
	return &Error{Line: s.lineOf(p), Msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) eof() error { return s.errAt(len(s.data), "unexpected EOF") }

func (s *scanner) run() error {
	d := s.data
	for s.pos < len(d) {
		if d[s.pos] != '<' {
			if err := s.text(); err != nil {
				return err
			}
			continue
		}
		start := s.pos
		if s.pos+1 >= len(d) {
			return s.eof()
		}
		var err error
		switch d[s.pos+1] {
		case '/':
			err = s.endTag(start)
		case '?':
			err = s.procInst(start)
		case '!':
			err = s.bang(start)
		default:
			err = s.startTag(start)
		}
		if err != nil {
			return err
		}
	}
	if len(s.stack) > 0 {
		return &Error{Msg: fmt.Sprintf("unexpected end of document: <%s> not closed", s.stack[len(s.stack)-1].FullTag())}
	}
	if !s.sawRoot {
		return &Error{Msg: "no root element"}
	}
	return nil
}

// text reads character data up to the next '<'.
func (s *scanner) text() error {
	start := s.pos
	end := bytes.IndexByte(s.data[start:], '<')
	if end < 0 {
		end = len(s.data)
	} else {
		end += start
	}
	raw := s.data[start:end]
	s.pos = end
	if bytes.IndexByte(raw, ']') >= 0 {
		if i := bytes.Index(raw, []byte("]]>")); i >= 0 {
			return s.errAt(start+i, "unescaped ]]> not in CDATA section")
		}
	}
	var txt string
	if len(raw) <= 128 && indentation(raw) {
		txt = s.intern(raw)
	} else {
		var err error
		if txt, err = s.decode(raw, start, false); err != nil {
			return err
		}
	}
	if len(s.stack) == 0 {
		if len(strings.TrimSpace(txt)) > 0 {
			return s.errAt(start, "text outside the root element")
		}
		return nil // whitespace around the root is not part of the tree
	}
	s.add(s.newText(txt))
	return nil
}

// block is the number of nodes allocated at once.
const block = 256

// take returns the next zero node of a block, allocating a block when
// free is used up.
func take[T any](free *[]T) *T {
	if len(*free) == 0 {
		*free = make([]T, block)
	}
	n := &(*free)[0]
	*free = (*free)[1:]
	return n
}

// newText is etree.NewText from a block.
func (s *scanner) newText(txt string) *etree.CharData {
	c := take(&s.texts)
	c.Data = txt
	return c
}

// newElement is etree.NewElement of a name without prefix, from a block.
func (s *scanner) newElement(local string) *etree.Element {
	if len(s.elems) == 0 { // Document.Line finds the elements here
		s.elems = make([]etree.Element, block)
		s.doc.blocks = append(s.doc.blocks, s.elems)
	}
	e := take(&s.elems)
	e.Tag = local
	e.Attr = make([]etree.Attr, 0) // as NewElement: empty, not nil, and no allocation
	e.Child = make([]etree.Token, 0)
	return e
}

// children returns an empty slice of capacity n, from a block.
func (s *scanner) children(n int) []etree.Token {
	if n > block {
		return make([]etree.Token, 0, n)
	}
	if len(s.tokens) < n {
		s.tokens = make([]etree.Token, 4*block)
	}
	c := s.tokens[:0:n]
	s.tokens = s.tokens[n:]
	return c
}

// add makes t the next child of the element open last.
func (s *scanner) add(t etree.Token) {
	d := len(s.stack) - 1
	s.kids[d] = append(s.kids[d], t)
}

// decode turns raw text or an attribute value into its characters:
// references replaced, line ends normalised (and, in attributes, white
// space), every character checked against XML's Char production.
func (s *scanner) decode(raw []byte, at int, attr bool) (string, error) {
	special := bytes.IndexByte(raw, '&') >= 0 || bytes.IndexByte(raw, '\r') >= 0
	if attr && !special {
		special = bytes.IndexByte(raw, '\n') >= 0 || bytes.IndexByte(raw, '\t') >= 0
	}
	out := raw
	if special {
		b := s.buf[:0]
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			switch {
			case c == '&':
				r, n, err := s.reference(raw[i:], at+i)
				if err != nil {
					return "", err
				}
				b = utf8.AppendRune(b, r)
				i += n - 1
			case c == '\r':
				if i+1 < len(raw) && raw[i+1] == '\n' {
					i++
				}
				if attr {
					b = append(b, ' ')
				} else {
					b = append(b, '\n')
				}
			case attr && (c == '\n' || c == '\t'):
				b = append(b, ' ')
			default:
				b = append(b, c)
			}
		}
		s.buf = b
		out = b
	}
	if err := s.checkChars(out, at); err != nil {
		return "", err
	}
	if attr && !special && len(out) <= 16 {
		return s.intern(out), nil // xml:lang values, mostly
	}
	if s.lim.ShareInput && !special {
		return unsafe.String(unsafe.SliceData(out), len(out)), nil // out is in s.data
	}
	return string(out), nil
}

// indentation reports whether b is only spaces, tabs and line feeds: text
// that needs no decoding and recurs between elements.
func indentation(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\n' && c != '\t' {
			return false
		}
	}
	return true
}

// lineEnds returns b with "\r\n" and lone "\r" turned into "\n", as XML
// 1.0 section 2.11 does to the whole document before parsing.
func (s *scanner) lineEnds(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := s.buf[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
			continue
		}
		out = append(out, b[i])
	}
	s.buf = out
	return out
}

// reference reads the reference at the start of b ("&lt;", "&#10;",
// "&#x1F;") and returns its character and length.
func (s *scanner) reference(b []byte, at int) (rune, int, error) {
	semi := bytes.IndexByte(b, ';')
	bad := func() (rune, int, error) {
		ent := string(b)
		if semi >= 0 {
			ent = string(b[:semi+1])
		} else if len(ent) > 16 {
			ent = ent[:16] + "…"
		}
		return 0, 0, s.errAt(at, "invalid character entity %s", ent)
	}
	if semi < 0 {
		return bad()
	}
	name := b[1:semi]
	if len(name) > 0 && name[0] == '#' {
		digits, base := name[1:], 10
		if len(digits) > 0 && digits[0] == 'x' {
			digits, base = digits[1:], 16
		}
		if len(digits) == 0 {
			return bad()
		}
		for _, c := range digits {
			if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
				return bad()
			}
		}
		n, err := strconv.ParseUint(string(digits), base, 64)
		if err != nil || n > utf8.MaxRune {
			return bad()
		}
		return rune(n), semi + 1, nil
	}
	switch string(name) {
	case "lt":
		return '<', semi + 1, nil
	case "gt":
		return '>', semi + 1, nil
	case "amp":
		return '&', semi + 1, nil
	case "apos":
		return '\'', semi + 1, nil
	case "quot":
		return '"', semi + 1, nil
	}
	return bad()
}

// checkChars refuses invalid UTF-8 and characters outside XML's Char
// production (control characters, U+FFFE, U+FFFF).
func (s *scanner) checkChars(b []byte, at int) error {
	const ones = 0x0101010101010101
	for i := 0; i < len(b); {
		// Eight printable ASCII bytes at a time (a byte below 0x20 borrows
		// into its top bit): the base64 of certificates is most of a list.
		if i+8 <= len(b) {
			if w := binary.LittleEndian.Uint64(b[i:]); w&(0x80*ones) == 0 && (w-0x20*ones)&^w&(0x80*ones) == 0 {
				i += 8
				continue
			}
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return s.errAt(at, "illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return s.errAt(at, "invalid UTF-8")
		}
		if r == 0xFFFE || r == 0xFFFF {
			return s.errAt(at, "illegal character code %U", r)
		}
		i += n
	}
	return nil
}

// name reads an XML name at s.pos, as encoding/xml does: the bytes up to
// the first ASCII byte that cannot be in a name, then checked.
func (s *scanner) name() (string, bool) {
	d := s.data
	start := s.pos
	ascii := true
	for s.pos < len(d) {
		c := d[s.pos]
		if c >= utf8.RuneSelf {
			ascii = false
		} else if !isNameByte(c) {
			break
		}
		s.pos++
	}
	n := d[start:s.pos]
	if len(n) == 0 {
		return "", false
	}
	if ascii {
		// ASCII names may start with a letter, '_' or ':'.
		if c := n[0]; c == '-' || c == '.' || '0' <= c && c <= '9' {
			return "", false
		}
		return s.intern(n), true
	}
	if !validName(n) {
		return "", false
	}
	return s.intern(n), true
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// validName checks a name with non-ASCII letters against the XML Name
// production, through encoding/xml's own tables (rare: trusted lists use
// ASCII names).
func validName(n []byte) bool {
	if !utf8.Valid(n) {
		return false
	}
	t, err := xml.NewDecoder(bytes.NewReader(append(append([]byte("<"), n...), "/>"...))).RawToken()
	se, ok := t.(xml.StartElement)
	sp, lo := splitName(string(n))
	return err == nil && ok && se.Name == xml.Name{Space: sp, Local: lo}
}

// splitName splits a qualified name as encoding/xml does: one colon with
// text on both sides makes a prefix, otherwise the whole is the local
// name. More than one colon is not a name.
func splitName(n string) (space, local string) {
	if p, l, ok := strings.Cut(n, ":"); ok && p != "" && l != "" {
		return p, l
	}
	return "", n
}

// qualifiedName reads a name with at most one colon.
func (s *scanner) qualifiedName() (space, local string, ok bool) {
	n, ok := s.name()
	if !ok || strings.Count(n, ":") > 1 {
		return "", "", false
	}
	space, local = splitName(n)
	return space, local, true
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) startTag(start int) error {
	d := s.data
	s.pos = start + 1
	space, local, ok := s.qualifiedName()
	if !ok {
		if s.pos >= len(d) {
			return s.eof()
		}
		return s.errAt(s.pos, "expected element name after <")
	}
	line := s.lineOf(start)
	if strings.IndexByte(local, ':') >= 0 {
		// ":a" or "a:": not namespace-well-formed (the tree could not
		// name it back).
		return &Error{Line: line, Msg: fmt.Sprintf("element name %q is not a qualified name", local)}
	}
	if len(s.stack) == 0 && s.sawRoot {
		return &Error{Line: line, Msg: "more than one root element"}
	}
	s.sawRoot = true
	s.elements++
	if s.elements > s.lim.MaxElements {
		return &Error{Line: line, Msg: fmt.Sprintf("more than %d elements", s.lim.MaxElements)}
	}
	if len(s.stack) >= s.lim.MaxDepth {
		return &Error{Line: line, Msg: fmt.Sprintf("elements nested deeper than %d", s.lim.MaxDepth)}
	}
	var e *etree.Element
	if len(s.stack) == 0 {
		e = s.doc.CreateElement(local)
		s.doc.root = e
	} else {
		e = s.newElement(local)
		s.add(e)
	}
	e.Space = space
	s.doc.starts = append(s.doc.starts, uint32(min(line, math.MaxUint32)))
	s.attrs = s.attrs[:0]
	for {
		s.space()
		if s.pos >= len(d) {
			return s.eof()
		}
		switch d[s.pos] {
		case '/':
			if s.pos+1 >= len(d) {
				return s.eof()
			}
			if d[s.pos+1] != '>' {
				return s.errAt(s.pos, "expected /> in element")
			}
			s.pos += 2
			return s.checkAttrCount(e, line) // empty: never on the stack
		case '>':
			s.pos++
			if err := s.checkAttrCount(e, line); err != nil {
				return err
			}
			s.stack = append(s.stack, e)
			if len(s.kids) < len(s.stack) {
				s.kids = append(s.kids, nil)
			}
			s.kids[len(s.stack)-1] = s.kids[len(s.stack)-1][:0]
			return nil
		}
		aspace, alocal, ok := s.qualifiedName()
		if !ok {
			if s.pos >= len(d) {
				return s.eof()
			}
			return s.errAt(s.pos, "expected attribute name in element")
		}
		s.space()
		if s.pos >= len(d) {
			return s.eof()
		}
		if d[s.pos] != '=' {
			return s.errAt(s.pos, "attribute name without = in element")
		}
		s.pos++
		s.space()
		if s.pos >= len(d) {
			return s.eof()
		}
		q := d[s.pos]
		if q != '"' && q != '\'' {
			return s.errAt(s.pos, "unquoted or missing attribute value in element")
		}
		vstart := s.pos + 1
		vend := bytes.IndexByte(d[vstart:], q)
		if vend < 0 {
			return s.eof()
		}
		vend += vstart
		raw := d[vstart:vend]
		if i := bytes.IndexByte(raw, '<'); i >= 0 {
			return s.errAt(vstart+i, "unescaped < inside quoted string")
		}
		s.pos = vend + 1
		val, err := s.decode(raw, vstart, true)
		if err != nil {
			return err
		}
		qn := alocal
		if aspace != "" {
			qn = aspace + ":" + alocal
		}
		for _, seen := range s.attrs {
			if seen == qn {
				return &Error{Line: line, Msg: fmt.Sprintf("attribute %s repeated on <%s>", qn, local)}
			}
		}
		s.attrs = append(s.attrs, qn)
		e.CreateAttr(qn, val)
	}
}

func (s *scanner) checkAttrCount(e *etree.Element, line int) error {
	if len(s.attrs) > s.lim.MaxAttrs {
		return &Error{Line: line, Msg: fmt.Sprintf("element <%s> has more than %d attributes", e.Tag, s.lim.MaxAttrs)}
	}
	return nil
}

func (s *scanner) endTag(start int) error {
	d := s.data
	s.pos = start + 2
	space, local, ok := s.openName()
	if !ok {
		space, local, ok = s.qualifiedName()
	}
	if !ok {
		if s.pos >= len(d) {
			return s.eof()
		}
		return s.errAt(s.pos, "expected element name after </")
	}
	s.space()
	if s.pos >= len(d) {
		return s.eof()
	}
	if d[s.pos] != '>' {
		return s.errAt(s.pos, "invalid characters between </%s and >", local)
	}
	s.pos++
	line := s.lineOf(start)
	if len(s.stack) == 0 {
		return &Error{Line: line, Msg: "unexpected end element"}
	}
	top := s.stack[len(s.stack)-1]
	if top.Space != space || top.Tag != local {
		n := local
		if space != "" {
			n = space + ":" + local
		}
		return &Error{Line: line, Msg: fmt.Sprintf("element <%s> closed by </%s>", top.FullTag(), n)}
	}
	if kids := s.kids[len(s.stack)-1]; len(kids) > 0 {
		top.Child = s.children(len(kids))
		for i, t := range kids {
			top.AddChild(t)
			kids[i] = nil // the scratch holds no tree
		}
	}
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.doc.RootEnd = start
	}
	return nil
}

// openName reads the name of the element open last, if it comes next
// and whole: the name an end tag must have, read without looking it up.
func (s *scanner) openName() (space, local string, ok bool) {
	if len(s.stack) == 0 {
		return "", "", false
	}
	top := s.stack[len(s.stack)-1]
	d := s.data[s.pos:]
	n := 0
	if top.Space != "" {
		n = len(top.Space) + 1
		if len(d) < n || string(d[:n-1]) != top.Space || d[n-1] != ':' {
			return "", "", false
		}
	}
	if len(d) < n+len(top.Tag) || string(d[n:n+len(top.Tag)]) != top.Tag {
		return "", "", false
	}
	n += len(top.Tag)
	if len(d) > n && (d[n] >= utf8.RuneSelf || isNameByte(d[n])) {
		return "", "", false // a longer name
	}
	s.pos += n
	return top.Space, top.Tag, true
}

func (s *scanner) procInst(start int) error {
	d := s.data
	s.pos = start + 2
	target, ok := s.name()
	if !ok {
		if s.pos >= len(d) {
			return s.eof()
		}
		return s.errAt(s.pos, "expected target name after <?")
	}
	s.space()
	end := bytes.Index(d[s.pos:], []byte("?>"))
	if end < 0 {
		return s.eof()
	}
	inst := s.lineEnds(d[s.pos : s.pos+end])
	s.pos += end + 2
	if target == "xml" {
		content := string(inst)
		if v := procInstParam("version", content); v != "" && v != "1.0" {
			return s.errAt(start, "unsupported version %q; only version 1.0 is supported", v)
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			if l := strings.ToLower(enc); l != "us-ascii" && l != "ascii" {
				return s.errAt(start, "encoding %q is not supported: trusted lists are UTF-8 (TS 119 612 clause 5.1.1)", enc)
			}
		}
		if len(s.stack) > 0 || s.sawRoot {
			return s.errAt(start, "XML declaration not at the start")
		}
		return nil
	}
	if len(s.stack) == 0 {
		s.doc.CreateProcInst(target, string(inst))
	} else {
		s.add(etree.NewProcInst(target, string(inst)))
	}
	return nil
}

// procInstParam returns the value of param in an XML declaration, as
// encoding/xml reads it.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// bang reads what starts with "<!": a comment, a CDATA section, or a
// declaration, which is refused.
func (s *scanner) bang(start int) error {
	d := s.data
	rest := d[start+2:]
	switch {
	case bytes.HasPrefix(rest, []byte("--")):
		body := start + 4
		end := bytes.Index(d[body:], []byte("--"))
		if end < 0 {
			return s.eof()
		}
		end += body
		if end+2 >= len(d) {
			return s.eof()
		}
		if d[end+2] != '>' {
			return s.errAt(end, `invalid sequence "--" not allowed in comments`)
		}
		s.pos = end + 3
		c := string(s.lineEnds(d[body:end]))
		if len(s.stack) == 0 {
			s.doc.CreateComment(c)
		} else {
			s.add(etree.NewComment(c))
		}
		return nil
	case len(rest) < 2 && bytes.HasPrefix([]byte("--"), rest):
		return s.eof()
	case rest[0] == '-':
		return s.errAt(start, "invalid sequence <!- not part of <!--")
	case rest[0] == '[':
		if len(rest) < 7 && bytes.HasPrefix([]byte("[CDATA["), rest) {
			return s.eof()
		}
		if !bytes.HasPrefix(rest, []byte("[CDATA[")) {
			return s.errAt(start, "invalid <![ sequence")
		}
		body := start + 9
		end := bytes.Index(d[body:], []byte("]]>"))
		if end < 0 {
			return s.errAt(len(d), "unexpected EOF in CDATA section")
		}
		end += body
		s.pos = end + 3
		raw := s.lineEnds(d[body:end])
		if err := s.checkChars(raw, body); err != nil {
			return err
		}
		txt := string(raw)
		if len(s.stack) == 0 {
			if len(strings.TrimSpace(txt)) > 0 {
				return s.errAt(start, "text outside the root element")
			}
			return nil
		}
		s.add(s.newText(txt))
		return nil
	}
	return s.errAt(start, "DOCTYPE and other <! declarations are refused: no DTD or entity is ever processed")
}
