package model

import "strings"

// RegistrationIDTypes are the prefixes that mark a TSPTradeName value as an
// official registration identifier (TS 119 612 clause 5.4.2): VAT and NTR
// for legal persons, PAS, IDC, PNO and TIN for natural persons.
var RegistrationIDTypes = []string{"VAT", "NTR", "PAS", "IDC", "PNO", "TIN"}

// RegistrationIDs returns the TSPTradeName values of t that are official
// registration identifiers (clause 5.4.2), in document order. Like EU DSS
// (OfficialRegistrationIdentifierPredicate, rule R27 of docs/checks.md)
// it goes by the prefix alone, so that real lists match however they
// spell the rest.
func (t *TSP) RegistrationIDs() []string {
	var ids []string
	for _, n := range t.TradeName {
		for _, p := range RegistrationIDTypes {
			if strings.HasPrefix(n.Value, p) {
				ids = append(ids, n.Value)
				break
			}
		}
	}
	return ids
}
