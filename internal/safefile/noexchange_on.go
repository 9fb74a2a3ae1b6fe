//go:build jtsl_noexchange

package safefile

const noExchange = true
