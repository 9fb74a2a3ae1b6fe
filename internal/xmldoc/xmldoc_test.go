package xmldoc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"

	"github.com/jtsl/jtsl/internal/testtool"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		lim            Limits
	}{
		{"doctype", "<!DOCTYPE a [<!ENTITY x 'y'>]>\n<a>&x;</a>", "DOCTYPE", Limits{}},
		{"undefined entity", "<a>&x;</a>", "entity", Limits{}},
		{"mismatched", "<a><b></a>", "", Limits{}},
		{"two roots", "<a/><b/>", "more than one root", Limits{}},
		{"text outside", "<a/>junk", "text outside", Limits{}},
		{"unclosed", "<a><b>", "", Limits{}},
		{"empty", "", "no root", Limits{}},
		{"latin1", `<?xml version="1.0" encoding="ISO-8859-1"?><a/>`, "not supported", Limits{}},
		{"depth", "<a><a><a><a></a></a></a></a>", "nested deeper", Limits{MaxDepth: 3}},
		{"elements", "<a><b/><b/><b/></a>", "more than 3 elements", Limits{MaxElements: 3}},
		{"attrs", `<a x="1" y="2" z="3"/>`, "more than 2 attributes", Limits{MaxAttrs: 2}},
		{"size", "<a>0123456789</a>", "exceeds the limit", Limits{MaxBytes: 10}},
		{"dup attr", `<a x="1" x="2"/>`, "", Limits{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBytes([]byte(tt.in), tt.lim)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want *Error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLinesAndBOM(t *testing.T) {
	in := "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<a>\n  <b/>\n  <c>x</c>\n</a>\n"
	d, err := ParseBytes([]byte(in), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Line(d.Root()); got != 2 {
		t.Errorf("root line %d", got)
	}
	if got := d.Line(d.Root().SelectElement("c")); got != 4 {
		t.Errorf("c line %d", got)
	}
}

// TestLineConcurrent asks for lines from several goroutines at once, as
// the self-verification of a build does (signature and content checked
// concurrently); elements added after parsing have no line.
func TestRootEnd(t *testing.T) {
	tests := []struct {
		in   string
		want int // the offset of the root's end tag, -1 for none
	}{
		{`<a><b></b></a>`, 10},
		{"<?xml version=\"1.0\"?>\n<p:a xmlns:p=\"u\"><p:b/>\n</p:a >\n", 46},
		{"\xEF\xBB\xBF<a>x</a>", 7},                         // the mark counts: an offset in the bytes given
		{`<a><!-- </a> --></a><!-- </a> --><?p </a>?>`, 16}, // not the last "</a>"
		{`<a/>`, -1},
	}
	for _, tt := range tests {
		d, err := ParseBytes([]byte(tt.in), Limits{})
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if d.RootEnd != tt.want {
			t.Errorf("%q: RootEnd %d, want %d", tt.in, d.RootEnd, tt.want)
		}
		if tt.want >= 0 && !strings.HasPrefix(tt.in[tt.want:], "</"+d.Root().FullTag()) {
			t.Errorf("%q: no end tag of the root at %d", tt.in, tt.want)
		}
	}
}

func TestLineConcurrent(t *testing.T) {
	d, err := ParseBytes([]byte("<a>\n<b/>\n<c/>\n</a>"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	added := d.Root().CreateElement("d")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := d.Line(d.Root().SelectElement("c")); got != 3 {
				t.Errorf("c line %d", got)
			}
			if got := d.Line(added); got != 0 {
				t.Errorf("added element line %d", got)
			}
		})
	}
	wg.Wait()
}

// endless yields an endless document: refusing it must not read it all.
// TestHugeAndDeepRefused: a document over the size limit is refused
// before it is parsed, a deep one at the depth limit, not by running out
// of memory (a wall-clock bound here failed on loaded machines; the
// limits are what make it quick).
func TestHugeAndDeepRefused(t *testing.T) {
	_, err := ParseBytes(make([]byte, 1<<20+1), Limits{MaxBytes: 1 << 20})
	if err == nil || !strings.Contains(err.Error(), "exceeds the limit") {
		t.Fatalf("huge: %v", err)
	}
	deep := strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000)
	_, err = ParseBytes([]byte(deep), Limits{})
	if err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Fatalf("deep: %v", err)
	}
}

// TestCorpusC14N proves that parsing keeps everything canonicalisation
// sees: every real list canonicalises to the same bytes as etree's own
// parse of it.
func TestCorpusC14N(t *testing.T) {
	c14n := dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	for _, f := range testtool.Corpus(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseBytes(data, Limits{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		ref := etree.NewDocument()
		if err := ref.ReadFromBytes(data); err != nil {
			t.Fatal(err)
		}
		a, err1 := c14n.Canonicalize(d.Root())
		b, err2 := c14n.Canonicalize(ref.Root())
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: canonical forms differ (%v, %v)", f, err1, err2)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`<a xmlns:x="u"><x:b c="d">t<!--c--><?p i?></x:b></a>`))
	f.Add([]byte("<!DOCTYPE a><a/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseBytes(data, Limits{MaxBytes: 1 << 20})
		if err == nil {
			if _, err := d.WriteTo(io.Discard); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestShareInput: with ShareInput a text is the input's memory (a change
// to the input shows in the tree, which is why the caller makes none);
// without, the tree holds its own copy. Texts with references are
// decoded into a copy either way.
func TestShareInput(t *testing.T) {
	for _, share := range []bool{false, true} {
		data := []byte("<a><b>" + strings.Repeat("x", 200) + "</b><c>&amp;" + strings.Repeat("x", 200) + "</c></a>")
		d, err := ParseBytes(data, Limits{ShareInput: share})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range data {
			if c == 'x' {
				data[i] = 'y'
			}
		}
		if b := d.Root().SelectElement("b").Text(); (b[0] == 'y') != share {
			t.Errorf("ShareInput %v: text %.10q… after the input changed", share, b)
		}
		if c := d.Root().SelectElement("c").Text(); c[1] != 'x' {
			t.Errorf("ShareInput %v: decoded text %.10q… after the input changed", share, c)
		}
	}
}
