//go:build !jtsl_noexchange

package safefile

// noExchange is set by the build tag jtsl_noexchange, which makes
// Exchange always fail: the tests of the two-rename fallback (and the
// kill test's second run) build with it on a system that can exchange.
const noExchange = false
