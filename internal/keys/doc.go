// Package keys turns the places a scheme operator keeps its trusted-list
// signing key into one shape: a crypto.Signer with its certificate (a Key).
// The sources are PEM files (LoadPEM), a PKCS#12 file (LoadPKCS12) and a
// key on a PKCS#11 token named by an RFC 7512 URI (OpenPKCS11).
//
// CheckProfile checks a signing certificate against the TLSO certificate
// profile of ETSI TS 119 612 v2.4.1 clause 5.7.1 before anything is signed:
// subject C and O, key usage, extended key usage id-tsl-kp-tslSigning,
// basic constraints, subject key identifier, key strength and validity.
// NewRequest and NewSelfSigned make requests and certificates with exactly
// that profile; DevKey keeps a self-signed development key for local builds.
//
// Secrets (PINs, passwords) are passed in by the caller; this package never
// reads the environment and never puts a secret in an error.
//
// Limitations: encrypted PEM keys are refused (use PKCS#12 or a token);
// CheckProfile does not check who issued the certificate (5.7.1 allows the
// scheme operator itself or a trust service listed in the list, which only
// the caller can know); PKCS#11 needs a cgo build, and a PKCS#11 URI may use
// only the attributes listed at ParsePKCS11URI.
package keys
