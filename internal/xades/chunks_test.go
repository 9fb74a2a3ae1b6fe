package xades

import (
	"bytes"
	"testing"
)

func TestChunks(t *testing.T) {
	var want []byte
	for i := range 3*chunkSize + 17 {
		want = append(want, byte(i*7))
	}
	tests := []struct {
		name   string
		writes []int // sizes of successive writes
	}{
		{"one write", []int{len(want)}},
		{"block sized", []int{chunkSize, chunkSize, chunkSize, 17}},
		{"across blocks", []int{chunkSize - 1, 2, chunkSize + 5, len(want) - 2*chunkSize - 6}},
		{"small", []int{1, 2, 3, len(want) - 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c chunks
			p := want
			for _, n := range tt.writes {
				if k, _ := c.Write(p[:n]); k != n {
					t.Fatalf("wrote %d of %d", k, n)
				}
				p = p[n:]
			}
			if c.Len() != len(want) {
				t.Fatalf("Len %d, want %d", c.Len(), len(want))
			}
			for _, r := range [][2]int{{0, len(want)}, {0, 0}, {5, chunkSize + 3}, {chunkSize, 2 * chunkSize}, {chunkSize - 1, chunkSize + 1}, {len(want) - 3, len(want)}} {
				if got := c.AppendRange([]byte("x"), r[0], r[1]); !bytes.Equal(got[1:], want[r[0]:r[1]]) || got[0] != 'x' {
					t.Errorf("AppendRange%v differs", r)
				}
				var b bytes.Buffer
				c.WriteRangeTo(&b, r[0], r[1])
				if !bytes.Equal(b.Bytes(), want[r[0]:r[1]]) {
					t.Errorf("WriteRangeTo%v differs", r)
				}
			}
		})
	}
}
