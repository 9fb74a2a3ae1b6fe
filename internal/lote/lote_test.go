package lote

import (
	"testing"
	"time"
)

func TestServiceAt(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	s := Service{
		Status: "granted", StatusStartingTime: day(10),
		History: []HistoryInstance{
			{Status: "withdrawn", StatusStartingTime: day(5)},
			{Status: "granted", StatusStartingTime: day(1)},
		},
	}
	for _, tc := range []struct {
		at     time.Time
		status string
		since  time.Time
		ok     bool
	}{
		{day(20), "granted", day(10), true},
		{day(10), "granted", day(10), true},
		{day(7), "withdrawn", day(5), true},
		{day(1), "granted", day(1), true},
		{day(1).Add(-time.Second), "", time.Time{}, false},
	} {
		status, since, ok := s.At(tc.at)
		if status != tc.status || !since.Equal(tc.since) || ok != tc.ok {
			t.Errorf("At(%v) = %q, %v, %v; want %q, %v, %v", tc.at, status, since, ok, tc.status, tc.since, tc.ok)
		}
	}
	var none Service
	if _, _, ok := none.At(day(1)); ok {
		t.Error("a service without status has a status")
	}
}
