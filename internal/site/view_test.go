package site

import (
	"bytes"
	"encoding/base64"
	"testing"
)

// TestDataURI: written in pieces, the data: URI is the whole encoding,
// for every length around the pieces' size and its padding.
func TestDataURI(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 767, 768, 769, 770, 1535, 1536, 1537, 4000} {
		der := bytes.Repeat([]byte{0xfb, 0xef, 0x01}, n/3+1)[:n]
		want := "data:application/pkix-cert;base64," + base64.StdEncoding.EncodeToString(der)
		if got := string(certView{der: der}.Download()); got != want {
			t.Errorf("%d bytes: %q, want %q", n, got, want)
		}
	}
}
