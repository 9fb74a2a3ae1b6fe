package lote

// A trusted entity's information and an associated body (tie schema) have
// the same five fields under other names: a name, a trade name, an
// address, information URIs and extensions. Both bindings read and write
// them through one description, a party.
type party struct {
	ns, prefix                  string // the XML namespace of the names, and its prefix
	name, trade, addr, uri, ext string
	postal, electronic          string // the address's JSON members
	onePostal                   bool   // JSON: one postal address object, not an array
}

var (
	entityParty = party{NS, pLoTE, "TEName", "TETradeName", "TEAddress", "TEInformationURI", "TEInformationExtensions",
		"TEPostalAddress", "TEElectronicAddress", false}
	bodyParty = party{NSTIE, pTIE, "AssociatedBodyName", "AssociatedBodyTradeName", "AssociatedBodyAddress",
		"AssociatedBodyInformationURI", "AssociatedBodyInformationExtensions",
		"AssociatedBodyPostalAddress", "AssociatedBodyElectronicAddress", true}
)

// info returns the entity's TrustedEntityInformation as a party's fields.
func (t *Entity) info() *AssociatedBody {
	return &AssociatedBody{Name: t.Name, TradeName: t.TradeName, Address: t.Address, InformationURI: t.InformationURI, Extensions: t.Extensions}
}

// setInfo sets the entity's TrustedEntityInformation from a party's fields.
func (t *Entity) setInfo(b AssociatedBody) {
	t.Name, t.TradeName, t.Address, t.InformationURI, t.Extensions = b.Name, b.TradeName, b.Address, b.InformationURI, b.Extensions
}
