package source

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jtsl/jtsl/internal/model"
)

// Node builders.

func str2(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.ContainsAny(s, "\n\r\t") || s != strings.TrimSpace(s) {
		n.Style = yaml.DoubleQuotedStyle // block scalars do not keep edge whitespace
	}
	return n
}

func scalar(v any) *yaml.Node {
	switch x := v.(type) {
	case string:
		return str2(x)
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(x)}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(x)}
	}
	panic("scalar")
}

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		v, ok := kv[i+1].(*yaml.Node)
		if !ok {
			v = scalar(kv[i+1])
		}
		if v == nil {
			continue
		}
		n.Content = append(n.Content, str2(kv[i].(string)), v)
	}
	return n
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

// multi writes {en: …, ja: …} when that form gives m back exactly (English
// present, each language once, no empty value), else [{lang: value}…].
func multi(m model.MultiLang) *yaml.Node {
	if m == nil {
		return nil
	}
	seen := map[string]bool{}
	mapForm := m.Get("en") != ""
	for _, s := range m {
		if seen[s.Lang] || s.Value == "" {
			mapForm = false
		}
		seen[s.Lang] = true
	}
	if mapForm {
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, s := range m {
			n.Content = append(n.Content, str2(s.Lang), str2(s.Value))
		}
		return n
	}
	n := seq()
	for _, s := range m {
		n.Content = append(n.Content, mapping(s.Lang, s.Value))
	}
	return n
}

func timeNode(t interface{ Format(string) string }) *yaml.Node {
	return str2(t.Format(model.TimeLayout))
}

func oidNodes(ids []model.ObjectIdentifier) *yaml.Node {
	n := seq()
	for _, id := range ids {
		kv := []any{"identifier", id.Identifier}
		if id.Qualifier != "" {
			kv = append(kv, "qualifier", id.Qualifier)
		}
		if id.Description != "" {
			kv = append(kv, "description", id.Description)
		}
		if id.DocumentationReferences != nil {
			r := seq()
			for _, u := range id.DocumentationReferences {
				r.Content = append(r.Content, str2(u))
			}
			kv = append(kv, "documentation_references", r)
		}
		n.Content = append(n.Content, mapping(kv...))
	}
	return n
}

func criteriaNode(cl model.CriteriaList) *yaml.Node {
	kv := []any{}
	if cl.Assert != "" {
		kv = append(kv, "assert", cl.Assert)
	}
	if cl.KeyUsage != nil {
		ku := seq()
		for _, bits := range cl.KeyUsage {
			b := seq()
			for _, bit := range bits {
				b.Content = append(b.Content, mapping("name", bit.Name, "value", bit.Value))
			}
			ku.Content = append(ku.Content, b)
		}
		kv = append(kv, "key_usage", ku)
	}
	if cl.PolicySets != nil {
		ps := seq()
		for _, set := range cl.PolicySets {
			ps.Content = append(ps.Content, oidNodes(set))
		}
		kv = append(kv, "policy_sets", ps)
	}
	if cl.CriteriaList != nil {
		c := seq()
		for _, n := range cl.CriteriaList {
			c.Content = append(c.Content, criteriaNode(n))
		}
		kv = append(kv, "criteria", c)
	}
	if cl.Description != "" {
		kv = append(kv, "description", cl.Description)
	}
	if cl.Other != nil {
		o := seq()
		for _, it := range cl.Other.Items {
			switch {
			case it.ExtendedKeyUsage != nil:
				o.Content = append(o.Content, mapping("extended_key_usage", oidNodes(it.ExtendedKeyUsage)))
			case it.CertSubjectDNAttribute != nil:
				o.Content = append(o.Content, mapping("cert_subject_dn_attribute", oidNodes(it.CertSubjectDNAttribute)))
			case it.QcStatementSet != nil:
				qs := seq()
				for _, st := range it.QcStatementSet {
					kv := []any{"id", oidNodes([]model.ObjectIdentifier{st.ID}).Content[0]}
					if st.QcType != nil {
						kv = append(kv, "qc_type", oidNodes([]model.ObjectIdentifier{*st.QcType}).Content[0])
					}
					if st.QcCClegislation != nil {
						kv = append(kv, "legislation", *st.QcCClegislation)
					}
					qs.Content = append(qs.Content, mapping(kv...))
				}
				o.Content = append(o.Content, mapping("qc_statements", qs))
			default:
				o.Content = append(o.Content, mapping("xml", it.XML))
			}
		}
		kv = append(kv, "other", o)
	}
	return mapping(kv...)
}
