// Package c14n canonicalises XML (W3C Canonical XML 1.0 and 1.1, Exclusive
// XML Canonicalization 1.0, with and without comments) over etree trees.
//
// It is a codec: it knows nothing of signatures, so that whoever needs
// canonical XML without signing (the MRA block of a pointer, the digests
// of the signing station) does not import the signer. Package xades
// digests through it.
//
// Exclusive canonicalisation without comments, what every trusted list is
// signed with, is written straight from the tree (Exc, ExcTo,
// ExcDocumentTo) and streamed into a digest; the other algorithms go
// through goxmldsig on a detached copy. The streaming form is held to
// goxmldsig's on every corpus list and by a differential fuzz target
// (FuzzExcC14N); every algorithm is checked against xmlsec1 in package
// xades' tests.
package c14n
