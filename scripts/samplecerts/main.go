// Command samplecerts writes the generated certificates of the sample
// J-TSL into sources/certs, and those of the sample lists of trusted
// entities into sources/lote/certs (see internal/samplecerts: the same
// bytes on every run). The real certificates beside them are copied from
// ../shared/corpus, never written here.
//
// Usage: go run ./scripts/samplecerts [-out sources/certs] [-lote-out sources/lote/certs]
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
	out := flag.String("out", "sources/certs", "output folder of the J-TSL's certificates")
	loteOut := flag.String("lote-out", "sources/lote/certs", "output folder of the lists of trusted entities' certificates")
	flag.Parse()
	for _, w := range []struct {
		dir   string
		files func() (map[string][]byte, error)
	}{{*out, samplecerts.Files}, {*loteOut, samplecerts.LoTEFiles}} {
		if err := write(w.dir, w.files); err != nil {
			log.Fatal(err)
		}
	}
}

func write(dir string, gen func() (map[string][]byte, error)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files, err := gen()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", p)
	}
	return nil
}
