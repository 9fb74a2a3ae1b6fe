package mirror

import "bytes"

// indent joins parts, pieces of one compact JSON text as encoding/json
// writes it (no whitespace outside strings, no string split across
// pieces), indented by two spaces exactly as json.Indent(dst, src, "",
// "  ") does. It sizes the result first so that it allocates once, and
// skips through strings with IndexByte rather than json's byte-by-byte
// scanner.
func indent(parts [][]byte) []byte {
	var in indenter
	n := 0
	for _, p := range parts {
		n += in.size(p)
	}
	in = indenter{}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = in.append(out, p)
	}
	return out
}

// An indenter carries the nesting from one piece to the next.
type indenter struct {
	depth int
	open  bool // just after { or [: an empty one stays {} or []
}

// stringEnd returns the index of the quote that closes the string
// opening at src[i], or len(src)-1 if it is not closed.
func stringEnd(src []byte, i int) int {
	j := i + 1
	for {
		k := bytes.IndexByte(src[j:], '"')
		if k < 0 {
			return len(src) - 1
		}
		j += k
		// The quote closes the string unless an odd number of
		// backslashes escapes it.
		n := 0
		for b := j - 1; b > i && src[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return j
		}
		j++
	}
}

// size returns how many bytes append adds for src.
func (in *indenter) size(src []byte) int {
	size := len(src)
	for i := 0; i < len(src); i++ {
		c := src[i]
		if in.open && c != '}' && c != ']' {
			in.open = false
			in.depth++
			size += 1 + 2*in.depth
		}
		switch c {
		case '"':
			i = stringEnd(src, i)
		case '{', '[':
			in.open = true
		case '}', ']':
			if in.open {
				in.open = false
			} else {
				in.depth--
				size += 1 + 2*in.depth
			}
		case ',':
			size += 1 + 2*in.depth
		case ':':
			size++
		}
	}
	return size
}

// append appends the indented src to dst.
func (in *indenter) append(dst, src []byte) []byte {
	newline := func(dst []byte, depth int) []byte {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
		return dst
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if in.open && c != '}' && c != ']' {
			in.open = false
			in.depth++
			dst = newline(dst, in.depth)
		}
		switch c {
		case '"':
			j := stringEnd(src, i)
			dst = append(dst, src[i:j+1]...)
			i = j
			continue
		case '{', '[':
			in.open = true
		case '}', ']':
			if in.open {
				in.open = false
			} else {
				in.depth--
				dst = newline(dst, in.depth)
			}
		case ',':
			dst = newline(append(dst, ','), in.depth)
			continue
		case ':':
			dst = append(dst, ':', ' ')
			continue
		}
		dst = append(dst, c)
	}
	return dst
}
