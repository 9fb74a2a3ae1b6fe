//go:build !linux

package publish

import "errors"

// exchange has no one-step folder swap outside Linux: swap falls back to
// two renames (out is briefly absent, never half-written).
func exchange(a, b string) error { return errors.ErrUnsupported }
