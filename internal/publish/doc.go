// Package publish turns sources into a release and puts it live.
//
// Build runs the producer path of DESIGN.md: load and validate the sources,
// lint them, encode the list (ETSI TS 119 612 v2.4.1), check the signer
// certificate's profile (clause 5.7.1), sign (XAdES-B-B), verify the signed
// bytes with the consumer's own checks, derive the JSON mirror, its JWS and
// the HTML page, and assemble the whole release in a staging folder beside
// the output folder.
//
// Going live is one atomic step: on Linux the staging folder and the output
// folder are exchanged with renameat2(RENAME_EXCHANGE), so a reader (or a
// crash, or kill -9) sees either the previous complete release or the new
// one, never a mix. Earlier releases are kept byte-for-byte under
// history/<sequence>/ (hard links, so nothing is copied).
//
// Known limitation: on file systems or kernels without RENAME_EXCHANGE the
// swap falls back to two renames, with a moment in which the output folder
// does not exist (it is never half-written). NFS gives no atomicity at all.
package publish
