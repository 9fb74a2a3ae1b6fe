package tsl

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jtsl/jtsl/internal/xmldoc"
)

// TestDecodeTSPsWorkers: a list with errors in many TSPs decodes to the
// same model and the same findings, in the same order and at the same
// lines, on one goroutine and on several.
func TestDecodeTSPsWorkers(t *testing.T) {
	// Each TSP breaks in one of several ways, some in more than one place.
	breaks := []func(string) string{
		func(x string) string {
			return strings.Replace(x, "<tsl:X509Certificate>MII", "<tsl:X509Certificate>!!", 1)
		},
		func(x string) string { return strings.Replace(x, "2024-01-01T00:00:00Z", "yesterday", -1) },
		func(x string) string {
			return strings.Replace(strings.Replace(x, "<tsl:TSPName>", "<tsl:TSPNom>", 1), "</tsl:TSPName>", "</tsl:TSPNom>", 1)
		},
		func(x string) string {
			return strings.Replace(x, "<tsl:TSPServices>", "<tsl:TSPServices>stray text", 1)
		},
		func(x string) string { return x },
	}
	const n = 60
	doc := manyTSPs(t, n, breaks)

	decode := func(workers int) (any, string) {
		t.Helper()
		decodeWorkers = workers
		defer func() { decodeWorkers = 0 }()
		l, d, err := Decode([]byte(doc), DecodeOptions{File: "many.xml", Limits: xmldoc.Own([]byte(doc))})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		for _, x := range d {
			fmt.Fprintf(&out, "%s:%d: %v %s: %s\n", x.Pos.File, x.Pos.Line, x.Severity, x.Path, x.Message)
		}
		return l, out.String()
	}
	l1, d1 := decode(1)
	broken := map[int]bool{}
	for k := range n {
		if strings.Contains(d1, fmt.Sprintf("/TrustServiceProvider[%d]/", k+1)) {
			broken[k] = true
		}
	}
	if len(broken) < n*(len(breaks)-1)/len(breaks) {
		t.Fatalf("findings in %d TSPs, want at least %d:\n%s", len(broken), n*(len(breaks)-1)/len(breaks), d1)
	}
	for _, w := range []int{2, 3, 7} {
		l, d := decode(w)
		if d != d1 {
			t.Errorf("%d workers: findings differ from one's:\n%s\nwant:\n%s", w, d, d1)
		}
		if !reflect.DeepEqual(l, l1) {
			t.Errorf("%d workers: the model differs from one's", w)
		}
	}
}

// manyTSPs returns the golden list with its TSP repeated n times, the kth
// copy changed by edits[k%len(edits)].
func manyTSPs(tb testing.TB, n int, edits []func(string) string) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "small.golden.xml"))
	if err != nil {
		tb.Fatal(err)
	}
	s := string(data)
	const open, end = "<tsl:TrustServiceProvider>", "</tsl:TrustServiceProvider>"
	i, j := strings.Index(s, open), strings.Index(s, end)+len(end)
	if i < 0 || j < i {
		tb.Fatal("no TrustServiceProvider in the golden list")
	}
	var b strings.Builder
	for k := range n {
		fmt.Fprintf(&b, "%s\n    ", edits[k%len(edits)](s[i:j]))
	}
	return s[:i] + b.String() + s[j:]
}

// BenchmarkDecodeDocumentWorkers measures the decode alone (no parse) of
// 2 000 TSPs on one goroutine and on GOMAXPROCS.
func BenchmarkDecodeDocumentWorkers(b *testing.B) {
	data := []byte(manyTSPs(b, 2000, []func(string) string{func(x string) string { return x }}))
	doc, err := Parse(data, "bench.xml", xmldoc.Own(data))
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			decodeWorkers = w
			defer func() { decodeWorkers = 0 }()
			b.ReportAllocs()
			for b.Loop() {
				if _, d := DecodeDocument(doc, DecodeOptions{}); d.HasErrors() {
					b.Fatal(d)
				}
			}
		})
	}
}
