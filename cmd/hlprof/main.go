// Command hlprof is healthloc with a CPU profile (HLPROF=file). Local only.
package main

import (
	"os"
	"runtime/pprof"

	"github.com/healthloc/healthloc/internal/cli"
)

func main() {
	if f := os.Getenv("HLPROF"); f != "" {
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		code := cli.Main()
		pprof.StopCPUProfile()
		out.Close()
		os.Exit(code)
	}
	os.Exit(cli.Main())
}
