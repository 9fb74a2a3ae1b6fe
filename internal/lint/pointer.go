package lint

import (
	"slices"
	"strings"

	"github.com/jtsl/jtsl/internal/model"
)

// Rules on PointersToOtherTSL (TS 119 612 clause 5.3.13), as the EC TL
// Manager checks them and as EU DSS reads them (docs/checks.md R29, R30).

// pointerQualifiers are the OtherInformation qualifiers every pointer
// carries (clause 5.3.13), with the YAML key and an example value.
var pointerQualifiers = []struct{ key, example string }{
	{"tsl_type", model.TSLTypeEUListOfTheLists},
	{"scheme_operator_name", "{en: European Commission}"},
	{"scheme_type_community_rules", "{en: " + model.SchemeRulesEUListOfTheLists + "}"},
	{"scheme_territory", "EU"},
	{"mime_type", model.MediaTypeTSL},
}

func pointerComplete(p *Pass) {
	for i := range p.Set.List.Scheme.Pointers {
		ptr := &p.Set.List.Scheme.Pointers[i]
		base := p.loc(ptr)
		cert := slices.ContainsFunc(ptr.Identities, func(id model.DigitalIdentity) bool {
			return slices.ContainsFunc(id, func(d model.DigitalID) bool { return d.Certificate != nil })
		})
		if !cert {
			p.at(base.Nearest("identities"), fix("add the pointed list's signing certificate", "identities: [{certificate: certs/<signer>.pem}]"),
				"the pointer to %s names no signing certificate: consumers accept only the certificates listed here as that list's signers (clause 5.3.13; DSS rule R30)", ptr.Location)
		}
		got := map[string]bool{}
		for _, info := range ptr.AdditionalInformation {
			if o := info.Other; o != nil {
				got["tsl_type"] = got["tsl_type"] || o.TSLType != ""
				got["scheme_operator_name"] = got["scheme_operator_name"] || o.SchemeOperatorName != nil
				got["scheme_type_community_rules"] = got["scheme_type_community_rules"] || o.SchemeTypeCommunityRules != nil
				got["scheme_territory"] = got["scheme_territory"] || o.SchemeTerritory != ""
				got["mime_type"] = got["mime_type"] || o.MimeType != ""
			}
		}
		var missing []string
		for _, q := range pointerQualifiers {
			if !got[q.key] {
				missing = append(missing, q.key)
			}
		}
		if len(missing) > 0 {
			q := pointerQualifiers[slices.IndexFunc(pointerQualifiers, func(q struct{ key, example string }) bool { return q.key == missing[0] })]
			p.at(base.Nearest("additional_information"), fix("add the missing qualifiers", "- "+q.key+": "+q.example),
				"the pointer to %s lacks %s in its additional information (clause 5.3.13; DSS needs mime_type, rule R29)", ptr.Location, strings.Join(missing, ", "))
		}
	}
}

func pointerConsistent(p *Pass) {
	for _, ptr := range p.Set.List.Scheme.Pointers {
		cc := ""
		for _, info := range ptr.AdditionalInformation {
			if o := info.Other; o != nil && cc == "" {
				cc = o.SchemeTerritory
			}
		}
		for k := range ptr.AdditionalInformation {
			info := &ptr.AdditionalInformation[k]
			o := info.Other
			if o == nil {
				continue
			}
			at := p.loc(info)
			if o.MimeType != "" && o.MimeType != model.MediaTypeTSL && o.MimeType != model.MediaTypePDF {
				p.at(at.Key("mime_type"), fix("use the trusted-list media type", model.MediaTypeTSL),
					"mime_type %q is neither %s nor %s (clause 5.3.13, clause 6.2.1.1)", o.MimeType, model.MediaTypeTSL, model.MediaTypePDF)
			}
			if cc == "" {
				continue
			}
			types, _, rules := schemeURIs(cc)
			if o.TSLType != "" && strings.HasPrefix(o.TSLType, model.TSLTypePrefix) && !slices.Contains(types, o.TSLType) {
				p.at(at.Key("tsl_type"), fix("use the TSLType of territory "+cc, types[0]),
					"tsl_type %s does not match the pointer's scheme_territory %s, which takes %s", o.TSLType, cc, strings.Join(types, " or "))
			}
			for j := range o.SchemeTypeCommunityRules {
				v := o.SchemeTypeCommunityRules[j].Value
				if strings.HasPrefix(v, model.SchemeRulesPrefix) && !slices.Contains(rules, v) && !strings.HasPrefix(v, model.CountryRules(cc)+"/") {
					p.at(p.loc(&o.SchemeTypeCommunityRules[j]), fix("use the community rules of territory "+cc, rules[len(rules)-1]),
						"scheme_type_community_rules %s does not match the pointer's scheme_territory %s, which takes %s", v, cc, strings.Join(rules, " and "))
				}
			}
		}
	}
}
