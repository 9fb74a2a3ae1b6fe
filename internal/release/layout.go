package release

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// File names of a release (DESIGN.md, "Release layout").
const (
	FileXML      = "JP-TSL.xml"
	FileSHA2     = "JP-TSL.sha2"
	FileJSON     = "JP-TSL.json"
	FileJWS      = "JP-TSL.json.jws"
	FileHTML     = "index.html"
	FileSigner   = "tlso.pem"
	FileManifest = "manifest.json"
	FileHeaders  = "_headers"
	FileSchema   = "jtsl-mirror.schema.json"
	DirHistory   = "history"
	// The mutual recognition files (internal/publish/mra.go): the pointer
	// the EC would put in its AdES LOTL, and the equivalence table.
	FileMRAPointer   = "mra/JP-pointer.xml"
	FileEquivalences = "mra/equivalences.json"
	// FileNotes holds what the sources say of their certificates that a
	// list has no place for (sample or where taken from), shown on the
	// page: a release file, so that a change to it is a change.
	FileNotes = "notes.json"
	// DirLoTE holds the lists of trusted entities (internal/publish/lote.go).
	DirLoTE = "lote"
)

// contentTypes is the one table of media types: it feeds manifest.json and
// the _headers file. The list's type is TS 119 612 clause 6.2.1.1.
var contentTypes = map[string]string{
	".xml":  "application/vnd.etsi.tsl+xml",
	".sha2": "text/plain; charset=us-ascii",
	".json": "application/json",
	".jws":  "application/jose",
	".html": "text/html; charset=utf-8",
	".pem":  "application/x-pem-file",
	"":      "text/plain; charset=utf-8",
}

// ContentType returns the media type a release file is served with.
func ContentType(name string) string {
	if name == FileMRAPointer { // an element of a list of lists, not a list
		return "application/xml"
	}
	// A list of trusted entities is not a TS 119 612 list: TS 119 602
	// names its XML binding application/xml (history keeps the name
	// below history/<seq>/).
	if path.Ext(name) == ".xml" && strings.Contains(name, DirLoTE+"/") {
		return "application/xml"
	}
	if t, ok := contentTypes[path.Ext(name)]; ok {
		return t
	}
	return "application/octet-stream"
}

// cacheControl returns the cache hint for a release file. TS 119 612
// clause 6.1 asks for at most 4 hours on the list; history never changes.
func cacheControl(name string) string {
	if len(name) > len(DirHistory) && name[:len(DirHistory)+1] == DirHistory+"/" {
		return "public, max-age=31536000, immutable"
	}
	return "public, max-age=3600"
}

// SHA2 is what a list's .sha2 file holds (EU DSS rule R21): the list's
// SHA-256 as 64 lowercase hexadecimal characters, nothing else (no
// newline). The build writes it; the previous-release check and jtsl
// status --url compare a .sha2 with it; the signing station pins the
// files of a prepared folder by it too.
func SHA2(list []byte) string {
	sum := sha256.Sum256(list)
	return hex.EncodeToString(sum[:])
}
