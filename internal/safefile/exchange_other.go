//go:build !linux && !darwin

package safefile

// Other systems (Windows, the BSDs) have no exchange: Exchange says so
// and the caller falls back to two renames.
func exchange(a, b string) error { return ErrNoExchange }
