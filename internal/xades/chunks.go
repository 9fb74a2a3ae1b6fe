package xades

import "io"

// chunkSize is the size of the blocks chunks fills: large enough that a
// list of tens of megabytes is a few dozen blocks.
const chunkSize = 1 << 20

// chunks collects written bytes in fixed blocks, so that a document of
// unknown size is held without the copies and the doubled capacity of a
// growing buffer; the caller copies it once into its final place.
type chunks struct {
	blocks [][]byte
	n      int
}

func (c *chunks) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if len(c.blocks) == 0 || len(c.blocks[len(c.blocks)-1]) == chunkSize {
			c.blocks = append(c.blocks, make([]byte, 0, chunkSize))
		}
		last := &c.blocks[len(c.blocks)-1]
		k := min(len(p), chunkSize-len(*last))
		*last = append(*last, p[:k]...)
		p = p[k:]
	}
	c.n += n
	return n, nil
}

func (c *chunks) WriteString(s string) (int, error) {
	return c.Write([]byte(s))
}

// Len returns the number of bytes written.
func (c *chunks) Len() int { return c.n }

// visit calls f on the written bytes in [from, to), in order.
func (c *chunks) visit(from, to int, f func([]byte)) {
	for i, b := range c.blocks {
		start := i * chunkSize
		lo, hi := max(from-start, 0), min(to-start, len(b))
		if lo < hi {
			f(b[lo:hi])
		}
	}
}

// WriteRangeTo writes the bytes in [from, to) to w.
func (c *chunks) WriteRangeTo(w io.Writer, from, to int) {
	c.visit(from, to, func(b []byte) { w.Write(b) })
}

// AppendRange appends the bytes in [from, to) to dst.
func (c *chunks) AppendRange(dst []byte, from, to int) []byte {
	c.visit(from, to, func(b []byte) { dst = append(dst, b...) })
	return dst
}
