package xmldoc

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/testtool"
)

// sameParse parses data with the scanner and the reference and reports
// how they differ: in the decision to accept, in the tree, or in the line
// of an element.
func sameParse(t *testing.T, name string, data []byte, lim Limits) {
	t.Helper()
	got, gerr := ParseBytes(data, lim)
	want, werr := referenceParse(bytes.NewReader(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})), lim.withDefaults())
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("%s: scanner error %v, reference error %v", name, gerr, werr)
	}
	if gerr != nil {
		return
	}
	a, _ := got.WriteToBytes()
	b, _ := want.WriteToBytes()
	if !bytes.Equal(a, b) {
		t.Fatalf("%s: trees differ:\nscanner   %.300q\nreference %.300q", name, a, b)
	}
	lim.ShareInput = true
	shared, err := ParseBytes(data, lim)
	if err != nil {
		t.Fatalf("%s: with ShareInput: %v", name, err)
	}
	if c, _ := shared.WriteToBytes(); !bytes.Equal(a, c) {
		t.Fatalf("%s: trees differ with ShareInput:\nshared    %.300q\nreference %.300q", name, c, b)
	}
	var ga, wa []*etree.Element
	walk(got.Root(), &ga)
	walk(want.Root(), &wa)
	for i := range ga {
		if got.Line(ga[i]) != want.Line(wa[i]) {
			t.Fatalf("%s: <%s> at line %d, reference %d", name, ga[i].FullTag(), got.Line(ga[i]), want.Line(wa[i]))
		}
	}
}

func walk(e *etree.Element, out *[]*etree.Element) {
	*out = append(*out, e)
	for _, c := range e.ChildElements() {
		walk(c, out)
	}
}

// TestScannerMatchesReference holds the scanner to encoding/xml's
// tokeniser on every real list and on small cases of each construct.
func TestScannerMatchesReference(t *testing.T) {
	for _, f := range testtool.Corpus(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameParse(t, filepath.Base(f), data, Limits{})
	}
	for _, c := range []string{
		`<a xmlns:x="u"><x:b c="d">t<!--c--><?p i?></x:b></a>`,
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<a>\r\nx\ry&lt;&#65;&#x42;&amp;&apos;&quot;&gt;</a>",
		"<a><![CDATA[<x>&amp;\r\n]]>tail</a>",
		"<a b='1'c=\"2\"/>",
		"<a:b:c/>", "<:a/>", "<a:/>", "<a ::b='1'/>",
		"<a>]]></a>", "<a>]]&gt;</a>", "<a>&#0;</a>", "<a>&#xFFFE;</a>", "<a>&#xD800;</a>", "<a>&#1114112;</a>",
		"<a>&#00000000000000000000065;</a>", "<a>&#x;</a>", "<a>&#12a;</a>", "<a>&nope;</a>", "<a>&lt</a>", "<a>&</a>",
		"<a>\x01</a>", "<a>\xff</a>", "<a>\uFFFF</a>", "<a><!-- a -- b --></a>", "<a><!----></a>", "<a><!---></a>",
		"<a><!- x --></a>", "<a><![CDAT[x]]></a>", "<a><![CDATA[x</a>", "<a><?xml version='1.0'?></a>",
		"<?xml version='1.1'?><a/>", "<?xml encoding='us-ascii'?><a/>", "<?xml encoding=\"Shift_JIS\"?><a/>",
		"<a x='<'/>", "<a x='1' x='2'/>", "<a x/>", "<a x=1/>", "<a></b>", "</a>", "<a/></a>", "<a/>  \n ",
		"<a/>x", " <a/>", "<!-- c --><a/><!-- d --><?p?>", "<a", "<", "<a x='1", "<a>text", "<a/",
		"<é/>", "<a é='1'/>", "<\u00b7/>", "<a\u0300/>", "<a></a >", "<a></a x>", "<?xml?><a/>", "<? x?><a/>",
		"\ufeff<a/>", "<a>&#x9;&#xA;&#xD;</a>", "<a>\u0085\u00a0</a>", "<!DOCTYPE a><a/>", "<!",
		// End tags against the name of the element open last.
		"<a:b xmlns:a='u'></a:bc>", "<a:b xmlns:a='u'></a:b:c>", "<a:b xmlns:a='u'></a:b\n>", "<a:b xmlns:a='u'></a:b",
		"<a:b xmlns:a='u'></a>", "<a:b xmlns:a='u'></b>", "<a:b xmlns:a='u'></ab>", "<ab></a>", "<a></ab>", "<a></a:b>",
		"<a></a\u00e9>", "<\u00e9></\u00e9a>", "<a></a.>", "<a></a-b>", "<a></",
	} {
		sameParse(t, c, []byte(c), Limits{})
	}
	// A character that is not allowed, or not ASCII, at every place of
	// the words the character check reads eight bytes at a time.
	for _, c := range []string{"\x01", "\x1f", "\x7f", "\t", "\u00e9", "\uFFFE", "\xff"} {
		for at := range 18 {
			x := strings.Repeat("x", at) + c + strings.Repeat("y", 17-at)
			sameParse(t, fmt.Sprintf("%q at %d", c, at), []byte("<a>"+x+"</a>"), Limits{})
			if c != "\t" { // normalised to a space in an attribute
				sameParse(t, fmt.Sprintf("%q at %d in a value", c, at), []byte("<a b='"+x+"'/>"), Limits{})
			}
		}
	}
	// More distinct names, short values and indentations than the
	// scanner interns: past its table, strings are made as before.
	var b strings.Builder
	b.WriteString("<a>")
	for i := range 2 * maxInterned {
		fmt.Fprintf(&b, "\n%s<n%d v%d='%d' xml:lang='l%d'>%s</n%d>", strings.Repeat(" ", i%200), i, i, i, i, strings.Repeat("\t", i%150), i)
	}
	b.WriteString("</a>")
	sameParse(t, "many names", []byte(b.String()), Limits{})
}

// literalWS finds attribute values with a literal tab, line feed or
// carriage return: the scanner normalises those to spaces (XML 1.0
// section 3.3.3) where encoding/xml keeps them.
var literalWS = regexp.MustCompile("=\\s*(\"[^\"]*[\t\n\r][^\"]*\"|'[^']*[\t\n\r][^']*')")

// crInMarkup finds a carriage return inside a comment or processing
// instruction, where the scanner normalises line ends (XML 1.0 section
// 2.11) and encoding/xml does not.
var crInMarkup = regexp.MustCompile(`(?s)(<!--|<\?).*\r`)

// FuzzScanner compares the scanner with the reference on any input.
func FuzzScanner(f *testing.F) {
	f.Add([]byte(`<a xmlns:x="u"><x:b c="d&amp;">t<!--c--><?p i?><![CDATA[z]]></x:b></a>`))
	f.Add([]byte("<?xml version=\"1.0\"?>\r\n<a>&#65;\r</a>"))
	for _, p := range []string{"testdata/*.xml", "../verify/testdata/*.xml", "../tsl/testdata/*.xml"} {
		m, _ := filepath.Glob(p)
		for _, file := range m {
			if b, err := os.ReadFile(file); err == nil && len(b) < 1<<16 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if literalWS.Match(data) || crInMarkup.Match(data) {
			return
		}
		sameParse(t, "fuzz", data, Limits{MaxBytes: 1 << 20})
	})
}

// BenchmarkParse compares the scanner with the reference on the largest
// corpus lists.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"IT_v6_seq223_2026-07-27.xml", "CZ_v6_seq181_2026-08-09.xml"} {
		data, err := os.ReadFile(filepath.Join(testtool.Shared(), "corpus", "tl", name))
		if err != nil {
			b.Skip(err)
		}
		b.Run("scanner/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseBytes(data, Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("reference/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := referenceParse(bytes.NewReader(data), DefaultLimits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestAttributeNormalisation: literal white space in an attribute value
// becomes a space, a character reference stays what it references (XML
// 1.0 section 3.3.3), as libxml2 and so xmlsec1 read it.
func TestAttributeNormalisation(t *testing.T) {
	d, err := ParseBytes([]byte("<a x=\"1\t2\n3\r\n4&#10;5&#9;6\"/>"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Root().SelectAttrValue("x", ""), "1 2 3 4\n5\t6"; got != want {
		t.Errorf("x = %q, want %q", got, want)
	}
}
