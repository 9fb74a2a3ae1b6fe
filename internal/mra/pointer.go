package mra

import (
	"crypto/x509"
	"fmt"

	"github.com/beevik/etree"

	"github.com/jtsl/jtsl/internal/model"
	"github.com/jtsl/jtsl/internal/tsl"
)

// MimeTypeTSL is the MIME type a pointer gives for an XML trusted list
// (clause 5.3.13; EU DSS follows only pointers with an XML type).
const MimeTypeTSL = "application/vnd.etsi.tsl+xml"

// PointerTo returns the pointer a list of lists holds to list l, which it
// finds at location and accepts when signed by one of signers, carrying
// block (Marshal's): what the EC's AdES LOTL would hold for the J-TSL
// (TSLType, operator name, community rules and territory taken from l).
func PointerTo(l *model.List, location string, signers []*x509.Certificate, block string) model.Pointer {
	s := &l.Scheme
	p := model.Pointer{Location: location}
	for _, c := range signers {
		p.Identities = append(p.Identities, model.DigitalIdentity{{Certificate: c.Raw}})
	}
	for _, o := range []model.OtherInformation{
		{TSLType: s.Type}, {SchemeOperatorName: s.OperatorName}, {SchemeTypeCommunityRules: s.CommunityRules},
		{SchemeTerritory: s.Territory}, {MimeType: MimeTypeTSL}, {XML: block},
	} {
		p.AdditionalInformation = append(p.AdditionalInformation, model.PointerInfo{Other: &o})
	}
	return p
}

// PointerXML encodes p as a self-contained tsl:OtherTSLPointer element,
// every namespace it uses declared on it, as a LOTL would hold it.
func PointerXML(p *model.Pointer) ([]byte, error) {
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	w := &tsl.FragmentEncoder{}
	w.Pointer(&doc.Element, p)
	root := doc.Root()
	for _, pr := range tsl.FragmentPrefixes {
		if pr.Prefix != "mra" { // the block declares its own
			root.CreateAttr("xmlns:"+pr.Prefix, pr.NS)
		}
	}
	w.Finish(root, 0)
	if err := w.Err(); err != nil {
		return nil, fmt.Errorf("pointer: %w", err)
	}
	out, err := doc.WriteToBytes()
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
