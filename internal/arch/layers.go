// Package arch declares the layers of jtsl's packages, what each may
// import, and checks an import graph against them (the test holds the
// module to it and docs/architecture.md to Markdown).
//
//go:generate go test -run TestArchitectureDoc -update-docs
package arch

// A Layer is a group of packages (import paths relative to the module).
// A package may import packages of a layer of lower Rank and of its own
// layer; layers of the same Rank stand beside each other and may not
// import each other.
type Layer struct {
	Rank     int
	Name     string
	Job      string
	Packages []string
}

// Layers is the one table of the layers, bottom first. A new package
// gets a place here (the test fails until it has one); internal/lote, the
// TS 119 602 list of trusted entities, is a codec beside internal/tsl
// that reuses model's shared parts (multilingual values, addresses,
// service history, scheme information).
var Layers = []Layer{
	{0, "base", "the model, diagnostics, safe XML parsing, one-shot files, one JSON reader, a JSON Schema's verdict, embedded assets, test support",
		[]string{"internal/model", "internal/diag", "internal/xmldoc", "internal/safefile", "internal/jsonvalue", "internal/jsonverdict", "internal/version",
			"internal/samplecerts", "internal/testtool", "internal/arch", "schema", "templates"}},
	{1, "codecs", "the model to and from bytes: the list's XML, a list of trusted entities, the MRA block, canonical XML, the JSON mirror and its JWS, key material, the change report, the page",
		[]string{"internal/tsl", "internal/tsl/tsltest", "internal/lote", "internal/mra", "internal/c14n", "internal/mirror", "internal/jws", "internal/keys",
			"internal/keys/keystest", "internal/diff", "internal/site"}},
	{2, "sources and rules", "the sources (YAML) to the model, the rules over it, synthetic sources",
		[]string{"internal/source", "internal/lint", "internal/synth"}},
	{2, "signatures", "XAdES signing and verification, the one check of a signed list",
		[]string{"internal/xades", "internal/verify"}},
	{2, "files", "the output folder (release) and the reading of lists (fetch)",
		[]string{"internal/release", "internal/fetch"}},
	{3, "relying party", "the walk of lists, the lookup, MRA translation and EU qualification",
		[]string{"internal/trust"}},
	{4, "publishing", "the build, the signing station, what goes into a release",
		[]string{"internal/publish"}},
	{5, "command line", "flags, exit codes, output formats; scripts",
		[]string{"cmd/jtsl", "scripts/benchdoc", "scripts/samplecerts"}},
}

// MaxChain is the longest import chain allowed, counted in packages from
// a command to a leaf.
const MaxChain = 8
