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
	data, err := os.ReadFile(filepath.Join("testdata", "small.golden.xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	const open, end = "<tsl:TrustServiceProvider>", "</tsl:TrustServiceProvider>"
	i, j := strings.Index(s, open), strings.Index(s, end)+len(end)
	if i < 0 || j < i {
		t.Fatal("no TrustServiceProvider in the golden list")
	}
	tsp := s[i:j]
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
	var b strings.Builder
	const n = 60
	for k := range n {
		fmt.Fprintf(&b, "%s\n    ", breaks[k%len(breaks)](tsp))
	}
	doc := s[:i] + b.String() + s[j:]

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
