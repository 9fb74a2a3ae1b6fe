// Package lint holds the semantic rules a supervisory body applies to the
// sources beyond their JSON Schema: the requirements of ETSI TS 119 612
// v2.4.1 that a schema cannot express, the checks of the EC TL Manager
// (docs/peers.md §2.3 in the shared folder) and the J-TSL's own policy.
//
// Each rule has a stable ID (JTSLnnn, never renumbered or reused), a title,
// documentation with a bad and a good example, and a severity; the
// registry in rules.go is sorted by ID and docs/rules.md is generated from
// it. Rules that are J-TSL policy apply only when the territory is JP.
package lint
