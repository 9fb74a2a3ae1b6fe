// Command samplecerts writes the generated certificates of the sample
// J-TSL into sources/certs (see internal/samplecerts: the same bytes on
// every run). The real certificates beside them are copied from
// ../shared/corpus, never written here.
//
// Usage: go run ./scripts/samplecerts [-out sources/certs]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"

	"github.com/jtsl/jtsl/internal/samplecerts"
)

func main() {
	out := flag.String("out", "sources/certs", "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	files, err := samplecerts.Files()
	if err != nil {
		log.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(*out, n)
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Println("wrote", p)
	}
}
