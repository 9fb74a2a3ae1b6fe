// Package jws signs and verifies compact JSON Web Signatures as JAdES-B-B
// (ETSI TS 119 182-1): the signer certificate in x5c, the signing time in
// sigT. It serves the J-TSL's JSON mirror and the JSON binding of lists of
// trusted entities, and is built on the standard library so that any
// crypto.Signer (an HSM) signs.
package jws
