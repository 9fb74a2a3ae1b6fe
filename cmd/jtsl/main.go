// Command jtsl compiles, signs, verifies and publishes the Japanese trusted
// list (J-TSL) in the ETSI TS 119 612 format. See the README for the two
// commands a new user needs.
package main

import "os"

func main() {
	tuneGC()
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}
