package jsonvalue

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestAppendString holds AppendString to encoding/json without HTML
// escaping: what JSON and HTML escape, control characters, non-ASCII text,
// the line and paragraph separators, invalid UTF-8 and surrogates.
func TestAppendString(t *testing.T) {
	for _, s := range []string{
		"", "plain", "plain https://example.org/a?b=c&d=<e>", "MIIB+/=", `"quoted" \back\slash`,
		"<a href='x'>&amp;</a>", "\x00\x01\x1f\b\f\n\r\t\x7f", "日本語の名称 é", "\u2028\u2029\u202a",
		"bad \xff\xfe utf-8 \xe6\x97", "\xed\xa0\x80 surrogate", "end\\", "~ and space ",
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		got := AppendString([]byte("x"), s)
		if w := append([]byte("x"), bytes.TrimSuffix(want.Bytes(), []byte("\n"))...); !bytes.Equal(got, w) {
			t.Errorf("AppendString(%q) = %s, want %s", s, got, w)
		}
	}
}
