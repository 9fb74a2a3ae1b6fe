// Package release owns the output folder: the lock that keeps two builds
// apart, the staging folder a release is written into, the manifest and
// the _headers file, the history of earlier releases, and the step that
// puts a release live.
//
// Going live is one atomic step where the system allows it: on Linux the
// staging folder and the output folder are exchanged with
// renameat2(RENAME_EXCHANGE), on macOS with renamex_np(RENAME_SWAP), so a
// reader (or a crash, or kill -9) sees either the previous complete
// release or the new one, never a mix. Earlier releases are kept
// byte-for-byte under history/<sequence>/ (hard links, so nothing is
// copied), and checked against the manifest before every build.
//
// Elsewhere (Windows, file systems without the exchange) the live release
// is renamed aside and the new one renamed in: the output folder is
// briefly absent, never half-written, and the previous release is never
// deleted before the new one is live; the next build puts it back after
// a crash between the two renames. NFS gives no atomicity at all.
package release
