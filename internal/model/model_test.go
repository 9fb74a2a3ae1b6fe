package model

import "testing"

func TestMultiLangGet(t *testing.T) {
	m := MultiLang{{"en", "Digital Agency"}, {"ja", "デジタル庁"}}
	if m.Get("ja") != "デジタル庁" || m.Get("fr") != "" {
		t.Errorf("Get: %q %q", m.Get("ja"), m.Get("fr"))
	}
}

func TestCountryURIs(t *testing.T) {
	tests := map[string]string{
		CountryList("JP"):          "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/JPlist",
		CountryDetermination("JP"): "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/JPdetermination",
		CountryRules("JP"):         "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/JP",
	}
	for got, want := range tests {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}

func TestVocabulariesUnique(t *testing.T) {
	for name, list := range map[string][]string{"ServiceTypes": ServiceTypes, "ServiceStatuses": ServiceStatuses, "Qualifiers": Qualifiers} {
		seen := map[string]bool{}
		for _, u := range list {
			if seen[u] {
				t.Errorf("%s lists %s twice", name, u)
			}
			seen[u] = true
		}
	}
}
