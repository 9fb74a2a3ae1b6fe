package source

import "strings"

// Classes are the rules of the findings source.Load makes itself (the
// lint rules JTSLnnn are documented by package lint): what each means and
// how to fix it, for jtsl validate --explain.
var Classes = []struct{ ID, Title, Doc string }{
	{"yaml", "the file is not readable YAML", `The YAML parser stopped: nothing else in the file was checked. The finding
names the line and column where the mistake is, says what it is and how to
fix it. The usual ones:
  - a tab in the indentation: YAML indents with spaces only (two per level in
    these sources); replace the tab with spaces;
  - a line indented to no level of the lines above it: indent it like the
    entry it belongs with;
  - a quote opened and not closed: add the closing quote (inside "…" write \"
    for a quote, inside '…' write '');
  - a [ or { not closed on its line: close it, or write the list one entry
    a line with "- ";
  - a value holding ": " (Agency: Digital): quote the value.
Files are also refused when larger than 4 MiB, nested deeper than 64 levels,
or with more than 100 alias references.`},
	{"schema", "a field does not follow the JSON Schema of the sources", `Every file is checked against its JSON Schema (schema/scheme.schema.json,
schema/tsp.schema.json): mandatory fields, the type of each value, the form
of dates (2026-04-01T00:00:00Z), country codes (JP), language tags (en, ja),
certificate paths (certs/x.pem) and identifiers. Unknown keys are refused so
that no data is silently dropped; the finding suggests the nearest known key
when there is one. Editors with the YAML language server show the same
schema as you type (the first line of each file names it).`},
	{"encoding", "the file is not UTF-8 text", `Sources are UTF-8 text without NUL or control characters. Save the file as
UTF-8 (without a byte order mark) and remove the character at the line named.`},
	{"file", "the file cannot be read", `A source file is missing, is not a regular file (symbolic links are not
followed), or is too large. The finding names the file; check the path in
--sources and the file's type.`},
}

// Explain returns the documentation of a source finding's rule, or "".
func Explain(id string) (title, doc string) {
	for _, c := range Classes {
		if strings.EqualFold(c.ID, id) {
			return c.Title, c.Doc
		}
	}
	return "", ""
}
