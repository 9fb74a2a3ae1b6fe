// Package xades makes and checks the enveloped XAdES-B-B signature of a
// trusted list (ETSI TS 119 612 v2.4.1 clause 5.7 and annex B, ETSI EN 319
// 132-1).
//
// Sign produces exactly the profile EU DSS's TrustedListV6 signer makes:
// one ds:Signature as the last child of the root; SignedInfo with
// exclusive c14n; a Reference URI="" with the enveloped-signature and
// exclusive c14n transforms; a second Reference to SignedProperties with
// its Type; SigningTime, SigningCertificateV2 (no v1) and a
// DataObjectFormat with MimeType application/vnd.etsi.tsl+xml; KeyInfo with
// the signer certificate only. RSA is PKCS#1 v1.5; ECDSA values are raw
// r‖s as XML-DSig requires.
//
// Verify checks any list's signature and reports named checks with the
// EU DSS rule each implements; the names, rules and their meaning are the
// registry of package verify (docs/checks.md), which a test holds to the
// checks written here. Package verify is the only caller: it is how a
// list is checked, everywhere. Verify is built against signature
// wrapping: every Id in the document must be unique, the signature must
// be the one ds:Signature and a child of the root, the whole-document
// reference must carry the enveloped transform (or the XPath filter
// below), no other reference may sign part of the document only (EU
// DSS's FullScope), and the SignedProperties
// reference must point at the one SignedProperties element of the
// signature's QualifyingProperties.
//
// Every canonicalisation (exclusive and inclusive 1.0, 1.1, with and without
// comments) and RSA digest is checked against xmlsec1 in the tests; RSA-PSS
// only against our own signer, as xmlsec1 1.2 does not implement it.
//
// Brainpool ECDSA keys (RFC 5639), which crypto/x509 cannot parse, are
// read by a lenient parser and verified on their a = −3 twins (tested
// against xmlsec1 with an OpenSSL-made key).
//
// Of XPath-filter transforms only not(ancestor-or-self::ds:Signature) is
// read (the 2015 Portuguese list signs with it): over a list with one
// signature it is the enveloped transform, and it counts as that for
// FullScope (R13) and DataObjectFormat, as in EU DSS. Any other expression
// is unsupported, and such a reference is never full scope.
package xades
