package model

import (
	"reflect"
	"testing"
)

func TestRegistrationIDs(t *testing.T) {
	tsp := TSP{TradeName: MultiLang{
		{"en", "Example Trust"},
		{"en", "NTRJP-9011101056789"},
		{"ja", "エグザンプル"},
		{"en", "VATEE-100131113"},
		{"en", "TINKERS"}, // DSS goes by the prefix alone
	}}
	want := []string{"NTRJP-9011101056789", "VATEE-100131113", "TINKERS"}
	if got := tsp.RegistrationIDs(); !reflect.DeepEqual(got, want) {
		t.Errorf("RegistrationIDs() = %q, want %q", got, want)
	}
	if got := (&TSP{}).RegistrationIDs(); got != nil {
		t.Errorf("no trade name: %q", got)
	}
}
