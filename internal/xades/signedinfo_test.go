package xades

import (
	"fmt"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/c14n"
	"github.com/jtsl/jtsl/internal/model"
)

// canonicalSignedInfo returns the canonical SignedInfo of a ds:Signature
// element, as its SignatureValue signs it. Tests that re-sign a modified
// signature use it.
func canonicalSignedInfo(sig *etree.Element) ([]byte, error) {
	si, _ := child(sig, model.NSDS, "SignedInfo")
	if si == nil {
		return nil, fmt.Errorf("no SignedInfo")
	}
	cm, _ := child(si, model.NSDS, "CanonicalizationMethod")
	return c14n.Canonicalize(si, algAttr(cm), "")
}
