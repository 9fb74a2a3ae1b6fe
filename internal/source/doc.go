// Package source reads and writes the sources of a trusted list: the
// reviewed YAML files (scheme.yaml, tsps/*.yaml) and the certificates they
// name (certs/: PEM, or DER named .cer or .crt).
//
// Load validates every file against the embedded JSON Schemas (package
// schema) and reports each problem with file, line, column and field path,
// mapped back from the JSON pointer to the yaml.v3 node; unknown keys are
// errors, so a typo never drops data silently. It then builds the model:
// languages in the order written, service history derived from the dated
// status list (TS 119 612 clause 5.6), digital identities derived from
// the certificates (clause 5.5.3). As it builds, it records where each
// model value was written (Set.Loc), so that lint reports at the line a
// person wrote without knowing the YAML layout. Write does the reverse for
// import, so that Load(Write(m)) gives m back.
//
// The sources are reviewed input but still treated with care: file sizes,
// YAML aliases and nesting are bounded, text must be UTF-8 without NUL or
// control characters, a key given twice is an error (yaml.v3 keeps both and
// a lookup would take the first while a reader takes the last), and
// certificate paths may not leave the folder. Files in the plain layout
// sources are written in are read into yaml.v3's nodes by a reader of
// that layout alone (parseFast, held to yaml.v3 by a differential test
// and a fuzz target); anything else, and every error, is yaml.v3's.
// Nothing is skipped without a
// word: a file under tsps/ that is not read and a file under certs/ that no
// source names are reported.
package source
