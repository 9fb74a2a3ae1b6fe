package source

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/jtsl/jtsl/internal/diag"
)

// yamlSyntax turns a YAML parser error into a finding in words: where
// (line and column, found again in the text, since yaml.v3 gives a line
// at best and often the line after the mistake), what is wrong and how
// to fix it. The usual slips of hand-edited YAML are recognised: a tab
// in the indentation, a quote never closed, an unclosed [ or {, a line
// indented to no level of the lines above, an unquoted ": " in a value.
func yamlSyntax(rel string, data []byte, err error) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	errLine := yamlErrLine(err)
	d := diag.Diagnostic{Rule: "yaml", Severity: diag.Error, Pos: diag.Pos{File: rel, Line: errLine}}
	lines := strings.Split(string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))), "\n")
	at := func(line, col int, what, fix string) diag.Diagnostic {
		d.Pos.Line, d.Pos.Col = line, col
		d.Message, d.Fix = what, &diag.Fix{Message: fix}
		return d
	}
	// A tab in the indentation: YAML indents with spaces only.
	for i, l := range lines {
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if j := strings.IndexByte(ind, '\t'); j >= 0 && strings.TrimSpace(l) != "" && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			return at(i+1, j+1, "a tab character indents this line; YAML indents with spaces only",
				"replace the tab with spaces (two per level, like the lines around it)")
		}
	}
	// A quote opened and not closed on its line (the parser then reads
	// to the end of the file).
	if strings.Contains(msg, "end of stream") || strings.Contains(msg, "did not find expected") || strings.Contains(msg, "could not find end") {
		for i, l := range lines {
			if col, q := unclosedQuote(l); col > 0 {
				return at(i+1, col, fmt.Sprintf("the value quoted with %c here is never closed", q),
					fmt.Sprintf("add the closing %c at the end of the value (inside a %c…%c value write %s for %c)", q, q, q, quoteEscape(q), q))
			}
		}
	}
	// An unclosed flow list or map.
	for _, br := range []struct{ open, close byte }{{'[', ']'}, {'{', '}'}} {
		if strings.Contains(msg, fmt.Sprintf("expected ',' or '%c'", br.close)) && errLine > 0 && errLine <= len(lines) {
			l := lines[errLine-1]
			col := strings.LastIndexByte(l, br.open) + 1
			return at(errLine, col, fmt.Sprintf("the %c opened here is not closed on its line", br.open),
				fmt.Sprintf("close it with %c, or write the entries one a line with \"- \"", br.close))
		}
	}
	// ": " inside a plain value.
	if strings.Contains(msg, "mapping values are not allowed") {
		line := errLine
		if line == 0 {
			line = 1
		}
		if line <= len(lines) {
			l := lines[line-1]
			if k := strings.Index(l, ": "); k >= 0 {
				if v := strings.Index(l[k+2:], ": "); v >= 0 && strings.TrimSpace(l[:k]) != "" && l[k+2] != ' ' {
					return at(line, k+3, "this value contains \": \", which YAML reads as the start of another key",
						fmt.Sprintf("quote the value: %s: \"%s\"", strings.TrimSpace(l[:k]), strings.TrimSpace(l[k+2:])))
				}
			}
		}
	}
	// A line indented to no level of the block it is in.
	if strings.Contains(msg, "did not find expected key") || strings.Contains(msg, "mapping values are not allowed") ||
		strings.Contains(msg, "did not find expected '-' indicator") || strings.Contains(msg, "did not find expected <document start>") {
		if line, col, want := badIndent(lines, errLine); line > 0 {
			return at(line, col, fmt.Sprintf("this line is indented %d spaces, which lines up with nothing above it", col-1),
				fmt.Sprintf("indent it %s, like the entry it belongs with", want))
		}
	}
	d.Message = msg + " (the YAML cannot be read)"
	d.Fix = &diag.Fix{Message: "check the indentation (spaces only, the same for entries of one block) and the quotes on this line and the one before"}
	return d
}

// unclosedQuote returns the column and quote character of a value that
// opens a quote and does not close it on its line.
func unclosedQuote(l string) (int, byte) {
	t := strings.TrimLeft(l, " -")
	if strings.HasPrefix(t, "#") {
		return 0, 0
	}
	start := len(l) - len(t)
	// The value starts after "key: " (or is the whole item of a list).
	if k := strings.Index(t, ": "); k >= 0 && t[0] != '"' && t[0] != '\'' {
		start += k + 2
	}
	v := strings.TrimLeft(l[start:], " ")
	start = len(l) - len(v)
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return 0, 0
	}
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return 0, 0
		}
	}
	return start + 1, q
}

func quoteEscape(q byte) string {
	if q == '"' {
		return `\"`
	}
	return "''"
}

// badIndent finds, from the line the parser names (the start of the
// block it was in, at times) on, the first line that steps back to an
// indentation no open block above it has.
func badIndent(lines []string, errLine int) (line, col int, want string) {
	prev := -1
	for n := max(errLine-1, 1); n <= len(lines); n++ {
		ind := indentOf(lines[n-1])
		if ind < 0 {
			continue
		}
		if prev < 0 || ind >= prev {
			prev = ind
			if n >= 2 {
				continue
			}
		}
		// The open levels: walking up, each less-indented line opens one
		// (a list item's content one more, after its "- ").
		var levels []int
		last := 1 << 30
		for i := n - 2; i >= 0 && last > 0; i-- {
			li := indentOf(lines[i])
			if li < 0 || li >= last {
				continue
			}
			t := lines[i][li:]
			for ; strings.HasPrefix(t, "- "); t = strings.TrimLeft(t[1:], " ") {
				if c := len(lines[i]) - len(strings.TrimLeft(t[1:], " ")); c < last {
					levels = append(levels, c)
				}
			}
			levels = append(levels, li)
			last = li
		}
		if !slices.Contains(levels, ind) && len(levels) > 0 {
			slices.Sort(levels)
			levels = slices.Compact(levels)
			var ws []string
			for _, lv := range levels {
				ws = append(ws, fmt.Sprint(lv))
			}
			return n, ind + 1, "by " + strings.Join(ws, " or ") + " spaces"
		}
		prev = ind
	}
	return 0, 0, ""
}

// indentOf returns the leading spaces of a line with content, or -1 for
// a blank or comment line.
func indentOf(l string) int {
	t := strings.TrimLeft(l, " ")
	if t == "" || strings.HasPrefix(t, "#") {
		return -1
	}
	return len(l) - len(t)
}
